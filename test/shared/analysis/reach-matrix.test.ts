/** The reachability matrix against `directionReach` and `vpcReach`: every connected pair, per
 * direction, the same status and ways; on random topologies with a transit gateway, on the small
 * estate of gateways and peerings, and on a small estate of the benchmark's shape (gateways
 * peered in pairs, unread routing, isolated tables, summaries and peerings beside); and the
 * analysis listing the first 1,000 one-way pairs it reads from the matrix, counting them all. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { analyzeSnapshot, findingsOfKind, MAX_LISTED_PAIRS } from '../../../shared/analysis/findings';
import { cellReach, matrixCell, reachMatrix } from '../../../shared/analysis/reach-matrix';
import { findAsymmetricPaths } from '../../../shared/analysis/tgw-path-findings';
import { vpcReach } from '../../../shared/analysis/vpc-reach';
import type { Topology } from '../../../shared/model/topology';
import { buildTgwEstate } from '../../bench/tgw-bench-estate';
import { arbTopology, arbTopologyWithGateway } from './oracle/random-topology';
import { vpcAttachment } from '../../support/fixtures/build-topology';
import { tgwC, tgwEstate } from '../../support/fixtures/tgw-reach-estate';

/** Every pair `vpcReach` lists, as `from>to status ways`, and the matrix's cells read the same way. */
function bothWays(t: Topology): { expected: string[]; found: string[] } {
  const m = reachMatrix(t);
  const expected: string[] = [];
  const found: string[] = [];
  for (const from of m.vpcIds) {
    for (const r of vpcReach(t, from)) expected.push(`${from}>${r.vpcId} ${r.there.status} ${r.there.ways.join('+')}`);
  }
  for (let i = 0; i < m.vpcIds.length; i++) {
    for (let k = m.offsets[i]!; k < m.offsets[i + 1]!; k++) {
      // Rows ascend: `entryOf` searches them.
      if (k > m.offsets[i]! && m.targets[k]! <= m.targets[k - 1]!) throw new Error(`row ${m.vpcIds[i]} is not sorted at ${k}`);
      const { status, ways } = cellReach(m.cells[k]!);
      found.push(`${m.vpcIds[i]}>${m.vpcIds[m.targets[k]!]} ${status} ${ways.join('+')}`);
    }
  }
  return { expected: expected.sort(), found: found.sort() };
}

describe('the reachability matrix', () => {
  it('agrees with directionReach for every connected pair on random topologies with a transit gateway', () => {
    let delivered = 0;
    fc.assert(
      fc.property(arbTopologyWithGateway, (t) => {
        const { expected, found } = bothWays(t);
        expect(found).toEqual(expected);
        delivered += found.filter((x) => x.includes('transit-gateway')).length;
      }),
      { numRuns: 1000, seed: 21 },
    );
    // The gateway paths are exercised, not only pairs that never meet one.
    expect(delivered).toBeGreaterThan(50);
  });

  it('agrees with directionReach on random peering topologies', () => {
    fc.assert(
      fc.property(arbTopology, (t) => {
        const { expected, found } = bothWays(t);
        expect(found).toEqual(expected);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('agrees on the estate of gateways peered across regions with peerings beside', () => {
    const t = tgwEstate();
    const { expected, found } = bothWays(t);
    expect(found).toEqual(expected);
    // d is reached over the gateway peering; a takes the peering to b where both could carry.
    expect(cellReach(matrixCell(reachMatrix(t), 'vpc-d', 'vpc-a'))).toEqual({ status: 'yes', ways: ['transit-gateway'] });
    expect(cellReach(matrixCell(reachMatrix(t), 'vpc-a', 'vpc-b')).ways).toEqual(['peering']);
  });

  it('agrees for a VPC attached to two gateways that are not peered (a row joining two clusters)', () => {
    const base = tgwEstate();
    const gw2 = base.transitGateways.find((g) => g.id === 'tgw-2')!;
    const subnetC = base.subnets.find((s) => s.id === 'subnet-c1')!;
    // c's attachment to tgw-2 listed first: its row meets tgw-2's cluster (c, d) before tgw-1's (a, b, c).
    const t: Topology = {
      ...base,
      transitGatewayPeerings: base.transitGatewayPeerings.map((p) => ({ ...p, state: 'pendingAcceptance' })),
      transitGatewayAttachments: [vpcAttachment('tgw-attach-c2', gw2, tgwC, [subnetC], 'tgw-rtb-2'), ...base.transitGatewayAttachments],
    };
    const { expected, found } = bothWays(t);
    expect(found).toEqual(expected);
    const m = reachMatrix(t);
    expect(matrixCell(m, 'vpc-c', 'vpc-d')).toBeGreaterThanOrEqual(0);
    expect(matrixCell(m, 'vpc-c', 'vpc-a')).toBeGreaterThanOrEqual(0);
  });

  it("agrees on a small estate of the benchmark's shape", () => {
    const t = buildTgwEstate({ vpcs: 600, gateways: 12, attachments: 300, peerings: 200 }).topology;
    const { expected, found } = bothWays(t);
    expect(found.length).toBeGreaterThan(1000);
    expect(found).toEqual(expected);
    const statuses = new Set(found.map((x) => x.split(' ')[1]));
    expect([...statuses].sort()).toEqual(['no', 'some', 'unknown', 'yes']);
  });
});

describe('one-way pairs in the analysis', () => {
  it('are the pairs vpcReach finds reached through a gateway one way and not back, each once, in order', () => {
    const t = buildTgwEstate({ vpcs: 600, gateways: 12, attachments: 300, peerings: 200 }).topology;
    const throughGateway = (d: { status: string; ways: readonly string[] }) => (d.status === 'yes' || d.status === 'some') && d.ways.includes('transit-gateway');
    const expected: string[] = [];
    for (const from of reachMatrix(t).vpcIds) {
      for (const r of vpcReach(t, from)) {
        if (r.vpcId < from) continue;
        if (throughGateway(r.there) && r.back.status === 'no') expected.push(`${from}>${r.vpcId}`);
        else if (throughGateway(r.back) && r.there.status === 'no') expected.push(`${r.vpcId}>${from}`);
      }
    }
    const found = findAsymmetricPaths(t).map((p) => `${p.from}>${p.to}`);
    expect(found.length).toBeGreaterThan(20);
    expect(found).toEqual(expected.sort());
  });

  it('lists the first 1,000 one-way pairs as findings and counts them all', () => {
    const s = buildTgwEstate({ vpcs: 1600, gateways: 4, attachments: 1600, peerings: 50 });
    const all = findAsymmetricPaths(s.topology);
    expect(all.length).toBeGreaterThan(MAX_LISTED_PAIRS);
    const analysis = analyzeSnapshot(s);
    expect(analysis.totals['asymmetric-path']).toBe(all.length);
    const listed = findingsOfKind(analysis, 'asymmetric-path');
    expect(listed).toHaveLength(MAX_LISTED_PAIRS);
    expect(listed.map((f) => f.id)).toEqual(all.slice(0, MAX_LISTED_PAIRS).map((p) => `asymmetric-path:${p.from}|${p.to}`));
  });
});
