/** A transit gateway route table's stored record (its propagations and static routes) and its
 * id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Route table ids and the errors AWS answers for a malformed or unknown one. */
export const TGW_ROUTE_TABLE_IDS: IdSpec = {
  prefix: 'tgw-rtb-',
  notFound: 'InvalidRouteTableID.NotFound',
  malformed: 'InvalidRouteTableId.Malformed',
  noun: 'transitGatewayRouteTable ID',
};

/** A static route: to one attachment, or a blackhole. */
export interface TgwStaticRouteRec {
  destinationCidrBlock: string;
  attachmentId?: string;
  blackhole: boolean;
}

/** A transit gateway route table, kept in the cell of the gateway's owner. `propagations` lists
 * the attachments propagating to it in the order they began to: an earlier one's CIDRs win over
 * a later one's that overlap them. */
export interface TgwRouteTableRec {
  id: string;
  ownerId: string;
  region: string;
  transitGatewayId: string;
  propagations: string[];
  routes: TgwStaticRouteRec[];
  createdAt: number;
  deletedAt?: number;
  tags: TagMap;
}
