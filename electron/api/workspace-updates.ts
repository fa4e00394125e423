/** Changes to AWS shown at once and confirmed by a rescan of only what they touched.
 *
 * When a run that changed AWS finishes, its changes are applied to the workspace's snapshot at
 * once (`run-effects.ts`) and listed as pending, so the UI draws the new state marked
 * *updating*; then the accounts and regions the run touched are rescanned and merged into the
 * saved snapshot (`replaceSlices`), which confirms it. A rescan that could not finish leaves the
 * change marked, with the reason and the fix.
 *
 * Each slice remembers when the scan that last replaced it started, so a scan that started
 * earlier (a full Refresh running while the change was made) never puts older data back.
 */
import type { ConfirmedUpdate, PendingUpdate, ScanSlice, WorkspaceUpdates } from '../../shared/api/dto';
import type { EmitEvent } from '../../shared/api/contract';
import type { ApiError, Result } from '../../shared/core/result';
import type { Snapshot } from '../../shared/model/snapshot';
import type { PlanRun } from '../../shared/planning/plan-run';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import { completedSlices, keepEarlierData, replaceSlices } from '../discovery';
import { applyRun, marksOfRun, scopeOfRun } from './run-effects';

/** What the updates need from the main API. */
export interface WorkspaceUpdatesDeps {
  readonly emit: EmitEvent;
  now(): Date;
  /** The saved (confirmed) snapshot. */
  saved(): Snapshot | undefined;
  /**
   * Replace the saved snapshot with `change(saved)`, one change at a time; once it is saved, call
   * `announce`, then push what `shown` makes of it (so a listener that hears of a confirmation
   * and asks for the workspace gets the confirmed snapshot).
   */
  commit(change: (saved: Snapshot) => Snapshot, announce: () => void): Promise<void>;
  /** Scan these slices of the workspace's source with these profiles (a failure says why it could not start). */
  scan(scope: readonly ScanSlice[], profiles: readonly string[]): Promise<Result<Snapshot>>;
}

interface Pending {
  update: PendingUpdate;
  readonly plan: PeeringPlan;
  readonly run: PlanRun;
  /** `performance.now()` when the run finished. */
  readonly finishedMs: number;
}

/** The pending changes of one workspace. */
export interface WorkspaceUpdatesTracker {
  /** A run changed AWS: show it, mark it, rescan what it touched. Resolves when the rescan is merged (tests and benchmarks wait on it). */
  afterRun(plan: PeeringPlan, run: PlanRun): Promise<void>;
  /** The saved snapshot with every pending change applied (the same object while nothing changed). */
  shown(saved: Snapshot): Snapshot;
  /** Merge a full scan that started at `startedMs` (performance.now) into `current`: slices rescanned since stay. */
  mergeFullScan(current: Snapshot | undefined, scanned: Snapshot, startedMs: number): Snapshot;
  /** A different network was opened (import, another source): nothing pending applies to it. */
  reset(): void;
  current(): WorkspaceUpdates;
}

