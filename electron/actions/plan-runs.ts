/** The runs of the actions service: started, resumed, cancelled, listed and discarded by id.
 *
 * Every run is saved in the data folder after each step (`RunStore`). On start the saved runs are
 * read back once the audit log is open (opening it marks calls a dead process left unanswered as
 * interrupted): a run that was going when the process died shows as interrupted, and `list` gives
 * it with every other run that can still be resumed. A run that waits for another account to
 * accept goes on in the background; starting it returns as soon as it is waiting.
 */
import { randomUUID } from 'node:crypto';

import { fail, ok, type Result } from '../../shared/core/result';
import type { ResumePlanInput } from '../../shared/planning/action-inputs';
import type { PlanRun, SavedRun } from '../../shared/planning/plan-run';
import { asInterrupted, isRunUnfinished } from '../../shared/planning/plan-run';
import type { ConflictDecision } from '../../shared/planning/plan-run';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import { withDisabledSteps } from '../../shared/planning/plan-types';
import type { AuditLog } from '../audit/audit-log';
import { resolveProfileAccess, type Env } from '../aws/credentials';
import { executePlan, type ExecuteDeps, type ExecuteOptions } from './execute-plan';
import { createRunStore, type RunStore } from './run-store';
import type { Clock } from './wait-for-acceptance';

/** What the runs need from the service's host. */
export interface PlanRunsDeps {
  /** The AWS environment the profiles resolve in, or a function giving it per call (the app
   * switches between the user's files and the sandbox's). */
  readonly env: Env | (() => Env);
  readonly homeDir: string;
  /** The app's data folder: the audit log and the saved runs live here. */
  readonly dataDir: string;
  /** Push `planProgressed` (the run after each change). */
  planProgressed(run: PlanRun): void;
  now(): Date;
  /** After a run that changed AWS: the host rescans the plan's accounts and regions. */
  runFinished?(run: PlanRun, plan: PeeringPlan): void;
  readonly clock?: Clock;
  readonly acceptance?: ExecuteDeps['acceptance'];
  readonly settle?: ExecuteDeps['settle'];
}

/** The service's runs. */
export interface PlanRuns {
  /** DryRun a plan (no run is kept). */
  dryRun(plan: PeeringPlan): Promise<PlanRun>;
  /** Run a plan; resolves once it finished or is waiting for the other side. */
  run(plan: PeeringPlan, decisions?: Readonly<Record<string, ConflictDecision>>): Promise<Result<PlanRun>>;
  resume(input: ResumePlanInput): Promise<Result<PlanRun>>;
  cancel(runId: string): Promise<Result<{ cancelled: boolean }>>;
  get(runId: string): Promise<Result<PlanRun>>;
  /** Runs that can still be resumed (interrupted, stopped, waiting), newest first. */
  list(): Promise<Result<readonly SavedRun[]>>;
  /** Forget a run that will not be resumed (its file goes; the audit log keeps its calls). */
  discard(runId: string): Promise<Result<{ discarded: boolean }>>;
  /** Cancel every run (app quit). */
  dispose(): void;
}

interface RunRecord {
  plan: PeeringPlan;
  latest: PlanRun;
  savedAt?: string;
  controller?: AbortController;
  /** Settles when the run's current execution ends. */
  done?: Promise<PlanRun>;
}

