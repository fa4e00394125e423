import { describe, expect, it } from 'vitest';

import type { AccountSummary, RegionLink, RegionSummary } from '../../../../shared/diagram/region-summaries';
import { accountSentence, accountTokens, flowTokens, linkSentence, regionLines, regionSentence, regionTokens, worstToken } from '../../../../renderer/graph/overview/summary-words';

const region: RegionSummary = {
  id: 'region:111111111111/us-east-1',
  accountId: '111111111111',
  region: 'us-east-1',
  vpcIds: [],
  vpcCount: 3,
  peeringCount: 5,
  innerPeeringCount: 1,
  conflictCount: 1,
  worst: 'failed',
};

describe('the words of a summary', () => {
  it("says a region's counts as tokens, conflicts in the colour of trouble, the peerings inside it apart", () => {
    const tokens = regionTokens(region);
    expect(tokens.main.map((t) => [t.text, t.colour])).toEqual([
      ['3 VPCs', 'text'],
      ['5 peerings', 'text'],
      ['1 conflict', 'bad'],
    ]);
    expect(tokens.extra.map((t) => t.text)).toEqual(['1 inside']);
    const quiet = regionTokens({ ...region, vpcCount: 1, peeringCount: 1, innerPeeringCount: 0, conflictCount: 0 });
    expect(quiet.main.map((t) => [t.text, t.colour])).toEqual([
      ['1 VPC', 'text'],
      ['1 peering', 'text'],
      ['0 conflicts', 'muted'],
    ]);
    expect(quiet.extra).toEqual([]);
  });

  it('names the worst state with its legend words and colour, shorter without "worst:"', () => {
    expect(worstToken('active-partial')).toEqual({ text: 'worst: Active, routes partial', short: 'Active, routes partial', colour: 'text', swatch: 'warn' });
    expect(worstToken('failed').swatch).toBe('bad');
    expect(worstToken(undefined)).toEqual({ text: 'no peerings', colour: 'muted' });
  });

  it("gives an account's totals after its name", () => {
    const account: AccountSummary = { id: 'account:1', accountId: '1', regionIds: [], vpcCount: 12, peeringCount: 20, conflictCount: 2, worst: 'active-none' };
    expect(accountTokens(account).map((t) => t.text)).toEqual(['12 VPCs', '20 peerings', '2 conflicts']);
    expect(accountSentence(account, 'sandbox-prod')).toBe('Account sandbox-prod: 12 VPCs, 20 peerings, 2 CIDR conflicts, worst state Active, no routes');
  });

  it('says a region and a link in full sentences, with what the region holds of the selection and the search', () => {
    expect(regionSentence(region, 'sandbox-network')).toBe('sandbox-network us-east-1: 3 VPCs, 5 peerings (1 inside the region), 1 CIDR conflict, worst state Failed / rejected');
    expect(regionSentence(region, 'sandbox-network', { mark: 'selected', dimmed: false, selected: 1, matches: 2 })).toBe(
      'sandbox-network us-east-1: 3 VPCs, 5 peerings (1 inside the region), 1 CIDR conflict, worst state Failed / rejected; holds the selected VPC, holds 2 search matches',
    );
    expect(regionSentence({ ...region, peeringCount: 0, innerPeeringCount: 0, worst: undefined }, 'x')).toBe('x us-east-1: 3 VPCs, 0 peerings, 1 CIDR conflict, no peerings');
    const link: RegionLink = { id: 'a|b', a: 'a', b: 'b', count: 2, worst: 'pending', peeringIds: [] };
    expect(linkSentence(link, (id) => id.toUpperCase())).toBe('A to B: 2 peerings, worst state Pending acceptance');
  });
});

describe('flowTokens', () => {
  const measure = (t: string) => t.length * 10;

  it('fills each line as far as it goes, a separator between tokens', () => {
    expect(flowTokens(['aaa', 'bb', 'cccc', 'd'], 70, 9, measure, 5)).toEqual([['aaa', 'bb'], ['cccc', 'd']]);
  });

  it('gives a token wider than a line a line of its own, and leaves out what needs more lines than there are', () => {
    expect(flowTokens(['aaaaaaaaaa', 'b', 'c'], 40, 9, measure, 5)).toEqual([['aaaaaaaaaa'], ['b', 'c']]);
    expect(flowTokens(['aaa', 'bbb', 'ccc'], 30, 2, measure, 5)).toEqual([['aaa'], ['bbb']]);
    expect(flowTokens(['aaa'], 30, 0, measure, 5)).toEqual([]);
  });
});

describe('regionLines', () => {
  const main = ['name', 'counts'];
  it('shows the name and counts first, then the worst state, then the extra lines, in the order main, extra, worst', () => {
    expect(regionLines(main, 'worst', ['inside'], 9)).toEqual(['name', 'counts', 'inside', 'worst']);
    expect(regionLines(main, 'worst', ['inside'], 3)).toEqual(['name', 'counts', 'worst']);
    expect(regionLines(main, 'worst', ['inside'], 2)).toEqual(['name', 'counts']);
    expect(regionLines(main, 'worst', ['inside'], 1)).toEqual(['name']);
    expect(regionLines(main, 'worst', ['inside'], 0)).toEqual([]);
  });
});
