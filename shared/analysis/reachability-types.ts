/** The data of a reachability explanation: endpoints, checks and their statuses. */
import type { Trace } from '../forwarding/trace';
import type { IpFamily } from '../cidr/parse-cidr';
import type { ForwardTarget } from '../forwarding/targets';
import type { PeeringId, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../model/ids';
import type { NetworkAclId, TransitGatewayAttachmentId, TransitGatewayId } from '../model/topology';
import type { RegionCoverage } from '../model/snapshot';

/** Traffic protocol: `-1` means any. */
export type TrafficProtocol = 'tcp' | 'udp' | 'icmp' | '-1';

/** What to check; without a protocol, any traffic at all counts. */
export interface ReachabilityOptions {
  readonly protocol?: TrafficProtocol;
  /** Destination port (TCP/UDP). Without it, a rule allowing any port of the protocol counts. */
  readonly port?: number;
  /** The address family to check between VPC or subnet endpoints (default IPv4; IP endpoints decide it). */
  readonly family?: IpFamily;
  /** The source's groups; default: the instance's or interface's own, else every group of the source VPC. */
  readonly sourceSecurityGroupIds?: readonly SecurityGroupId[];
  /** The destination's groups; default: the instance's or interface's own, else every group of the destination VPC. */
  readonly destinationSecurityGroupIds?: readonly SecurityGroupId[];
  /**
   * The snapshot's coverage: kinds a cell of an endpoint's account × region could not read are
   * named in the notes as not checked there.
   */
  readonly coverage?: readonly RegionCoverage[];
}

/** An endpoint as resolved from a VPC id, subnet id, instance id, network interface id or IP address. */
export interface ResolvedEndpoint {
  readonly input: string;
  readonly kind: 'vpc' | 'subnet' | 'ip' | 'instance' | 'interface';
  readonly vpcId: VpcId;
  /** The subnets whose route tables carry this endpoint's traffic. */
  readonly subnetIds: readonly SubnetId[];
  /** The addresses the endpoint stands for, in the checked family (`10.0.1.5/32`, a subnet, or the VPC's blocks). */
  readonly cidrs: readonly string[];
  /**
   * The endpoint's own security groups: an instance's or an interface's, or those of the
   * interface holding an IP address. Absent for a VPC or subnet (any group of the VPC counts).
   */
  readonly securityGroupIds?: readonly SecurityGroupId[];
}

/** Which hop a check is about. */
export type ReachabilityCheckKind =
  | 'source'
  | 'destination'
  | 'peering'
  | 'source-route'
  | 'return-route'
  | 'source-egress'
  | 'destination-ingress'
  /** The source subnet's network ACL, outbound, towards the destination. */
  | 'source-acl-outbound'
  /** The destination subnet's network ACL, inbound, from the source. */
  | 'destination-acl-inbound'
  /** The destination subnet's network ACL, outbound, for the reply to the source's ephemeral ports. */
  | 'destination-acl-return'
  /** The source subnet's network ACL, inbound, for the reply arriving on an ephemeral port. */
  | 'source-acl-return';

/** A network ACL's direction, as AWS names its entry lists. */
export type AclDirection = 'inbound' | 'outbound';

/**
 * What blocked a failing check, as data: enough to turn into a change (a peering, a route, an ACL
 * entry, a group rule) without reading the message.
 */
export type BlockedBy =
  /** An endpoint that is not in the snapshot, ambiguous or holds no address. */
  | { readonly kind: 'endpoint'; readonly role: 'source' | 'destination'; readonly input: string }
  /** No active peering joins the two VPCs: `peeringId` and `status` when one exists but is not active. */
  | { readonly kind: 'peering'; readonly vpcIds: readonly [VpcId, VpcId]; readonly peeringId?: PeeringId; readonly status?: string }
  /**
   * A table that does not send `destination` to the peering: `target` is where its deciding
   * route sends it (a gateway, another peering, `local`), null when no route matches; `blackhole`
   * when the deciding route is one.
   */
  | {
      readonly kind: 'route';
      readonly routeTableId: RouteTableId;
      readonly subnetIds: readonly SubnetId[];
      readonly destination: string;
      /** The deciding route's own destination (a CIDR, or the prefix list it came from), when a route decides. */
      readonly routeDestination?: string;
      readonly target: ForwardTarget | null;
      readonly blackhole: boolean;
      /** The peering the route should name. */
      readonly peeringId: PeeringId;
    }
  /**
   * A network ACL entry that denies the traffic (`ruleNumber` 32767 is the `*` entry). `cidr` is
   * the other side's addresses the entry was matched against, `ports` the ports asked about
   * (the ephemeral range 1024-65535 for a reply).
   */
  | {
      readonly kind: 'nacl';
      readonly aclId: NetworkAclId;
      readonly direction: AclDirection;
      readonly ruleNumber: number;
      readonly subnetIds: readonly SubnetId[];
      readonly protocol: TrafficProtocol;
      readonly ports?: readonly [number, number];
      readonly cidrs: readonly string[];
    }
  /**
   * A transit gateway hop that stops the traffic (`tgw-words.ts`'s `GatewayFailureReason`:
   * `not-to-gateway`, `no-attachment`, `no-association`, `no-route`, `blackhole` …):
   * `routeTableId` is the gateway table that decided, else the VPC table walked from;
   * `attachmentId` the attachment at fault.
   */
  | {
      readonly kind: 'transit-gateway';
      readonly reason: string;
      readonly transitGatewayId: TransitGatewayId;
      readonly routeTableId: string;
      readonly attachmentId?: TransitGatewayAttachmentId;
      readonly destination: string;
    }
  /** No rule of these groups allows the traffic in `direction` to or from `cidrs`. */
  | {
      readonly kind: 'security-group';
      readonly groupIds: readonly SecurityGroupId[];
      readonly direction: 'ingress' | 'egress';
      readonly protocol: TrafficProtocol;
      readonly port?: number;
      readonly cidrs: readonly string[];
    };

/** `unknown`: cannot be decided offline (e.g. a prefix list); `skipped`: an earlier failure makes it moot. */
export type CheckStatus = 'pass' | 'fail' | 'unknown' | 'skipped';

/** One hop's verdict. */
export interface ReachabilityCheck {
  readonly kind: ReachabilityCheckKind;
  readonly status: CheckStatus;
  /** The resources the check is about (VPC, subnet, route table, peering, security group ids). */
  readonly resourceIds: readonly string[];
  /** One sentence in the style of Reachability Analyzer's explanations. */
  readonly message: string;
  /** What to change, for a failing check. */
  readonly fix?: string;
  /** What blocked a failing check, as data. */
  readonly blockedBy?: BlockedBy;
  /**
   * For a route check: the walk of each destination block from the first subnet the table
   * serves, hop by hop (table, deciding route, peering, the peer's table and the end).
   */
  readonly traces?: readonly Trace[];
}

/** The whole explanation. */
export interface ReachabilityExplanation {
  /** `reachable` when every check passes; `unreachable` when one fails; else `undetermined`. */
  readonly verdict: 'reachable' | 'unreachable' | 'undetermined';
  readonly from: ResolvedEndpoint | null;
  readonly to: ResolvedEndpoint | null;
  readonly peeringId: PeeringId | null;
  /** The transit gateways the route from the source crosses, in order, when its routes take one. */
  readonly transitGatewayIds?: readonly TransitGatewayId[];
  readonly checks: readonly ReachabilityCheck[];
  /** What the analysis could not see (network ACLs, instances …). */
  readonly notes: readonly string[];
}
