/** The sandbox's stored resources: plain JSON records, saved and loaded as they are.
 *
 * Records carry their owner account and region so that the world can rebuild its per
 * account+region indexes from a saved file. Times are epoch milliseconds.
 */

/** Tags of one resource. */
export type TagMap = Record<string, string>;

/** Peering statuses, as AWS names them (VPC peering guide, "VPC peering connection lifecycle"). */
export type PeeringStatusCode =
  | 'initiating-request'
  | 'pending-acceptance'
  | 'provisioning'
  | 'active'
  | 'deleting'
  | 'deleted'
  | 'rejected'
  | 'failed'
  | 'expired';

/** Tunable behaviour; the defaults are AWS's documented values. */
export interface SandboxSettings {
  /** How long a request stays pending before it expires (AWS: 7 days). */
  pendingExpiryMs: number;
  /** Active peerings per VPC (Amazon VPC quotas: 50, adjustable to 125). */
  activePeeringsPerVpc: number;
  /** Outstanding (pending) requests an account may have made (Amazon VPC quotas: 25). */
  outstandingRequestsPerAccount: number;
  /** VPCs per account and region (AWS default 5; the sandbox defaults higher for scale scenarios). */
  vpcsPerRegion: number;
  /** Non-propagated routes per route table (Amazon VPC quotas: 50). */
  routesPerTable: number;
  /** How long `initiating-request`, `provisioning` and `deleting` last (AWS: about a second; 0 = settle at once). */
  initiatingRequestMs: number;
  provisioningMs: number;
  deletingMs: number;
  /** Visibility of finished peerings (VPC peering lifecycle table). */
  failedVisibleMs: number;
  expiredVisibleMs: number;
  rejectedRequesterVisibleMs: number;
  rejectedAccepterVisibleMs: number;
  deletedByDeleterVisibleMs: number;
  deletedOtherSideVisibleMs: number;
  /** When requester and accepter are one account, rejected/deleted peerings stay visible this long. */
  sameAccountFinishedVisibleMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** AWS's documented values. */
export const DEFAULT_SETTINGS: SandboxSettings = {
  pendingExpiryMs: 7 * DAY,
  activePeeringsPerVpc: 50,
  outstandingRequestsPerAccount: 25,
  vpcsPerRegion: 100,
  routesPerTable: 50,
  initiatingRequestMs: 0,
  provisioningMs: 0,
  deletingMs: 0,
  failedVisibleMs: 2 * HOUR,
  expiredVisibleMs: 2 * DAY,
  rejectedRequesterVisibleMs: 2 * DAY,
  rejectedAccepterVisibleMs: 2 * HOUR,
  deletedByDeleterVisibleMs: 2 * HOUR,
  deletedOtherSideVisibleMs: 2 * DAY,
  sameAccountFinishedVisibleMs: 2 * HOUR,
};

/** An account and its long-term access key. */
export interface AccountRec {
  accountId: string;
  /** Profile name written to the AWS config files. */
  profile: string;
  /** IAM user name shown by GetCallerIdentity. */
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Opt-in regions enabled for this account (the 17 default regions are always enabled). */
  optInRegions: string[];
}

/** Temporary credentials issued by STS AssumeRole. */
export interface SessionRec {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  accountId: string;
  /** `arn:aws:sts::<acct>:assumed-role/<role>/<session>`. */
  arn: string;
  /** `AROA…:<session>`. */
  userId: string;
  expiresAt: number;
}

/** An IPv4 block association of a VPC (the primary is the first). */
export interface CidrAssocRec {
  associationId: string;
  cidrBlock: string;
  state: 'associated' | 'disassociated';
}

/** An IPv6 block association of a VPC or subnet. */
export interface Ipv6AssocRec {
  associationId: string;
  ipv6CidrBlock: string;
  state: 'associated' | 'disassociated';
  /** `Amazon` for Amazon-provided blocks, or the BYOIP pool id. */
  ipv6Pool?: string;
  networkBorderGroup?: string;
}

/** A VPC. */
export interface VpcRec {
  id: string;
  ownerId: string;
  region: string;
  cidrBlock: string;
  cidrAssocs: CidrAssocRec[];
  ipv6Assocs: Ipv6AssocRec[];
  isDefault: boolean;
  instanceTenancy: string;
  dhcpOptionsId: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  tags: TagMap;
}

/** A subnet. */
export interface SubnetRec {
  id: string;
  vpcId: string;
  ownerId: string;
  region: string;
  cidrBlock?: string;
  ipv6Assocs: Ipv6AssocRec[];
  availabilityZone: string;
  availabilityZoneId: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  tags: TagMap;
}

/** A route; exactly one destination and one target field is set. */
export interface RouteRec {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  gatewayId?: string;
  natGatewayId?: string;
  transitGatewayId?: string;
  vpcPeeringConnectionId?: string;
  networkInterfaceId?: string;
  instanceId?: string;
  egressOnlyInternetGatewayId?: string;
  vpcEndpointId?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

/** A route table association (main, or with a subnet). */
export interface RouteTableAssocRec {
  id: string;
  main: boolean;
  subnetId?: string;
}

/** A route table. */
export interface RouteTableRec {
  id: string;
  vpcId: string;
  ownerId: string;
  region: string;
  associations: RouteTableAssocRec[];
  routes: RouteRec[];
  tags: TagMap;
}

/** A security-group reference inside a rule. */
export interface GroupRefRec {
  groupId: string;
  userId: string;
  vpcId?: string;
  vpcPeeringConnectionId?: string;
}

/** One flattened security-group rule (one protocol/port range, one peer). */
export interface SgRuleRec {
  ruleId: string;
  egress: boolean;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  group?: GroupRefRec;
  description?: string;
}

/** A security group. */
export interface SecurityGroupRec {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  ownerId: string;
  region: string;
  rules: SgRuleRec[];
  tags: TagMap;
}

/** One side of a peering as it was when last seen (kept after its VPC is deleted). */
export interface PeeringSideRec {
  ownerId: string;
  vpcId: string;
  region: string;
  cidrBlock?: string;
  cidrBlocks: string[];
  ipv6CidrBlocks: string[];
  allowDnsResolutionFromRemoteVpc: boolean;
}

/** A VPC peering connection. */
export interface PeeringRec {
  id: string;
  requester: PeeringSideRec;
  accepter: PeeringSideRec;
  status: PeeringStatusCode;
  message: string;
  createdAt: number;
  /** When the current status began. */
  statusAt: number;
  /** Set while the request can still be accepted. */
  expirationTime?: number;
  /** Why the request fails once it leaves initiating-request (overlap, peer VPC missing). */
  failReason?: string;
  /** The account that deleted it (visibility differs for the deleter). */
  deletedBy?: string;
  /** Tags per account: each account tags and sees its own. */
  tags: Record<string, TagMap>;
}

/** Keeps a peering in a transient status until the hold is lifted (fault injection, scenarios). */
export interface PeeringHold {
  /** The peering, or any peering whose requester or accepter is this VPC. */
  peeringId?: string;
  vpcId?: string;
  status: 'initiating-request' | 'provisioning' | 'deleting';
}

/** Everything the sandbox knows; what `saveState` writes. */
export interface WorldData {
  format: 'peerscape-sandbox-state';
  version: 1;
  /** Scenario it was loaded from (for reset). */
  scenario: string;
  seed: string;
  idCounter: number;
  ipv6Counter: number;
  settings: SandboxSettings;
  accounts: AccountRec[];
  sessions: SessionRec[];
  vpcs: VpcRec[];
  subnets: SubnetRec[];
  routeTables: RouteTableRec[];
  securityGroups: SecurityGroupRec[];
  peerings: PeeringRec[];
  holds: PeeringHold[];
  /** Scenario keys → ids (`vpc:<key>` → `vpc-…`), so tests and the app can find scenario resources. */
  refs?: Record<string, string>;
}
