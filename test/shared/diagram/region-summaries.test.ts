import { describe, expect, it } from 'vitest';

import { findCidrConflicts } from '../../../shared/analysis/cidr-conflicts';
import { computeRouteCompleteness } from '../../../shared/analysis/route-completeness';
import { accountBoxId, regionBoxId } from '../../../shared/diagram/layout';
import { collectDiagramMembers } from '../../../shared/diagram/members';
import { CATEGORIES_WORST_FIRST, summariseNetwork, worseCategory } from '../../../shared/diagram/region-summaries';
import { EDGE_STYLES } from '../../../shared/diagram/style';
import type { AccountId, PeeringId, VpcId } from '../../../shared/model/ids';
import type { Peering, Topology } from '../../../shared/model/topology';
import { peering, route, routeTable, subnet, topology, vpc } from '../../support/fixtures/build-topology';

const A: AccountId = '111111111111';
const B: AccountId = '222222222222';
const PARTNER: AccountId = '333333333333';

const a1 = vpc('vpc-a1' as VpcId, '10.1.0.0/16', { accountId: A, region: 'eu-west-1', name: 'a1' });
const a2 = vpc('vpc-a2' as VpcId, '10.2.0.0/16', { accountId: A, region: 'eu-west-1', name: 'a2' });
// a3 overlaps a2 (its secondary block) and b1 (its primary): two conflicts.
const a3 = vpc('vpc-a3' as VpcId, '10.3.0.0/16', { accountId: A, region: 'eu-west-1', name: 'a3', secondary: ['10.2.5.0/24'] });
const a4 = vpc('vpc-a4' as VpcId, '10.4.0.0/16', { accountId: A, region: 'us-east-1', name: 'a4' });
const b1 = vpc('vpc-b1' as VpcId, '10.3.1.0/24', { accountId: B, region: 'eu-west-1', name: 'b1' });
const partner = vpc('vpc-partner' as VpcId, '10.9.0.0/16', { accountId: PARTNER, region: 'eu-west-1' });

const pcx = (n: number) => `pcx-000000000000000${n}` as PeeringId;
const peerings: Peering[] = [
  peering(pcx(1), a1, a2), // routed both ways below: complete, inside one region
  peering(pcx(2), a1, a4), // no routes
  peering(pcx(3), a2, b1, 'pending-acceptance'),
  peering(pcx(4), a3, b1, 'failed'),
  peering(pcx(5), a4, b1, 'expired'),
  peering(pcx(6), a4, partner), // the partner's account was not scanned
];

/** A subnet and a main route table for each scanned VPC; a1 and a2 route each other over pcx 1. */
function network(): Topology {
  const vpcs = [a1, a2, a3, a4, b1];
  const routes: Record<string, ReturnType<typeof route>[]> = { 'vpc-a1': [route('10.2.0.0/16', pcx(1))], 'vpc-a2': [route('10.1.0.0/16', pcx(1))] };
  return topology({
    vpcs,
    subnets: vpcs.map((v, i) => subnet(`subnet-${i}`, v, v.cidrBlocks[0]!.cidr.replace(/\/\d+$/, '/24'))),
    routeTables: vpcs.map((v, i) => routeTable(`rtb-${i}`, v, { main: true, routes: routes[v.id] ?? [] })),
    peerings,
  });
}

function summarise(t: Topology) {
  return summariseNetwork({
    accounts: collectDiagramMembers(t),
    peerings: t.peerings,
    conflicts: findCidrConflicts(t).conflicts,
    completeness: new Map(computeRouteCompleteness(t).map((c) => [c.peeringId, c])),
  });
}

