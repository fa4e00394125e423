/** A NAT gateway's stored record (its subnet, addresses, the times that give its state, the
 * failure it was doomed to) and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** NAT gateway ids and the errors DescribeNatGateways and DeleteNatGateway answer. */
export const NAT_GATEWAY_IDS: IdSpec = {
  prefix: 'nat-',
  notFound: 'NatGatewayNotFound',
  malformed: 'NatGatewayMalformed',
  noun: 'natGateway ID',
};

/** The error CreateRoute and ReplaceRoute answer for a NAT gateway target they cannot use. */
export const NAT_ROUTE_TARGET_IDS: IdSpec = { ...NAT_GATEWAY_IDS, notFound: 'InvalidNatGatewayID.NotFound' };

/** `NatGatewayState` in the EC2 API reference. */
export type NatGatewayState = 'pending' | 'failed' | 'available' | 'deleting' | 'deleted';

/** The primary address of a NAT gateway: its network interface's private IP, and for a public
 * gateway its Elastic IP. */
export interface NatGatewayAddressRec {
  networkInterfaceId: string;
  privateIp: string;
  allocationId?: string;
  associationId?: string;
  publicIp?: string;
}

/** A NAT gateway. Its state follows from the times (see `natGatewayState`). */
export interface NatGatewayRec {
  id: string;
  ownerId: string;
  region: string;
  vpcId: string;
  subnetId: string;
  connectivityType: 'public' | 'private';
  createdAt: number;
  deletedAt?: number;
  /** Why it ends `failed` once pending is over (known at creation: AWS reports it asynchronously). */
  failure?: { code: string; message: string };
  addresses: NatGatewayAddressRec[];
  tags: TagMap;
}
