/** A second, deliberately simple implementation of the analyses, for the property tests.
 *
 * Plain loops over every route and every pair, addresses as bigints, no index, no cache, no
 * compiled tables, and no code shared with the production path except the model types. Route
 * selection works address range by address range: the block is cut at every route boundary and
 * each piece asks every route "do you contain me?". The rules are the ones docs/route-selection.md
 * states.
 */
import type { PeeringId, VpcId } from '../../../../shared/model/ids';
import type { Peering, Route, RouteTable, Topology } from '../../../../shared/model/topology';

/** A parsed block. */
export interface Block {
  readonly fam: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
  readonly prefix: number;
}

/** Parse dotted IPv4 or (compressed or full) IPv6 CIDR text; null for anything else (`pl-…`). */
export function parse(text: string): Block | null {
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const address = text.slice(0, slash).trim().toLowerCase();
  const prefix = Number(text.slice(slash + 1));
  let value = 0n;
  let fam: 4 | 6;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(address)) {
    fam = 4;
    for (const part of address.split('.')) value = value * 256n + BigInt(part);
  } else if (/^[0-9a-f:]+$/.test(address)) {
    fam = 6;
    const [left, right] = address.includes('::') ? address.split('::') : [address, undefined];
    const head = left ? left.split(':') : [];
    const tail = right ? right.split(':') : [];
    const groups = right === undefined ? head : [...head, ...new Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
    for (const g of groups) value = value * 65536n + BigInt(`0x${g}`);
  } else {
    return null;
  }
  const width = fam === 4 ? 32 : 128;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) return null;
  const size = 1n << BigInt(width - prefix);
  const start = (value / size) * size;
  return { fam, start, end: start + size - 1n, prefix };
}

/** A key naming a block whatever its spelling. */
export function key(b: Block): string {
  return `${b.fam}|${b.start}|${b.prefix}`;
}

function contains(outer: Block, inner: Block): boolean {
  return outer.fam === inner.fam && outer.start <= inner.start && inner.end <= outer.end;
}

function overlaps(a: Block, b: Block): boolean {
  return a.fam === b.fam && a.start <= b.end && b.start <= a.end;
}

const HELD = ['associated', 'associating', 'disassociating'];
const FINAL = ['deleted', 'rejected', 'failed', 'expired'];

/** The blocks of a VPC: its own held ones when scanned, else those of its best peering side; undefined when unknown. */
export function vpcBlocks(t: Topology, vpcId: VpcId): Block[] | undefined {
  for (const v of t.vpcs) {
    if (v.id !== vpcId) continue;
    const out: Block[] = [];
    for (const b of v.cidrBlocks) {
      const parsed = HELD.includes(b.state) ? parse(b.cidr) : null;
      if (parsed) out.push(parsed);
    }
    return out;
  }
  // Score every side naming it, then take the highest score: has blocks, active, newest, not final, listed first.
  let best: { score: number[]; texts: string[] } | undefined;
  for (let i = 0; i < t.peerings.length; i++) {
    const p = t.peerings[i]!;
    for (const side of [p.requester, p.accepter]) {
      if (side.vpcId !== vpcId) continue;
      const texts = [...side.cidrBlocks, ...side.ipv6CidrBlocks];
      const expires = p.expirationTime ? Date.parse(p.expirationTime) : -Infinity;
      const score = [texts.length > 0 ? 1 : 0, p.status === 'active' ? 1 : 0, expires, FINAL.includes(p.status) ? 0 : 1, -i];
      let better = !best;
      for (let k = 0; best && k < score.length; k++) {
        if (score[k] !== best.score[k]) {
          better = score[k]! > best.score[k]!;
          break;
        }
      }
      if (better) best = { score, texts };
    }
  }
  if (!best) return undefined;
  const out: Block[] = [];
  for (const text of best.texts) {
    const parsed = parse(text);
    if (parsed) out.push(parsed);
  }
  return out;
}

/** Every VPC id the topology knows: scanned ones and those named by a peering side. */
export function knownVpcIds(t: Topology): VpcId[] {
  const ids: VpcId[] = [];
  for (const v of t.vpcs) if (!ids.includes(v.id)) ids.push(v.id);
  for (const p of t.peerings) for (const side of [p.requester, p.accepter]) if (!ids.includes(side.vpcId)) ids.push(side.vpcId);
  return ids;
}

