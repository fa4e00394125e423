/** A transit gateway VPC attachment's stored record and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';
import type { Switch } from '../transit-gateway/records';

/** Attachment ids and the errors AWS answers for a malformed or unknown one. */
export const TGW_ATTACHMENT_IDS: IdSpec = {
  prefix: 'tgw-attach-',
  notFound: 'InvalidTransitGatewayAttachmentID.NotFound',
  malformed: 'InvalidTransitGatewayAttachmentID.Malformed',
  noun: 'transitGatewayAttachment ID',
};

/** The accepter side of a peering attachment: the peer gateway, its owner and region. */
export interface TgwPeerSide {
  transitGatewayId: string;
  ownerId: string;
  region: string;
}

/** A VPC attachment, kept in the cell of the VPC's owner, or a peering attachment
 * (`peer` set, `vpcId` empty, no subnets), kept in the requester's cell. Its association (at
 * most one route table) is kept here; its propagations are kept by the route tables it
 * propagates to. */
export interface TgwAttachmentRec {
  id: string;
  ownerId: string;
  region: string;
  transitGatewayId: string;
  transitGatewayOwnerId: string;
  vpcId: string;
  subnetIds: string[];
  dnsSupport: Switch;
  securityGroupReferencingSupport: Switch;
  ipv6Support: Switch;
  applianceModeSupport: Switch;
  associatedRouteTableId?: string;
  /** Peering attachments only: the accepter side. */
  peer?: TgwPeerSide;
  /** Peering attachments only: the association on the accepter's gateway. */
  peerAssociatedRouteTableId?: string;
  /** VPC attachments only: made by another account than the gateway's owner while the gateway
   * did not auto-accept shared attachments, so it waits for the owner to accept it. */
  awaitsAcceptance?: boolean;
  /** When a peering attachment, or a VPC attachment that awaits acceptance, was accepted. */
  acceptedAt?: number;
  rejected?: boolean;
  createdAt: number;
  deletedAt?: number;
  tags: TagMap;
}
