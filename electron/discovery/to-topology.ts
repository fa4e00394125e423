/** The one translator from AWS SDK shapes to the topology model (STYLE.md §5).
 *
 * Field meanings follow the EC2 API reference data types (Vpc, VpcCidrBlockAssociation, Subnet,
 * RouteTable, Route, SecurityGroup, IpPermission, UserIdGroupPair, VpcPeeringConnection). A
 * resource seen by more than one scan (a VPC shared through RAM, a peering seen from both of its
 * accounts or regions) appears once; a peering's two sides each come from the view of the
 * account that owns that side when that view exists, since only the owner sees its own side's
 * options and tags.
 */
import type {
  IpPermission,
  Route as AwsRoute,
  RouteTable as AwsRouteTable,
  SecurityGroup as AwsSecurityGroup,
  Subnet as AwsSubnet,
  Tag,
  Vpc as AwsVpc,
  VpcPeeringConnection,
  VpcPeeringConnectionVpcInfo,
} from '@aws-sdk/client-ec2';

import type { AccountId, PeeringId, Region, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../../shared/model/ids';
import {
  PEERING_STATUSES,
  type Account,
  type Peering,
  type PeeringSide,
  type PeeringStatus,
  type Route,
  type RouteTable,
  type RouteTarget,
  type SecurityGroup,
  type SecurityGroupRule,
  type Subnet,
  type Tags,
  type Topology,
  type Vpc,
  type VpcCidrBlock,
} from '../../shared/model/topology';
import type { RawRegionScan } from './scan-region';

/** What one account × region scan saw, and who looked. */
export interface RegionObservation {
  /** The account whose credentials made the calls. */
  readonly accountId: AccountId;
  readonly region: Region;
  readonly raw: Omit<RawRegionScan, 'pages'>;
}

/** Resource counts of one region scan, as shown in the progress grid and the coverage. */
export function countResources(raw: Omit<RawRegionScan, 'pages'>): Readonly<Record<string, number>> {
  return {
    vpcs: raw.vpcs.length,
    subnets: raw.subnets.length,
    routeTables: raw.routeTables.length,
    securityGroups: raw.securityGroups.length,
    peerings: raw.peerings.length,
  };
}

/** Tags as a map (AWS returns a list of key/value pairs). */
export function toTags(tags: readonly Tag[] | undefined): Tags {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

function nameOf(tags: Tags): { name?: string } {
  const name = tags.Name;
  return name ? { name } : {};
}

/** Lower-case and trim a CIDR, so IPv6 blocks compare equal however AWS spelled them. */
function normaliseCidr(cidr: string): string {
  return cidr.trim().toLowerCase();
}

// Associations AWS still lists briefly after they end; they no longer route anything.
const GONE_CIDR_STATES = new Set(['disassociated', 'failed', 'failing']);

/** Translate one VPC with every CIDR association: the primary IPv4 block first, then secondaries, then IPv6. */
export function toVpc(v: AwsVpc, fallbackAccount: AccountId, region: Region): Vpc | undefined {
  if (!v.VpcId?.startsWith('vpc-')) return undefined;
  const tags = toTags(v.Tags);
  const blocks: VpcCidrBlock[] = [];
  const primaryCidr = v.CidrBlock ? normaliseCidr(v.CidrBlock) : undefined;
  const v4 = v.CidrBlockAssociationSet ?? [];
  let sawPrimary = false;
  for (const a of v4) {
    if (!a.CidrBlock) continue;
    const state = a.CidrBlockState?.State ?? 'associated';
    if (GONE_CIDR_STATES.has(state)) continue;
    const cidr = normaliseCidr(a.CidrBlock);
    const primary = !sawPrimary && cidr === primaryCidr;
    if (primary) sawPrimary = true;
    blocks.push({ cidr, family: 'ipv4', primary, ...(a.AssociationId ? { associationId: a.AssociationId } : {}), state });
  }
  if (!sawPrimary && primaryCidr) blocks.push({ cidr: primaryCidr, family: 'ipv4', primary: true, state: 'associated' });
  blocks.sort((a, b) => Number(b.primary) - Number(a.primary));
  for (const a of v.Ipv6CidrBlockAssociationSet ?? []) {
    if (!a.Ipv6CidrBlock) continue;
    const state = a.Ipv6CidrBlockState?.State ?? 'associated';
    if (GONE_CIDR_STATES.has(state)) continue;
    blocks.push({
      cidr: normaliseCidr(a.Ipv6CidrBlock),
      family: 'ipv6',
      primary: false,
      ...(a.AssociationId ? { associationId: a.AssociationId } : {}),
      state,
    });
  }
  return {
    id: v.VpcId as VpcId,
    accountId: v.OwnerId ?? fallbackAccount,
    region,
    ...nameOf(tags),
    tags,
    isDefault: v.IsDefault ?? false,
    state: v.State ?? 'available',
    cidrBlocks: blocks,
  };
}

/** Translate one subnet (only IPv6 blocks still associated are kept). */
export function toSubnet(s: AwsSubnet, fallbackAccount: AccountId, region: Region): Subnet | undefined {
  if (!s.SubnetId?.startsWith('subnet-') || !s.VpcId?.startsWith('vpc-')) return undefined;
  const tags = toTags(s.Tags);
  return {
    id: s.SubnetId as SubnetId,
    vpcId: s.VpcId as VpcId,
    accountId: s.OwnerId ?? fallbackAccount,
    region,
    ...nameOf(tags),
    cidr: s.CidrBlock ? normaliseCidr(s.CidrBlock) : '',
    ipv6Cidrs: (s.Ipv6CidrBlockAssociationSet ?? [])
      .filter((a) => a.Ipv6CidrBlock && !GONE_CIDR_STATES.has(a.Ipv6CidrBlockState?.State ?? 'associated'))
      .map((a) => normaliseCidr(a.Ipv6CidrBlock!)),
    availabilityZone: s.AvailabilityZone ?? '',
  };
}

/** Where a route sends traffic: local, a peering, or any other target by its id. */
export function toRouteTarget(r: AwsRoute): RouteTarget {
  if (r.GatewayId === 'local') return { kind: 'local' };
  if (r.VpcPeeringConnectionId?.startsWith('pcx-')) return { kind: 'peering', peeringId: r.VpcPeeringConnectionId as PeeringId };
  const id =
    r.GatewayId ??
    r.NatGatewayId ??
    r.TransitGatewayId ??
    r.NetworkInterfaceId ??
    r.InstanceId ??
    r.LocalGatewayId ??
    r.CarrierGatewayId ??
    r.EgressOnlyInternetGatewayId ??
    r.CoreNetworkArn ??
    r.OdbNetworkArn ??
    'unknown';
  return { kind: 'other', id };
}

/** Translate one route; prefix-list destinations keep their id as the destination. */
export function toRoute(r: AwsRoute): Route | undefined {
  const destination = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId;
  if (!destination) return undefined;
  return {
    destination: normaliseCidr(destination),
    target: toRouteTarget(r),
    state: r.State === 'blackhole' ? 'blackhole' : 'active',
    origin: r.Origin ?? 'CreateRoute',
  };
}

/** Translate one route table with its main flag and explicit subnet associations. */
export function toRouteTable(t: AwsRouteTable, fallbackAccount: AccountId, region: Region): RouteTable | undefined {
  if (!t.RouteTableId?.startsWith('rtb-') || !t.VpcId?.startsWith('vpc-')) return undefined;
  const tags = toTags(t.Tags);
  const live = (t.Associations ?? []).filter((a) => {
    const state = a.AssociationState?.State ?? 'associated';
    return state === 'associated' || state === 'associating';
  });
  return {
    id: t.RouteTableId as RouteTableId,
    vpcId: t.VpcId as VpcId,
    accountId: t.OwnerId ?? fallbackAccount,
    region,
    ...nameOf(tags),
    main: live.some((a) => a.Main === true),
    subnetIds: live.flatMap((a) => (a.SubnetId?.startsWith('subnet-') ? [a.SubnetId as SubnetId] : [])),
    routes: (t.Routes ?? []).flatMap((r) => {
      const route = toRoute(r);
      return route ? [route] : [];
    }),
  };
}

// IANA protocol numbers AWS also accepts by name; the model uses the names (topology.ts).
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'icmpv6' };

/** Flatten one IpPermission into one rule per peer (CIDR, IPv6 CIDR, prefix list or group). */
export function flattenPermission(p: IpPermission, ownerAccount: AccountId): SecurityGroupRule[] {
  const rawProtocol = (p.IpProtocol ?? '-1').toLowerCase();
  const protocol = PROTOCOL_NAMES[rawProtocol] ?? rawProtocol;
  const ports =
    protocol === '-1'
      ? {}
      : {
          ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
          ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
        };
  const rule = (peer: SecurityGroupRule['peer'], description: string | undefined): SecurityGroupRule => ({
    protocol,
    ...ports,
    peer,
    ...(description ? { description } : {}),
  });
  const rules: SecurityGroupRule[] = [];
  for (const r of p.IpRanges ?? []) if (r.CidrIp) rules.push(rule({ kind: 'cidr', cidr: normaliseCidr(r.CidrIp) }, r.Description));
  for (const r of p.Ipv6Ranges ?? []) {
    if (r.CidrIpv6) rules.push(rule({ kind: 'cidr', cidr: normaliseCidr(r.CidrIpv6) }, r.Description));
  }
  for (const r of p.PrefixListIds ?? []) {
    if (r.PrefixListId) rules.push(rule({ kind: 'prefix-list', prefixListId: r.PrefixListId }, r.Description));
  }
  for (const g of p.UserIdGroupPairs ?? []) {
    if (!g.GroupId?.startsWith('sg-')) continue;
    rules.push(
      rule(
        {
          kind: 'group',
          groupId: g.GroupId as SecurityGroupId,
          // "account-id/sg-id" references name the other account (EC2 UserIdGroupPair.UserId).
          ...(g.UserId && g.UserId !== ownerAccount ? { accountId: g.UserId } : {}),
          ...(g.VpcPeeringConnectionId?.startsWith('pcx-') ? { peeringId: g.VpcPeeringConnectionId as PeeringId } : {}),
        },
        g.Description,
      ),
    );
  }
  return rules;
}

/** Translate one security group, its rules flattened to one peer each. */
export function toSecurityGroup(g: AwsSecurityGroup, fallbackAccount: AccountId, region: Region): SecurityGroup | undefined {
  if (!g.GroupId?.startsWith('sg-') || !g.VpcId?.startsWith('vpc-')) return undefined;
  const owner = g.OwnerId ?? fallbackAccount;
  return {
    id: g.GroupId as SecurityGroupId,
    vpcId: g.VpcId as VpcId,
    accountId: owner,
    region,
    name: g.GroupName ?? '',
    description: g.Description ?? '',
    ingress: (g.IpPermissions ?? []).flatMap((p) => flattenPermission(p, owner)),
    egress: (g.IpPermissionsEgress ?? []).flatMap((p) => flattenPermission(p, owner)),
  };
}

function toPeeringStatus(code: string | undefined): PeeringStatus | undefined {
  return (PEERING_STATUSES as readonly string[]).includes(code ?? '') ? (code as PeeringStatus) : undefined;
}

function toPeeringSide(info: VpcPeeringConnectionVpcInfo | undefined, fallbackRegion: Region): PeeringSide | undefined {
  if (!info?.VpcId?.startsWith('vpc-') || !info.OwnerId) return undefined;
  const v4 = (info.CidrBlockSet ?? []).flatMap((c) => (c.CidrBlock ? [normaliseCidr(c.CidrBlock)] : []));
  if (v4.length === 0 && info.CidrBlock) v4.push(normaliseCidr(info.CidrBlock));
  const dns = info.PeeringOptions?.AllowDnsResolutionFromRemoteVpc;
  return {
    accountId: info.OwnerId,
    vpcId: info.VpcId as VpcId,
    region: info.Region ?? fallbackRegion,
    cidrBlocks: v4,
    ipv6CidrBlocks: (info.Ipv6CidrBlockSet ?? []).flatMap((c) => (c.Ipv6CidrBlock ? [normaliseCidr(c.Ipv6CidrBlock)] : [])),
    ...(dns !== undefined ? { allowDnsResolutionFromRemoteVpc: dns } : {}),
  };
}

/** One account's view of a peering, before merging. */
export interface PeeringView {
  /** The account whose scan saw it. */
  readonly observer: AccountId;
  readonly region: Region;
  readonly peering: Peering;
}

/** Translate one peering as seen from `observer` scanning `region`. */
export function toPeering(p: VpcPeeringConnection, region: Region): Peering | undefined {
  const status = toPeeringStatus(p.Status?.Code);
  if (!p.VpcPeeringConnectionId?.startsWith('pcx-') || !status) return undefined;
  const requester = toPeeringSide(p.RequesterVpcInfo, region);
  const accepter = toPeeringSide(p.AccepterVpcInfo, region);
  if (!requester || !accepter) return undefined;
  const tags = toTags(p.Tags);
  return {
    id: p.VpcPeeringConnectionId as PeeringId,
    status,
    ...(p.Status?.Message ? { statusMessage: p.Status.Message } : {}),
    requester,
    accepter,
    ...(p.ExpirationTime ? { expirationTime: new Date(p.ExpirationTime).toISOString() } : {}),
    ...nameOf(tags),
    tags,
  };
}

/** Merge every account's view of one peering into one edge with both sides' details. */
export function mergePeeringViews(views: readonly PeeringView[]): Peering {
  const first = views[0];
  if (!first) throw new Error('mergePeeringViews needs at least one view');
  const ownView = (side: 'requester' | 'accepter') =>
    views.find((v) => v.observer === v.peering[side].accountId && v.region === v.peering[side].region) ??
    views.find((v) => v.observer === v.peering[side].accountId);
  const req = ownView('requester');
  const acc = ownView('accepter');
  // Status: the accepter's own view moves first on accept/reject, the requester's on delete;
  // when they disagree take the one further along AWS's lifecycle (final states last).
  const statusSource = [acc, req, first]
    .filter((v): v is PeeringView => v !== undefined)
    .sort((a, b) => lifecycleRank(b.peering.status) - lifecycleRank(a.peering.status))[0]!;
  const tags: Record<string, string> = {};
  for (const v of views) Object.assign(tags, v.peering.tags);
  for (const v of [req, acc]) if (v) Object.assign(tags, v.peering.tags);
  const expiration = views.find((v) => v.peering.expirationTime)?.peering.expirationTime;
  return {
    id: first.peering.id,
    status: statusSource.peering.status,
    ...(statusSource.peering.statusMessage ? { statusMessage: statusSource.peering.statusMessage } : {}),
    requester: (req ?? first).peering.requester,
    accepter: (acc ?? first).peering.accepter,
    ...(expiration && statusSource.peering.status === 'pending-acceptance' ? { expirationTime: expiration } : {}),
    ...nameOf(tags),
    tags,
  };
}

const LIFECYCLE_ORDER: readonly PeeringStatus[] = [
  'initiating-request',
  'pending-acceptance',
  'provisioning',
  'active',
  'deleting',
  'failed',
  'expired',
  'rejected',
  'deleted',
];

function lifecycleRank(s: PeeringStatus): number {
  return LIFECYCLE_ORDER.indexOf(s);
}

function byKey<T extends { accountId: string; region: string; id: string }>(a: T, b: T): number {
  return a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.id.localeCompare(b.id);
}

/** One account × region translated to the model, ready to merge (small and structured-clone safe). */
export interface RegionModel {
  readonly accountId: AccountId;
  readonly region: Region;
  readonly vpcs: readonly Vpc[];
  readonly subnets: readonly Subnet[];
  readonly routeTables: readonly RouteTable[];
  readonly securityGroups: readonly SecurityGroup[];
  readonly peeringViews: readonly PeeringView[];
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

/** Translate one region observation; a scan translates each region as it lands, so raw SDK objects do not pile up. */
export function translateRegion(o: RegionObservation): RegionModel {
  return {
    accountId: o.accountId,
    region: o.region,
    vpcs: o.raw.vpcs.map((v) => toVpc(v, o.accountId, o.region)).filter(defined),
    subnets: o.raw.subnets.map((x) => toSubnet(x, o.accountId, o.region)).filter(defined),
    routeTables: o.raw.routeTables.map((t) => toRouteTable(t, o.accountId, o.region)).filter(defined),
    securityGroups: o.raw.securityGroups.map((g) => toSecurityGroup(g, o.accountId, o.region)).filter(defined),
    peeringViews: o.raw.peerings
      .map((p) => toPeering(p, o.region))
      .filter(defined)
      .map((peering) => ({ observer: o.accountId, region: o.region, peering })),
  };
}

/** Merge translated regions into one topology: each resource once, each peering one edge. */
export function mergeRegions(accounts: readonly Account[], models: readonly RegionModel[]): Topology {
  const vpcs = new Map<string, Vpc>();
  const subnets = new Map<string, Subnet>();
  const routeTables = new Map<string, RouteTable>();
  const securityGroups = new Map<string, SecurityGroup>();
  const peeringViews = new Map<string, PeeringView[]>();
  const put = <T extends { id: string; region: string }>(m: Map<string, T>, xs: readonly T[]) => {
    for (const x of xs) if (!m.has(`${x.region}/${x.id}`)) m.set(`${x.region}/${x.id}`, x);
  };
  for (const m of models) {
    put(vpcs, m.vpcs);
    put(subnets, m.subnets);
    put(routeTables, m.routeTables);
    put(securityGroups, m.securityGroups);
    for (const v of m.peeringViews) {
      const list = peeringViews.get(v.peering.id) ?? [];
      list.push(v);
      peeringViews.set(v.peering.id, list);
    }
  }
  const peerings = [...peeringViews.values()].map(mergePeeringViews).sort((a, b) => a.id.localeCompare(b.id));
  return {
    accounts: [...accounts].sort((a, b) => a.id.localeCompare(b.id)),
    vpcs: [...vpcs.values()].sort(byKey),
    subnets: [...subnets.values()].sort(byKey),
    routeTables: [...routeTables.values()].sort(byKey),
    securityGroups: [...securityGroups.values()].sort(byKey),
    peerings,
  };
}

/** Build the topology from every region observation and the accounts with their profiles. */
export function toTopology(accounts: readonly Account[], observations: readonly RegionObservation[]): Topology {
  return mergeRegions(accounts, observations.map(translateRegion));
}
