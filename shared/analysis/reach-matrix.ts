/** The reachability matrix: for every VPC, each VPC it is connected to (an active peering, or
 * transit gateways both are attached to) and, per direction, whether its routes deliver there and
 * by what: the answer of `directionReach` for every pair, kept in typed arrays (a row of
 * destination indexes per source VPC, one byte per cell, the index of the deciding route).
 *
 * Each (subnet group, destination block) is settled by the compiled scan of the group's table
 * where one route decides all of the block, and that route is read once per group. A route into
 * a gateway is followed per (associated gateway table, destination block), remembered in an
 * array indexed by block: by the compiled scan of the gateway table when one route with one
 * target decides (into a VPC attachment, or over a gateway peering into the next gateway's
 * table), else by the trace (`gatewayWalk`). Whatever the scans cannot settle (a route carving
 * the block, prefix lists, a table AWS cut short, equal-cost multipath) is walked in full
 * (`walkOne`), so every cell equals `directionReach`'s status and ways.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import { scanBlock, scannedInner, scannedRoute } from '../forwarding/compiled-table';
import { isPrefixListRoute } from '../forwarding/vpc-table';
import type { PeeringId, VpcId } from '../model/ids';
import type { Topology, TransitGatewayAttachmentId, TransitGatewayId } from '../model/topology';
import type { GatewayScanState } from './reach-matrix-gateway';
import { DELIVERED, encode, FALLBACK, fastGateway, UNCERTAIN, UNSET } from './reach-matrix-gateway';
import type { Group } from './vpc-reach-walk';
import { attachmentOf, blocksOf, contextOf, gatewayWalk, groupsOf, ingressOf, walkOne } from './vpc-reach-walk';

/** A cell's status (its low two bits), as `DirectionReach.status`. */
export const CELL_NO = 0;
export const CELL_SOME = 1;
export const CELL_YES = 2;
export const CELL_UNKNOWN = 3;
/** A cell's way bits: delivered over a peering, through a transit gateway. */
export const CELL_BY_PEERING = 4;
export const CELL_BY_GATEWAY = 8;

const STATUS_NAMES = ['no', 'some', 'yes', 'unknown'] as const;

/** Every connected pair, per direction. */
export interface ReachMatrix {
  /** Every VPC of the matrix, sorted; rows and destinations are indexes into it. */
  readonly vpcIds: readonly VpcId[];
  readonly indexOf: ReadonlyMap<VpcId, number>;
  /** Row `i` (source `vpcIds[i]`) is `targets[offsets[i]] … targets[offsets[i + 1] - 1]`, sorted. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
  /** Per entry: status (`CELL_NO` … `CELL_UNKNOWN`) | `CELL_BY_PEERING` | `CELL_BY_GATEWAY`. */
  readonly cells: Uint8Array;
  /** Per entry: the index, in the route list of the table serving the source's first subnet group, of the route deciding the destination's first block; -1 when no one route does (see `directionReach`). */
  readonly routes: Int32Array;
}

/** A cell read back: the status and ways of `directionReach`. */
export function cellReach(cell: number): { readonly status: (typeof STATUS_NAMES)[number]; readonly ways: readonly ('peering' | 'transit-gateway')[] } {
  const ways: ('peering' | 'transit-gateway')[] = [];
  if (cell & CELL_BY_PEERING) ways.push('peering');
  if (cell & CELL_BY_GATEWAY) ways.push('transit-gateway');
  return { status: STATUS_NAMES[cell & 3]!, ways };
}

/** The cell of `from` → `to`, or -1 when the two are not connected. */
export function matrixCell(m: ReachMatrix, from: VpcId, to: VpcId): number {
  const i = m.indexOf.get(from);
  const j = m.indexOf.get(to);
  if (i === undefined || j === undefined) return -1;
  const k = entryOf(m, i, j);
  return k < 0 ? -1 : m.cells[k]!;
}

