import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { explainNoDirectPath, findNonTransitivePairs } from '../../../shared/analysis/transitive-paths';
import type { VpcId } from '../../../shared/model/ids';
import type { PeeringStatus, Vpc } from '../../../shared/model/topology';
import { peering, route, topology, vpc } from '../../support/fixtures/build-topology';
import { tgwEstate } from '../../support/fixtures/tgw-reach-estate';

const ids = ['vpc-a', 'vpc-b', 'vpc-c', 'vpc-d', 'vpc-e'] as const;
const [a, b, c, d, e] = ids.map((id, i) => vpc(id, `10.${i}.0.0/16`));

function chain(...links: readonly [Vpc, Vpc, PeeringStatus?][]) {
  return topology({
    vpcs: [a!, b!, c!, d!, e!],
    peerings: links.map(([x, y, status], i) => peering(`pcx-${i}`, x, y, status ?? 'active')),
  });
}

describe('findNonTransitivePairs', () => {
  it('finds A–B–C without A–C, with the path through B', () => {
    const report = findNonTransitivePairs(chain([a!, b!], [b!, c!]));
    expect(report.pairs).toEqual([{ a: 'vpc-a', b: 'vpc-c', path: ['vpc-a', 'vpc-b', 'vpc-c'], peeringIds: ['pcx-0', 'pcx-1'], viaCount: 1 }]);
    expect(report.totalDistanceTwoPairs).toBe(1);
    expect(report.truncated).toBe(false);
  });

  it('does not report A–B–C as broken when A and C reach each other through a transit gateway both ways', () => {
    // a–b and b–c peered; a and c attached to tgw-1, propagating to its table, routing 10.0.0.0/8 to it.
    const carried = findNonTransitivePairs(tgwEstate());
    expect(carried.pairs).toEqual([]);
    expect(carried.totalDistanceTwoPairs).toBe(0);
    expect(carried.carriedByTransitGateway).toBe(1);
    // Without c's route back to the gateway, only one direction is carried: still broken.
    const oneWay = findNonTransitivePairs(tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }));
    expect(oneWay.pairs.map((p) => [p.a, p.b])).toEqual([['vpc-a', 'vpc-c']]);
    expect(oneWay.carriedByTransitGateway).toBe(0);
  });

  it('finds nothing in a triangle', () => {
    const report = findNonTransitivePairs(chain([a!, b!], [b!, c!], [c!, a!]));
    expect(report.pairs).toEqual([]);
    expect(report.totalIndirectPairs).toBe(0);
  });

  it('counts the VPCs in between and notes a direct peering that is not active yet', () => {
    const report = findNonTransitivePairs(chain([a!, b!], [b!, c!], [a!, d!], [d!, c!], [a!, c!, 'pending-acceptance']));
    expect(report.pairs.find((p) => p.a === 'vpc-a' && p.b === 'vpc-c')).toMatchObject({
      viaCount: 2,
      directPeering: { id: 'pcx-4', status: 'pending-acceptance' },
    });
  });

  it('ignores peerings that are not active', () => {
    expect(findNonTransitivePairs(chain([a!, b!], [b!, c!, 'pending-acceptance'])).pairs).toEqual([]);
    expect(findNonTransitivePairs(chain([a!, b!], [b!, c!, 'deleted'])).pairs).toEqual([]);
  });

  it('summarises components with the pairs that lack a direct peering at any distance', () => {
    const report = findNonTransitivePairs(chain([a!, b!], [b!, c!], [c!, d!]));
    expect(report.components).toEqual([{ vpcCount: 4, peeringCount: 3, indirectPairCount: 3, sampleVpcIds: ['vpc-a', 'vpc-b', 'vpc-c', 'vpc-d'] }]);
    expect(report.totalIndirectPairs).toBe(3);
    expect(report.totalDistanceTwoPairs).toBe(2);
  });

  it('matches breadth-first search on random graphs and respects the limit', () => {
    const n = 9;
    const vpcs = Array.from({ length: n }, (_, i) => vpc(`vpc-${i}` as VpcId, `10.${i}.0.0/16`));
    const edge = fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).filter(([x, y]) => x !== y);
    fc.assert(
      fc.property(fc.uniqueArray(edge, { maxLength: 16, selector: ([x, y]) => (x < y ? `${x}-${y}` : `${y}-${x}`) }), fc.integer({ min: 1, max: 6 }), (edges, maxPairs) => {
        const t = topology({ vpcs, peerings: edges.map(([x, y], i) => peering(`pcx-${i}`, vpcs[x]!, vpcs[y]!)) });
        const adj = Array.from({ length: n }, () => new Set<number>());
        for (const [x, y] of edges) {
          adj[x]!.add(y);
          adj[y]!.add(x);
        }
        const expected: string[] = [];
        for (let x = 0; x < n; x++) {
          for (let y = x + 1; y < n; y++) {
            if (adj[x]!.has(y)) continue;
            if ([...adj[x]!].some((m) => adj[m]!.has(y))) expected.push(`vpc-${x}|vpc-${y}`);
          }
        }
        const full = findNonTransitivePairs(t, { maxPairs: 1000 });
        expect(full.pairs.map((p) => `${p.a}|${p.b}`)).toEqual(expected);
        for (const p of full.pairs) {
          const via = Number(p.path[1].slice(4));
          expect(adj[Number(p.a.slice(4))]!.has(via) && adj[via]!.has(Number(p.b.slice(4)))).toBe(true);
        }
        const limited = findNonTransitivePairs(t, { maxPairs });
        expect(limited.totalDistanceTwoPairs).toBe(expected.length);
        expect(limited.pairs.map((p) => `${p.a}|${p.b}`)).toEqual(expected.slice(0, maxPairs));
        expect(limited.truncated).toBe(expected.length > maxPairs);
      }),
      { numRuns: 200 },
    );
  });
});

