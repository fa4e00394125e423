import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { findCidrConflicts, findRoutingAmbiguities } from '../../../shared/analysis/cidr-conflicts';
import { hasOverlap } from '../../../shared/cidr/overlap';
import { parseCidrRange } from '../../../shared/cidr/parse-cidr';
import type { VpcId } from '../../../shared/model/ids';
import { peering, topology, vpc } from '../../support/fixtures/build-topology';

describe('findCidrConflicts', () => {
  it('reports two VPCs with the same primary block, naming both blocks', () => {
    const report = findCidrConflicts(topology({ vpcs: [vpc('vpc-b', '10.0.0.0/16', { name: 'billing' }), vpc('vpc-a', '10.0.0.0/16')] }));
    expect(report.conflicts).toHaveLength(1);
    const c = report.conflicts[0]!;
    expect([c.vpcA, c.vpcB]).toEqual(['vpc-a', 'vpc-b']);
    expect(c.overlaps).toEqual([
      { family: 'ipv4', blockA: '10.0.0.0/16', kindA: 'primary', blockB: '10.0.0.0/16', kindB: 'primary', relation: 'equal', shared: '10.0.0.0/16' },
    ]);
    expect(c.message).toContain('billing (vpc-b)');
    expect(c.message).toContain('cannot be peered');
    expect(c.sameAccount).toBe(true);
  });

  it('finds an overlap through a secondary block', () => {
    const report = findCidrConflicts(
      topology({ vpcs: [vpc('vpc-a', '10.0.0.0/16', { secondary: ['100.64.0.0/16'] }), vpc('vpc-c', '100.64.8.0/24', { accountId: '222222222222' })] }),
    );
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]!.overlaps[0]).toMatchObject({ blockA: '100.64.0.0/16', kindA: 'secondary', blockB: '100.64.8.0/24', relation: 'contains', shared: '100.64.8.0/24' });
    expect(report.conflicts[0]!.sameAccount).toBe(false);
  });

  it('finds an overlap between IPv6 blocks and keeps IPv4 and IPv6 apart', () => {
    const report = findCidrConflicts(
      topology({
        vpcs: [vpc('vpc-a', '10.0.0.0/16', { ipv6: ['2600:1f18:1::/56'] }), vpc('vpc-b', '10.1.0.0/16', { ipv6: ['2600:1f18:1:10::/64'] }), vpc('vpc-c', '10.2.0.0/16')],
      }),
    );
    expect(report.conflicts.map((c) => [c.vpcA, c.vpcB, c.overlaps[0]!.family, c.overlaps[0]!.relation])).toEqual([['vpc-a', 'vpc-b', 'ipv6', 'contains']]);
  });

  it('lists every overlapping block of a pair in one conflict', () => {
    const report = findCidrConflicts(
      topology({ vpcs: [vpc('vpc-a', '10.0.0.0/16', { secondary: ['10.5.0.0/16'] }), vpc('vpc-b', '10.0.128.0/17', { secondary: ['10.5.5.0/24'] })] }),
    );
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]!.overlaps.map((o) => `${o.blockA}~${o.blockB}`).sort()).toEqual(['10.0.0.0/16~10.0.128.0/17', '10.5.0.0/16~10.5.5.0/24']);
  });

  it('ignores disjoint VPCs, a VPC\'s own blocks and disassociated blocks', () => {
    const report = findCidrConflicts(
      topology({
        vpcs: [
          vpc('vpc-a', '10.0.0.0/16', { secondary: ['10.0.0.0/16'] }),
          vpc('vpc-b', '10.1.0.0/16'),
          vpc('vpc-c', '10.0.0.0/16', { blockState: 'disassociated' }),
        ],
      }),
    );
    expect(report.conflicts).toEqual([]);
    expect(report.totalBlockOverlaps).toBe(0);
  });

  it('includes VPCs known only from a peering side (unscanned accounts)', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const outside = vpc('vpc-x', '172.16.0.0/16', { accountId: '999999999999' });
    const inside = vpc('vpc-c', '172.16.0.0/20');
    const report = findCidrConflicts(topology({ vpcs: [a, inside], peerings: [peering('pcx-1', a, outside)] }));
    expect(report.conflicts.map((c) => [c.vpcA, c.vpcB])).toEqual([['vpc-c', 'vpc-x']]);
  });

  it('tells the account and region of a VPC known only from a peering side, as a scanned one', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const outside = vpc('vpc-x', '172.16.0.0/16', { accountId: '999999999999' });
    const inside = vpc('vpc-c', '172.16.0.0/20');
    const twin = vpc('vpc-t', '172.16.0.0/24', { accountId: '999999999999' });
    const report = findCidrConflicts(topology({ vpcs: [a, inside, twin], peerings: [peering('pcx-1', a, outside)] }));
    const pair = (x: string, y: string) => report.conflicts.find((c) => c.vpcA === x && c.vpcB === y)!;
    expect(pair('vpc-c', 'vpc-x')).toMatchObject({ sameAccount: false, sameRegion: true });
    expect(pair('vpc-t', 'vpc-x')).toMatchObject({ sameAccount: true, sameRegion: true });
  });

  it('reports blocks it cannot parse instead of failing', () => {
    const report = findCidrConflicts(topology({ vpcs: [vpc('vpc-a', '10.0.0/16')] }));
    expect(report.invalidBlocks).toHaveLength(1);
    expect(report.invalidBlocks[0]!.message).toContain('4 dot-separated numbers');
  });

  it('stops listing at the limit but still counts every overlap and groups them in a cluster', () => {
    const vpcs = Array.from({ length: 50 }, (_, i) => vpc(`vpc-${String(i).padStart(3, '0')}` as VpcId, '10.0.0.0/16'));
    const report = findCidrConflicts(topology({ vpcs }), { maxBlockOverlaps: 10 });
    expect(report.totalBlockOverlaps).toBe((50 * 49) / 2);
    expect(report.truncated).toBe(true);
    expect(report.conflicts.length).toBe(10);
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0]).toMatchObject({ rootBlock: '10.0.0.0/16', blockCount: 50 });
    expect(report.clusters[0]!.vpcIds).toHaveLength(50);
  });

  it('agrees with comparing all pairs on random small topologies', () => {
    const block = fc
      .record({ third: fc.integer({ min: 0, max: 7 }), prefix: fc.integer({ min: 21, max: 26 }), fourth: fc.integer({ min: 0, max: 255 }) })
      .map(({ third, prefix, fourth }) => `10.0.${third}.${fourth}/${prefix}`);
    fc.assert(
      fc.property(fc.array(fc.array(block, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), (blockLists) => {
        const vpcs = blockLists.map((blocks, i) => vpc(`vpc-${i.toString(16).padStart(2, '0')}` as VpcId, blocks[0]!, { secondary: blocks.slice(1) }));
        const report = findCidrConflicts(topology({ vpcs }));
        const expected = new Set<string>();
        let count = 0;
        for (let i = 0; i < vpcs.length; i++) {
          for (let j = i + 1; j < vpcs.length; j++) {
            for (const x of vpcs[i]!.cidrBlocks) {
              for (const y of vpcs[j]!.cidrBlocks) {
                const rx = parseCidrRange(x.cidr);
                const ry = parseCidrRange(y.cidr);
                if (rx.ok && ry.ok && hasOverlap(rx.value, ry.value)) {
                  expected.add(`${vpcs[i]!.id}|${vpcs[j]!.id}`);
                  count++;
                }
              }
            }
          }
        }
        expect(new Set(report.conflicts.map((c) => `${c.vpcA}|${c.vpcB}`))).toEqual(expected);
        expect(report.totalBlockOverlaps).toBe(count);
        expect(report.conflicts.reduce((n, c) => n + c.overlaps.length, 0)).toBe(count);
      }),
      { numRuns: 200 },
    );
  });
});

