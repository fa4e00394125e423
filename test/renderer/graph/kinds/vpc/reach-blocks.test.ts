import { describe, expect, it } from 'vitest';

import { blockPathsOf } from '../../../../../renderer/graph/kinds/vpc/reach-blocks';
import type { Topology } from '../../../../../shared/model/topology';
import { tgwRoute, vpc } from '../../../../support/fixtures/build-topology';
import { tgwEstate } from '../../../../support/fixtures/tgw-reach-estate';

/** The estate with b holding a second block, 10.5.0.0/16, which tgw-rtb-1 sends to b's attachment: a sends 10.1/16 over pcx-ab, 10.5/16 through tgw-1. */
function twoBlockB(): Topology {
  const t = tgwEstate({
    rtb1Routes: (att) => [
      tgwRoute('10.0.0.0/16', [att.a], 'propagated'),
      tgwRoute('10.1.0.0/16', [att.b], 'propagated'),
      tgwRoute('10.2.0.0/16', [att.c], 'propagated'),
      tgwRoute('10.3.0.0/16', [att.p]),
      tgwRoute('10.5.0.0/16', [att.b]),
    ],
  });
  return { ...t, vpcs: t.vpcs.map((v) => (v.id === 'vpc-b' ? vpc('vpc-b', '10.1.0.0/16', { secondary: ['10.5.0.0/16'] }) : v)) };
}

describe('blockPathsOf: each block of the other VPC with its path, where blocks go different ways', () => {
  it('gives each block its carrier and deciding routes when one goes over the peering and the other through the gateway', () => {
    expect(blockPathsOf(twoBlockB(), 'vpc-a', 'vpc-b')).toEqual([
      { block: '10.1.0.0/16', delivered: true, via: 'pcx-ab', routes: 'rtb-a: 10.1.0.0/16 → pcx-ab' },
      { block: '10.5.0.0/16', delivered: true, via: 'tgw-1', routes: 'rtb-a: 10.0.0.0/8 → tgw-1; tgw-rtb-1 (tgw-1): 10.5.0.0/16 → tgw-attach-b (static)' },
    ]);
  });

  it('follows each block from another VPC too', () => {
    // From c: 10.1/16 over pcx-bc, 10.5/16 by c's 10.0.0.0/8 to tgw-1.
    const paths = blockPathsOf(twoBlockB(), 'vpc-c', 'vpc-b')!;
    expect(paths.map((p) => [p.block, p.delivered, p.via])).toEqual([
      ['10.1.0.0/16', true, 'pcx-bc'],
      ['10.5.0.0/16', true, 'tgw-1'],
    ]);
  });

  it('gives nothing when one path tells it all: a single block, or every block the same way', () => {
    expect(blockPathsOf(tgwEstate(), 'vpc-a', 'vpc-b')).toBeUndefined();
    expect(blockPathsOf(twoBlockB(), 'vpc-b', 'vpc-a')).toBeUndefined();
  });
});
