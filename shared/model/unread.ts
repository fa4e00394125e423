/** What a scan could not read, in words: each kind's name as a user knows it, and the cells of a
 * snapshot whose optional kinds failed (e.g. a policy without `ec2:DescribeNetworkAcls`). */
import type { AccountId, Region } from './ids';
import type { RegionCoverage, Snapshot, UnreadKind } from './snapshot';
import type { ResourceKey } from './topology';

/** Each kind of the topology as a user names it, in the plural. */
export const KIND_WORDS: Readonly<Record<ResourceKey, string>> = {
  vpcs: 'VPCs',
  subnets: 'subnets',
  routeTables: 'route tables',
  securityGroups: 'security groups',
  peerings: 'peering connections',
  networkAcls: 'network ACLs',
  internetGateways: 'internet gateways',
  egressOnlyInternetGateways: 'egress-only internet gateways',
  natGateways: 'NAT gateways',
  vpnGateways: 'virtual private gateways',
  vpcEndpoints: 'VPC endpoints',
  prefixLists: 'managed prefix lists',
  networkInterfaces: 'network interfaces',
  instances: 'instances',
  dhcpOptions: 'DHCP options sets',
  transitGateways: 'transit gateways',
  transitGatewayAttachments: 'transit gateway attachments',
  transitGatewayPeerings: 'transit gateway peerings',
  transitGatewayRouteTables: 'transit gateway route tables',
};

/** Parts of a kind a region can lack while the kind loads (optional fields filled by calls of their own). */
export const PART_WORDS = {
  vpcDnsAttributes: 'VPC DNS attributes',
  securityGroupRuleIds: 'security group rule ids',
} as const;

/** A part of a kind a region can lack (`PART_WORDS`). */
export type UnreadPart = keyof typeof PART_WORDS;

/** A kind's (or part's) words; a key this Peerscape does not know (from a newer snapshot) as it is. */
export function kindWords(kind: string): string {
  return (KIND_WORDS as Readonly<Record<string, string>>)[kind] ?? (PART_WORDS as Readonly<Record<string, string>>)[kind] ?? kind;
}

/** "network ACLs not read: UnauthorizedOperation — <what went wrong and the fix>". */
export function unreadWords(u: UnreadKind): string {
  return `${kindWords(u.kind)} not read: ${u.errorCode}${u.message ? ` — ${u.message}` : ''}`;
}

/** "network ACLs and NAT gateways". */
export function kindList(kinds: readonly string[]): string {
  const words = kinds.map(kindWords);
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** A complete cell of a snapshot that could not read some kinds. */
export interface PartlyRead extends RegionCoverage {
  readonly unread: readonly UnreadKind[];
}

/** The complete cells of `snapshot` with kinds they could not read. */
export function partlyReadCoverage(snapshot: Snapshot): readonly PartlyRead[] {
  return snapshot.coverage.filter((c): c is PartlyRead => c.state === 'complete' && (c.unread?.length ?? 0) > 0);
}

/** The kinds not read in `accountId` × `region`, each once, in registry order of first appearance. */
export function unreadKindsAt(coverage: readonly RegionCoverage[], accountId: AccountId, region: Region): readonly UnreadKind[] {
  const out = new Map<string, UnreadKind>();
  for (const c of coverage) {
    if (c.accountId !== accountId || c.region !== region || c.state !== 'complete') continue;
    for (const u of c.unread ?? []) if (!out.has(u.kind)) out.set(u.kind, u);
  }
  return [...out.values()];
}
