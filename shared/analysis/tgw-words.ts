/** Sentences and fixes of transit gateway hops: what stops traffic at a gateway, and the AWS CLI call that mends it. */
import type { DropReason } from '../forwarding/trace';
import type { RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTableId, TransitGatewayRoutingUnknown } from '../model/topology';
import type { CliPlace } from '../words/aws-cli';
import { awsCommandText, ec2Command, routeDestination } from '../words/aws-cli';
import { ROUTING_UNKNOWN_WORDS } from '../words/trace-words';

/** Why traffic does not get through a transit gateway to the other VPC. */
export type GatewayFailureReason =
  | DropReason
  /** The VPC table does not send the other side to the gateway (no route, or a route elsewhere), and no peering carries it. */
  | 'not-to-gateway'
  /** The gateway table sends it out of an attachment that is not a VPC or a gateway peering (a VPN, Direct Connect, Connect). */
  | 'exits'
  /** It was delivered, but to another VPC than the destination's. */
  | 'wrong-vpc'
  /** Parts of it go different ways. */
  | 'split'
  /** The gateway's routing was not read. */
  | 'routing-unknown'
  /** The table associated with the attachment, or a peered gateway, is not in the snapshot. */
  | 'not-in-snapshot';

/** A failing (or undecided) gateway hop, as data: what the sentence and the fix are made of. */
export interface GatewayFailure {
  readonly reason: GatewayFailureReason;
  readonly transitGatewayId: TransitGatewayId;
  /** The gateway's region and owner: gateway-side fixes run there. */
  readonly region: string;
  readonly ownerAccountId: string;
  /** The VPC route table walked from, and the source VPC. */
  readonly vpcRouteTableId: RouteTableId;
  readonly vpcId: VpcId;
  /** The other VPC's block a fix routes. */
  readonly block: string;
  /** The attachment at fault (the ingress attachment, the egress one, the gateway peering). */
  readonly attachmentId?: TransitGatewayAttachmentId;
  readonly attachmentState?: string;
  /** The gateway table that decided. */
  readonly tgwRouteTableId?: TransitGatewayRouteTableId;
  /** The deciding gateway route's destination. */
  readonly routeDestination?: string;
  /** The attachment a gateway route should name to reach the destination (its VPC attachment here, or the gateway peering towards it). */
  readonly towards?: { readonly attachmentId: TransitGatewayAttachmentId; readonly resourceType: string };
  /** The table to associate an unassociated attachment with. */
  readonly associateWith?: TransitGatewayRouteTableId;
  /** A subnet in the zone the attachment lacks, or subnets one per zone for a new attachment. */
  readonly subnetIds?: readonly SubnetId[];
  readonly routingUnknown?: TransitGatewayRoutingUnknown;
  /** Where each side's fix runs (profile and region): the gateway owner's, the source VPC's, and a pending gateway peering's accepter. */
  readonly places?: { readonly owner: CliPlace; readonly vpc: CliPlace; readonly accepter?: CliPlace };
}

const GATEWAY_REASON_WORDS: Readonly<Record<GatewayFailureReason, string>> = {
  'no-route': 'has no route for it',
  blackhole: 'drops it with a blackhole route',
  'peering-not-active': 'meets a peering that is not active',
  'not-a-side': 'meets a peering that does not join the VPC',
  'beyond-peer': 'crosses a peering to a VPC that does not hold it',
  'no-attachment': 'is sent to a transit gateway the VPC has no attachment to',
  'attachment-not-available': 'meets an attachment that is not available',
  'no-attachment-subnet-in-az': "comes from an Availability Zone the VPC's attachment has no subnet in: traffic from there never reaches the gateway",
  'no-association': 'enters by an attachment associated with no route table, so the gateway routes nothing from it',
  'tgw-peering-not-available': 'meets a transit gateway peering that is not available',
  'beyond-attachment': 'is delivered to an attached VPC that does not hold it',
  'tgw-loop': 'is sent round in a loop between gateway tables',
  'not-to-gateway': 'is not routed to the transit gateway',
  exits: 'is sent out of a VPN, Direct Connect or Connect attachment',
  'wrong-vpc': 'is delivered to another VPC',
  split: 'is split: its parts go different ways',
  'routing-unknown': 'cannot be followed: the gateway routing was not read',
  'not-in-snapshot': 'cannot be followed: a gateway table is not in the snapshot',
};

/** The clause saying where a gateway hop fails: `tgw-rtb-1 of tgw-1 has no route for it`. */
export function gatewayFailureWords(f: GatewayFailure): string {
  const at = f.tgwRouteTableId ? `${f.tgwRouteTableId} of ${f.transitGatewayId}` : f.attachmentId ? `${f.attachmentId} of ${f.transitGatewayId}${f.attachmentState && f.attachmentState !== 'available' ? ` (${f.attachmentState})` : ''}` : f.transitGatewayId;
  switch (f.reason) {
    case 'not-to-gateway':
      return `${f.vpcRouteTableId} does not send ${f.block} to ${f.transitGatewayId}, the transit gateway that joins the two VPCs`;
    case 'no-attachment':
      return `${f.vpcRouteTableId} sends ${f.block} to ${f.transitGatewayId}, but ${f.vpcId} has no attachment to it`;
    case 'no-attachment-subnet-in-az':
    case 'no-association':
    case 'attachment-not-available':
      return `the traffic ${GATEWAY_REASON_WORDS[f.reason]} (${at})`;
    case 'routing-unknown':
      return `${f.transitGatewayId}'s routing was not read: ${ROUTING_UNKNOWN_WORDS[f.routingUnknown ?? 'owner-not-scanned']}`;
    case 'blackhole':
      return `${at} drops it with a blackhole route${f.routeDestination ? ` (${f.routeDestination})` : ''}`;
    default:
      return `at ${at} it ${GATEWAY_REASON_WORDS[f.reason]}`;
  }
}

