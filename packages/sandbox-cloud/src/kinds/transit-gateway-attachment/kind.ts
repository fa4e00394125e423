/** The transit gateway attachment kind (VPC and peering attachments): ids `tgw-attach-`, a table per cell
 * (the VPC owner's), its actions, and its hold on a VPC's and a subnet's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { acceptTransitGatewayVpcAttachment, rejectTransitGatewayVpcAttachment } from './acceptance';
import {
  attachmentsOnSubnetDelete,
  attachmentsOnVpcDelete,
  createTransitGatewayVpcAttachment,
  deleteTransitGatewayVpcAttachment,
  describeTransitGatewayAttachments,
  describeTransitGatewayVpcAttachments,
  modifyTransitGatewayVpcAttachment,
} from './actions';
import {
  acceptTransitGatewayPeeringAttachment,
  createTransitGatewayPeeringAttachment,
  deleteTransitGatewayPeeringAttachment,
  describeTransitGatewayPeeringAttachments,
  rejectTransitGatewayPeeringAttachment,
} from './peering';
import { TGW_ATTACHMENT_IDS } from './records';

export const TRANSIT_GATEWAY_ATTACHMENT_KIND = {
  ids: TGW_ATTACHMENT_IDS,
  tagType: 'transit-gateway-attachment',
  actions: {
    CreateTransitGatewayVpcAttachment: write(createTransitGatewayVpcAttachment),
    ModifyTransitGatewayVpcAttachment: write(modifyTransitGatewayVpcAttachment),
    DeleteTransitGatewayVpcAttachment: write(deleteTransitGatewayVpcAttachment),
    DescribeTransitGatewayVpcAttachments: read(describeTransitGatewayVpcAttachments),
    DescribeTransitGatewayAttachments: read(describeTransitGatewayAttachments),
    AcceptTransitGatewayVpcAttachment: write(acceptTransitGatewayVpcAttachment),
    RejectTransitGatewayVpcAttachment: write(rejectTransitGatewayVpcAttachment),
    CreateTransitGatewayPeeringAttachment: write(createTransitGatewayPeeringAttachment),
    AcceptTransitGatewayPeeringAttachment: write(acceptTransitGatewayPeeringAttachment),
    RejectTransitGatewayPeeringAttachment: write(rejectTransitGatewayPeeringAttachment),
    DeleteTransitGatewayPeeringAttachment: write(deleteTransitGatewayPeeringAttachment),
    DescribeTransitGatewayPeeringAttachments: read(describeTransitGatewayPeeringAttachments),
  },
  onVpcDelete: attachmentsOnVpcDelete,
  onSubnetDelete: attachmentsOnSubnetDelete,
  ...cellTable('transitGatewayAttachment', 'transitGatewayAttachments', { addedLater: true }),
} satisfies KindDef<'transitGatewayAttachment'>;
