/** An internet gateway's stored record (the VPC it is attached to, if any) and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Internet gateway ids and the errors AWS answers for a malformed or unknown one. */
export const INTERNET_GATEWAY_IDS: IdSpec = {
  prefix: 'igw-',
  notFound: 'InvalidInternetGatewayID.NotFound',
  malformed: 'InvalidInternetGatewayId.Malformed',
  noun: 'internetGateway ID',
};

/** An internet gateway: attached to one VPC at most. */
export interface InternetGatewayRec {
  id: string;
  ownerId: string;
  region: string;
  vpcId?: string;
  tags: TagMap;
}
