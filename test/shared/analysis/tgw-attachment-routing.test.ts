/** The routing summary made without the checklists' words equals the full checklist's routing, for
 * every VPC attachment: on the fixtures, the benchmark's estate made small, that estate with
 * random routes taken away, blackholed or unassociated, and random topologies with a gateway. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { tgwAttachmentChecklist, tgwAttachmentRoutings } from '../../../shared/analysis/tgw-attachment-checklist';
import type { Topology } from '../../../shared/model/topology';
import { buildTgwEstate } from '../../bench/tgw-bench-estate';
import { buildTgwFindingsTopology } from '../../support/fixtures/tgw-findings-snapshot';
import { tgwEstate } from '../../support/fixtures/tgw-estate';
import { tgwEstate as tgwReachEstate } from '../../support/fixtures/tgw-reach-estate';
import { arbTopologyWithGateway } from './oracle/random-topology';

/** Each VPC attachment's routing as its full checklist gives it. */
function checklistRoutings(t: Topology): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of t.transitGatewayAttachments) {
    if (a.resourceType !== 'vpc') continue;
    const c = tgwAttachmentChecklist(t, a.transitGatewayId, a.id);
    if (c) out[`${a.transitGatewayId}/${a.id}`] = c.routing;
  }
  return out;
}

const fast = (t: Topology) => Object.fromEntries(tgwAttachmentRoutings(t));

const smallEstate = () => buildTgwEstate({ vpcs: 400, gateways: 8, attachments: 240, peerings: 80 }).topology;

/** Changes to the small estate: routes removed or blackholed, attachments disassociated. */
const arbChanges = fc.record({
  dropTgwRoutes: fc.array(fc.nat(), { maxLength: 30 }),
  blackholeTgwRoutes: fc.array(fc.nat(), { maxLength: 10 }),
  dropVpcRoutes: fc.array(fc.nat(), { maxLength: 60 }),
  blackholeVpcRoutes: fc.array(fc.nat(), { maxLength: 20 }),
  disassociate: fc.array(fc.nat(), { maxLength: 10 }),
});

function changed(t: Topology, c: typeof arbChanges extends fc.Arbitrary<infer T> ? T : never): Topology {
  const tgwRoutes = t.transitGatewayRouteTables.flatMap((table, ti) => table.routes.map((_, ri) => `${ti}|${ri}`));
  const vpcRoutes = t.routeTables.flatMap((table, ti) => table.routes.map((_, ri) => `${ti}|${ri}`));
  const pick = (list: string[], ns: number[]) => new Set(ns.map((n) => list[n % Math.max(1, list.length)]));
  const dropT = pick(tgwRoutes, c.dropTgwRoutes);
  const holeT = pick(tgwRoutes, c.blackholeTgwRoutes);
  const dropV = pick(vpcRoutes, c.dropVpcRoutes);
  const holeV = pick(vpcRoutes, c.blackholeVpcRoutes);
  const attachments = t.transitGatewayAttachments.filter((a) => a.resourceType === 'vpc');
  const loose = new Set(c.disassociate.map((n) => attachments[n % Math.max(1, attachments.length)]?.id));
  return {
    ...t,
    transitGatewayRouteTables: t.transitGatewayRouteTables.map((table, ti) => ({
      ...table,
      associations: table.associations.filter((l) => !loose.has(l.attachmentId)),
      routes: table.routes.flatMap((r, ri) => (dropT.has(`${ti}|${ri}`) ? [] : holeT.has(`${ti}|${ri}`) ? [{ ...r, state: 'blackhole' as const, targets: [] }] : [r])),
    })),
    transitGatewayAttachments: t.transitGatewayAttachments.map((a) => (loose.has(a.id) ? { ...a, association: undefined } : a)),
    routeTables: t.routeTables.map((table, ti) => ({
      ...table,
      routes: table.routes.flatMap((r, ri) => (dropV.has(`${ti}|${ri}`) ? [] : holeV.has(`${ti}|${ri}`) ? [{ ...r, state: 'blackhole' as const }] : [r])),
    })),
  };
}

describe('tgwAttachmentRoutings', () => {
  it("equals the full checklist's routing on the fixtures and the benchmark's estate made small", () => {
    for (const t of [tgwEstate().topology, tgwReachEstate(), tgwReachEstate({ unassociated: ['b'] }), buildTgwFindingsTopology(), smallEstate()]) {
      const expected = checklistRoutings(t);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      expect(fast(t)).toEqual(expected);
    }
  });

  it("equals the full checklist's routing on the small estate with routes removed, blackholed or unassociated", () => {
    const base = smallEstate();
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbChanges, (c) => {
        const t = changed(base, c);
        const expected = checklistRoutings(t);
        for (const r of Object.values(expected)) seen.add(r);
        expect(fast(t)).toEqual(expected);
      }),
      { numRuns: 40, seed: 21 },
    );
    expect([...seen].sort()).toEqual(['complete', 'not-applicable', 'not-routed', 'one-way', 'unknown']);
  });

  it("equals the full checklist's routing on random topologies with a transit gateway", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(arbTopologyWithGateway, (t) => {
        const expected = checklistRoutings(t);
        for (const r of Object.values(expected)) seen.add(r);
        expect(fast(t)).toEqual(expected);
      }),
      { numRuns: 1000, seed: 21 },
    );
    expect([...seen].sort()).toEqual(['complete', 'not-applicable', 'not-routed', 'nothing-to-route', 'one-way']);
  });
});
