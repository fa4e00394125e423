/** Discovery runs by id, for an API with `startDiscovery` → runId and `cancelDiscovery(runId)`.
 *
 * One scheduler serves every run, so its throttling buckets remember the calls of a run that
 * just finished when the user presses Refresh again.
 */
import { randomUUID } from 'node:crypto';

import { fail, type Result } from '../../shared/core/result';
import type { Snapshot } from '../../shared/model/snapshot';
import { createCallScheduler, type CallScheduler } from '../aws/call-scheduler';
import { runDiscovery, type DiscoveryDeps, type DiscoveryRequest } from './run-discovery';

/** A started run: its id now, its snapshot later. */
export interface StartedRun {
  readonly runId: string;
  /** Resolves when the run ends (cancelled runs resolve too, their unfinished cells `cancelled`). */
  readonly done: Promise<Result<Snapshot>>;
}

/** Starts and cancels discovery runs. */
export interface DiscoveryRuns {
  /** Start a run; `overrides` replace the base deps for this run only (e.g. its `onProgress`). */
  start(req: DiscoveryRequest, overrides?: Partial<Omit<DiscoveryDeps, 'signal' | 'runId' | 'scheduler'>>): StartedRun;
  /** Cancel a run; false when no such run is active. */
  cancel(runId: string): boolean;
  /** Ids of runs still going. */
  active(): readonly string[];
}

/** Create the run registry with the deps every run shares. */
export function createDiscoveryRuns(base: Omit<DiscoveryDeps, 'signal' | 'runId' | 'scheduler'>): DiscoveryRuns {
  const runs = new Map<string, AbortController>();
  let scheduler: CallScheduler | undefined;
  return {
    start(req, overrides = {}) {
      const runId = randomUUID();
      const controller = new AbortController();
      runs.set(runId, controller);
      const deps = { ...base, ...overrides };
      try {
        scheduler ??= createCallScheduler(deps.limits ?? {});
      } catch (e) {
        runs.delete(runId);
        return { runId, done: Promise.resolve(fail('invalid-input', (e as Error).message, 'pass positive numbers in limits')) };
      }
      const done = runDiscovery(req, { ...deps, runId, signal: controller.signal, scheduler }).finally(() => runs.delete(runId));
      return { runId, done };
    },
    cancel(runId) {
      const c = runs.get(runId);
      if (!c) return false;
      c.abort(new Error('cancelled by the user'));
      return true;
    },
    active: () => [...runs.keys()],
  };
}