interface Candidate {
  readonly route: Route;
  readonly block: Block;
  /** 2 static, 0 propagated. */
  readonly priority: number;
  readonly order: number;
}

function candidatesOf(table: RouteTable, fam: 4 | 6): Candidate[] {
  const out: Candidate[] = [];
  table.routes.forEach((route, order) => {
    const block = parse(route.destination);
    if (block && block.fam === fam) out.push({ route, block, priority: route.origin === 'EnableVgwRoutePropagation' ? 0 : 2, order });
  });
  return out;
}

/** The route deciding for one address: the longest prefix, then static over propagated, then the first listed. */
function winnerAt(candidates: readonly Candidate[], address: bigint): Candidate | undefined {
  let best: Candidate | undefined;
  for (const c of candidates) {
    if (address < c.block.start || address > c.block.end) continue;
    if (!best || c.block.prefix > best.block.prefix || (c.block.prefix === best.block.prefix && c.priority > best.priority)) best = c;
  }
  return best;
}

/** The deciding route of each piece of `block` cut at every route boundary (undefined: no route). */
function winnersOver(table: RouteTable, block: Block): (Candidate | undefined)[] {
  const candidates = candidatesOf(table, block.fam);
  const cuts = [block.start];
  for (const c of candidates) {
    for (const at of [c.block.start, c.block.end + 1n]) if (at > block.start && at <= block.end && !cuts.includes(at)) cuts.push(at);
  }
  cuts.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return cuts.map((at) => winnerAt(candidates, at));
}

function goesTo(route: Route | undefined, peeringId: PeeringId): boolean {
  return route !== undefined && route.target.kind === 'peering' && route.target.peeringId === peeringId;
}

/** How `table` treats `block` for `peeringId`: ok, partial, blackhole, elsewhere, missing, or unknown (a prefix list may carry it). */
export function judgeBlock(table: RouteTable, block: Block, peeringId: PeeringId): string {
  const winners = winnersOver(table, block);
  const to = (w: Candidate | undefined) => w !== undefined && w.route.state === 'active' && goesTo(w.route, peeringId);
  if (winners.every(to)) return 'ok';
  const list = table.routes.some((r) => r.destination.startsWith('pl-') && r.state === 'active' && goesTo(r, peeringId));
  if (list) {
    // A list entry is no more specific than the block: it can take a piece that nothing routes,
    // or that a route wider than the block, or a propagated route of the block itself, routes.
    const takeable = (w: Candidate | undefined) => w === undefined || w.block.prefix < block.prefix || (w.block.prefix === block.prefix && w.priority === 0);
    if (winners.some(takeable) && winners.every((w) => takeable(w) || to(w))) return 'unknown';
  }
  if (winners.some(to)) return 'partial';
  if (winners.some((w) => goesTo(w?.route, peeringId))) return 'blackhole';
  if (winners.some((w) => w !== undefined && w.block.prefix > 0)) return 'elsewhere';
  return 'missing';
}

/** True when `route` decides for some address of `block` in `table`. */
export function routeDecidesIn(table: RouteTable, route: Route, block: Block): boolean {
  return winnersOver(table, block).some((w) => w?.route === route);
}