describe('explainNoDirectPath', () => {
  it('says when two VPCs are directly peered', () => {
    expect(explainNoDirectPath(chain([a!, b!]), 'vpc-b', 'vpc-a')).toMatchObject({ status: 'direct', peeringId: 'pcx-0' });
  });

  it('gives the shortest path and a valid direct peering to create', () => {
    const why = explainNoDirectPath(chain([a!, b!], [b!, c!], [c!, d!], [d!, e!], [b!, d!]), 'vpc-a', 'vpc-e');
    expect(why.status).toBe('indirect');
    if (why.status !== 'indirect') return;
    expect(why.path).toEqual(['vpc-a', 'vpc-b', 'vpc-d', 'vpc-e']);
    expect(why.peeringIds).toEqual(['pcx-0', 'pcx-4', 'pcx-3']);
    expect(why.message).toContain('not transitive');
    expect(why.proposal.verdict.ok).toBe(true);
    expect(why.proposal).toMatchObject({ requesterVpcId: 'vpc-a', accepterVpcId: 'vpc-e' });
  });

  it('explains that the direct peering would be refused when the blocks overlap', () => {
    const x = vpc('vpc-x', '10.0.128.0/17');
    const t = topology({ vpcs: [a!, b!, x], peerings: [peering('pcx-1', a!, b!), peering('pcx-2', b!, x)] });
    const why = explainNoDirectPath(t, 'vpc-a', 'vpc-x');
    expect(why.status).toBe('indirect');
    if (why.status === 'indirect') expect(why.proposal.verdict.reasons.map((r) => r.code)).toEqual(['cidr-overlap']);
  });

  it('reports a pending direct peering with how to activate it', () => {
    const why = explainNoDirectPath(chain([a!, b!], [b!, c!], [a!, c!, 'pending-acceptance']), 'vpc-a', 'vpc-c');
    expect(why).toMatchObject({ status: 'not-yet-active', peeringId: 'pcx-2', path: ['vpc-a', 'vpc-b', 'vpc-c'] });
    if (why.status === 'not-yet-active') expect(why.fix).toContain('Accept pcx-2 as account 111111111111');
  });

  it('reports VPCs with no chain of peerings at all', () => {
    const why = explainNoDirectPath(chain([a!, b!]), 'vpc-a', 'vpc-c');
    expect(why).toMatchObject({ status: 'unconnected', path: [] });
  });
});
