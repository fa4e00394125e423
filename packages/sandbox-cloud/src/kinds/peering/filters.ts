/** The filters DescribeVpcPeeringConnections accepts (besides `tag:<key>`, `tag-key` and `tag-value`). */
import type { FilterSpec } from '../../ec2/common';
import type { PeeringRec, PeeringSideRec } from './records';

function sideFilters(prefix: string, pick: (p: PeeringRec) => PeeringSideRec): FilterSpec<PeeringRec> {
  return {
    [`${prefix}.cidr-block`]: (p) => [pick(p).cidrBlock, ...pick(p).cidrBlocks],
    [`${prefix}.owner-id`]: (p) => pick(p).ownerId,
    [`${prefix}.vpc-id`]: (p) => pick(p).vpcId,
  };
}

export const PEERING_FILTERS: FilterSpec<PeeringRec> = {
  ...sideFilters('accepter-vpc-info', (p) => p.accepter),
  ...sideFilters('requester-vpc-info', (p) => p.requester),
  'expiration-time': (p) => (p.expirationTime !== undefined ? new Date(p.expirationTime).toISOString() : undefined),
  'status-code': (p) => p.status,
  'status-message': (p) => p.message,
  'vpc-peering-connection-id': (p) => p.id,
};