/** One side's route completeness: summary, and per serving table the state of each peer block (by `key`). */
export function sideCompleteness(t: Topology, p: Peering, role: 'requester' | 'accepter'): { summary: string; tables: Record<string, Record<string, string>> } {
  const own = role === 'requester' ? p.requester.vpcId : p.accepter.vpcId;
  const peer = role === 'requester' ? p.accepter.vpcId : p.requester.vpcId;
  // A scanned VPC (its tables read) without subnets: nothing can cross the peering either way.
  const empty = (id: string) => t.vpcs.some((v) => v.id === id) && t.routeTables.some((rt) => rt.vpcId === id) && !t.subnets.some((s) => s.vpcId === id);
  if (empty(own) || empty(peer)) return { summary: 'nothing-to-route', tables: {} };
  if (!t.vpcs.some((v) => v.id === own)) return { summary: 'unknown', tables: {} };
  const tables = t.routeTables.filter((rt) => rt.vpcId === own);
  if (tables.length === 0) return { summary: 'unknown', tables: {} };
  const subnets = t.subnets.filter((s) => s.vpcId === own);
  const implicit = subnets.filter((s) => !tables.some((rt) => rt.subnetIds.includes(s.id)));
  const serving = tables.filter((rt) => rt.subnetIds.length > 0 || (rt.main && implicit.length > 0));
  if (serving.length === 0) return { summary: 'none', tables: {} };
  const ownHasIpv6 = (vpcBlocks(t, own) ?? []).some((b) => b.fam === 6);
  const blocks = (vpcBlocks(t, peer) ?? []).filter((b) => ownHasIpv6 || b.fam === 4);
  if (blocks.length === 0) return { summary: 'unknown', tables: {} };
  const out: Record<string, Record<string, string>> = {};
  let ok = 0;
  let some = 0;
  for (const rt of serving) {
    out[rt.id] = {};
    for (const b of blocks) {
      const state = judgeBlock(rt, b, p.id);
      out[rt.id]![key(b)] = state;
      if (state === 'ok') ok++;
      if (state === 'ok' || state === 'partial' || state === 'unknown') some++;
    }
  }
  return { summary: ok === serving.length * blocks.length ? 'complete' : some === 0 ? 'none' : 'partial', tables: out };
}

/** Overlapping VPC pairs (`a|b`, a < b) with their overlapping block pairs (`keyA~keyB`, sorted). */
export function conflicts(t: Topology): Record<string, string[]> {
  const ids = knownVpcIds(t).sort();
  const out: Record<string, string[]> = {};
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const pairs: string[] = [];
      for (const a of vpcBlocks(t, ids[i]!) ?? []) for (const b of vpcBlocks(t, ids[j]!) ?? []) if (overlaps(a, b)) pairs.push(`${key(a)}~${key(b)}`);
      if (pairs.length > 0) out[`${ids[i]}|${ids[j]}`] = pairs.sort();
    }
  }
  return out;
}

/** Routing ambiguities: a hub with live peerings to two VPCs whose blocks overlap (`hub>a:keyA~b:keyB`, sorted). */
export function ambiguities(t: Topology): string[] {
  const out: string[] = [];
  for (const hub of knownVpcIds(t)) {
    const peers: VpcId[] = [];
    for (const p of t.peerings) {
      if (FINAL.includes(p.status)) continue;
      const other = p.requester.vpcId === hub ? p.accepter.vpcId : p.accepter.vpcId === hub ? p.requester.vpcId : undefined;
      if (other && other !== hub && !peers.includes(other)) peers.push(other);
    }
    peers.sort();
    for (let i = 0; i < peers.length; i++) {
      for (let j = i + 1; j < peers.length; j++) {
        for (const a of vpcBlocks(t, peers[i]!) ?? []) {
          for (const b of vpcBlocks(t, peers[j]!) ?? []) if (overlaps(a, b)) out.push(`${hub}>${peers[i]}:${key(a)}~${peers[j]}:${key(b)}`);
        }
      }
    }
  }
  return out.sort();
}

/** Route anomalies as `table dest kind [intended VPCs]`, in table and route order. */
export function anomalies(t: Topology): string[] {
  const out: string[] = [];
  for (const rt of t.routeTables) {
    for (const route of rt.routes) {
      if (route.target.kind !== 'peering') continue;
      const id = route.target.peeringId;
      const p = t.peerings.find((x) => x.id === id);
      const line = (kind: string, extra = '') => out.push(`${rt.id} ${route.destination} ${kind}${extra}`);
      if (!p || FINAL.includes(p.status)) line('stale-peering');
      else if (p.requester.vpcId !== rt.vpcId && p.accepter.vpcId !== rt.vpcId) line('foreign-peering');
      else if (p.status !== 'active') line('not-yet-active');
      else {
        const dest = parse(route.destination);
        const peer = p.requester.vpcId === rt.vpcId ? p.accepter.vpcId : p.requester.vpcId;
        const peerBlocks = vpcBlocks(t, peer) ?? [];
        if (!dest || peerBlocks.length === 0 || peerBlocks.some((b) => contains(b, dest))) continue;
        const intended: string[] = [];
        if (dest.prefix > 0) {
          for (const other of knownVpcIds(t)) {
            if (other === peer || other === rt.vpcId) continue;
            for (const b of vpcBlocks(t, other) ?? []) {
              if (!overlaps(b, dest) || intended.includes(other)) continue;
              if (routeDecidesIn(rt, route, b.prefix >= dest.prefix ? b : dest)) intended.push(other);
            }
          }
        }
        line('beyond-peer', ` [${intended.sort().join(',')}]`);
      }
    }
  }
  return out;
}

