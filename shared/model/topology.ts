/** The normalised topology: what discovery produces and analysis, graph and export consume.
 *
 * Everything is plain data (structuredClone-safe) and read-only. One peering seen from both of
 * its accounts is one `Peering` here, with both sides' details.
 */
import type {
  AccountId,
  PeeringId,
  Region,
  RouteTableId,
  SecurityGroupId,
  SubnetId,
  VpcId,
} from './ids';

/** Schema version of `Topology` and `Snapshot`; bump on any incompatible change. */
export const TOPOLOGY_SCHEMA_VERSION = 1 as const;

/** Tags as AWS returns them, flattened to a map. */
export type Tags = Readonly<Record<string, string>>;

/** An AWS account, with every local profile that can act in it. */
export interface Account {
  readonly id: AccountId;
  /** The account alias or a friendly name, when known. */
  readonly alias?: string;
  /** Names of the profiles whose identity resolves to this account (acceptance needs one). */
  readonly profiles: readonly string[];
}

/** One CIDR block associated with a VPC: the primary IPv4 block, a secondary one, or IPv6. */
export interface VpcCidrBlock {
  readonly cidr: string;
  readonly family: 'ipv4' | 'ipv6';
  /** True for the VPC's primary IPv4 block (`CidrBlock` of DescribeVpcs). */
  readonly primary: boolean;
  readonly associationId?: string;
  /** `associated`, `associating`, `disassociating`, … as in `CidrBlockState`. */
  readonly state: string;
}

/** A VPC. */
export interface Vpc {
  readonly id: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  /** The `Name` tag, when set. */
  readonly name?: string;
  readonly tags: Tags;
  readonly isDefault: boolean;
  /** `available` or `pending`. */
  readonly state: string;
  /** Every associated block; the primary first. */
  readonly cidrBlocks: readonly VpcCidrBlock[];
  /** DNS attributes, when discovered (needed for peering DNS resolution). */
  readonly enableDnsSupport?: boolean;
  readonly enableDnsHostnames?: boolean;
}

/** A subnet. */
export interface Subnet {
  readonly id: SubnetId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  readonly cidr: string;
  readonly ipv6Cidrs: readonly string[];
  readonly availabilityZone: string;
}

/** Where a route sends traffic. */
export type RouteTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'peering'; readonly peeringId: PeeringId }
  /** Internet, NAT, transit, virtual private gateways, instances, ENIs, endpoints … by id. */
  | { readonly kind: 'other'; readonly id: string };

/** A route in a route table. */
export interface Route {
  /** Destination CIDR (IPv4 or IPv6), normalised. Prefix-list destinations are kept as their id. */
  readonly destination: string;
  readonly target: RouteTarget;
  /** `active`, or `blackhole` when the target is gone or not usable (e.g. a pending peering). */
  readonly state: 'active' | 'blackhole';
  /** `CreateRouteTable` (local), `CreateRoute` or `EnableVgwRoutePropagation`. */
  readonly origin: string;
}

/** A route table with its subnet associations. */
export interface RouteTable {
  readonly id: RouteTableId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /** True for the VPC's main table, which serves every subnet without an explicit association. */
  readonly main: boolean;
  /** Subnets explicitly associated with this table. */
  readonly subnetIds: readonly SubnetId[];
  readonly routes: readonly Route[];
}

/** What a security-group rule allows traffic from (ingress) or to (egress). */
export type RulePeer =
  | { readonly kind: 'cidr'; readonly cidr: string }
  | {
      readonly kind: 'group';
      readonly groupId: SecurityGroupId;
      /** Set when the group belongs to another account (`account-id/sg-id`). */
      readonly accountId?: AccountId;
      /** Set when the reference crosses a peering (`PeeringStatus` of the reference). */
      readonly peeringId?: PeeringId;
    }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

/** One flattened security-group rule: one protocol/port range and one peer. */
export interface SecurityGroupRule {
  /** `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number as a string. */
  readonly protocol: string;
  /** Inclusive port range; absent for all traffic. For ICMP, type and code. */
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: RulePeer;
  readonly description?: string;
}

/** A security group. */
export interface SecurityGroup {
  readonly id: SecurityGroupId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name: string;
  readonly description: string;
  readonly ingress: readonly SecurityGroupRule[];
  readonly egress: readonly SecurityGroupRule[];
}

/** Every status a VPC peering connection can be in, as AWS names them. */
export const PEERING_STATUSES = [
  'initiating-request',
  'pending-acceptance',
  'provisioning',
  'active',
  'deleting',
  'deleted',
  'rejected',
  'failed',
  'expired',
] as const;
/** A VPC peering connection status code. */
export type PeeringStatus = (typeof PEERING_STATUSES)[number];

/** Statuses after which nothing more can happen to a peering. */
export const FINAL_PEERING_STATUSES: readonly PeeringStatus[] = [
  'deleted',
  'rejected',
  'failed',
  'expired',
];