/** Track the pending changes of the workspace `deps` gives. */
export function createWorkspaceUpdates(deps: WorkspaceUpdatesDeps): WorkspaceUpdatesTracker {
  const pending = new Map<string, Pending>();
  /** Slice key → `performance.now()` at the start of the scan whose data the saved snapshot holds. */
  const stamps = new Map<string, number>();
  let lastConfirmed: ConfirmedUpdate | undefined;
  let version = 0;
  let memo: { saved: Snapshot; version: number; shown: Snapshot } | undefined;

  function current(): WorkspaceUpdates {
    return { pending: [...pending.values()].map((p) => p.update), ...(lastConfirmed ? { lastConfirmed } : {}) };
  }

  function announce(): void {
    deps.emit('updatesChanged', current());
  }

  function changed(): void {
    version++;
    announce();
  }

  function shown(saved: Snapshot): Snapshot {
    if (memo && memo.saved === saved && memo.version === version) return memo.shown;
    let topology = saved.topology;
    for (const p of pending.values()) topology = applyRun(topology, p.plan, p.run);
    const result = topology === saved.topology ? saved : { ...saved, topology };
    memo = { saved, version, shown: result };
    return result;
  }

  function reset(): void {
    stamps.clear();
    if (pending.size === 0) return;
    pending.clear();
    changed();
  }

  function failed(runId: string, error: ApiError): void {
    const p = pending.get(runId);
    if (!p) return;
    p.update = { ...p.update, state: 'failed', error };
    changed();
  }

  async function confirm(p: Pending): Promise<void> {
    const { runId, scope } = p.update;
    const saved = deps.saved();
    const profiles = [...new Set(scope.flatMap((s) => saved?.topology.accounts.find((a) => a.id === s.accountId)?.profiles ?? []))];
    if (profiles.length === 0) {
      failed(runId, {
        code: 'not-found',
        message: `No local profile acts in account ${[...new Set(scope.map((s) => s.accountId))].join(', ')}, so the change cannot be confirmed by a rescan.`,
        fix: 'Refresh to scan again once a profile for that account is set up.',
      });
      return;
    }
    const startedMs = performance.now();
    const result = await deps.scan(scope, profiles);
    if (!result.ok) return failed(runId, { ...result.error, message: `${p.update.title}: the rescan to confirm it did not run: ${result.error.message}` });
    const scanned = result.value;
    const done = completedSlices(scanned);
    // The run leaves the pending list only once the rescan's snapshot is saved: until then, what
    // is shown is the snapshot before it with the run applied, never the snapshot before it alone.
    let confirmed = false;
    await deps.commit((base) => {
      // Another network was opened meanwhile: this rescan is not about it.
      if (!pending.has(runId) || base.source !== scanned.source) return base;
      // Only slices no later scan has replaced meanwhile.
      const fresh = new Set([...done].filter((k) => (stamps.get(k) ?? -Infinity) <= startedMs));
      for (const k of fresh) stamps.set(k, startedMs);
      const regionCells = scanned.coverage.filter((c) => c.region !== '*');
      const notDone = regionCells.filter((c) => c.state !== 'complete');
      lastConfirmed = {
        runId,
        scanned: regionCells.map((c) => ({ profile: c.profile, ...(c.accountId ? { accountId: c.accountId } : {}), region: c.region, state: c.state })),
        ms: Math.round(performance.now() - p.finishedMs),
      };
      if (notDone.length > 0) {
        p.update = {
          ...p.update,
          state: 'failed',
          error: {
            code: 'unavailable',
            message: `${p.update.title}: the rescan to confirm it could not read ${notDone.map((c) => `${c.accountId ?? c.profile} ${c.region}`).join(', ')}: ${notDone[0]!.message ?? notDone[0]!.state}`,
            fix: 'Refresh to scan again; until then the canvas shows what the calls did, not what AWS reports.',
          },
        };
      } else {
        confirmed = true;
      }
      version++;
      return fresh.size > 0 ? replaceSlices(base, scanned, fresh) : base;
    }, () => {
      if (confirmed && pending.delete(runId)) version++;
      announce();
    });
  }

  return {
    async afterRun(plan, run) {
      const saved = deps.saved();
      const update: PendingUpdate = {
        runId: run.runId,
        title: plan.title,
        state: 'confirming',
        ...marksOfRun(saved?.topology, plan, run),
        scope: scopeOfRun(plan, run),
        since: deps.now().toISOString(),
      };
      const p: Pending = { update, plan, run, finishedMs: performance.now() };
      pending.set(run.runId, p);
      changed();
      if (saved) deps.emit('snapshotUpdated', shown(saved));
      try {
        await confirm(p);
      } catch (e) {
        failed(run.runId, { code: 'internal', message: `${plan.title}: the rescan to confirm it failed: ${(e as Error).message}`, fix: 'Refresh to scan again; if it repeats, report it.' });
      }
    },

    shown,

    mergeFullScan(current, fresh, startedMs) {
      if (current && current.source !== fresh.source) {
        reset();
        return fresh;
      }
      // A failed cell keeps what the earlier scan found there, marked with its age.
      const scanned = current ? keepEarlierData(current, fresh) : fresh;
      // Changes made before this scan started are in it.
      let confirmed = false;
      for (const [runId, p] of pending) {
        if (p.finishedMs < startedMs) {
          pending.delete(runId);
          confirmed = true;
        }
      }
      if (confirmed) changed();
      const newer = new Set([...stamps].filter(([, at]) => at > startedMs).map(([k]) => k));
      for (const k of completedSlices(scanned)) if (!newer.has(k)) stamps.set(k, startedMs);
      if (!current || current.source !== scanned.source || newer.size === 0) return scanned;
      return replaceSlices(scanned, current, newer);
    },

    reset,

    current,
  };
}