/** The entry of row `i` for destination `j` (binary search), or -1. */
export function entryOf(m: ReachMatrix, i: number, j: number): number {
  let lo = m.offsets[i]!;
  let hi = m.offsets[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = m.targets[mid]!;
    if (t === j) return mid;
    if (t < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}


interface MatrixState extends GatewayScanState {
  /** Per VPC index: its IPv4 blocks (their bounds and numbers are the gateway state's `bounds` and `firstBlock`). */
  readonly blocks: (readonly CidrRange[])[];
  /** Per walk memo (one per associated gateway table), the walk of each block by its number. */
  readonly memos: Map<object, Int32Array>;
  /** Per group: each route's outcome, read once (see `routeOutcome`). */
  readonly outcomes: Map<Group, (Outcome | undefined)[]>;
  /** Scratch: per group of the current source, what it delivered and left unknown. */
  readonly delivered: Int32Array;
  readonly unknown: Int32Array;
}

/** What a route of a source group does with any block it alone decides. */
type Outcome =
  | { readonly kind: 'fail' }
  | { readonly kind: 'peering'; readonly to: number }
  | { readonly kind: 'gateway'; readonly gatewayId: TransitGatewayId; readonly attachmentId: TransitGatewayAttachmentId; readonly memo: Int32Array; readonly ingress: Parameters<typeof gatewayWalk>[1] };

const FAIL: Outcome = { kind: 'fail' };

const matrices = new WeakMap<Topology, ReachMatrix>();

/** The reachability matrix of `topology` (made once per topology object). */
export function reachMatrix(topology: Topology): ReachMatrix {
  const hit = matrices.get(topology);
  if (hit) return hit;
  const ctx = contextOf(topology);
  const ids = new Set<VpcId>(topology.vpcs.map((v) => v.id));
  for (const p of topology.peerings) if (p.status === 'active') ids.add(p.requester.vpcId).add(p.accepter.vpcId);
  for (const list of ctx.clusterVpcs.values()) for (const v of list) ids.add(v);
  const vpcIds = [...ids].sort();
  const indexOf = new Map(vpcIds.map((v, i) => [v, i] as const));
  const n = vpcIds.length;
  const listVpcs = new Set<VpcId>();
  for (const t of topology.routeTables) {
    for (const r of t.routes) {
      if (isPrefixListRoute(r)) {
        listVpcs.add(t.vpcId);
        break;
      }
    }
  }
  const blocks = vpcIds.map((v) => blocksOf(ctx, v));
  const firstBlock = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) firstBlock[j + 1] = firstBlock[j]! + blocks[j]!.length;
  const bounds = new Float64Array(2 * firstBlock[n]!);
  for (let j = 0; j < n; j++) {
    blocks[j]!.forEach((b, x) => {
      bounds[2 * (firstBlock[j]! + x)] = Number(b.start);
      bounds[2 * (firstBlock[j]! + x) + 1] = Number(b.end);
    });
  }
  const state: MatrixState = { ctx, indexOf, blocks, bounds, firstBlock, memos: new Map(), starts: new Map(), exits: new Map(), listVpcs, outcomes: new Map(), delivered: new Int32Array(64), unknown: new Int32Array(64) };
  // Cluster members by index, once.
  const clusterRows = new Map<number, Int32Array>();
  for (const [c, list] of ctx.clusterVpcs) clusterRows.set(c, Int32Array.from(list, (v) => indexOf.get(v)!).sort());
  const offsets = new Int32Array(n + 1);
  // Room for every row at its most (its peerings and its clusters' members), made once.
  let most = 0;
  for (let i = 0; i < n; i++) {
    const from = vpcIds[i]!;
    most += ctx.index.peeringsByVpc.get(from)?.length ?? 0;
    const clusters = ctx.vpcClusters.get(from);
    if (clusters) for (const c of clusters) most += clusterRows.get(c)!.length;
  }
  const targets = new Int32Array(most);
  const cells = new Uint8Array(most);
  const routes = new Int32Array(most);
  const stamp = new Int32Array(n);
  let used = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = used;
    const from = vpcIds[i]!;
    const mark = i + 1;
    stamp[i] = mark;
    const peerings = ctx.index.peeringsByVpc.get(from) ?? [];
    const clusters = ctx.vpcClusters.get(from);
    // The row's destinations straight into `targets`: one cluster's members come sorted, and a
    // few peers are put in place; rows joining several clusters, or with many peers, are sorted whole.
    const start = used;
    if (clusters) {
      for (const c of clusters) {
        const members = clusterRows.get(c)!;
        for (let x = 0; x < members.length; x++) {
          const j = members[x]!;
          if (stamp[j] !== mark) {
            targets[used++] = j;
            stamp[j] = mark;
          }
        }
      }
    }
    const sorted = (!clusters || clusters.size <= 1) && peerings.length <= 16;
    for (const p of peerings) {
      if (p.status !== 'active') continue;
      const j = indexOf.get(p.requester.vpcId === from ? p.accepter.vpcId : p.requester.vpcId)!;
      if (stamp[j] === mark) continue;
      stamp[j] = mark;
      if (!sorted) {
        targets[used++] = j;
        continue;
      }
      let at = used++;
      while (at > start && targets[at - 1]! > j) {
        targets[at] = targets[at - 1]!;
        at--;
      }
      targets[at] = j;
    }
    if (used === start) continue;
    if (!sorted) targets.subarray(start, used).sort();
    const groups = groupsOf(ctx, from);
    const outcomes = groups?.map((g) => outcomesOf(state, g)) ?? [];
    const twins = groups && groups.length <= state.delivered.length ? twinsOf(state, from, groups, outcomes) : null;
    for (let k = start; k < used; k++) {
      const j = targets[k]!;
      cells[k] = directionCell(state, from, groups, outcomes, twins, vpcIds[j]!, j, routes, k);
    }
  }
  offsets[n] = used;
  // Views of the rows made, not copies: the room left over is a row's self and repeats only.
  const m: ReachMatrix = { vpcIds, indexOf, offsets, targets: targets.subarray(0, used), cells: cells.subarray(0, used), routes: routes.subarray(0, used) };
  matrices.set(topology, m);
  return m;
}

