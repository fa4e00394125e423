/** What transit gateways add to the status bar: how many, when there are any. */
import type { KindStatus } from '../kind-entry';

/** The hub kind's status part. */
export const TGW_STATUS: KindStatus = {
  count: (topology) => (topology.transitGateways.length > 0 ? `${topology.transitGateways.length} transit gateway${topology.transitGateways.length === 1 ? '' : 's'}` : undefined),
};
