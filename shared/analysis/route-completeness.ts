/** Do both sides of each peering route the other side's blocks to it?
 *
 * A peering carries nothing until each side has routes to it ("Update your route tables for a
 * VPC peering connection", Amazon VPC Peering Guide). Only tables that serve subnets matter: the
 * ones with explicit associations, and the main table for subnets without one.
 */
import { ChunkPool, makeFloat64Chunk, makeInt32Chunk } from '../forwarding/chunk-pool';
import type { CompiledTable } from '../forwarding/compiled-table';
import { COLUMNS, compileRoutes } from '../forwarding/compiled-table';
import { vpcRoutes } from '../forwarding/vpc-table';
import type { PeeringId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { Peering, PeeringStatus, Route, RouteTable, Topology } from '../model/topology';
import { isBetterBlockSource } from '../model/topology';
import type { RouteCheck, RouteCheckState } from './route-checks';
import { checkOfCode, classifyBlock, CODE_OK, CODE_SELECTED, decodeCheck } from './route-checks';
import { indexTopology, labelVpc } from './topology-index';
import type { SideContext, VpcEntry } from './vpc-entries';
import { gatherVpcs, neededEntry } from './vpc-entries';

export type { RouteCheck, RouteCheckState } from './route-checks';
export { checkTableRoute } from './route-checks';

/** One route table that matters, with its checks. */
export interface TableRouteChecks {
  readonly routeTableId: RouteTableId;
  readonly main: boolean;
  /** The subnets this table serves (explicit, plus implicit ones for the main table). */
  readonly subnetIds: readonly SubnetId[];
  /** One check per peer block. */
  readonly checks: readonly RouteCheck[];
}

/**
 * Overall state of one side. `nothing-to-route`: one of the two VPCs has no subnets, so no table
 * can carry traffic over the peering either way; no route is missing (both sides say so).
 */
export type RouteSummary = 'complete' | 'partial' | 'none' | 'unknown' | 'nothing-to-route';

/** One side of a peering. */
export interface SideRouteCompleteness {
  readonly role: 'requester' | 'accepter';
  readonly vpcId: VpcId;
  readonly peerVpcId: VpcId;
  /**
   * `complete`: every table routes every peer block here; `none`: no table routes any of it (nor
   * may through a prefix list); `unknown`: not scanned. A side with a check that is `unknown` (a
   * prefix list whose entries are not in the snapshot) is at best `partial`.
   */
  readonly summary: RouteSummary;
  readonly tables: readonly TableRouteChecks[];
  /** Why the summary is `unknown`, `nothing-to-route` or `none` for a reason other than missing routes. */
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
   * Only these peerings (still filtered by `statuses`): the checks are then proportional to
   * them, e.g. for one selected edge (the topology's VPCs, tables and subnets are still grouped
   * once, a map operation each).
   */
  readonly peeringIds?: readonly PeeringId[];
}

/**
 * Compile the routes of the tables serving a VPC into `ctx.routes` (not through the per-table
 * WeakMap: for 20,000 tables its upkeep cost more GC time than it saved). Valid until the pool
 * is rewound.
 */
function compileServing(ctx: SideContext, entry: VpcEntry): CompiledTable<Route>[] {
  const tables = entry.servingTables;
  const compiled = new Array<CompiledTable<Route>>(tables.length);
  for (let t = 0; t < tables.length; t++) compiled[t] = compileRoutes(vpcRoutes, ctx.index, tables[t]!.routes, ctx.routes);
  return compiled;
}

/** A side that could not be checked, with the reason. */
function unchecked(vpcId: VpcId, peerVpcId: VpcId, role: 'requester' | 'accepter', summary: RouteSummary, note: string): SideRouteCompleteness {
  return { role, vpcId, peerVpcId, summary, tables: [], note };
}

/**
 * A checked side. Every table and block is judged when it is made, and the verdicts are kept as
 * codes (state and deciding route, see `classifyBlock`); the check objects in `tables` are built
 * from them when first read. The graph reads only `summary` of thousands of sides, the inspector
 * and the reports read `tables` of a few, or of all when they list every gap.
 */
class CheckedSide implements SideRouteCompleteness {
  #tables: readonly TableRouteChecks[] | undefined;

  constructor(
    readonly role: 'requester' | 'accepter',
    readonly vpcId: VpcId,
    readonly peerVpcId: VpcId,
    readonly summary: RouteSummary,
    private readonly servingTables: readonly RouteTable[],
    private readonly servedSubnets: readonly (readonly SubnetId[])[],
    /** The peer's first `peerCount` blocks are the ones checked. */
    private readonly peer: VpcEntry,
    private readonly peerCount: number,
    private readonly codes: Int32Array,
    private readonly at: number,
    /** The checks of blocks judged on their selection (`CODE_SELECTED`), which codes cannot hold, by their position in this side. */
    private readonly carved: ReadonlyMap<number, RouteCheck> | undefined,
  ) {}

  get tables(): readonly TableRouteChecks[] {
    if (this.#tables) return this.#tables;
    const tables = this.servingTables;
    const cidrs = this.peer.cidrs;
    const count = this.peerCount;
    const out = new Array<TableRouteChecks>(tables.length);
    for (let t = 0; t < tables.length; t++) {
      const table = tables[t]!;
      const checks = new Array<RouteCheck>(count);
      for (let b = 0; b < count; b++) {
        const position = t * count + b;
        checks[b] = this.carved?.get(position) ?? decodeCheck(table.id, table.routes, cidrs[b]!, this.codes[this.at + position]!);
      }
      out[t] = { routeTableId: table.id, main: table.main, subnetIds: this.servedSubnets[t]!, checks };
    }
    return (this.#tables = out);
  }

  /** As a plain object, with its tables (JSON would otherwise leave the getter out). */
  toJSON(): SideRouteCompleteness {
    return { role: this.role, vpcId: this.vpcId, peerVpcId: this.peerVpcId, summary: this.summary, tables: this.tables };
  }
}

/** True for a scanned VPC (its route tables read) that has no subnet: nothing in it sends or receives. */
function hasNoSubnets(entry: VpcEntry): boolean {
  return entry.isScanned && entry.tables.length > 0 && entry.subnets.length === 0;
}

/** `compiled`: `own`'s serving tables, compiled. */
function checkSide(
  ctx: SideContext,
  peering: Peering,
  role: 'requester' | 'accepter',
  own: VpcEntry,
  compiled: readonly CompiledTable<Route>[],
  peer: VpcEntry,
): SideRouteCompleteness {
  const vpcId = own.vpcId;
  const peerVpcId = peer.vpcId;
  const tables = own.servingTables;
  const empty = hasNoSubnets(own) ? own : hasNoSubnets(peer) ? peer : undefined;
  if (empty) {
    return unchecked(vpcId, peerVpcId, role, 'nothing-to-route', `${labelVpc(ctx.index, empty.vpcId)} has no subnets: no route table can carry traffic over ${peering.id}, so there is nothing to route.`);
  }
  if (!own.isScanned) {
    const side = role === 'requester' ? peering.requester : peering.accepter;
    return unchecked(vpcId, peerVpcId, role, 'unknown', `${vpcId} (account ${side.accountId}, ${side.region}) was not scanned.`);
  }
  if (own.tables.length === 0) return unchecked(vpcId, peerVpcId, role, 'unknown', `No route tables of ${vpcId} are in the snapshot.`);
  if (tables.length === 0) return unchecked(vpcId, peerVpcId, role, 'none', `No route table of ${vpcId} in the snapshot serves its subnets (its main table is missing).`);
  // IPv6 travels over the peering only when both VPCs have IPv6 blocks.
  const peerCount = own.hasIpv6 ? peer.cidrs.length : peer.v4Count;
  const { bounds, boundsAt, v4Count, v6Ranges } = peer;
  if (peerCount === 0) return unchecked(vpcId, peerVpcId, role, 'unknown', `The blocks of ${peerVpcId} are unknown.`);
  const total = tables.length * peerCount;
  ctx.checks.reserve(total);
  const codes = ctx.checks.chunk;
  const at = ctx.checks.at;
  let carved: Map<number, RouteCheck> | undefined;
  let okCount = 0;
  let someCount = 0;
  for (let t = 0; t < tables.length; t++) {
    const table = compiled[t]!;
    for (let b = 0; b < peerCount; b++) {
      const low = bounds[boundsAt + 2 * b]!;
      const high = bounds[boundsAt + 2 * b + 1]!;
      const encoded = classifyBlock(table, b < v4Count ? null : v6Ranges[b - v4Count]!, low, high, peering.id);
      const position = t * peerCount + b;
      codes[at + position] = encoded;
      let state: RouteCheckState = (encoded & 7) === CODE_OK ? 'ok' : 'missing';
      if ((encoded & 7) === CODE_SELECTED) {
        const check = checkOfCode(ctx.index, tables[t]!.id, table, peer.rangeAt(ctx.index, b), peering.id, encoded);
        (carved ??= new Map()).set(position, check);
        state = check.state;
      }
      if (state === 'ok') okCount++;
      // A block a prefix list may carry counts as some, never as complete.
      if (state === 'ok' || state === 'partial' || state === 'unknown') someCount++;
    }
  }
  const summary: RouteSummary = okCount === total ? 'complete' : someCount === 0 ? 'none' : 'partial';
  return new CheckedSide(role, vpcId, peerVpcId, summary, tables, own.servedSubnets, peer, peerCount, codes, at, carved);
}

/**
 * For each peering (active ones by default) and each side, whether every route table that
 * matters routes every peer block (IPv4 primary and secondary, and IPv6) to it.
 */
export function computeRouteCompleteness(topology: Topology, opts: RouteCompletenessOptions = {}): readonly PeeringRouteCompleteness[] {
  const statuses: readonly PeeringStatus[] = opts.statuses ?? ['active'];
  const only = opts.peeringIds ? new Set(opts.peeringIds) : null;
  const chosen: Peering[] = [];
  for (const p of topology.peerings) if (statuses.includes(p.status) && (!only || only.has(p.id))) chosen.push(p);
  if (chosen.length === 0) return [];
  const entries = gatherVpcs(topology);
  // The two sides' entries of each chosen peering (requester at 2i, accepter at 2i + 1).
  const sides = new Array<VpcEntry>(2 * chosen.length);
  let unscanned = false;
  for (let i = 0; i < chosen.length; i++) {
    const requester = (sides[2 * i] = neededEntry(entries, chosen[i]!.requester.vpcId));
    const accepter = (sides[2 * i + 1] = neededEntry(entries, chosen[i]!.accepter.vpcId));
    unscanned ||= !requester.isScanned || !accepter.isScanned;
  }
  // A VPC that was not scanned has the blocks of its best peering side (of any status), as in `collectVpcBlocks`.
  if (unscanned) {
    for (const p of topology.peerings) {
      for (const side of [p.requester, p.accepter]) {
        const entry = entries.get(side.vpcId);
        if (!entry || entry.isScanned) continue;
        if (!entry.side || isBetterBlockSource(p, side, entry.sidePeering!, entry.side)) {
          entry.side = side;
          entry.sidePeering = p;
        }
      }
    }
  }
  const ctx: SideContext = {
    index: indexTopology(topology),
    // Scratch for the routes of one VPC's tables at a time, rewound for the next: compiled
    // routes of the whole topology (8 MiB of fresh memory per call) cost a page fault per 4 KiB.
    routes: new ChunkPool(makeFloat64Chunk, 1_024 * COLUMNS),
    bounds: new ChunkPool(makeFloat64Chunk, 8_192),
    // 65,536 checks per 256 KiB chunk.
    checks: new ChunkPool(makeInt32Chunk, 65_536),
  };
  // Each needed VPC prepared in the topology's order (its objects are read in the order they sit in memory).
  const needed: VpcEntry[] = [];
  for (const entry of entries.values()) {
    if (!entry.needed) continue;
    entry.number = needed.length;
    needed.push(entry);
    entry.prepare(ctx);
  }
  // The sides ordered by their own VPC (a counting sort), so that each VPC's tables are compiled
  // and then checked for all its peerings while they are in the processor's cache.
  const starts = new Int32Array(needed.length + 1);
  for (const entry of sides) starts[entry.number + 1] = starts[entry.number + 1]! + 1;
  for (let n = 0; n < needed.length; n++) starts[n + 1] = starts[n + 1]! + starts[n]!;
  const order = new Int32Array(sides.length);
  const next = starts.slice(0, needed.length);
  for (let s = 0; s < sides.length; s++) order[next[sides[s]!.number]!++] = s;
  const checked = new Array<SideRouteCompleteness>(sides.length);
  for (let n = 0; n < needed.length; n++) {
    const own = needed[n]!;
    ctx.routes.rewind();
    const compiled = compileServing(ctx, own);
    for (let o = starts[n]!; o < starts[n + 1]!; o++) {
      const s = order[o]!;
      checked[s] = checkSide(ctx, chosen[s >> 1]!, s & 1 ? 'accepter' : 'requester', own, compiled, sides[s ^ 1]!);
    }
  }
  const result = new Array<PeeringRouteCompleteness>(chosen.length);
  for (let i = 0; i < chosen.length; i++) {
    const p = chosen[i]!;
    result[i] = { peeringId: p.id, status: p.status, requester: checked[2 * i]!, accepter: checked[2 * i + 1]! };
  }
  return result;
}
