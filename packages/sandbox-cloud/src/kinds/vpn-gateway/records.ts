/** A virtual private gateway's stored record (its VPC attachments and the times that give their
 * states) and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Virtual private gateway ids and the errors AWS answers for a malformed or unknown one. */
export const VPN_GATEWAY_IDS: IdSpec = {
  prefix: 'vgw-',
  notFound: 'InvalidVpnGatewayID.NotFound',
  malformed: 'InvalidVpnGatewayId.Malformed',
  noun: 'vpnGateway ID',
};

/** `AttachmentStatus` in the EC2 API reference. */
export type VpnAttachmentState = 'attaching' | 'attached' | 'detaching' | 'detached';

/** One attachment to a VPC; a detached one stays listed until the gateway attaches again. */
export interface VpnAttachmentRec {
  vpcId: string;
  attachedAt: number;
  detachedAt?: number;
}

/** A virtual private gateway (type `ipsec.1`). */
export interface VpnGatewayRec {
  id: string;
  ownerId: string;
  region: string;
  amazonSideAsn: number;
  availabilityZone?: string;
  deletedAt?: number;
  attachments: VpnAttachmentRec[];
  tags: TagMap;
}