interface Endpoint {
  readonly vpcId: VpcId;
  readonly subnetIds: readonly string[];
  readonly ranges: readonly Block[];
}

function resolve(t: Topology, id: string, fam: 4 | 6): Endpoint | null {
  if (id.startsWith('vpc-')) {
    if (!t.vpcs.some((v) => v.id === id)) return null;
    const ranges = (vpcBlocks(t, id as VpcId) ?? []).filter((b) => b.fam === fam);
    return ranges.length === 0 ? null : { vpcId: id as VpcId, subnetIds: t.subnets.filter((s) => s.vpcId === id).map((s) => s.id), ranges };
  }
  const subnet = t.subnets.find((s) => s.id === id);
  if (!subnet) return null;
  const ranges = (fam === 4 ? [subnet.cidr] : subnet.ipv6Cidrs).map(parse).filter((b): b is Block => b !== null);
  return ranges.length === 0 ? null : { vpcId: subnet.vpcId, subnetIds: [subnet.id], ranges };
}

/** One direction's route hop: pass, fail or unknown per table (`fail`/`unknown` alone when no table serves). */
function routeHop(t: Topology, from: Endpoint, towards: readonly Block[], peeringId: PeeringId): string[] {
  const tables: RouteTable[] = [];
  for (const subnetId of from.subnetIds) {
    const own = t.routeTables.filter((rt) => rt.vpcId === from.vpcId);
    const table = own.find((rt) => rt.subnetIds.includes(subnetId as never)) ?? own.find((rt) => rt.main);
    if (table && !tables.includes(table)) tables.push(table);
  }
  if (tables.length === 0) return [from.subnetIds.length === 0 ? 'fail' : 'unknown'];
  return tables.map((rt) => {
    const states = towards.map((b) => judgeBlock(rt, b, peeringId));
    return states.some((s) => s !== 'ok' && s !== 'unknown') ? 'fail' : states.includes('unknown') ? 'unknown' : 'pass';
  });
}

/** Reachability from `from` to `to` (VPC or subnet ids) when every security group allows everything. */
export function reachability(t: Topology, from: string, to: string, fam: 4 | 6): { verdict: string; source: string[]; back: string[] } {
  const src = resolve(t, from, fam);
  const dst = resolve(t, to, fam);
  if (!src || !dst) return { verdict: 'unreachable', source: [], back: [] };
  if (src.vpcId === dst.vpcId) return { verdict: 'reachable', source: [], back: [] };
  const peering = t.peerings.find((p) => p.status === 'active' && [p.requester.vpcId, p.accepter.vpcId].sort().join() === [src.vpcId, dst.vpcId].sort().join());
  if (!peering) return { verdict: 'unreachable', source: [], back: [] };
  const source = routeHop(t, src, dst.ranges, peering.id);
  const back = routeHop(t, dst, src.ranges, peering.id);
  const all = [...source, ...back];
  return { verdict: all.includes('fail') ? 'unreachable' : all.every((s) => s === 'pass') ? 'reachable' : 'undetermined', source, back };
}

/**
 * Where `block` sent from subnet `subnetId` ends, walked by the rules alone: `delivered:vpc`,
 * `exits:id`, `dropped:reason`, `split`, or `unknown:subnet|table`.
 */