/** The fix of a failing gateway hop: what to change, with the AWS CLI call. */
export function gatewayFixWords(f: GatewayFailure): string | undefined {
  const region = f.places?.owner ?? { region: f.region };
  const vpcSide = f.places?.vpc ?? { region: f.region };
  const tgwRoute = (action: 'CreateTransitGatewayRoute' | 'ReplaceTransitGatewayRoute', destination: string, table: TransitGatewayRouteTableId, attachment: TransitGatewayAttachmentId) =>
    awsCommandText(ec2Command(action, { DestinationCidrBlock: destination, TransitGatewayRouteTableId: table, TransitGatewayAttachmentId: attachment }), region);
  switch (f.reason) {
    case 'not-to-gateway':
      return `Route ${f.block} to ${f.transitGatewayId} in ${f.vpcRouteTableId}: ${awsCommandText(ec2Command('CreateRoute', { RouteTableId: f.vpcRouteTableId, ...routeDestination(f.block), TransitGatewayId: f.transitGatewayId }), vpcSide)}`;
    case 'no-attachment':
      return `Attach ${f.vpcId} to ${f.transitGatewayId} with one subnet per Availability Zone: ${awsCommandText(
        ec2Command('CreateTransitGatewayVpcAttachment', { TransitGatewayId: f.transitGatewayId, VpcId: f.vpcId, SubnetIds: f.subnetIds ?? [] }),
        vpcSide,
      )}`;
    case 'attachment-not-available':
      if (f.attachmentState === 'pendingAcceptance' && f.attachmentId) {
        return `Accept ${f.attachmentId} as the gateway's owner, account ${f.ownerAccountId}: ${awsCommandText(ec2Command('AcceptTransitGatewayVpcAttachment', { TransitGatewayAttachmentId: f.attachmentId }), region)}`;
      }
      return `Wait for ${f.attachmentId ?? 'the attachment'} to become available and rescan, or attach the VPC again.`;
    case 'no-attachment-subnet-in-az':
      return f.attachmentId && f.subnetIds?.[0]
        ? `Add a subnet of that zone to ${f.attachmentId}: ${awsCommandText(ec2Command('ModifyTransitGatewayVpcAttachment', { TransitGatewayAttachmentId: f.attachmentId, AddSubnetIds: f.subnetIds[0] }), vpcSide)}`
        : undefined;
    case 'no-association':
      return f.attachmentId && f.associateWith
        ? `Associate ${f.attachmentId} with a route table of ${f.transitGatewayId}: ${awsCommandText(
            ec2Command('AssociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: f.associateWith, TransitGatewayAttachmentId: f.attachmentId }),
            region,
          )}`
        : `Create a route table on ${f.transitGatewayId} and associate ${f.attachmentId ?? 'the attachment'} with it.`;
    case 'no-route':
    case 'beyond-attachment':
    case 'wrong-vpc':
    case 'exits':
      if (!f.tgwRouteTableId || !f.towards) return undefined;
      if (f.reason === 'no-route' && f.towards.resourceType === 'vpc') {
        return `Propagate the destination's attachment ${f.towards.attachmentId} to ${f.tgwRouteTableId}: ${awsCommandText(
          ec2Command('EnableTransitGatewayRouteTablePropagation', { TransitGatewayRouteTableId: f.tgwRouteTableId, TransitGatewayAttachmentId: f.towards.attachmentId }),
          region,
        )} (or add a static route: ${tgwRoute('CreateTransitGatewayRoute', f.block, f.tgwRouteTableId, f.towards.attachmentId)})`;
      }
      return `Route ${f.block} to ${f.towards.attachmentId} in ${f.tgwRouteTableId}${f.towards.resourceType === 'vpc' ? '' : ' (a gateway peering carries static routes only)'}: ${tgwRoute(
        f.reason === 'no-route' || f.routeDestination !== f.block ? 'CreateTransitGatewayRoute' : 'ReplaceTransitGatewayRoute',
        f.block,
        f.tgwRouteTableId,
        f.towards.attachmentId,
      )}`;
    case 'blackhole':
      if (!f.tgwRouteTableId) return undefined;
      return f.towards
        ? `Replace the blackhole route with one to ${f.towards.attachmentId}: ${tgwRoute(f.routeDestination === f.block ? 'ReplaceTransitGatewayRoute' : 'CreateTransitGatewayRoute', f.block, f.tgwRouteTableId, f.towards.attachmentId)}`
        : `Delete the blackhole route${f.routeDestination ? ` ${f.routeDestination}` : ''} from ${f.tgwRouteTableId}, or attach the destination VPC.`;
    case 'tgw-peering-not-available':
      return f.attachmentState === 'pendingAcceptance' && f.attachmentId
        ? `Accept ${f.attachmentId} in the accepter's account and region: ${awsCommandText(ec2Command('AcceptTransitGatewayPeeringAttachment', { TransitGatewayAttachmentId: f.attachmentId }), f.places?.accepter ?? {})}`
        : `Wait for ${f.attachmentId ?? 'the gateway peering'} to become available and rescan.`;
    case 'routing-unknown':
      return `Scan account ${f.ownerAccountId} in ${f.region} (the gateway's owner): only its credentials read the gateway's route tables.`;
    case 'not-in-snapshot':
      return `Rescan account ${f.ownerAccountId} in ${f.region}.`;
    default:
      return undefined;
  }
}
