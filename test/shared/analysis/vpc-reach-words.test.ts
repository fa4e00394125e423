import { describe, expect, it } from 'vitest';

import { reachWordsOf } from '../../../shared/analysis/vpc-reach-words';
import { route } from '../../support/fixtures/build-topology';
import { tgwEstate } from '../../support/fixtures/tgw-reach-estate';

describe('reachWordsOf: what a selected VPC reaches, grouped by direction, in words', () => {
  it('groups both ways, names the peering or the gateways the routes take, and which one they choose where both join', () => {
    const words = reachWordsOf(tgwEstate(), 'vpc-a');
    expect(words.map((w) => [w.vpcId, w.group, w.joinedBy, w.there.via, w.back.via])).toEqual([
      ['vpc-b', 'both', 'peering and transit gateway', 'pcx-ab', 'pcx-ab'],
      ['vpc-c', 'both', 'transit gateway', 'tgw-1', 'tgw-1'],
      // Over the gateway peering: both gateways, in the order crossed.
      ['vpc-d', 'both', 'transit gateway', 'tgw-1 → tgw-2', 'tgw-2 → tgw-1'],
    ]);
    expect(words[0]!.choice).toBe('routes choose the peering (pcx-ab), both ways');
    expect(words[1]!.choice).toBeUndefined();
    expect(words[2]!.there.routes).toBe('rtb-a: 10.0.0.0/8 → tgw-1; tgw-rtb-1 (tgw-1): 10.3.0.0/16 → tgw-attach-p (static); over tgw-attach-p to tgw-2; tgw-rtb-2 (tgw-2): 10.3.0.0/16 → tgw-attach-d (propagated)');
  });

  it('puts a VPC reached one way only in its group, with why the other way fails', () => {
    // c sends a's block to the b peering instead of the gateway: there, not back.
    const words = reachWordsOf(tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }), 'vpc-a');
    const c = words.find((w) => w.vpcId === 'vpc-c')!;
    expect(c.group).toBe('there');
    expect(c.back).toMatchObject({ status: 'no', via: '', failure: 'no route' });
    expect(words.map((w) => w.group)).toEqual(['both', 'both', 'there']);
    // From c's side the same pair is reached back only.
    expect(reachWordsOf(tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }), 'vpc-c').find((w) => w.vpcId === 'vpc-a')?.group).toBe('back');
  });

  it('says the routes split a pair by block when the peering takes one block and the gateway the rest', () => {
    const t = tgwEstate({ routes: { a: [route('10.1.1.0/24', 'pcx-ab'), route('10.1.0.0/16', 'tgw-1')] } });
    const b = reachWordsOf(t, 'vpc-a').find((w) => w.vpcId === 'vpc-b')!;
    expect(b.there.via).toBe('pcx-ab and tgw-1');
    expect(b.choice).toBe('routes choose both, by block (pcx-ab and tgw-1) there, the peering (pcx-ab) back');
  });
});
