/** Words for peering statuses and ids on the graph (what to do next in each status is `nextStep`, shared/planning). */
import type { PeeringStatus } from '../../../../shared/model/topology';

/** A status as people say it. */
export const STATUS_WORDS: Readonly<Record<PeeringStatus, string>> = {
  'initiating-request': 'initiating',
  'pending-acceptance': 'pending acceptance',
  provisioning: 'provisioning',
  active: 'active',
  deleting: 'deleting',
  deleted: 'deleted',
  rejected: 'rejected',
  failed: 'failed',
  expired: 'expired',
};

/** `pcx-0a1b…9f` → `pcx-…9f0c`: enough to tell peerings apart on a label. */
export function shortPeeringId(id: string): string {
  return id.length > 12 ? `pcx-…${id.slice(-4)}` : id;
}