describe('summariseNetwork', () => {
  const summary = summarise(network());
  const region = (account: AccountId, name: string) => summary.regions.get(regionBoxId(account, name))!;
  const account = (id: AccountId) => summary.accounts.find((x) => x.accountId === id)!;

  it('counts the VPCs, peerings (those inside apart) and CIDR conflicts of each region', () => {
    expect(region(A, 'eu-west-1')).toMatchObject({ vpcCount: 3, peeringCount: 4, innerPeeringCount: 1, conflictCount: 2, vpcIds: ['vpc-a1', 'vpc-a2', 'vpc-a3'] });
    expect(region(A, 'us-east-1')).toMatchObject({ vpcCount: 1, peeringCount: 3, innerPeeringCount: 0, conflictCount: 0 });
    expect(region(B, 'eu-west-1')).toMatchObject({ vpcCount: 1, peeringCount: 3, innerPeeringCount: 0, conflictCount: 1 });
    // A VPC known only from a peering is summed up in its own (unscanned) account's region.
    expect(region(PARTNER, 'eu-west-1')).toMatchObject({ vpcCount: 1, peeringCount: 1, conflictCount: 0 });
    expect(summary.regionOfVpc.get(partner.id)).toBe(regionBoxId(PARTNER, 'eu-west-1'));
  });

  it("takes each region's worst peering state in the peering edges' categories", () => {
    expect(region(A, 'eu-west-1').worst).toBe('active-none');
    expect(region(A, 'us-east-1').worst).toBe('active-none');
    expect(region(B, 'eu-west-1').worst).toBe('failed');
    expect(region(PARTNER, 'eu-west-1').worst).toBe('active-partial');
  });

  it('totals each account, counting a peering or conflict between two of its regions once', () => {
    expect(account(A)).toMatchObject({ id: accountBoxId(A), vpcCount: 4, peeringCount: 6, conflictCount: 2, worst: 'active-none', regionIds: [regionBoxId(A, 'eu-west-1'), regionBoxId(A, 'us-east-1')] });
    expect(account(B)).toMatchObject({ vpcCount: 1, peeringCount: 3, conflictCount: 1, worst: 'failed' });
    expect(summary.accounts.map((x) => x.accountId)).toEqual([A, B, PARTNER]);
  });

  it('joins two regions with one link per pair, across accounts too, with the count and worst state of its peerings', () => {
    expect(summary.links.map((l) => ({ a: l.a, b: l.b, count: l.count, worst: l.worst, peeringIds: l.peeringIds }))).toEqual([
      { a: regionBoxId(A, 'eu-west-1'), b: regionBoxId(A, 'us-east-1'), count: 1, worst: 'active-none', peeringIds: [pcx(2)] },
      { a: regionBoxId(A, 'eu-west-1'), b: regionBoxId(B, 'eu-west-1'), count: 2, worst: 'failed', peeringIds: [pcx(3), pcx(4)] },
      { a: regionBoxId(A, 'us-east-1'), b: regionBoxId(B, 'eu-west-1'), count: 1, worst: 'gone', peeringIds: [pcx(5)] },
      { a: regionBoxId(A, 'us-east-1'), b: regionBoxId(PARTNER, 'eu-west-1'), count: 1, worst: 'active-partial', peeringIds: [pcx(6)] },
    ]);
  });

  it('counts only the peerings it is given (the canvas leaves deleted ones out unless asked)', () => {
    const t = network();
    const s = summariseNetwork({ accounts: collectDiagramMembers(t), peerings: t.peerings.filter((p) => p.id !== pcx(5)), conflicts: [], completeness: new Map() });
    expect(s.regions.get(regionBoxId(B, 'eu-west-1'))!.peeringCount).toBe(2);
    expect(s.links.some((l) => l.peeringIds.includes(pcx(5)))).toBe(false);
  });

  it('leaves the worst state out of a region without peerings', () => {
    const lonely = vpc('vpc-lonely' as VpcId, '10.50.0.0/16', { accountId: B, region: 'ap-south-1' });
    const t = topology({ vpcs: [lonely] });
    const s = summarise(t);
    expect(s.regions.get(regionBoxId(B, 'ap-south-1'))).toMatchObject({ vpcCount: 1, peeringCount: 0, innerPeeringCount: 0, conflictCount: 0 });
    expect(s.regions.get(regionBoxId(B, 'ap-south-1'))!.worst).toBeUndefined();
    expect(s.links).toEqual([]);
  });
});

describe('the worst peering state', () => {
  it('ranks every edge category the style draws, a live peering routing nothing first and ended peerings last', () => {
    expect([...CATEGORIES_WORST_FIRST].sort()).toEqual(EDGE_STYLES.map((s) => s.category).sort());
    expect(CATEGORIES_WORST_FIRST).toEqual(['active-none', 'failed', 'active-partial', 'active-unknown', 'pending', 'in-progress', 'active-idle', 'active-complete', 'deleting', 'gone']);
  });

  it('picks the worse of two, either way round, and whatever is there when one is missing', () => {
    expect(worseCategory('active-complete', 'active-partial')).toBe('active-partial');
    expect(worseCategory('active-partial', 'active-complete')).toBe('active-partial');
    expect(worseCategory('gone', 'active-complete')).toBe('active-complete');
    expect(worseCategory('failed', 'active-none')).toBe('active-none');
    expect(worseCategory(undefined, 'pending')).toBe('pending');
    expect(worseCategory('pending', undefined)).toBe('pending');
    expect(worseCategory(undefined, undefined)).toBeUndefined();
  });
});