/** The runs, kept by id, saved in `deps.dataDir`, written ahead to `audit`. */
export function createPlanRuns(deps: PlanRunsDeps, audit: AuditLog): PlanRuns {
  const store: RunStore = createRunStore({ dataDir: deps.dataDir, now: deps.now });
  const runs = new Map<string, RunRecord>();
  const env = (): Env => (typeof deps.env === 'function' ? deps.env() : deps.env);
  // Opening the log marks what a dead process left unanswered; then the saved runs are read back.
  const loaded = audit
    .open()
    .catch(() => undefined)
    .then(() => loadSavedRuns())
    .catch(() => undefined);

  async function loadSavedRuns(): Promise<void> {
    const { runs: files } = await store.loadAll();
    // A run with calls no resume has checked yet stays, whatever its last outcome.
    const unchecked = new Set((await audit.unresolved().catch(() => [])).flatMap((c) => (c.runId ? [c.runId] : [])));
    await store.prune(files, unchecked).catch(() => 0);
    const at = deps.now().toISOString();
    for (const f of files) {
      if (runs.has(f.run.runId) || (!isRunUnfinished(f.run) && !unchecked.has(f.run.runId))) continue;
      runs.set(f.run.runId, { plan: f.plan, latest: asInterrupted(f.run, at), savedAt: f.savedAt });
    }
  }

  /** Save the run; a failed write is not the run's failure (the audit log holds what AWS did). */
  function save(record: RunRecord, run: PlanRun): Promise<void> {
    return store.save(record.plan, run).then(
      () => {
        record.savedAt = deps.now().toISOString();
      },
      () => undefined,
    );
  }

  function executeDeps(controller: AbortController | undefined, record?: RunRecord): ExecuteDeps {
    return {
      accessForProfile: async (p) => (await resolveProfileAccess([p], env(), deps.homeDir)).get(p)!,
      audit,
      onProgress: deps.planProgressed,
      now: deps.now,
      ...(controller ? { signal: controller.signal } : {}),
      ...(record ? { checkpoint: (run: PlanRun) => save(record, run) } : {}),
      ...(deps.clock ? { clock: deps.clock } : {}),
      ...(deps.acceptance ? { acceptance: deps.acceptance } : {}),
      ...(deps.settle ? { settle: deps.settle } : {}),
    };
  }

  /** Start (or resume) a run; resolve once it finished or is waiting for the other side. */
  function start(plan: PeeringPlan, record: RunRecord, opts: ExecuteOptions): Promise<PlanRun> {
    const controller = new AbortController();
    record.controller = controller;
    let onWaiting: (run: PlanRun) => void = () => undefined;
    const waiting = new Promise<PlanRun>((resolve) => (onWaiting = resolve));
    const base = executeDeps(controller, record);
    const done = executePlan(
      plan,
      {
        ...base,
        onProgress: (run) => {
          record.latest = run;
          void save(record, run);
          deps.planProgressed(run);
          if (run.phase === 'waiting-for-accepter') onWaiting(run);
        },
      },
      opts,
    ).then(
      async (run) => {
        record.latest = run;
        // The answer means the outcome is on disk: a restart right after it finds the run as it ended.
        await save(record, run);
        record.controller = undefined;
        if (run.steps.some((s) => s.status === 'done')) deps.runFinished?.(run, plan);
        return run;
      },
      async (e: unknown) => {
        record.controller = undefined;
        const run: PlanRun = {
          ...record.latest,
          phase: 'finished',
          outcome: 'failed',
          error: { code: 'internal', message: `The run stopped on an unexpected error: ${(e as Error).message}`, fix: 'Resume the run; if it happens again, report it with the audit log.' },
        };
        record.latest = run;
        await save(record, run);
        deps.planProgressed(run);
        return run;
      },
    );
    record.done = done;
    return Promise.race([done, waiting]);
  }

  return {
    dryRun(plan) {
      return executePlan(plan, executeDeps(undefined), { dryRunOnly: true });
    },

    async run(plan, decisions) {
      await loaded;
      for (const r of runs.values()) {
        if (r.plan.id === plan.id && r.controller) {
          return fail('conflict', `Plan ${plan.id} is already running (run ${r.latest.runId}).`, 'Wait for it to finish, or cancel it first.');
        }
      }
      const runId = randomUUID();
      const record: RunRecord = { plan, latest: { runId, planId: plan.id, phase: 'checking', steps: [], startedAt: deps.now().toISOString() } };
      runs.set(runId, record);
      return ok(await start(plan, record, { runId, ...(decisions ? { decisions } : {}) }));
    },

    async resume({ runId, disabledStepIds, decisions }) {
      await loaded;
      const record = runs.get(runId);
      if (!record) return fail('not-found', `Run ${runId} is not known: it finished, or was discarded.`, 'Make the plan again; steps already done are recognised and skipped.');
      if (record.controller) return fail('conflict', `Run ${runId} is still going.`, 'Wait for it, or cancel it before resuming.');
      let plan = record.plan;
      if (disabledStepIds) {
        const edited = withDisabledSteps(record.plan, disabledStepIds);
        if (edited.unknown.length) return fail('invalid-input', `The plan has no step ${edited.unknown.join(', ')}.`, 'Untick steps of this plan only.');
        plan = edited.plan;
      }
      record.plan = plan;
      return ok(await start(plan, record, { previous: record.latest, ...(decisions ? { decisions } : {}) }));
    },

    async cancel(runId) {
      await loaded;
      const record = runs.get(runId);
      if (!record) return fail('not-found', `Run ${runId} is not known.`, 'Nothing to cancel.');
      if (!record.controller) return ok({ cancelled: false });
      record.controller.abort();
      await record.done;
      return ok({ cancelled: true });
    },

    async get(runId) {
      await loaded;
      const record = runs.get(runId);
      return record ? ok(record.latest) : fail('not-found', `Run ${runId} is not known.`, 'Finished runs are kept until the app quits; unfinished ones until they finish or are discarded.');
    },

    async list() {
      await loaded;
      let unresolved: Map<string, number>;
      try {
        unresolved = new Map();
        for (const call of await audit.unresolved()) if (call.runId) unresolved.set(call.runId, (unresolved.get(call.runId) ?? 0) + 1);
      } catch (e) {
        return fail('unavailable', `The audit log ${audit.path} cannot be read: ${(e as Error).message}`, 'Check the permissions of the data folder.');
      }
      const list: SavedRun[] = [];
      for (const r of runs.values()) {
        const active = !!r.controller && r.latest.phase !== 'finished';
        if (!active && !isRunUnfinished(r.latest) && !unresolved.has(r.latest.runId)) continue;
        list.push({ plan: r.plan, run: r.latest, savedAt: r.savedAt ?? r.latest.startedAt, active, unresolvedCalls: unresolved.get(r.latest.runId) ?? 0 });
      }
      return ok(list.sort((a, b) => b.run.startedAt.localeCompare(a.run.startedAt)));
    },

    async discard(runId) {
      await loaded;
      const record = runs.get(runId);
      if (!record) return fail('not-found', `Run ${runId} is not known.`, 'Nothing to discard.');
      if (record.controller) return fail('conflict', `Run ${runId} is still going.`, 'Cancel it first, then discard it.');
      runs.delete(runId);
      try {
        await store.remove(runId);
      } catch (e) {
        return fail('unavailable', `The run file of ${runId} in ${store.dir} cannot be deleted: ${(e as Error).message}`, 'Check the permissions of the data folder.');
      }
      return ok({ discarded: true });
    },

    dispose() {
      for (const r of runs.values()) r.controller?.abort();
    },
  };
}