/** One direction as a cell (status and ways), as `directionReach` computes it; the deciding route into `routes[k]`. */
function directionCell(
  s: MatrixState,
  from: VpcId,
  groups: readonly Group[] | null,
  outcomes: readonly (Outcome | undefined)[][],
  twins: Int32Array | null,
  to: VpcId,
  j: number,
  routes: Int32Array,
  k: number,
): number {
  routes[k] = -1;
  if (groups === null) return CELL_UNKNOWN;
  if (groups.length === 0) return CELL_NO;
  const blocks = s.blocks[j]!;
  const count = blocks.length;
  if (count === 0) return CELL_UNKNOWN;
  const base = s.firstBlock[j]!;
  const bounds = s.bounds;
  let delivered = 0;
  let unknown = 0;
  let ways = 0;
  for (let g = 0; g < groups.length; g++) {
    const twin = twins ? twins[g]! : -1;
    if (twin >= 0) {
      // A group whose routes do alike what an earlier group's do: the same answer per block.
      delivered += s.delivered[twin]!;
      unknown += s.unknown[twin]!;
      if (twins) {
        s.delivered[g] = s.delivered[twin]!;
        s.unknown[g] = s.unknown[twin]!;
      }
      continue;
    }
    const deliveredBefore = delivered;
    const unknownBefore = unknown;
    const group = groups[g]!;
    const compiled = group.compiled;
    const list = outcomes[g]!;
    for (let x = 0; x < count; x++) {
      let ok = false;
      let uncertain = false;
      let settled = false;
      if (compiled.lists.length === 0) {
        const scan = scanBlock(compiled, null, bounds[2 * (base + x)]!, bounds[2 * (base + x) + 1]!);
        if (!scannedInner(scan)) {
          settled = true;
          const r = scannedRoute(scan);
          if (g === 0 && x === 0) routes[k] = r;
          if (r >= 0) {
            const outcome = list[r] ?? routeOutcome(s, group, from, r, list);
            if (outcome.kind === 'peering') {
              ok = outcome.to === j;
              if (ok) ways |= CELL_BY_PEERING;
            } else if (outcome.kind === 'gateway') {
              const walk = gatewayCode(s, outcome, blocks[x]!, base + x, bounds[2 * (base + x)]!, bounds[2 * (base + x) + 1]!);
              ok = (walk & DELIVERED) !== 0 && (walk >> 2) - 2 === j;
              uncertain = (walk & UNCERTAIN) !== 0;
              if (ok) ways |= CELL_BY_GATEWAY;
            }
          }
        }
      }
      if (!settled) {
        const w = walkOne(s.ctx, from, group, to, blocks[x]!);
        ok = w.delivered;
        uncertain = w.unknown;
        if (ok) for (const way of w.ways) ways |= way === 'peering' ? CELL_BY_PEERING : CELL_BY_GATEWAY;
      }
      if (ok) delivered++;
      else if (uncertain) unknown++;
    }
    if (twins) {
      s.delivered[g] = delivered - deliveredBefore;
      s.unknown[g] = unknown - unknownBefore;
    }
  }
  const total = groups.length * count;
  const status = delivered === total ? CELL_YES : delivered > 0 ? CELL_SOME : unknown > 0 ? CELL_UNKNOWN : CELL_NO;
  return status | (delivered > 0 ? ways : 0);
}

/**
 * Per group of a source, the earlier group whose IPv4 routes have the same ranges, ranks and
 * outcomes (so it answers every block alike), or -1. Groups with prefix-list routes have none.
 */
