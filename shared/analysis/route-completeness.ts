/** Do both sides of each peering route the other side's blocks to it?
 *
 * A peering carries nothing until each side has routes to it ("Update your route tables for a
 * VPC peering connection", Amazon VPC Peering Guide). Only tables that serve subnets matter: the
 * ones with explicit associations, and the main table for subnets without one.
 */
import { assertNever } from '../api/result';
import { compareRanges, isWithin } from '../cidr/overlap';
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import { pushIpv4Bounds } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { PeeringId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { Peering, PeeringStatus, Route, RouteTable, RouteTarget, Topology } from '../model/topology';
import type { TopologyIndex } from './topology-index';
import { indexTopology } from './topology-index';

/** How one route table treats one peer block. */
export type RouteCheck =
  /** The most specific route covering the block goes to this peering and is active. */
  | { readonly state: 'ok'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly route: Route }
  /** The route to this peering exists but is a blackhole (peering not active, or gone). */
  | { readonly state: 'blackhole'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly route: Route }
  /** No route for the block; traffic falls to the default route, if any (`fallback`), and is lost. */
  | { readonly state: 'missing'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly fallback?: Route }
  /** The block is routed to something else (another peering, a transit gateway, local …): a conflict. */
  | { readonly state: 'elsewhere'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly route: Route }
  /** Part of the block goes to this peering, part does not. */
  | {
      readonly state: 'partial';
      readonly routeTableId: RouteTableId;
      readonly peerCidr: Cidr;
      readonly toPeering: readonly Route[];
      readonly notToPeering: readonly Route[];
    };

/** Every state a `RouteCheck` can have. */
export type RouteCheckState = RouteCheck['state'];

/** One route table that matters, with its checks. */
export interface TableRouteChecks {
  readonly routeTableId: RouteTableId;
  readonly main: boolean;
  /** The subnets this table serves (explicit, plus implicit ones for the main table). */
  readonly subnetIds: readonly SubnetId[];
  /** One check per peer block. */
  readonly checks: readonly RouteCheck[];
}

/** Overall state of one side. */
export type RouteSummary = 'complete' | 'partial' | 'none' | 'unknown';

/** One side of a peering. */
export interface SideRouteCompleteness {
  readonly role: 'requester' | 'accepter';
  readonly vpcId: VpcId;
  readonly peerVpcId: VpcId;
  /** `complete`: every table routes every peer block here; `none`: no table routes any of it; `unknown`: not scanned. */
  readonly summary: RouteSummary;
  readonly tables: readonly TableRouteChecks[];
  /** Why the summary is `unknown` or `none` for a reason other than missing routes. */
  readonly note?: string;
}

/** Route completeness of one peering. */
export interface PeeringRouteCompleteness {
  readonly peeringId: PeeringId;
  readonly status: PeeringStatus;
  readonly requester: SideRouteCompleteness;
  readonly accepter: SideRouteCompleteness;
}

/** Options of `computeRouteCompleteness`. */
export interface RouteCompletenessOptions {
  /** Peering statuses to examine (default: `active`, the only one that carries traffic). */
  readonly statuses?: readonly PeeringStatus[];
  /**
   * Only these peerings (still filtered by `statuses`): the cost is then proportional to them,
   * e.g. for one selected edge, instead of every peering of a 10,000-VPC topology.
   */
  readonly peeringIds?: readonly PeeringId[];
}

/** A table's routes, parsed once: IPv4 bounds as plain numbers (exact below 2^53), IPv6 as ranges. */
interface CompiledTable {
  /** Triplets: low, high, prefix length of each IPv4 route, in the order of `v4Routes`. */
  readonly v4: readonly number[];
  readonly v4Routes: readonly Route[];
  readonly v6: readonly { readonly range: CidrRange; readonly route: Route }[];
}

const compiledCache = new WeakMap<RouteTable, CompiledTable>();
const NO_ROUTES: readonly { readonly range: CidrRange; readonly route: Route }[] = [];

/** `compileRoutes`, remembered per table object (for callers that check tables one at a time). */
function compileTable(index: TopologyIndex, table: RouteTable): CompiledTable {
  let compiled = compiledCache.get(table);
  if (!compiled) compiledCache.set(table, (compiled = compileRoutes(index, table)));
  return compiled;
}

/** Parse a table's route destinations; prefix-list destinations (`pl-…`) are left out. */
function compileRoutes(index: TopologyIndex, table: RouteTable): CompiledTable {
  const v4: number[] = [];
  const v4Routes: Route[] = [];
  let v6 = NO_ROUTES as { range: CidrRange; route: Route }[];
  for (const route of table.routes) {
    if (pushIpv4Bounds(route.destination, v4)) {
      v4Routes.push(route);
      continue;
    }
    const range = index.rangeOf(route.destination);
    if (!range) continue;
    if (range.family === 'ipv4') {
      // A valid IPv4 block in a non-canonical spelling (host bits set, spaces): rare.
      v4.push(Number(range.start), Number(range.end), range.prefixLength);
      v4Routes.push(route);
    } else {
      if (v6 === NO_ROUTES) v6 = [];
      v6.push({ range, route });
    }
  }
  return { v4, v4Routes, v6 };
}

function isToPeering(route: Route, peeringId: PeeringId): boolean {
  return route.target.kind === 'peering' && route.target.peeringId === peeringId;
}

function isActiveToPeering(route: Route, peeringId: PeeringId): boolean {
  return route.state === 'active' && isToPeering(route, peeringId);
}

interface RangedRoute {
  readonly range: CidrRange;
  readonly route: Route;
}

/** Routes whose destination lies strictly inside `peer`. */
function collectInnerRoutes(index: TopologyIndex, compiled: CompiledTable, peer: CidrRange): RangedRoute[] {
  const out: RangedRoute[] = [];
  if (peer.family === 'ipv4') {
    const low = Number(peer.start);
    const high = Number(peer.end);
    const { v4, v4Routes } = compiled;
    for (let k = 0; k < v4Routes.length; k++) {
      const rl = v4[k * 3]!;
      const rh = v4[k * 3 + 1]!;
      if (low <= rl && rh <= high && !(rl <= low && high <= rh)) out.push({ range: index.rangeOf(v4Routes[k]!.destination)!, route: v4Routes[k]! });
    }
  } else {
    for (const r of compiled.v6) if (isWithin(r.range, peer) && !isWithin(peer, r.range)) out.push(r);
  }
  return out;
}

/** True when the union of `parts` (all inside `whole`) covers every address of `whole`. */
function isCoveredBy(whole: CidrRange, parts: readonly CidrRange[]): boolean {
  const sorted = [...parts].sort(compareRanges);
  let next = whole.start;
  for (const p of sorted) {
    if (p.start > next) return false;
    if (p.end + 1n > next) next = p.end + 1n;
    if (next > whole.end) return true;
  }
  return next > whole.end;
}

/**
 * Classify a block whose table has routes inside it: find the routes that win for at least one
 * address (a route is beaten everywhere when more specific routes inside it cover it whole),
 * then judge by what those winners do. Rare in practice, so clarity beats speed here.
 */
function classifyCarvedBlock(routeTableId: RouteTableId, peer: CidrRange, best: RangedRoute | undefined, inner: readonly RangedRoute[], peeringId: PeeringId): RouteCheck {
  const peerCidr = peer.cidr;
  const winners: RangedRoute[] = [];
  const candidates = best ? [best, ...inner] : inner;
  for (const candidate of candidates) {
    const whole = candidate === best ? peer : candidate.range;
    const inside = inner.filter((r) => r !== candidate && isWithin(r.range, whole) && r.range.prefixLength > whole.prefixLength).map((r) => r.range);
    if (!isCoveredBy(whole, inside)) winners.push(candidate);
  }
  // Addresses with no route at all when nothing covers the block and the inner routes leave gaps.
  const hasUnrouted = !best && !isCoveredBy(peer, inner.map((r) => r.range));
  const to = winners.filter((w) => isActiveToPeering(w.route, peeringId)).map((w) => w.route);
  const notTo = winners.filter((w) => !isActiveToPeering(w.route, peeringId)).map((w) => w.route);
  if (to.length > 0) {
    return notTo.length === 0 && !hasUnrouted ? { state: 'ok', routeTableId, peerCidr, route: to[0]! } : { state: 'partial', routeTableId, peerCidr, toPeering: to, notToPeering: notTo };
  }
  const blackholed = winners.find((w) => isToPeering(w.route, peeringId));
  if (blackholed) return { state: 'blackhole', routeTableId, peerCidr, route: blackholed.route };
  const elsewhere = winners.find((w) => w.range.prefixLength > 0);
  if (elsewhere) return { state: 'elsewhere', routeTableId, peerCidr, route: elsewhere.route };
  return best ? { state: 'missing', routeTableId, peerCidr, fallback: best.route } : { state: 'missing', routeTableId, peerCidr };
}

/**
 * How `table` routes the block `peer`, judged for peering `peeringId`, by longest prefix match
 * ("Route priority", Amazon VPC User Guide): the most specific route covering the block decides,
 * and more specific routes inside the block carve parts out of it. A default route (`/0`) to an
 * internet or NAT gateway does not count as routing the peer elsewhere: the route is `missing`.
 */
export function checkTableRoute(index: TopologyIndex, table: RouteTable, peer: CidrRange, peeringId: PeeringId): RouteCheck {
  return checkCompiledTable(index, table.id, compileTable(index, table), peer, peeringId);
}

function checkCompiledTable(index: TopologyIndex, routeTableId: RouteTableId, compiled: CompiledTable, peer: CidrRange, peeringId: PeeringId): RouteCheck {
  let best: Route | undefined;
  let bestPrefix = -1;
  let innerCount = 0;
  // One pass without allocating; lists of inner routes are built only when there are some.
  if (peer.family === 'ipv4') {
    const low = Number(peer.start);
    const high = Number(peer.end);
    const { v4, v4Routes } = compiled;
    for (let k = 0; k < v4Routes.length; k++) {
      const rl = v4[k * 3]!;
      const rh = v4[k * 3 + 1]!;
      if (rl <= low && high <= rh) {
        const prefix = v4[k * 3 + 2]!;
        if (prefix > bestPrefix) {
          bestPrefix = prefix;
          best = v4Routes[k];
        }
      } else if (low <= rl && rh <= high) {
        innerCount++;
      }
    }
  } else {
    for (const { range, route } of compiled.v6) {
      if (isWithin(peer, range)) {
        if (range.prefixLength > bestPrefix) {
          bestPrefix = range.prefixLength;
          best = route;
        }
      } else if (isWithin(range, peer)) {
        innerCount++;
      }
    }
  }
  const peerCidr = peer.cidr;
  const bestIsPeering = best !== undefined && isToPeering(best, peeringId);
  // The common case first: nothing more specific inside the block, so the best route decides alone.
  if (innerCount === 0) {
    if (best === undefined) return { state: 'missing', routeTableId, peerCidr };
    if (bestIsPeering) return best.state === 'blackhole' ? { state: 'blackhole', routeTableId, peerCidr, route: best } : { state: 'ok', routeTableId, peerCidr, route: best };
    return bestPrefix === 0 ? { state: 'missing', routeTableId, peerCidr, fallback: best } : { state: 'elsewhere', routeTableId, peerCidr, route: best };
  }
  const bestRange = best ? index.rangeOf(best.destination) : null;
  return classifyCarvedBlock(routeTableId, peer, best && bestRange ? { range: bestRange, route: best } : undefined, collectInnerRoutes(index, compiled, peer), peeringId);
}

/** What the side checks need of one VPC, gathered once per call (one map lookup per side after that). */
interface VpcRouting {
  readonly vpcId: VpcId;
  readonly isScanned: boolean;
  readonly hasRouteTables: boolean;
  /** The tables that serve subnets, their subnets and their compiled routes, index-aligned. */
  readonly tables: readonly RouteTable[];
  readonly subnetIds: readonly (readonly SubnetId[])[];
  readonly compiled: readonly CompiledTable[];
  readonly hasIpv6: boolean;
  readonly blocks: readonly CidrRange[];
  readonly ipv4Blocks: readonly CidrRange[];
}

interface SideContext {
  readonly index: TopologyIndex;
  readonly blocks: ReadonlyMap<VpcId, readonly CidrRange[]>;
  readonly routing: Map<VpcId, VpcRouting>;
}

function routingOf(ctx: SideContext, vpcId: VpcId): VpcRouting {
  let r = ctx.routing.get(vpcId);
  if (r) return r;
  const blocks = ctx.blocks.get(vpcId) ?? [];
  const hasIpv6 = blocks.some((b) => b.family === 'ipv6');
  const isScanned = ctx.index.vpcById.has(vpcId);
  const allTables = isScanned ? ctx.index.routeTablesByVpc.get(vpcId) : undefined;
  const tables: RouteTable[] = [];
  const subnetIds: (readonly SubnetId[])[] = [];
  const compiled: CompiledTable[] = [];
  if (allTables) {
    // Inline `findServingTables` without its set and intermediate objects: this runs per VPC.
    const subnets = ctx.index.subnetsByVpc.get(vpcId) ?? [];
    let implicit: SubnetId[] | null = null;
    for (const s of subnets) {
      if (!allTables.some((t) => t.subnetIds.includes(s.id))) (implicit ??= []).push(s.id);
    }
    for (const t of allTables) {
      const served = t.main && implicit ? (t.subnetIds.length > 0 ? [...t.subnetIds, ...implicit] : implicit) : t.subnetIds;
      if (served.length === 0) continue;
      tables.push(t);
      subnetIds.push(served);
      // Not through the per-table WeakMap: for 20,000 tables its upkeep cost more GC time than it saved.
      compiled.push(compileRoutes(ctx.index, t));
    }
  }
  r = {
    vpcId,
    isScanned,
    hasRouteTables: allTables !== undefined,
    tables,
    subnetIds,
    compiled,
    hasIpv6,
    blocks,
    ipv4Blocks: hasIpv6 ? blocks.filter((b) => b.family === 'ipv4') : blocks,
  };
  ctx.routing.set(vpcId, r);
  return r;
}

/** A side that could not be checked, with the reason. */
function unchecked(vpcId: VpcId, peerVpcId: VpcId, role: 'requester' | 'accepter', summary: RouteSummary, note: string): SideRouteCompleteness {
  return { role, vpcId, peerVpcId, summary, tables: [], note };
}

function checkSide(ctx: SideContext, peering: Peering, role: 'requester' | 'accepter', own: VpcRouting, peer: VpcRouting): SideRouteCompleteness {
  const side = role === 'requester' ? peering.requester : peering.accepter;
  const vpcId = own.vpcId;
  const peerVpcId = peer.vpcId;
  if (!own.isScanned) return unchecked(vpcId, peerVpcId, role, 'unknown', `${vpcId} (account ${side.accountId}, ${side.region}) was not scanned.`);
  if (!own.hasRouteTables) return unchecked(vpcId, peerVpcId, role, 'unknown', `No route tables of ${vpcId} are in the snapshot.`);
  if (own.tables.length === 0) return unchecked(vpcId, peerVpcId, role, 'none', `${vpcId} has no subnets, so no route table carries traffic.`);
  // IPv6 travels over the peering only when both VPCs have IPv6 blocks.
  const peerBlocks = own.hasIpv6 ? peer.blocks : peer.ipv4Blocks;
  if (peerBlocks.length === 0) return unchecked(vpcId, peerVpcId, role, 'unknown', `The blocks of ${peerVpcId} are unknown.`);
  let okCount = 0;
  let someCount = 0;
  let total = 0;
  const tables: TableRouteChecks[] = new Array<TableRouteChecks>(own.tables.length);
  for (let t = 0; t < own.tables.length; t++) {
    const table = own.tables[t]!;
    const checks: RouteCheck[] = new Array<RouteCheck>(peerBlocks.length);
    for (let b = 0; b < peerBlocks.length; b++) {
      const c = checkCompiledTable(ctx.index, table.id, own.compiled[t]!, peerBlocks[b]!, peering.id);
      checks[b] = c;
      total++;
      if (c.state === 'ok') okCount++;
      if (c.state === 'ok' || c.state === 'partial') someCount++;
    }
    tables[t] = { routeTableId: table.id, main: table.main, subnetIds: own.subnetIds[t]!, checks };
  }
  const summary: RouteSummary = okCount === total ? 'complete' : someCount === 0 ? 'none' : 'partial';
  return { role, vpcId, peerVpcId, summary, tables };
}

/**
 * For each peering (active ones by default) and each side, whether every route table that
 * matters routes every peer block (IPv4 primary and secondary, and IPv6) to it.
 */
export function computeRouteCompleteness(topology: Topology, opts: RouteCompletenessOptions = {}): readonly PeeringRouteCompleteness[] {
  const statuses = new Set<PeeringStatus>(opts.statuses ?? ['active']);
  const ctx: SideContext = { index: indexTopology(topology), blocks: collectVpcBlocks(topology).byVpc, routing: new Map() };
  const result: PeeringRouteCompleteness[] = [];
  const only = opts.peeringIds ? new Set(opts.peeringIds) : null;
  for (const p of topology.peerings) {
    if (!statuses.has(p.status) || (only && !only.has(p.id))) continue;
    const requester = routingOf(ctx, p.requester.vpcId);
    const accepter = routingOf(ctx, p.accepter.vpcId);
    result.push({
      peeringId: p.id,
      status: p.status,
      requester: checkSide(ctx, p, 'requester', requester, accepter),
      accepter: checkSide(ctx, p, 'accepter', accepter, requester),
    });
  }
  return result;
}

/** Words for a route target (`pcx-1`, `local`, `tgw-…`). */
export function describeTarget(target: RouteTarget): string {
  switch (target.kind) {
    case 'local':
      return 'local';
    case 'peering':
      return target.peeringId;
    case 'other':
      return target.id;
    default:
      return assertNever(target);
  }
}

/** One sentence for a check, e.g. "10.1.0.0/16 has no route to pcx-1 (falls to 0.0.0.0/0 → igw-1)". */
export function describeRouteCheck(check: RouteCheck, peeringId: PeeringId): string {
  switch (check.state) {
    case 'ok':
      return `${check.peerCidr} → ${peeringId} (route ${check.route.destination})`;
    case 'blackhole':
      return `${check.peerCidr}: route ${check.route.destination} → ${peeringId} is a blackhole`;
    case 'missing':
      return `${check.peerCidr} has no route to ${peeringId}${check.fallback ? ` (falls to ${check.fallback.destination} → ${describeTarget(check.fallback.target)})` : ''}`;
    case 'elsewhere':
      return `${check.peerCidr} goes to ${describeTarget(check.route.target)} (route ${check.route.destination}${check.route.state === 'blackhole' ? ', blackhole' : ''}), not ${peeringId}`;
    case 'partial':
      return `${check.peerCidr} only partly → ${peeringId} (${check.toPeering.map((r) => r.destination).join(', ')}); ${check.notToPeering
        .map((r) => `${r.destination} → ${describeTarget(r.target)}`)
        .join(', ')}`;
    default:
      return assertNever(check);
  }
}

/** The fix for a check that is not ok: the route to create or replace. */
export function suggestRouteFix(check: RouteCheck, routeTableId: RouteTableId, peeringId: PeeringId): string | null {
  const ipv6 = check.peerCidr.includes(':');
  const create = `aws ec2 create-route --route-table-id ${routeTableId} --${ipv6 ? 'destination-ipv6-cidr-block' : 'destination-cidr-block'} ${check.peerCidr} --vpc-peering-connection-id ${peeringId}`;
  switch (check.state) {
    case 'ok':
      return null;
    case 'missing':
      return create;
    case 'blackhole':
      return `Check that ${peeringId} is active; if it is, replace the route: ${create.replace('create-route', 'replace-route')}`;
    case 'elsewhere':
      return check.route.destination === check.peerCidr
        ? `If ${check.peerCidr} should go through the peering: ${create.replace('create-route', 'replace-route')}`
        : `If ${check.peerCidr} should go through the peering: ${create}`;
    case 'partial':
      return `Route the whole block if all of it should go through the peering: ${create}`;
    default:
      return assertNever(check);
  }
}