/** True when a peering in `status` still exists or is on its way to existing. */
export function isLivePeeringStatus(status: PeeringStatus): boolean {
  return !FINAL_PEERING_STATUSES.includes(status);
}

/**
 * A VPC known only from a peering's side (its account was not scanned): the blocks AWS reports
 * for that side, the first IPv4 one as primary; its state is `unknown`. Which side to take when
 * several peerings name the VPC: `vpcKnownFromPeerings`.
 */
export function vpcOfPeeringSide(side: PeeringSide): Vpc {
  const blocks: VpcCidrBlock[] = [
    ...side.cidrBlocks.map((cidr, i): VpcCidrBlock => ({ cidr, family: 'ipv4', primary: i === 0, state: 'associated' })),
    ...side.ipv6CidrBlocks.map((cidr): VpcCidrBlock => ({ cidr, family: 'ipv6', primary: false, state: 'associated' })),
  ];
  return { id: side.vpcId, accountId: side.accountId, region: side.region, tags: {}, isDefault: false, state: 'unknown', cidrBlocks: blocks };
}

/** True when AWS reported some block (IPv4 or IPv6) for a peering side: it does only in some statuses. */
export function sideHasBlocks(side: PeeringSide): boolean {
  return side.cidrBlocks.length > 0 || side.ipv6CidrBlocks.length > 0;
}

/** Milliseconds of a peering's expiration time, or -Infinity when it has none (or an unreadable one). */
function expirationOf(peering: Peering): number {
  const ms = peering.expirationTime === undefined ? NaN : Date.parse(peering.expirationTime);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * True when `candidate`'s side is a better source of an unscanned VPC's blocks than `current`'s:
 * a side with blocks beats an empty one; then an active peering (AWS keeps its blocks current);
 * then the newest request (the later expiration time; EC2 gives peerings no creation time);
 * then a peering that is not final. On a tie the one met first stays.
 */
export function isBetterBlockSource(candidate: Peering, candidateSide: PeeringSide, current: Peering, currentSide: PeeringSide): boolean {
  const blocks = Number(sideHasBlocks(candidateSide)) - Number(sideHasBlocks(currentSide));
  if (blocks !== 0) return blocks > 0;
  const active = Number(candidate.status === 'active') - Number(current.status === 'active');
  if (active !== 0) return active > 0;
  const newer = expirationOf(candidate) - expirationOf(current);
  if (newer !== 0 && !Number.isNaN(newer)) return newer > 0;
  return isLivePeeringStatus(candidate.status) && !isLivePeeringStatus(current.status);
}

/**
 * Of the sides of `peerings` naming `vpcId`, the one whose blocks stand for that VPC's own when
 * its account was not scanned (see `isBetterBlockSource`); undefined when no peering names it.
 */
export function blockSourceSide(peerings: readonly Peering[], vpcId: VpcId): PeeringSide | undefined {
  let best: { peering: Peering; side: PeeringSide } | undefined;
  for (const p of peerings) {
    for (const side of p.requester.vpcId === vpcId ? [p.requester] : p.accepter.vpcId === vpcId ? [p.accepter] : []) {
      if (!best || isBetterBlockSource(p, side, best.peering, best.side)) best = { peering: p, side };
    }
  }
  return best?.side;
}

/** The stand-in of a VPC known only from `peerings` (its account was not scanned), from its best side. */
export function vpcKnownFromPeerings(peerings: readonly Peering[], vpcId: VpcId): Vpc | undefined {
  const side = blockSourceSide(peerings, vpcId);
  return side ? vpcOfPeeringSide(side) : undefined;
}

/** One side (requester or accepter) of a peering. */
export interface PeeringSide {
  readonly accountId: AccountId;
  readonly vpcId: VpcId;
  readonly region: Region;
  /** IPv4 blocks AWS reports for this side (`cidrBlockSet`). */
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** `peeringOptions.allowDnsResolutionFromRemoteVpc`, when the peering is active. */
  readonly allowDnsResolutionFromRemoteVpc?: boolean;
}

/** A VPC peering connection, one per pcx id, merged from every account that sees it. */
export interface Peering {
  readonly id: PeeringId;
  readonly status: PeeringStatus;
  readonly statusMessage?: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
  /** ISO 8601; set while pending acceptance. */
  readonly expirationTime?: string;
  readonly name?: string;
  readonly tags: Tags;
}

/** The whole discovered network. */
export interface Topology {
  readonly accounts: readonly Account[];
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly peerings: readonly Peering[];
}

/** An empty topology. */
export const EMPTY_TOPOLOGY: Topology = {
  accounts: [],
  vpcs: [],
  subnets: [],
  routeTables: [],
  securityGroups: [],
  peerings: [],
};
