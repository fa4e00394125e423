/** A transit gateway's stored record and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Transit gateway ids and the errors AWS answers for a malformed or unknown one. */
export const TRANSIT_GATEWAY_IDS: IdSpec = {
  prefix: 'tgw-',
  notFound: 'InvalidTransitGatewayID.NotFound',
  malformed: 'InvalidTransitGatewayID.Malformed',
  noun: 'transitGateway ID',
};

/** The API's `enable | disable` switches. */
export type Switch = 'enable' | 'disable';

/** A transit gateway: its options as `TransitGatewayOptions` names them, and the times that give
 * its state. The default route tables' ids are kept here, as AWS answers them in the options. */
export interface TransitGatewayRec {
  id: string;
  ownerId: string;
  region: string;
  description: string;
  amazonSideAsn: number;
  autoAcceptSharedAttachments: Switch;
  defaultRouteTableAssociation: Switch;
  defaultRouteTablePropagation: Switch;
  associationDefaultRouteTableId?: string;
  propagationDefaultRouteTableId?: string;
  vpnEcmpSupport: Switch;
  dnsSupport: Switch;
  securityGroupReferencingSupport: Switch;
  multicastSupport: Switch;
  createdAt: number;
  deletedAt?: number;
  tags: TagMap;
}
