import { describe, expect, it } from 'vitest';

import type { DiscoveryCell } from '../../../../shared/api/events';
import type { RegionCoverage } from '../../../../shared/model/snapshot';
import { orgGridOf, orgTotalsWords } from '../../../../renderer/panels/organization/org-grid';

const cell = (account: string, region: string, state: DiscoveryCell['state'], more: Partial<DiscoveryCell> = {}): DiscoveryCell => ({
  profile: `PeerscapeReadOnly@${account}`,
  accountId: account,
  region,
  state,
  ...more,
});

describe('the organisation grid as data', () => {
  it('groups accounts by OU (root first), counts each account, OU and the run, and marks failed cells whose earlier data is kept', () => {
    const cells = [
      cell('111111111111', '*', 'done', { accountName: 'Network', ouPath: '' }),
      cell('111111111111', 'us-east-1', 'done', { accountName: 'Network', ouPath: '' }),
      cell('111111111111', 'eu-west-1', 'running', { ouPath: '' }),
      cell('222222222222', '*', 'done', { accountName: 'Prod', ouPath: 'Workloads/Production' }),
      cell('222222222222', 'us-east-1', 'failed', { ouPath: 'Workloads/Production', cause: 'scp-denied', message: 'denied by an SCP' }),
      cell('222222222222', 'eu-west-1', 'failed', { ouPath: 'Workloads/Production', cause: 'scp-denied' }),
      cell('333333333333', '*', 'failed', { accountName: 'Dev', ouPath: 'Workloads/Development', cause: 'role-missing' }),
    ];
    const coverage: RegionCoverage[] = [
      { profile: 'x', accountId: '222222222222', region: 'us-east-1', state: 'failed', keptFrom: '2026-12-01T00:00:00Z' },
      { profile: 'x', accountId: '333333333333', region: 'us-east-1', state: 'failed', keptFrom: '2026-12-02T00:00:00Z' },
    ];
    const grid = orgGridOf(cells, coverage);
    expect(grid.regions).toEqual(['eu-west-1', 'us-east-1']);
    expect(grid.groups.map((g) => g.ouPath)).toEqual(['', 'Workloads/Development', 'Workloads/Production']);
    const [root, dev, prod] = grid.groups;
    expect(root!.accounts[0]).toMatchObject({ id: '111111111111', name: 'Network', totals: { cells: 2, done: 1, running: 1, failed: 0, kept: 0 } });
    expect(prod!.accounts[0]!.totals).toMatchObject({ cells: 2, failed: 2, kept: 1 });
    expect(prod!.accounts[0]!.keptFrom.get('us-east-1')).toBe('2026-12-01T00:00:00Z');
    expect(dev!.accounts[0]!.totals).toMatchObject({ cells: 0, accountsFailed: 1, kept: 1 });
    expect(orgTotalsWords(grid.totals)).toBe('1 of 4 cells done, 2 failed, 1 running, 2 kept from earlier · 1 account failed');
  });
});
