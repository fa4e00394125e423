/** Do both sides of each peering route the other side's blocks to it?
 *
 * A peering carries nothing until each side has routes to it ("Update your route tables for a
 * VPC peering connection", Amazon VPC Peering Guide). Only tables that serve subnets matter: the
 * ones with explicit associations, and the main table for subnets without one.
 */
import { assertNever } from '../api/result';
import { isWithin } from '../cidr/overlap';
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { PeeringId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { Peering, PeeringStatus, Route, RouteTable, RouteTarget, Topology } from '../model/topology';
import type { TopologyIndex } from './topology-index';
import { findServingTables, indexTopology } from './topology-index';

/** A route as it bears on one destination block. */
export interface RouteRef {
  readonly destination: string;
  readonly target: RouteTarget;
  readonly routeState: Route['state'];
}

/** How one route table treats one peer block. */
export type RouteCheck =
  /** The most specific route covering the block goes to this peering and is active. */
  | { readonly state: 'ok'; readonly peerCidr: Cidr; readonly route: RouteRef }
  /** The route to this peering exists but is a blackhole (peering not active, or gone). */
  | { readonly state: 'blackhole'; readonly peerCidr: Cidr; readonly route: RouteRef }
  /** No route for the block; traffic falls to the default route, if any (`fallback`), and is lost. */
  | { readonly state: 'missing'; readonly peerCidr: Cidr; readonly fallback?: RouteRef }
  /** The block is routed to something else (another peering, a transit gateway, local …): a conflict. */
  | { readonly state: 'elsewhere'; readonly peerCidr: Cidr; readonly route: RouteRef }
  /** Part of the block goes to this peering, part does not. */
  | { readonly state: 'partial'; readonly peerCidr: Cidr; readonly toPeering: readonly RouteRef[]; readonly notToPeering: readonly RouteRef[] };

/** Every state a `RouteCheck` can have. */
export type RouteCheckState = RouteCheck['state'];

/** One route table that matters, with its checks. */
export interface TableRouteChecks {
  readonly routeTableId: RouteTableId;
  readonly main: boolean;
  /** The subnets this table serves (explicit, plus implicit ones for the main table). */
  readonly subnetIds: readonly SubnetId[];
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
}

interface ParsedRoute {
  readonly range: CidrRange;
  readonly ref: RouteRef;
}

const parsedRoutesCache = new WeakMap<RouteTable, readonly ParsedRoute[]>();

/** A table's routes with parsed destinations; prefix-list destinations (`pl-…`) are left out. */
function parsedRoutes(index: TopologyIndex, table: RouteTable): readonly ParsedRoute[] {
  const hit = parsedRoutesCache.get(table);
  if (hit) return hit;
  const list: ParsedRoute[] = [];
  for (const r of table.routes) {
    const range = index.rangeOf(r.destination);
    if (range) list.push({ range, ref: { destination: r.destination, target: r.target, routeState: r.state } });
  }
  parsedRoutesCache.set(table, list);
  return list;
}

function isToPeering(ref: RouteRef, peeringId: PeeringId): boolean {
  return ref.target.kind === 'peering' && ref.target.peeringId === peeringId;
}

/**
 * How `table` routes the block `peer`, judged for peering `peeringId`, by longest prefix match
 * ("Route priority", Amazon VPC User Guide): the most specific route covering the block decides,
 * and more specific routes inside the block carve parts out of it. A default route (`/0`) to an
 * internet or NAT gateway does not count as routing the peer elsewhere: the route is `missing`.
 */
export function checkTableRoute(index: TopologyIndex, table: RouteTable, peer: CidrRange, peeringId: PeeringId): RouteCheck {
  let best: ParsedRoute | undefined;
  const inner: ParsedRoute[] = [];
  for (const r of parsedRoutes(index, table)) {
    if (r.range.family !== peer.family) continue;
    if (isWithin(peer, r.range)) {
      if (!best || r.range.prefixLength > best.range.prefixLength) best = r;
    } else if (isWithin(r.range, peer)) {
      inner.push(r);
    }
  }
  const peerCidr = peer.cidr;
  const innerTo = inner.filter((r) => isToPeering(r.ref, peeringId) && r.ref.routeState === 'active').map((r) => r.ref);
  const innerOther = inner.filter((r) => !(isToPeering(r.ref, peeringId) && r.ref.routeState === 'active')).map((r) => r.ref);
  if (best && isToPeering(best.ref, peeringId)) {
    if (best.ref.routeState === 'blackhole') {
      return innerTo.length > 0
        ? { state: 'partial', peerCidr, toPeering: innerTo, notToPeering: [best.ref, ...innerOther] }
        : { state: 'blackhole', peerCidr, route: best.ref };
    }
    if (innerOther.length === 0) return { state: 'ok', peerCidr, route: best.ref };
    return { state: 'partial', peerCidr, toPeering: [best.ref, ...innerTo], notToPeering: innerOther };
  }
  const isDefault = best !== undefined && best.range.prefixLength === 0;
  if (best && !isDefault) {
    if (innerTo.length > 0) return { state: 'partial', peerCidr, toPeering: innerTo, notToPeering: [best.ref, ...innerOther] };
    return { state: 'elsewhere', peerCidr, route: best.ref };
  }
  if (innerTo.length > 0) {
    return { state: 'partial', peerCidr, toPeering: innerTo, notToPeering: best ? [best.ref, ...innerOther] : innerOther };
  }
  const firstOther = innerOther[0];
  if (firstOther) return { state: 'elsewhere', peerCidr, route: firstOther };
  return best ? { state: 'missing', peerCidr, fallback: best.ref } : { state: 'missing', peerCidr };
}

/** The peer blocks a side must route: all IPv4 blocks, and IPv6 blocks when both VPCs have IPv6. */
function peerBlocksFor(topology: Topology, vpcId: VpcId, peerVpcId: VpcId): readonly CidrRange[] {
  const blocks = collectVpcBlocks(topology).byVpc;
  const own = blocks.get(vpcId) ?? [];
  const hasIpv6 = own.some((b) => b.family === 'ipv6');
  return (blocks.get(peerVpcId) ?? []).filter((b) => b.family === 'ipv4' || hasIpv6);
}

function checkSide(topology: Topology, index: TopologyIndex, peering: Peering, role: 'requester' | 'accepter'): SideRouteCompleteness {
  const side = role === 'requester' ? peering.requester : peering.accepter;
  const other = role === 'requester' ? peering.accepter : peering.requester;
  const base = { role, vpcId: side.vpcId, peerVpcId: other.vpcId };
  if (!index.vpcById.has(side.vpcId)) {
    return { ...base, summary: 'unknown', tables: [], note: `${side.vpcId} (account ${side.accountId}, ${side.region}) was not scanned.` };
  }
  if (!index.routeTablesByVpc.has(side.vpcId)) {
    return { ...base, summary: 'unknown', tables: [], note: `No route tables of ${side.vpcId} are in the snapshot.` };
  }
  const serving = findServingTables(index, side.vpcId);
  if (serving.length === 0) return { ...base, summary: 'none', tables: [], note: `${side.vpcId} has no subnets, so no route table carries traffic.` };
  const peerBlocks = peerBlocksFor(topology, side.vpcId, other.vpcId);
  let okCount = 0;
  let someCount = 0;
  let total = 0;
  const tables: TableRouteChecks[] = serving.map(({ table, subnetIds }) => {
    const checks = peerBlocks.map((b) => checkTableRoute(index, table, b, peering.id));
    for (const c of checks) {
      total++;
      if (c.state === 'ok') okCount++;
      if (c.state === 'ok' || c.state === 'partial') someCount++;
    }
    return { routeTableId: table.id, main: table.main, subnetIds, checks };
  });
  if (total === 0) return { ...base, summary: 'unknown', tables, note: `The blocks of ${other.vpcId} are unknown.` };
  const summary: RouteSummary = okCount === total ? 'complete' : someCount === 0 ? 'none' : 'partial';
  return { ...base, summary, tables };
}

/**
 * For each peering (active ones by default) and each side, whether every route table that
 * matters routes every peer block (IPv4 primary and secondary, and IPv6) to it.
 */
export function computeRouteCompleteness(topology: Topology, opts: RouteCompletenessOptions = {}): readonly PeeringRouteCompleteness[] {
  const statuses = new Set<PeeringStatus>(opts.statuses ?? ['active']);
  const index = indexTopology(topology);
  const result: PeeringRouteCompleteness[] = [];
  for (const p of topology.peerings) {
    if (!statuses.has(p.status)) continue;
    result.push({
      peeringId: p.id,
      status: p.status,
      requester: checkSide(topology, index, p, 'requester'),
      accepter: checkSide(topology, index, p, 'accepter'),
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
      return `${check.peerCidr} goes to ${describeTarget(check.route.target)} (route ${check.route.destination}${check.route.routeState === 'blackhole' ? ', blackhole' : ''}), not ${peeringId}`;
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
