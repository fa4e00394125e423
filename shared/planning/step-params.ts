/** The inputs of each EC2 call a plan makes, typed per action.
 *
 * Field names and shapes are the EC2 API's, as the AWS SDK for JavaScript v3 takes them
 * (PascalCase, `IpPermissions`, `TagSpecifications`…), so a plan's step is sent as it is, written
 * to the audit log as it is, and turned into `aws ec2` flags field by field. Each type is a subset
 * of the SDK's `*CommandInput`: `electron/actions/ec2-send.ts` checks that at compile time, so a
 * misspelt or invented field fails `tsc`.
 */
import type { AccountId, PeeringId, Region, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../model/ids';
import type { NetworkAclId } from '../model/kinds/network-acl';
import type { TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTableId } from '../model/kinds/transit-gateway';

/**
 * Placeholder for the peering id in step parameters before the peering exists. The executor
 * replaces it with the id CreateVpcPeeringConnection returned; the CLI export with `"$PCX_ID"`.
 */
export const PEERING_ID_REF = '{{peeringId}}';

/** `PEERING_ID_REF` for a new peering, the id itself for an existing one. */
export type PeeringRef = PeeringId | typeof PEERING_ID_REF;

/**
 * Placeholder for a new transit gateway attachment's id before it exists. The executor replaces it
 * with the id CreateTransitGatewayVpcAttachment returned; the CLI export with `"$TGW_ATTACH_ID"`.
 */
export const ATTACHMENT_ID_REF = '{{attachmentId}}';

/** `ATTACHMENT_ID_REF` for a new attachment, the id itself for an existing one. */
export type AttachmentRef = TransitGatewayAttachmentId | typeof ATTACHMENT_ID_REF;

/** One tag. */
export type TagParam = { readonly Key: string; readonly Value: string };

/** The tags of the peering a create makes (they apply atomically with the create). */
export type PeeringTagSpecification = { readonly ResourceType: 'vpc-peering-connection'; readonly Tags: readonly TagParam[] };

/** CreateVpcPeeringConnection: from `VpcId` to `PeerVpcId`, in another account or region when given. */
export type CreatePeeringParams = {
  readonly VpcId: VpcId;
  readonly PeerVpcId: VpcId;
  readonly PeerOwnerId?: AccountId;
  readonly PeerRegion?: Region;
  readonly TagSpecifications?: readonly PeeringTagSpecification[];
};

/** Accept, reject or delete: the peering alone. */
export type PeeringIdParams = { readonly VpcPeeringConnectionId: PeeringRef };

/** One side's options of a peering. */
export type PeeringOptionsParam = { readonly AllowDnsResolutionFromRemoteVpc: boolean };

/** ModifyVpcPeeringConnectionOptions: each side's options are set by that side's owner. */
export type PeeringOptionsParams = {
  readonly VpcPeeringConnectionId: PeeringRef;
  readonly RequesterPeeringConnectionOptions?: PeeringOptionsParam;
  readonly AccepterPeeringConnectionOptions?: PeeringOptionsParam;
};

/** A route's table and destination: an IPv4 or an IPv6 block. */
export type RouteDestinationParams =
  | { readonly RouteTableId: RouteTableId; readonly DestinationCidrBlock: string }
  | { readonly RouteTableId: RouteTableId; readonly DestinationIpv6CidrBlock: string };

/** The destination block of a route's parameters, IPv4 or IPv6. */
export function routeDestination(params: RouteDestinationParams): string {
  return 'DestinationCidrBlock' in params ? params.DestinationCidrBlock : params.DestinationIpv6CidrBlock;
}

/** CreateRoute or ReplaceRoute: the destination through the peering. */
export type PeeringRouteParams = RouteDestinationParams & { readonly VpcPeeringConnectionId: PeeringRef };

/** CreateRoute or ReplaceRoute: the destination through a transit gateway. */
export type TransitGatewayRouteParams = RouteDestinationParams & { readonly TransitGatewayId: TransitGatewayId };

/** CreateRoute or ReplaceRoute: through a peering or a transit gateway. */
export type RouteParams = PeeringRouteParams | TransitGatewayRouteParams;

/** The target a route's parameters name: the peering (or its reference) or the transit gateway. */
export function routeTargetOf(params: RouteParams): string {
  return 'TransitGatewayId' in params ? params.TransitGatewayId : params.VpcPeeringConnectionId;
}

/** The tags of the attachment a create makes. */
export type AttachmentTagSpecification = { readonly ResourceType: 'transit-gateway-attachment'; readonly Tags: readonly TagParam[] };

/** CreateTransitGatewayVpcAttachment: one subnet per Availability Zone of the VPC. */
export type CreateTgwVpcAttachmentParams = {
  readonly TransitGatewayId: TransitGatewayId;
  readonly VpcId: VpcId;
  readonly SubnetIds: readonly SubnetId[];
  readonly Options?: { readonly Ipv6Support: 'enable' | 'disable' };
  readonly TagSpecifications?: readonly AttachmentTagSpecification[];
};

/** Accept, reject or delete a VPC attachment. */
export type TgwAttachmentIdParams = { readonly TransitGatewayAttachmentId: AttachmentRef };

/** Associate or disassociate, enable or disable propagation: a route table and an attachment. */
export type TgwRouteTableLinkParams = { readonly TransitGatewayRouteTableId: TransitGatewayRouteTableId; readonly TransitGatewayAttachmentId: AttachmentRef };

/** An IPv4 source of a rule. */
export type IpRangeParam = { readonly CidrIp: string; readonly Description?: string };
/** An IPv6 source of a rule. */
export type Ipv6RangeParam = { readonly CidrIpv6: string; readonly Description?: string };
/** A security-group source of a rule; `UserId` when the group is in another account. */
export type GroupPairParam = { readonly GroupId: SecurityGroupId; readonly UserId?: AccountId; readonly Description?: string };

/** One ingress permission in the SDK's `IpPermission` shape. */
export type IpPermissionParam = {
  readonly IpProtocol: string;
  readonly FromPort?: number;
  readonly ToPort?: number;
  readonly IpRanges?: readonly IpRangeParam[];
  readonly Ipv6Ranges?: readonly Ipv6RangeParam[];
  readonly UserIdGroupPairs?: readonly GroupPairParam[];
};

/** AuthorizeSecurityGroupIngress or RevokeSecurityGroupIngress. */
export type IngressParams = { readonly GroupId: SecurityGroupId; readonly IpPermissions: readonly IpPermissionParam[] };

/** AuthorizeSecurityGroupEgress or RevokeSecurityGroupEgress: the same permission shape, for traffic leaving the group. */
export type EgressParams = IngressParams;

/** Which entry of a network ACL: its number and direction (`Egress: true` for outbound). */
export type NetworkAclEntryKeyParams = { readonly NetworkAclId: NetworkAclId; readonly RuleNumber: number; readonly Egress: boolean };

/**
 * CreateNetworkAclEntry: `Protocol` is `-1` or an IANA number as text (`6` TCP, `17` UDP, `1`
 * ICMP, `58` ICMPv6); `PortRange` counts for TCP and UDP, `IcmpTypeCode` for ICMP (`-1` all).
 */
export type NetworkAclEntryParams = NetworkAclEntryKeyParams & {
  readonly Protocol: string;
  readonly RuleAction: 'allow' | 'deny';
  readonly CidrBlock?: string;
  readonly Ipv6CidrBlock?: string;
  readonly PortRange?: { readonly From: number; readonly To: number };
  readonly IcmpTypeCode?: { readonly Type: number; readonly Code: number };
};

/** The input of each EC2 action a plan may call (names as in the EC2 API reference). */
export type Ec2ActionParams = {
  readonly CreateVpcPeeringConnection: CreatePeeringParams;
  readonly AcceptVpcPeeringConnection: PeeringIdParams;
  readonly RejectVpcPeeringConnection: PeeringIdParams;
  readonly DeleteVpcPeeringConnection: PeeringIdParams;
  readonly ModifyVpcPeeringConnectionOptions: PeeringOptionsParams;
  readonly CreateRoute: RouteParams;
  readonly ReplaceRoute: RouteParams;
  readonly DeleteRoute: RouteDestinationParams;
  readonly AuthorizeSecurityGroupIngress: IngressParams;
  readonly RevokeSecurityGroupIngress: IngressParams;
  readonly AuthorizeSecurityGroupEgress: EgressParams;
  readonly RevokeSecurityGroupEgress: EgressParams;
  readonly CreateNetworkAclEntry: NetworkAclEntryParams;
  readonly DeleteNetworkAclEntry: NetworkAclEntryKeyParams;
  readonly CreateTransitGatewayVpcAttachment: CreateTgwVpcAttachmentParams;
  readonly AcceptTransitGatewayVpcAttachment: TgwAttachmentIdParams;
  readonly DeleteTransitGatewayVpcAttachment: TgwAttachmentIdParams;
  readonly AssociateTransitGatewayRouteTable: TgwRouteTableLinkParams;
  readonly DisassociateTransitGatewayRouteTable: TgwRouteTableLinkParams;
  readonly EnableTransitGatewayRouteTablePropagation: TgwRouteTableLinkParams;
  readonly DisableTransitGatewayRouteTablePropagation: TgwRouteTableLinkParams;
};

/** The EC2 API actions a plan may call. */
export type Ec2ActionName = keyof Ec2ActionParams;

/** One EC2 call of action `A` with its input. */
export type StepCallOf<A extends Ec2ActionName> = { readonly action: A; readonly params: Ec2ActionParams[A] };

/** One EC2 call: a union by action, so `params` narrows with `action`. */
export type StepCall = { [A in Ec2ActionName]: StepCallOf<A> }[Ec2ActionName];

/** The input of any EC2 call a plan makes. */
export type StepParams = Ec2ActionParams[Ec2ActionName];

/** What a step does. */
export type PlanStepKind =
  | 'create'
  | 'accept'
  | 'create-route'
  | 'authorize-ingress'
  | 'modify-options'
  | 'delete'
  | 'delete-route'
  | 'revoke-ingress'
  | 'revoke-egress'
  | 'reject'
  | 'authorize-egress'
  | 'create-network-acl-entry'
  | 'create-tgw-vpc-attachment'
  | 'accept-tgw-vpc-attachment'
  | 'associate-tgw-route-table'
  | 'enable-tgw-propagation'
  | 'delete-tgw-vpc-attachment';

/** The EC2 action each kind of step calls (a create-route step may send ReplaceRoute, with the same input, when the user decides so). */
export const STEP_ACTIONS = {
  create: 'CreateVpcPeeringConnection',
  accept: 'AcceptVpcPeeringConnection',
  'create-route': 'CreateRoute',
  'authorize-ingress': 'AuthorizeSecurityGroupIngress',
  'modify-options': 'ModifyVpcPeeringConnectionOptions',
  delete: 'DeleteVpcPeeringConnection',
  'delete-route': 'DeleteRoute',
  'revoke-ingress': 'RevokeSecurityGroupIngress',
  'revoke-egress': 'RevokeSecurityGroupEgress',
  reject: 'RejectVpcPeeringConnection',
  'authorize-egress': 'AuthorizeSecurityGroupEgress',
  'create-network-acl-entry': 'CreateNetworkAclEntry',
  'create-tgw-vpc-attachment': 'CreateTransitGatewayVpcAttachment',
  'accept-tgw-vpc-attachment': 'AcceptTransitGatewayVpcAttachment',
  'associate-tgw-route-table': 'AssociateTransitGatewayRouteTable',
  'enable-tgw-propagation': 'EnableTransitGatewayRouteTablePropagation',
  'delete-tgw-vpc-attachment': 'DeleteTransitGatewayVpcAttachment',
} as const satisfies Record<PlanStepKind, Ec2ActionName>;

/** The action a step of kind `K` calls. */
export type StepAction<K extends PlanStepKind> = (typeof STEP_ACTIONS)[K];

/** The input of a step of kind `K`. */
export type StepParamsOf<K extends PlanStepKind> = Ec2ActionParams[StepAction<K>];

/** A JSON value as EC2 request parameters use it (SDK input shapes, PascalCase keys). */
export type ParamValue = string | number | boolean | readonly ParamValue[] | { readonly [key: string]: ParamValue };

// Fails to compile when an action's input holds something JSON cannot carry (plans cross IPC and are saved as JSON).
true satisfies ([StepParams] extends [{ readonly [key: string]: ParamValue }] ? true : false);
