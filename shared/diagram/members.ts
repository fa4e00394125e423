/** Which boxes a topology diagram has: accounts, their regions, and the VPCs and transit gateway hubs drawn in them.
 *
 * A peering can name a VPC whose account was not scanned (a vendor's VPC, a partner's): it is
 * still drawn, in its own account and region frame, marked as not scanned, so the peering's edge
 * has two ends. The graph view, the layout and the exporters all use this one list.
 *
 * A transit gateway is drawn once, as a hub in its owner's account and region frame, however
 * many accounts it is shared with; when the owner was not scanned that frame is a placeholder
 * (an account not scanned) holding the hub alone.
 */
import type { AccountId, Region, VpcId } from '../model/ids';
import type { Topology, TransitGateway, Vpc } from '../model/topology';

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

/** One transit gateway hub of the diagram, in its owner's frame. */
export interface DiagramTgw {
  readonly id: TransitGateway['id'];
  readonly accountId: AccountId;
  readonly region: Region;
  readonly gateway: TransitGateway;
  /** The Name tag, else the id. */
  readonly label: string;
}

/** One region frame: its hubs and its VPCs, each in drawing order. */
export interface DiagramRegion {
  readonly accountId: AccountId;
  readonly region: Region;
  readonly vpcs: readonly DiagramVpc[];
  /** Transit gateways the account owns in the region, sorted by label then id; empty for most regions. */
  readonly tgws: readonly DiagramTgw[];
}

/** One account frame: its regions in drawing order. */
export interface DiagramAccount {
  readonly accountId: AccountId;
  /** The Organizations name, when the topology knows it. */
  readonly name?: string;
  /** The IAM alias, when the topology knows it. */
  readonly alias?: string;
  /** The OU path (`Workloads/Production`; empty for the root), when an organisation scan read it. */
  readonly ouPath?: string;
  /** False when no VPC of the account was scanned and no scan of it listed a gateway it owns (it appears only through peerings or a shared gateway). */
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
  const records = new Map(topology.accounts.map((a) => [a.id, a]));
  const tree = new Map<AccountId, Map<Region, { vpcs: DiagramVpc[]; tgws: DiagramTgw[] }>>();
  const cell = (accountId: AccountId, region: Region) => {
    let regions = tree.get(accountId);
    if (!regions) tree.set(accountId, (regions = new Map()));
    let c = regions.get(region);
    if (!c) regions.set(region, (c = { vpcs: [], tgws: [] }));
    return c;
  };
  for (const v of byId.values()) cell(v.accountId, v.region).vpcs.push(v);
  for (const g of topology.transitGateways) {
    if (g.state === 'deleted' && !opts.includeDeletedPeerings) continue;
    cell(g.accountId, g.region).tgws.push({ id: g.id, accountId: g.accountId, region: g.region, gateway: g, label: g.name ?? g.id });
    if (!(g.routing.state === 'unread' && g.routing.reason === 'owner-not-scanned')) scannedAccounts.add(g.accountId);
  }
  return [...tree.keys()].sort(compareText).map((accountId) => {
    const regions = tree.get(accountId)!;
    const { name, alias, ouPath } = records.get(accountId) ?? {};
    return {
      accountId,
      ...(name ? { name } : {}),
      ...(alias ? { alias } : {}),
      ...(ouPath !== undefined ? { ouPath } : {}),
      scanned: scannedAccounts.has(accountId),
      regions: [...regions.keys()].sort(compareText).map((region) => ({
        accountId,
        region,
        vpcs: regions.get(region)!.vpcs.sort(compareVpcs),
        tgws: regions.get(region)!.tgws.sort((x, y) => compareText(x.label.toLowerCase(), y.label.toLowerCase()) || compareText(x.id, y.id)),
      })),
    };
  });
}
