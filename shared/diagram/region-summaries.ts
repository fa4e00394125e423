/** What a zoomed-out diagram says about each account and region instead of drawing its cards.
 *
 * Per region: how many VPCs, how many peerings touch it (and how many stay inside it), how many
 * CIDR conflicts involve its VPCs, and the worst state among its peerings, in the categories and
 * colours of the peering edges (`EDGE_STYLES`). Per account the same totals. Between regions: one
 * link per pair of regions that peerings join, with their count and worst state.
 */
import type { CidrConflict } from '../analysis/cidr-conflicts';
import type { PeeringRouteCompleteness } from '../analysis/route-completeness';
import type { AccountId, PeeringId, Region, VpcId } from '../model/ids';
import type { Peering } from '../model/topology';
import { accountBoxId, regionBoxId } from './layout';
import type { DiagramAccount } from './members';
import type { EdgeCategory } from './style';
import { peeringEdgeStyle } from './style';

/**
 * Edge categories from worst to best, for "the worst state of its peerings".
 *
 * An active peering that routes nothing is worst: it exists and carries no traffic, and someone
 * believes it does. A failed or rejected request comes next (nothing was made, but someone wanted
 * it), then partial routes, an active peering whose other side was not scanned (nothing proves it
 * works), requests waiting for acceptance, requests AWS is still making, an active peering to a
 * VPC without subnets (nothing to route), and a complete one. A peering being deleted, then expired
 * and deleted ones, no longer matter and rank below every live one.
 */
const WORST_RANK: Readonly<Record<EdgeCategory, number>> = {
  'active-none': 0,
  failed: 1,
  'active-partial': 2,
  'active-unknown': 3,
  pending: 4,
  'in-progress': 5,
  'active-idle': 6,
  'active-complete': 7,
  deleting: 8,
  gone: 9,
};

/** Every edge category, worst first. */
export const CATEGORIES_WORST_FIRST: readonly EdgeCategory[] = (Object.keys(WORST_RANK) as EdgeCategory[]).sort((a, b) => WORST_RANK[a] - WORST_RANK[b]);

/** The worse of two categories (either may be absent: nothing to compare). */
export function worseCategory(a: EdgeCategory | undefined, b: EdgeCategory | undefined): EdgeCategory | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return WORST_RANK[a] <= WORST_RANK[b] ? a : b;
}

/** The totals an account or a region shows. */
export interface SummaryTotals {
  readonly vpcCount: number;
  /** Peerings with at least one end here. */
  readonly peeringCount: number;
  /** CIDR conflicts (pairs of overlapping VPCs) with at least one VPC here. */
  readonly conflictCount: number;
  /** The worst category among those peerings; absent when there are none. */
  readonly worst?: EdgeCategory;
}

/** One region frame's summary. */
export interface RegionSummary extends SummaryTotals {
  /** The region frame's box id (`regionBoxId`). */
  readonly id: string;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly vpcIds: readonly VpcId[];
  /** Peerings with both ends in this region (drawn as a count inside the box, not as an edge). */
  readonly innerPeeringCount: number;
}

/** One account frame's summary. */
export interface AccountSummary extends SummaryTotals {
  /** The account frame's box id (`accountBoxId`). */
  readonly id: string;
  readonly accountId: AccountId;
  /** Its regions' box ids, in drawing order. */
  readonly regionIds: readonly string[];
}

/** The peerings between two regions, drawn as one edge. */
export interface RegionLink {
  /** `<a>|<b>`. */
  readonly id: string;
  /** Region box ids, `a` < `b`. */
  readonly a: string;
  readonly b: string;
  readonly count: number;
  readonly worst: EdgeCategory;
  readonly peeringIds: readonly PeeringId[];
}

/** Every summary of a diagram. */
export interface NetworkSummary {
  /** In drawing order. */
  readonly accounts: readonly AccountSummary[];
  /** By region box id, in drawing order. */
  readonly regions: ReadonlyMap<string, RegionSummary>;
  /** Sorted by `id`. */
  readonly links: readonly RegionLink[];
  /** VPC id → its region's box id. */
  readonly regionOfVpc: ReadonlyMap<VpcId, string>;
}

