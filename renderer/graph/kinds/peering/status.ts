/** What peerings add to the status bar: how many are drawn, and how many deleted ones are hidden. */
import type { KindStatus } from '../kind-entry';

/** The peering kind's status parts: counted as drawn, deleted peerings only while the legend shows them. */
export const PEERING_STATUS: KindStatus = {
  count(topology, showDeleted) {
    const hidden = showDeleted ? 0 : topology.peerings.filter((p) => p.status === 'deleted').length;
    return `${topology.peerings.length - hidden} peerings${hidden > 0 ? ` (${hidden} deleted hidden)` : ''}`;
  },
};