function twinsOf(s: MatrixState, from: VpcId, groups: readonly Group[], outcomes: readonly (Outcome | undefined)[][]): Int32Array | null {
  if (groups.length < 2) return null;
  const twins = new Int32Array(groups.length).fill(-1);
  for (let g = 1; g < groups.length; g++) {
    for (let h = 0; h < g; h++) {
      if (twins[h] === -1 && alike(s, from, groups[g]!, outcomes[g]!, groups[h]!, outcomes[h]!)) {
        twins[g] = h;
        break;
      }
    }
  }
  return twins;
}

/** True when two groups' tables hold the same IPv4 rows (bounds, rank) in order, each route doing the same, and no prefix lists. */
function alike(s: MatrixState, from: VpcId, x: Group, xs: (Outcome | undefined)[], y: Group, ys: (Outcome | undefined)[]): boolean {
  const a = x.compiled;
  const b = y.compiled;
  if (a.lists.length > 0 || b.lists.length > 0 || a.v4Count !== b.v4Count) return false;
  for (let r = 0; r < a.v4Count * 4; r += 4) {
    const ra = a.start + r;
    const rb = b.start + r;
    if (a.columns[ra] !== b.columns[rb] || a.columns[ra + 1] !== b.columns[rb + 1] || a.columns[ra + 2] !== b.columns[rb + 2]) return false;
    const ka = a.columns[ra + 3]!;
    const kb = b.columns[rb + 3]!;
    const oa = xs[ka] ?? routeOutcome(s, x, from, ka, xs);
    const ob = ys[kb] ?? routeOutcome(s, y, from, kb, ys);
    if (oa === ob) continue;
    if (oa.kind !== ob.kind) return false;
    if (oa.kind === 'peering' && ob.kind === 'peering' && oa.to !== ob.to) return false;
    if (oa.kind === 'gateway' && ob.kind === 'gateway' && oa.memo !== ob.memo) return false;
  }
  return true;
}

/** A group's route outcomes, filled as routes are met. */
function outcomesOf(s: MatrixState, group: Group): (Outcome | undefined)[] {
  let list = s.outcomes.get(group);
  if (!list) s.outcomes.set(group, (list = []));
  return list;
}

/** What route `r` of a group's table does with a block it alone decides, as `walkRoute` reads it. */
function routeOutcome(s: MatrixState, group: Group, from: VpcId, r: number, list: (Outcome | undefined)[]): Outcome {
  const route = group.compiled.routes[r]!;
  const target = group.targets.get(route);
  let outcome: Outcome = FAIL;
  if (route.state === 'blackhole') outcome = FAIL;
  else if (target.kind === 'peering') {
    const peering = s.ctx.index.peeringById.get(target.id as PeeringId);
    const other = !peering || peering.status !== 'active' ? undefined : peering.requester.vpcId === from ? peering.accepter.vpcId : peering.accepter.vpcId === from ? peering.requester.vpcId : undefined;
    outcome = other === undefined ? FAIL : { kind: 'peering', to: s.indexOf.get(other) ?? -1 };
  } else if (target.kind === 'transit-gateway') {
    const gatewayId = target.id as TransitGatewayId;
    const attachment = s.ctx.tgw.gatewayById.has(gatewayId) ? attachmentOf(s.ctx, group, gatewayId, from) : undefined;
    if (attachment && attachment.state === 'available') {
      const ingress = ingressOf(s.ctx, gatewayId, attachment);
      const zones = ingress.zones;
      const blocked = zones && zones.every((z) => z !== undefined) && !zones.includes(group.zone);
      if (!blocked) {
        let memo = s.memos.get(ingress.walks);
        if (!memo) s.memos.set(ingress.walks, (memo = new Int32Array(s.firstBlock[s.firstBlock.length - 1]!)));
        outcome = { kind: 'gateway', gatewayId, attachmentId: attachment.id, memo, ingress };
      }
    }
  }
  list[r] = outcome;
  return outcome;
}

/** The walk through the gateway for a block, remembered per associated table and block number. */
function gatewayCode(s: MatrixState, outcome: Extract<Outcome, { kind: 'gateway' }>, block: CidrRange, id: number, low: number, high: number): number {
  const memo = outcome.memo;
  const known = memo[id]!;
  if (known !== UNSET) return known;
  let code = fastGateway(s, outcome.gatewayId, outcome.attachmentId, block, low, high, 0);
  if (code === FALLBACK) {
    const walk = gatewayWalk(s.ctx, outcome.ingress, outcome.gatewayId, outcome.attachmentId, block);
    code = encode(walk.delivered && walk.deliveredTo !== undefined ? (s.indexOf.get(walk.deliveredTo) ?? -1) : -1, walk.delivered, walk.unknown);
  }
  memo[id] = code;
  return code;
}