describe('routing ambiguity', () => {
  it('derives the same ambiguities from the conflict list as from a sweep per hub, truncated or not', () => {
    const block = fc.constantFrom('10.0.0.0/16', '10.0.0.0/20', '10.0.16.0/20', '10.1.0.0/16', '172.16.0.0/12', '172.16.5.0/24', '2600:1f18::/56', '2600:1f18::/64');
    const n = 7;
    fc.assert(
      fc.property(
        fc.array(fc.array(block, { minLength: 1, maxLength: 2 }), { minLength: n, maxLength: n }),
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 }), fc.constantFrom('active', 'pending-acceptance', 'deleted')), {
          maxLength: 12,
          selector: ([x, y]) => (x < y ? `${x}-${y}` : `${y}-${x}`),
        }),
        (blockLists, links) => {
          const vpcs = blockLists.map((blocks, i) => {
            const v4 = [...new Set(blocks.filter((b) => !b.includes(':')))];
            const v6 = [...new Set(blocks.filter((b) => b.includes(':')))];
            return vpc(`vpc-${i}` as VpcId, v4[0] ?? `192.168.${i}.0/24`, { secondary: v4.slice(1), ipv6: v6 });
          });
          const peerings = links.filter(([x, y]) => x !== y).map(([x, y, status], i) => peering(`pcx-${i}`, vpcs[x]!, vpcs[y]!, status as 'active'));
          const t = topology({ vpcs, peerings });
          const reference = findRoutingAmbiguities(t);
          expect(findCidrConflicts(t).ambiguities).toEqual(reference);
          expect(findCidrConflicts(t, { maxBlockOverlaps: 1 }).ambiguities).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });

  const hub = vpc('vpc-hub', '10.0.0.0/16', { name: 'hub' });
  const x = vpc('vpc-x', '10.1.0.0/16');
  const y = vpc('vpc-y', '10.1.128.0/17', { accountId: '222222222222' });

  it('reports a VPC peered with two VPCs that overlap each other', () => {
    const t = topology({ vpcs: [hub, x, y], peerings: [peering('pcx-1', hub, x), peering('pcx-2', y, hub, 'pending-acceptance')] });
    const ambiguities = findCidrConflicts(t).ambiguities;
    expect(ambiguities).toHaveLength(1);
    const a = ambiguities[0]!;
    expect(a.hubVpcId).toBe('vpc-hub');
    expect(a.shared).toBe('10.1.128.0/17');
    expect(a.peers.map((p) => [p.vpcId, p.peeringId, p.block, p.peeringStatus])).toEqual([
      ['vpc-x', 'pcx-1', '10.1.0.0/16', 'active'],
      ['vpc-y', 'pcx-2', '10.1.128.0/17', 'pending-acceptance'],
    ]);
    expect(a.message).toContain('hub (vpc-hub)');
    expect(a.message).toContain('only one of them');
    expect(a.fix).toContain('more specific routes');
  });

  it('ignores peerings in a final state and hubs with a single overlapping peer', () => {
    expect(findRoutingAmbiguities(topology({ vpcs: [hub, x, y], peerings: [peering('pcx-1', hub, x), peering('pcx-2', hub, y, 'deleted')] }))).toEqual([]);
    expect(findRoutingAmbiguities(topology({ vpcs: [hub, x, y], peerings: [peering('pcx-1', hub, x)] }))).toEqual([]);
  });
});
