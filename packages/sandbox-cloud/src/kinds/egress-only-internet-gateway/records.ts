/** An egress-only internet gateway's stored record (the VPC it was made for) and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Egress-only internet gateway ids and the errors AWS answers for a malformed or unknown one. */
export const EGRESS_ONLY_INTERNET_GATEWAY_IDS: IdSpec = {
  prefix: 'eigw-',
  notFound: 'InvalidEgressOnlyInternetGatewayId.NotFound',
  malformed: 'InvalidEgressOnlyInternetGatewayId.Malformed',
  noun: 'egressOnlyInternetGateway ID',
};

/** An egress-only internet gateway: attached to its VPC from creation to deletion. */
export interface EgressOnlyInternetGatewayRec {
  id: string;
  ownerId: string;
  region: string;
  vpcId: string;
  tags: TagMap;
}
