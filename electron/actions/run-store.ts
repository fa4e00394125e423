/** Runs kept in the app's data folder, so a run survives a quit or a crash and can be resumed.
 *
 * One file per run, `runs/<runId>.json`, holding the plan and the run's state. Each save replaces
 * the file atomically (temp file, fsync, rename), so a crash leaves the previous state or the new
 * one, never half of each. Saves of one run are coalesced: while a write is under way, only the
 * newest state waits for the next one. Finished runs are pruned: the newest `keepFinished` stay,
 * and none older than `finishedMaxAgeMs`; unfinished runs stay until resumed or discarded.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { PlanRun } from '../../shared/planning/plan-run';
import { isRunUnfinished } from '../../shared/planning/plan-run';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import { writeFileAtomically } from '../audit/durable-file';

/** Name of the folder inside the data folder. */
export const RUNS_FOLDER_NAME = 'runs';

/** What one run file holds. */
export interface RunFile {
  readonly format: 'peerscape-run';
  readonly version: 1;
  readonly plan: PeeringPlan;
  readonly run: PlanRun;
  readonly savedAt: string;
}

/** The runs of one data folder. */
export interface RunStore {
  readonly dir: string;
  /** Write the run's state; resolves once a write holding this state (or a newer one) is on disk. */
  save(plan: PeeringPlan, run: PlanRun): Promise<void>;
  /** Every readable run file, and the names of the files that are not run files. */
  loadAll(): Promise<{ runs: RunFile[]; unreadable: string[] }>;
  remove(runId: string): Promise<void>;
  /** Delete finished runs beyond the limits, except those in `keep`; returns how many went. */
  prune(runs: readonly RunFile[], keep?: ReadonlySet<string>): Promise<number>;
}

/** How the store is set up. */
export interface RunStoreOptions {
  readonly dataDir: string;
  readonly now: () => Date;
  /** Finished runs kept (default 50). */
  readonly keepFinished?: number;
  /** Finished runs older than this are deleted (default 30 days). */
  readonly finishedMaxAgeMs?: number;
}

/** Run ids are UUIDs; anything else never becomes a path. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;

function isRunFile(v: unknown, runId: string): v is RunFile {
  const f = v as Partial<RunFile> | null;
  return (
    !!f &&
    f.format === 'peerscape-run' &&
    f.version === 1 &&
    typeof f.savedAt === 'string' &&
    !!f.plan &&
    Array.isArray(f.plan.steps) &&
    !!f.run &&
    f.run.runId === runId &&
    Array.isArray(f.run.steps) &&
    typeof f.run.phase === 'string'
  );
}

interface Slot {
  latest?: RunFile;
  queued?: Promise<void>;
  chain: Promise<void>;
}

/** The store in `<dataDir>/runs`. */
export function createRunStore(opts: RunStoreOptions): RunStore {
  const dir = join(opts.dataDir, RUNS_FOLDER_NAME);
  const slots = new Map<string, Slot>();
  const fileOf = (runId: string): string => {
    if (!RUN_ID.test(runId)) throw new Error(`"${runId}" is not a run id.`);
    return join(dir, `${runId}.json`);
  };

  return {
    dir,
    save(plan, run) {
      const path = fileOf(run.runId);
      let slot = slots.get(run.runId);
      if (!slot) {
        slot = { chain: Promise.resolve() };
        slots.set(run.runId, slot);
      }
      const s = slot;
      s.latest = { format: 'peerscape-run', version: 1, plan, run, savedAt: opts.now().toISOString() };
      if (!s.queued) {
        s.queued = s.chain.then(async () => {
          s.queued = undefined;
          const file = s.latest!;
          await mkdir(dir, { recursive: true, mode: 0o700 });
          await writeFileAtomically(path, JSON.stringify(file));
        });
        s.chain = s.queued.catch(() => undefined);
      }
      return s.queued;
    },
    async loadAll() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [], unreadable: [] };
        throw e;
      }
      const runs: RunFile[] = [];
      const unreadable: string[] = [];
      for (const name of names) {
        if (name.endsWith('.tmp')) {
          // A write cut short before its rename: the run's previous file is intact.
          await rm(join(dir, name), { force: true }).catch(() => undefined);
          continue;
        }
        const runId = name.replace(/\.json$/, '');
        if (!name.endsWith('.json') || !RUN_ID.test(runId)) continue;
        try {
          const v: unknown = JSON.parse(await readFile(join(dir, name), 'utf8'));
          if (isRunFile(v, runId)) runs.push(v);
          else unreadable.push(name);
        } catch {
          unreadable.push(name);
        }
      }
      runs.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      return { runs, unreadable };
    },
    async remove(runId) {
      const path = fileOf(runId);
      const slot = slots.get(runId);
      if (slot) await slot.chain;
      slots.delete(runId);
      await rm(path, { force: true });
    },
    async prune(runs, keep = new Set()) {
      const newest = opts.keepFinished ?? 50;
      const oldest = opts.now().getTime() - (opts.finishedMaxAgeMs ?? 30 * 24 * 3600_000);
      const finished = runs.filter((f) => !isRunUnfinished(f.run) && !keep.has(f.run.runId)).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      const gone = finished.filter((f, i) => i >= newest || Date.parse(f.savedAt) < oldest);
      for (const f of gone) await rm(fileOf(f.run.runId), { force: true });
      return gone.length;
    },
  };
}
