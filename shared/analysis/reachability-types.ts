/** The data of a reachability explanation: endpoints, checks and their statuses. */
import type { Trace } from '../forwarding/trace';
import type { IpFamily } from '../cidr/parse-cidr';
import type { PeeringId, SecurityGroupId, SubnetId, VpcId } from '../model/ids';
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
  /** The source instance's groups; default: every group of the source VPC (instances are not in the model). */
  readonly sourceSecurityGroupIds?: readonly SecurityGroupId[];
  /** The destination instance's groups; default: every group of the destination VPC. */
  readonly destinationSecurityGroupIds?: readonly SecurityGroupId[];
  /**
   * The snapshot's coverage: kinds a cell of an endpoint's account × region could not read are
   * named in the notes as not checked there.
   */
  readonly coverage?: readonly RegionCoverage[];
}

/** An endpoint as resolved from a VPC id, subnet id or IP address. */
export interface ResolvedEndpoint {
  readonly input: string;
  readonly kind: 'vpc' | 'subnet' | 'ip';
  readonly vpcId: VpcId;
  /** The subnets whose route tables carry this endpoint's traffic. */
  readonly subnetIds: readonly SubnetId[];
  /** The addresses the endpoint stands for, in the checked family (`10.0.1.5/32`, a subnet, or the VPC's blocks). */
  readonly cidrs: readonly string[];
}

/** Which hop a check is about. */
export type ReachabilityCheckKind =
  | 'source'
  | 'destination'
  | 'peering'
  | 'source-route'
  | 'return-route'
  | 'source-egress'
  | 'destination-ingress';

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
  readonly checks: readonly ReachabilityCheck[];
  /** What the analysis could not see (network ACLs, instances …). */
  readonly notes: readonly string[];
}
