/** Pacing of the partial snapshots a run streams while it scans. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { DISCOVERY_KEYS } from '../../../electron/discovery/kinds/index';
import { CELLS_PER_PROGRESS_INTERVAL, partialIntervalFor, progressIntervalFor, RunState, VPCS_PER_PARTIAL_INTERVAL } from '../../../electron/discovery/run-state';
import type { RegionModel } from '../../../electron/discovery/to-topology';
import type { Snapshot } from '../../../shared/model/snapshot';
import { demoLikeSnapshot } from '../../support/fixtures/snapshots/demo-like';

const template = demoLikeSnapshot().topology.vpcs[0]!;

/** One account × region with `vpcs` VPCs, as a finished cell hands it over. */
function regionModel(cell: number, vpcs: number): RegionModel {
  const empty = Object.fromEntries(DISCOVERY_KEYS.map((k) => [k, []]));
  const found = Array.from({ length: vpcs }, (_, i) => ({ ...template, id: `vpc-${cell.toString(16).padStart(8, '0')}${i.toString(16).padStart(9, '0')}` }));
  return { ...empty, accountId: template.accountId, region: template.region, vpcs: found } as unknown as RegionModel;
}

describe('partial snapshots', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('wait longer in proportion to the VPCs they hold, past a size', () => {
    expect(partialIntervalFor(0, 1000)).toBe(1000);
    expect(partialIntervalFor(VPCS_PER_PARTIAL_INTERVAL, 1000)).toBe(1000);
    expect(partialIntervalFor(3400, 1000)).toBe((3400 / VPCS_PER_PARTIAL_INTERVAL) * 1000);
  });

  it('come every interval while the network is small, and further apart as it grows', () => {
    const partials: { atMs: number; vpcs: number }[] = [];
    const start = performance.now();
    const run = new RunState(
      'run-1',
      { env: {}, homeDir: '/nowhere', now: () => new Date(), onProgress: () => undefined, onPartialSnapshot: (s: Snapshot) => partials.push({ atMs: performance.now() - start, vpcs: s.topology.vpcs.length }) },
      100,
      1000,
      ['p'],
    );
    // A cell of 50 VPCs lands every 100 ms for 60 s: 30,000 VPCs in all.
    for (let cell = 0; cell < 600; cell++) {
      vi.advanceTimersByTime(100);
      run.cell('p', `r${cell}`, { state: 'done' });
      run.addModel(regionModel(cell, 50));
      run.changed();
    }
    run.finish();
    expect(partials.length).toBeGreaterThan(3);
    for (let i = 1; i < partials.length; i++) {
      const gap = partials[i]!.atMs - partials[i - 1]!.atMs;
      expect(gap).toBeGreaterThanOrEqual(partialIntervalFor(partials[i - 1]!.vpcs, 1000));
    }
    // While under the size, a partial each second; at 30,000 VPCs far fewer than 60.
    expect(partials[1]!.atMs - partials[0]!.atMs).toBeLessThan(1200);
    expect(partials.length).toBeLessThan(20);
  });
});

describe('progress events', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance', 'setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('come every interval for a small grid, and further apart for a large one, each with the whole grid', () => {
    expect(progressIntervalFor(CELLS_PER_PROGRESS_INTERVAL, 100)).toBe(100);
    expect(progressIntervalFor(3600, 100)).toBeCloseTo(360);
    expect(progressIntervalFor(5000, 0)).toBe(0);
    const countEvents = (cells: number): { events: number; lastCells: number } => {
      let events = 0;
      let lastCells = 0;
      const profiles = Array.from({ length: cells }, (_, i) => `p${i}`);
      const run = new RunState('run-1', { env: {}, homeDir: '/nowhere', now: () => new Date(), onProgress: (p) => ((events += 1), (lastCells = p.cells.length)) }, 100, 1000, profiles);
      // Every 10 ms for 10 s one more region finishes.
      for (let i = 0; i < 1000; i++) {
        vi.advanceTimersByTime(10);
        run.cell(profiles[i % profiles.length]!, `r${i}`, { state: 'done' });
        run.changed();
      }
      run.finish();
      return { events, lastCells };
    };
    // Grids of 100 → 1,100 cells and 4,000 → 5,000 cells over 10 s.
    const small = countEvents(100);
    const large = countEvents(4000);
    expect(small.events).toBeGreaterThanOrEqual(85);
    expect(large.events).toBeLessThan(30);
    expect(large.lastCells).toBe(4000 + 1000);
  });
});

