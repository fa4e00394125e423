/** The transit gateway attachment kind of the model: what a gateway is attached to (a VPC, a VPN,
 * a Direct Connect gateway, a Connect attachment, another gateway through a peering …), as seen
 * from that gateway, with its route table association. */
import { z } from 'zod';

import type { AccountId, Region, SubnetId, VpcId } from '../ids';
import { accountIdSchema, regionSchema, type ModelKind } from './common';
import { subnetIdSchema } from './subnet';
import {
  transitGatewayAttachmentIdSchema,
  transitGatewayIdSchema,
  transitGatewayRouteTableIdSchema,
  type TransitGatewayAttachmentId,
  type TransitGatewayId,
  type TransitGatewayRouteTableId,
} from './transit-gateway';
import { vpcIdSchema } from './vpc';

/** The route table an attachment is associated with: the table its incoming traffic is routed by. */
export interface TransitGatewayAssociation {
  readonly routeTableId: TransitGatewayRouteTableId;
  /** `associating`, `associated`, `disassociating` or `disassociated`. */
  readonly state: string;
}

/** One subnet of a VPC attachment: the gateway has an interface there, serving its Availability Zone. */
export interface TransitGatewayAttachmentSubnet {
  readonly subnetId: SubnetId;
  /** The subnet's zone, when the subnet is in the topology. */
  readonly availabilityZone?: string;
}

/** What DescribeTransitGatewayVpcAttachments adds for an attachment to a VPC. */
export interface TransitGatewayVpcAttachmentDetails {
  readonly vpcId: VpcId;
  /** At most one per Availability Zone: the zones the VPC reaches the gateway from. */
  readonly subnets: readonly TransitGatewayAttachmentSubnet[];
  /** The options as AWS's `enable`/`disable` booleans; unset when AWS's answer lacked one. */
  readonly options: {
    readonly dnsSupport?: boolean;
    readonly ipv6Support?: boolean;
    readonly applianceModeSupport?: boolean;
    readonly securityGroupReferencingSupport?: boolean;
  };
}

/**
 * A transit gateway attachment as its gateway sees it. An attachment to a VPC of another account
 * is listed by both accounts: one record. A peering attachment has one id and two gateways: it
 * is one record per gateway (each with its own association and region), `resourceType`
 * `peering` and `resourceId` the other gateway; the pair is described in `transitGatewayPeerings`.
 * VPN, Direct Connect gateway and Connect attachments are kept as they are listed: an endpoint
 * named by `resourceType` and `resourceId`.
 */
export interface TransitGatewayAttachment {
  readonly id: TransitGatewayAttachmentId;
  readonly transitGatewayId: TransitGatewayId;
  readonly transitGatewayOwnerId: AccountId;
  /** The gateway's region. */
  readonly region: Region;
  readonly name?: string;
  /** AWS's string as given: `vpc`, `vpn`, `vpn-concentrator`, `direct-connect-gateway`, `connect`, `peering`, `tgw-peering`, `network-function`, `client-vpn` … */
  readonly resourceType: string;
  /** The attached resource's id (`vpc-…`, `vpn-…`, the peer `tgw-…`, …). */
  readonly resourceId: string;
  readonly resourceOwnerId: AccountId;
  /** `pendingAcceptance`, `pending`, `available`, `modifying`, `deleting`, `deleted`, `rejected`, `failed` … as AWS gives it. */
  readonly state: string;
  /** Unset when the attachment is associated with no route table. */
  readonly association?: TransitGatewayAssociation;
  /** For a VPC attachment whose details were read. */
  readonly vpc?: TransitGatewayVpcAttachmentDetails;
  /** The scanned accounts whose scan listed the attachment, sorted. */
  readonly listedBy: readonly AccountId[];
}

/** Schema of a `TransitGatewayAttachment`. */
export const transitGatewayAttachmentSchema = z.object({
  id: transitGatewayAttachmentIdSchema,
  transitGatewayId: transitGatewayIdSchema,
  transitGatewayOwnerId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  resourceType: z.string(),
  resourceId: z.string(),
  resourceOwnerId: accountIdSchema,
  state: z.string(),
  association: z.object({ routeTableId: transitGatewayRouteTableIdSchema, state: z.string() }).optional(),
  vpc: z
    .object({
      vpcId: vpcIdSchema,
      subnets: z.array(z.object({ subnetId: subnetIdSchema, availabilityZone: z.string().optional() })).readonly(),
      options: z.object({
        dnsSupport: z.boolean().optional(),
        ipv6Support: z.boolean().optional(),
        applianceModeSupport: z.boolean().optional(),
        securityGroupReferencingSupport: z.boolean().optional(),
      }),
    })
    .optional(),
  listedBy: z.array(accountIdSchema).readonly(),
});

// Compile-time check that the schema produces exactly the type.
((a: z.infer<typeof transitGatewayAttachmentSchema>): TransitGatewayAttachment => a) satisfies unknown;
((a: TransitGatewayAttachment): z.infer<typeof transitGatewayAttachmentSchema> => a) satisfies unknown;

/** The transit gateway attachment kind, as the model's registry lists it. */
export const TRANSIT_GATEWAY_ATTACHMENT_KIND: ModelKind<TransitGatewayAttachment> = { schema: transitGatewayAttachmentSchema };
