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

/** A VPC attachment, kept in the cell of the VPC's owner. Its association (at most one route
 * table) is kept here; its propagations are kept by the route tables it propagates to. */
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
  createdAt: number;
  deletedAt?: number;
  tags: TagMap;
}
