/** Analysis results for the graph, computed from the snapshot's topology and memoised per topology.
 *
 * The store keeps only the snapshot; every finding is derived here from shared/analysis and
 * shared/planning, never kept as a second copy in the store. Topologies are immutable
 * values, so a WeakMap keyed by the topology object is a correct cache and frees itself.
 */
import { createAttachmentValidator, type AttachmentValidator } from '../../shared/analysis/validate-attachment';
import type { CidrConflict, CidrConflictReport } from '../../shared/analysis/cidr-conflicts';
import type { ReachRollUp, ReachRow, ReachSource, ReachTraffic } from '../../shared/analysis/estate-reach';
import { computeReachRollUp, computeReachRow } from '../../shared/analysis/estate-reach';
import type { Result } from '../../shared/core/result';
import { findCidrConflicts } from '../../shared/analysis/cidr-conflicts';
import type { PeeringRouteCompleteness, RouteSummary } from '../../shared/analysis/route-completeness';
import { computeRouteCompleteness } from '../../shared/analysis/route-completeness';
import { indexTopology } from '../../shared/analysis/topology-index';
import type { TopologyIndex } from '../../shared/analysis/topology-index';
import type { NonTransitiveReport } from '../../shared/analysis/transitive-paths';
import { findNonTransitivePairs } from '../../shared/analysis/transitive-paths';
import type { DiagramAccount } from '../../shared/diagram/members';
import { collectDiagramMembers } from '../../shared/diagram/members';
import type { PeeringId, VpcId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';
import type { PeeringValidator } from '../../shared/analysis/validate-peering';
import { createPeeringValidator } from '../../shared/analysis/validate-peering';

function memoByTopology<T>(compute: (t: Topology) => T): (t: Topology) => T {
  const cache = new WeakMap<Topology, T>();
  return (t) => {
    let hit = cache.get(t);
    if (hit === undefined) {
      hit = compute(t);
      cache.set(t, hit);
    }
    return hit;
  };
}

/** CIDR conflicts with lookups by VPC. */
export interface ConflictView {
  readonly report: CidrConflictReport;
  readonly byVpc: ReadonlyMap<VpcId, readonly CidrConflict[]>;
}

/** Every CIDR conflict of the topology, indexed by VPC. */
export const conflictsOf = memoByTopology((t): ConflictView => {
  const report = findCidrConflicts(t);
  const byVpc = new Map<VpcId, CidrConflict[]>();
  for (const c of report.conflicts) {
    for (const id of [c.vpcA, c.vpcB]) {
      const list = byVpc.get(id);
      if (list) list.push(c);
      else byVpc.set(id, [c]);
    }
  }
  return { report, byVpc };
});

/** How completely a peering is routed, as the graph draws it: per side and overall. */
export interface PeeringRoutes {
  readonly detail: PeeringRouteCompleteness;
  /**
   * `both`: each side routes every peer block; `one`: exactly one side does; `partial`: neither
   * does fully but some blocks are routed; `none`: nothing is routed; `unknown`: a side was not
   * scanned and the other is not complete; `nothing-to-route`: a VPC has no subnets, so no
   * table can carry traffic over it and no route is missing.
   */
  readonly overall: 'both' | 'one' | 'partial' | 'none' | 'unknown' | 'nothing-to-route';
}

/** Route completeness of every active peering, and which VPCs have a side that is not complete. */
export interface RoutesView {
  readonly byPeering: ReadonlyMap<PeeringId, PeeringRoutes>;
  /** VPC → active peerings whose side in that VPC does not route all the peer's blocks. */
  readonly incompleteByVpc: ReadonlyMap<VpcId, readonly PeeringId[]>;
}

function overallOf(a: RouteSummary, b: RouteSummary): PeeringRoutes['overall'] {
  if (a === 'nothing-to-route' || b === 'nothing-to-route') return 'nothing-to-route';
  const complete = Number(a === 'complete') + Number(b === 'complete');
  if (complete === 2) return 'both';
  if (complete === 1) return 'one';
  if (a === 'partial' || b === 'partial') return 'partial';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'none';
}

/** Route completeness of every active peering. */
export const routesOf = memoByTopology((t): RoutesView => {
  const byPeering = new Map<PeeringId, PeeringRoutes>();
  const incompleteByVpc = new Map<VpcId, PeeringId[]>();
  for (const detail of computeRouteCompleteness(t)) {
    byPeering.set(detail.peeringId, { detail, overall: overallOf(detail.requester.summary, detail.accepter.summary) });
    for (const side of [detail.requester, detail.accepter]) {
      if (side.summary === 'complete' || side.summary === 'unknown' || side.summary === 'nothing-to-route') continue;
      const list = incompleteByVpc.get(side.vpcId);
      if (list) list.push(detail.peeringId);
      else incompleteByVpc.set(side.vpcId, [detail.peeringId]);
    }
  }
  return { byPeering, incompleteByVpc };
});

/** The fast verdict function for drag-to-peer, one per topology. */
export const validatorOf = memoByTopology((t): PeeringValidator => createPeeringValidator(t));

/** Can a VPC attach to a gateway (the hub's verdict while a VPC is dragged over it). */
export const attachValidatorOf = memoByTopology((t): AttachmentValidator => createAttachmentValidator(t));

/** Pairs connected only through other VPCs, for the findings panel. */
export const nonTransitiveOf = memoByTopology((t): NonTransitiveReport => findNonTransitivePairs(t, { maxPairs: 5_000 }));

/** Lookup tables of the topology (shared with the analyses, which cache them too). */
export const indexOf = (t: Topology): TopologyIndex => indexTopology(t);

const membersCache = new WeakMap<Topology, Map<boolean, readonly DiagramAccount[]>>();

/** The diagram's accounts, regions and VPCs (including VPCs known only from a peering). */
export function membersOf(t: Topology, includeDeletedPeerings: boolean): readonly DiagramAccount[] {
  let byFlag = membersCache.get(t);
  if (!byFlag) membersCache.set(t, (byFlag = new Map()));
  let hit = byFlag.get(includeDeletedPeerings);
  if (!hit) {
    hit = collectDiagramMembers(t, { includeDeletedPeerings });
    byFlag.set(includeDeletedPeerings, hit);
  }
  return hit;
}

/** Memoised per topology and per question (a few questions per topology: the ones the user asked). */
function memoByTopologyAndKey<Q, T>(key: (q: Q) => string, compute: (t: Topology, q: Q) => T): (t: Topology, q: Q) => T {
  const cache = new WeakMap<Topology, Map<string, T>>();
  return (t, q) => {
    let byKey = cache.get(t);
    if (!byKey) cache.set(t, (byKey = new Map()));
    const k = key(q);
    let hit = byKey.get(k);
    if (hit === undefined) {
      hit = compute(t, q);
      byKey.set(k, hit);
    }
    return hit;
  };
}

const trafficKey = (t: ReachTraffic) => `${t.protocol}/${t.port ?? ''}`;

/** One source's reach row for one traffic (an `invalid-input` failure for a source the topology does not have). */
export const reachRowOf = memoByTopologyAndKey(
  (q: { source: ReachSource; traffic: ReachTraffic }) => `${q.source.kind === 'vpc' ? q.source.vpcId : q.source.accountId}|${trafficKey(q.traffic)}`,
  (t, q): Result<ReachRow> => computeReachRow(t, q.source, q.traffic),
);

/** The account × account roll-up for one traffic. */
export const reachRollUpOf = memoByTopologyAndKey(trafficKey, (t, traffic: ReachTraffic): ReachRollUp => computeReachRollUp(t, traffic));
