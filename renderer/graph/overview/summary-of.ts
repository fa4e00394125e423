/** The summaries of the canvas's network, memoised per topology and "show deleted". */
import type { NetworkSummary } from '../../../shared/diagram/region-summaries';
import { summariseNetwork } from '../../../shared/diagram/region-summaries';
import type { Topology } from '../../../shared/model/topology';
import { conflictsOf, membersOf, routesOf } from '../derive';
import { isDrawnPeering } from '../kinds/peering/to-flow';

const cache = new WeakMap<Topology, Map<boolean, NetworkSummary>>();

/**
 * What each account and region of the drawn network sums up to: its drawn VPCs and peerings,
 * the conflicts the Findings panel lists and the route states the peering edges are drawn in.
 */
export function summaryOf(topology: Topology, showDeleted: boolean): NetworkSummary {
  let byFlag = cache.get(topology);
  if (!byFlag) cache.set(topology, (byFlag = new Map()));
  let hit = byFlag.get(showDeleted);
  if (!hit) {
    const accounts = membersOf(topology, showDeleted);
    const drawn = new Set(accounts.flatMap((a) => a.regions.flatMap((r) => r.vpcs.map((v) => v.id))));
    hit = summariseNetwork({
      accounts,
      peerings: topology.peerings.filter((p) => isDrawnPeering(p, drawn, showDeleted)),
      conflicts: conflictsOf(topology).report.conflicts,
      completeness: new Map([...routesOf(topology).byPeering].map(([id, r]) => [id, r.detail])),
    });
    byFlag.set(showDeleted, hit);
  }
  return hit;
}