export function traceEnd(t: Topology, subnetId: string, block: Block): string {
  const subnet = t.subnets.find((s) => s.id === subnetId);
  if (!subnet) return 'unknown:subnet';
  const own = t.routeTables.filter((rt) => rt.vpcId === subnet.vpcId);
  const table = own.find((rt) => rt.subnetIds.includes(subnet.id)) ?? own.find((rt) => rt.main);
  if (!table) return 'unknown:table';
  const winners = winnersOver(table, block);
  const fate = (w: Candidate | undefined) => (w ? `${w.route.state}|${w.route.target.kind}|${w.route.target.kind === 'peering' ? w.route.target.peeringId : w.route.target.kind === 'other' ? w.route.target.id : ''}` : 'none');
  const fates = new Set(winners.map(fate));
  if (fates.size === 1 && fates.has('none')) return 'dropped:no-route';
  if (fates.size > 1) return 'split';
  const route = winners[0]!.route;
  if (route.state === 'blackhole') return 'dropped:blackhole';
  if (route.target.kind === 'local') return `delivered:${table.vpcId}`;
  if (route.target.kind === 'other') {
    const id = route.target.id;
    return t.transitGateways.some((g) => g.id === id) ? gatewayEnd(t, id, table.vpcId, block) : `exits:${id}`;
  }
  const id = route.target.peeringId;
  const p = t.peerings.find((x) => x.id === id);
  if (!p || p.status !== 'active') return 'dropped:peering-not-active';
  const peer = p.requester.vpcId === table.vpcId ? p.accepter.vpcId : p.accepter.vpcId === table.vpcId ? p.requester.vpcId : undefined;
  if (!peer) return 'dropped:not-a-side';
  return (vpcBlocks(t, peer) ?? []).some((b) => contains(b, block)) ? `delivered:${peer}` : 'dropped:beyond-peer';
}

/**
 * Through transit gateway `gatewayId` (one table, VPC attachments only, every subnet in one zone):
 * the VPC's attachment must be available and associated; the associated table's routes are cut
 * as a VPC table's are (static over propagated); the attachment a route names delivers when its
 * VPC holds the block.
 */
function gatewayEnd(t: Topology, gatewayId: string, vpcId: string, block: Block): string {
  const ingress = t.transitGatewayAttachments.find((a) => a.transitGatewayId === gatewayId && a.resourceId === vpcId);
  if (!ingress) return 'dropped:no-attachment';
  if (ingress.state !== 'available') return 'dropped:attachment-not-available';
  const tgwTable = t.transitGatewayRouteTables.find((rt) => rt.transitGatewayId === gatewayId && rt.associations.some((l) => l.attachmentId === ingress.id && l.state === 'associated'));
  if (!tgwTable) return 'dropped:no-association';
  // The gateway's routes as VPC routes: the same cutting and priority rules decide.
  const asVpc: RouteTable = {
    id: 'rtb-gateway' as RouteTable['id'],
    vpcId: vpcId as VpcId,
    accountId: tgwTable.accountId,
    region: tgwTable.region,
    main: false,
    subnetIds: [],
    routes: tgwTable.routes.map((r) => ({
      destination: r.destination.kind === 'cidr' ? r.destination.cidr : r.destination.prefixListId,
      state: r.state,
      origin: r.type === 'propagated' ? 'EnableVgwRoutePropagation' : 'CreateRoute',
      target: { kind: 'other', id: r.targets[0]?.attachmentId ?? 'blackhole' },
    })),
  };
  const winners = winnersOver(asVpc, block);
  const fates = new Set(winners.map((w) => (w ? `${w.route.state}|${w.route.target.kind === 'other' ? w.route.target.id : ''}` : 'none')));
  if (fates.size === 1 && fates.has('none')) return 'dropped:no-route';
  if (fates.size > 1) return 'split';
  const route = winners[0]!.route;
  if (route.state === 'blackhole') return 'dropped:blackhole';
  const out = t.transitGatewayAttachments.find((a) => a.transitGatewayId === gatewayId && route.target.kind === 'other' && a.id === route.target.id);
  if (!out || out.state !== 'available') return 'dropped:attachment-not-available';
  return (vpcBlocks(t, out.resourceId as VpcId) ?? []).some((b) => contains(b, block)) ? `delivered:${out.resourceId}` : 'dropped:beyond-attachment';
}
