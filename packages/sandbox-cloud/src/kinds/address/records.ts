/** An Elastic IP address's stored record (its association, when something uses it) and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Allocation ids and the errors AWS answers for a malformed or unknown one. */
export const ADDRESS_IDS: IdSpec = {
  prefix: 'eipalloc-',
  notFound: 'InvalidAllocationID.NotFound',
  malformed: 'InvalidAllocationID.Malformed',
  noun: 'allocation ID',
};

/** What an Elastic IP is associated with: the network interface of a NAT gateway. */
export interface AddressAssocRec {
  id: string;
  natGatewayId: string;
  networkInterfaceId: string;
  privateIp: string;
  vpcId: string;
}

/** An Elastic IP address (domain `vpc`, from Amazon's pool). */
export interface AddressRec {
  id: string;
  ownerId: string;
  region: string;
  publicIp: string;
  networkBorderGroup: string;
  association?: AddressAssocRec;
  tags: TagMap;
}