/** What `summariseNetwork` reads. */
export interface SummaryInput {
  /** The diagram's members (`collectDiagramMembers`): which VPCs each region frame holds. */
  readonly accounts: readonly DiagramAccount[];
  /** The peerings the diagram draws (both ends among the members). */
  readonly peerings: readonly Peering[];
  /** CIDR conflicts (`findCidrConflicts`). */
  readonly conflicts: readonly Pick<CidrConflict, 'vpcA' | 'vpcB'>[];
  /** Route completeness of active peerings (`computeRouteCompleteness`), by peering id. */
  readonly completeness: ReadonlyMap<PeeringId, PeeringRouteCompleteness>;
}

/** Counts of one frame while they are added up. */
interface Tally {
  vpcCount: number;
  peerings: Set<PeeringId>;
  conflicts: number;
  worst?: EdgeCategory;
}

const tally = (vpcCount: number): Tally => ({ vpcCount, peerings: new Set(), conflicts: 0 });

function totals(t: Tally): SummaryTotals {
  return { vpcCount: t.vpcCount, peeringCount: t.peerings.size, conflictCount: t.conflicts, ...(t.worst ? { worst: t.worst } : {}) };
}

/** The summaries of every account and region, and the links between regions. */
export function summariseNetwork(input: SummaryInput): NetworkSummary {
  const regionOfVpc = new Map<VpcId, string>();
  const accountOfRegion = new Map<string, string>();
  const regionTally = new Map<string, Tally & { inner: number }>();
  const accountTally = new Map<string, Tally>();
  for (const account of input.accounts) {
    const accountId = accountBoxId(account.accountId);
    accountTally.set(accountId, tally(account.regions.reduce((n, r) => n + r.vpcs.length, 0)));
    for (const region of account.regions) {
      const id = regionBoxId(account.accountId, region.region);
      accountOfRegion.set(id, accountId);
      regionTally.set(id, { ...tally(region.vpcs.length), inner: 0 });
      for (const v of region.vpcs) regionOfVpc.set(v.id, id);
    }
  }

  const links = new Map<string, { a: string; b: string; worst?: EdgeCategory; peeringIds: PeeringId[] }>();
  for (const p of input.peerings) {
    const from = regionOfVpc.get(p.requester.vpcId);
    const to = regionOfVpc.get(p.accepter.vpcId);
    if (from === undefined || to === undefined) continue;
    const category = peeringEdgeStyle(p, p.status === 'active' ? input.completeness.get(p.id) : undefined).category;
    const touched = new Set([from, to]);
    for (const id of touched) {
      const r = regionTally.get(id)!;
      r.peerings.add(p.id);
      r.worst = worseCategory(r.worst, category);
      const a = accountTally.get(accountOfRegion.get(id)!)!;
      a.peerings.add(p.id);
      a.worst = worseCategory(a.worst, category);
    }
    if (from === to) {
      regionTally.get(from)!.inner++;
      continue;
    }
    const [a, b] = from < to ? [from, to] : [to, from];
    const key = `${a}|${b}`;
    let link = links.get(key);
    if (!link) links.set(key, (link = { a, b, peeringIds: [] }));
    link.peeringIds.push(p.id);
    link.worst = worseCategory(link.worst, category);
  }

  for (const c of input.conflicts) {
    const regions = new Set([regionOfVpc.get(c.vpcA), regionOfVpc.get(c.vpcB)]);
    const accounts = new Set<string>();
    for (const id of regions) {
      if (id === undefined) continue;
      regionTally.get(id)!.conflicts++;
      accounts.add(accountOfRegion.get(id)!);
    }
    for (const id of accounts) accountTally.get(id)!.conflicts++;
  }

  const regions = new Map<string, RegionSummary>();
  const accounts: AccountSummary[] = input.accounts.map((account) => {
    const id = accountBoxId(account.accountId);
    const regionIds = account.regions.map((region) => {
      const regionId = regionBoxId(account.accountId, region.region);
      const t = regionTally.get(regionId)!;
      regions.set(regionId, {
        id: regionId,
        accountId: account.accountId,
        region: region.region,
        vpcIds: region.vpcs.map((v) => v.id),
        innerPeeringCount: t.inner,
        ...totals(t),
      });
      return regionId;
    });
    return { id, accountId: account.accountId, regionIds, ...totals(accountTally.get(id)!) };
  });
  const sortedLinks = [...links]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([key, l]): RegionLink => ({ id: key, a: l.a, b: l.b, count: l.peeringIds.length, worst: l.worst!, peeringIds: l.peeringIds }));
  return { accounts, regions, links: sortedLinks, regionOfVpc };
}
