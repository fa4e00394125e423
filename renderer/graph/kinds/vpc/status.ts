/** What VPCs add to the status bar: how many were scanned, and how many overlapping pairs. */
import { conflictsOf } from '../../derive';
import type { KindStatus } from '../kind-entry';

/** The VPC kind's status parts. */
export const VPC_STATUS: KindStatus = {
  count: (topology) => `${topology.vpcs.length} VPCs`,
  findings(topology) {
    const conflicts = conflictsOf(topology).report.conflicts.length;
    return conflicts > 0 ? `${conflicts} conflicts` : undefined;
  },
};
