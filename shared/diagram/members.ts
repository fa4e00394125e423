/** Which boxes a topology diagram has: accounts, their regions, and the VPCs drawn in them.
 *
 * A peering can name a VPC whose account was not scanned (a vendor's VPC, a partner's): it is
 * still drawn, in its own account and region frame, marked as not scanned, so the peering's edge
 * has two ends. The graph view, the layout and the exporters all use this one list.
 */
import type { AccountId, Region, VpcId } from '../model/ids';
import type { Topology, Vpc } from '../model/topology';

/** One VPC box of the diagram. */
export interface DiagramVpc {
  readonly id: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  /** The scanned VPC; absent when only a peering names it. */
  readonly vpc?: Vpc;
  /** CIDR blocks to print: the VPC's own (primary first), or what the peering reports. */
  readonly cidrs: readonly string[];
  /** The label to sort and show: the Name tag, else the id. */
  readonly label: string;
}

/** One region frame: its VPCs in drawing order. */
export interface DiagramRegion {
  readonly accountId: AccountId;
  readonly region: Region;
  readonly vpcs: readonly DiagramVpc[];
}

/** One account frame: its regions in drawing order. */
export interface DiagramAccount {
  readonly accountId: AccountId;
  /** The alias, when the topology knows it. */
  readonly alias?: string;
  /** False when no VPC of the account was scanned (it appears only through peerings). */
  readonly scanned: boolean;
  readonly regions: readonly DiagramRegion[];
}

/** Options of `collectDiagramMembers`. */
export interface DiagramMemberOptions {
  /** Also draw VPCs that only `deleted` peerings name (default false: deleted peerings are hidden). */
  readonly includeDeletedPeerings?: boolean;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sort VPCs by label, then id, so related names sit together and the order never depends on input order. */
function compareVpcs(a: DiagramVpc, b: DiagramVpc): number {
  return compareText(a.label.toLowerCase(), b.label.toLowerCase()) || compareText(a.id, b.id);
}

/** The accounts, regions and VPCs of the diagram, each level sorted (accounts and regions by id). */
export function collectDiagramMembers(topology: Topology, opts: DiagramMemberOptions = {}): readonly DiagramAccount[] {
  const byId = new Map<VpcId, DiagramVpc>();
  for (const vpc of topology.vpcs) {
    byId.set(vpc.id, {
      id: vpc.id,
      accountId: vpc.accountId,
      region: vpc.region,
      vpc,
      cidrs: [...vpc.cidrBlocks].sort((x, y) => Number(y.primary) - Number(x.primary)).map((b) => b.cidr),
      label: vpc.name ?? vpc.id,
    });
  }
  const scannedAccounts = new Set(topology.vpcs.map((v) => v.accountId));
  for (const p of topology.peerings) {
    if (p.status === 'deleted' && !opts.includeDeletedPeerings) continue;
    for (const side of [p.requester, p.accepter]) {
      if (byId.has(side.vpcId)) continue;
      byId.set(side.vpcId, {
        id: side.vpcId,
        accountId: side.accountId,
        region: side.region,
        cidrs: [...side.cidrBlocks, ...side.ipv6CidrBlocks],
        label: side.vpcId,
      });
    }
  }
  const aliases = new Map(topology.accounts.map((a) => [a.id, a.alias]));
  const tree = new Map<AccountId, Map<Region, DiagramVpc[]>>();
  for (const v of byId.values()) {
    let regions = tree.get(v.accountId);
    if (!regions) tree.set(v.accountId, (regions = new Map()));
    const list = regions.get(v.region);
    if (list) list.push(v);
    else regions.set(v.region, [v]);
  }
  return [...tree.keys()].sort(compareText).map((accountId) => {
    const regions = tree.get(accountId)!;
    const alias = aliases.get(accountId);
    return {
      accountId,
      ...(alias ? { alias } : {}),
      scanned: scannedAccounts.has(accountId),
      regions: [...regions.keys()].sort(compareText).map((region) => ({
        accountId,
        region,
        vpcs: regions.get(region)!.sort(compareVpcs),
      })),
    };
  });
}
