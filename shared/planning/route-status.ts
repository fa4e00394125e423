/** Route completeness of one peering, from shared/analysis's `computeRouteCompleteness`,
 * computed once per topology and status and then looked up by id.
 *
 * `computeRouteCompleteness` examines every peering in the asked statuses; at 10,000 VPCs and
 * 5,000 active peerings that is about 0.3 s, so the checklist (one peering at a time, many times
 * per topology as the user clicks around) and the completion plans share one result per topology.
 */
import { computeRouteCompleteness, type PeeringRouteCompleteness } from '../analysis/route-completeness';
import type { PeeringId } from '../model/ids';
import type { PeeringStatus, Topology } from '../model/topology';

const cache = new WeakMap<Topology, Map<PeeringStatus, ReadonlyMap<PeeringId, PeeringRouteCompleteness>>>();

/** The route completeness of `peeringId` (in `status`), or undefined when it is not in the topology. */
export function routeCompletenessOf(topology: Topology, peeringId: PeeringId, status: PeeringStatus): PeeringRouteCompleteness | undefined {
  let byStatus = cache.get(topology);
  if (!byStatus) cache.set(topology, (byStatus = new Map()));
  let byId = byStatus.get(status);
  if (!byId) {
    byId = new Map(computeRouteCompleteness(topology, { statuses: [status] }).map((c) => [c.peeringId, c]));
    byStatus.set(status, byId);
  }
  return byId.get(peeringId);
}
