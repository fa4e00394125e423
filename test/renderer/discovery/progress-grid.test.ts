/** The progress grid's cells and counts. */
import { describe, expect, it } from 'vitest';

import type { DiscoveryCell } from '../../../shared/api/events';
import { progressGridOf } from '../../../renderer/discovery/progress-grid';

const cell = (profile: string, region: string, state: DiscoveryCell['state'], accountId = `acct-${profile}`): DiscoveryCell => ({ profile, region, state, accountId });

describe('progressGridOf', () => {
  it('counts profiles × regions, leaving out the profile-wide cells', () => {
    const grid = progressGridOf([cell('a', '*', 'done'), cell('b', '*', 'done'), cell('a', 'us-east-1', 'done'), cell('a', 'ap-south-1', 'running'), cell('b', 'us-east-1', 'failed')]);
    expect(grid.regions).toEqual(['ap-south-1', 'us-east-1']);
    expect([grid.total, grid.done, grid.failed, grid.pending]).toEqual([4, 1, 1, 1]);
    expect(grid.cell('b', 'ap-south-1').state).toBe('none');
  });

  it("shows a profile whose account another profile scans with that profile's cells, so the grid can finish", () => {
    const grid = progressGridOf([cell('admin', '*', 'done', '111'), cell('readonly', '*', 'done', '111'), cell('admin', 'eu-west-1', 'done', '111')]);
    expect(grid.cell('readonly', 'eu-west-1')).toMatchObject({ state: 'done', scannedBy: 'admin' });
    expect([grid.total, grid.done]).toEqual([2, 2]);
  });
});
