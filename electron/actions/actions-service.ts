/** The peering actions as API methods: one function per method, parsed input in, `Result` out.
 *
 * Plans are made from the latest discovered topology (`loadTopology`), kept by id, and run with
 * `executePlan`; a run that waits for another account to accept goes on in the background (its
 * progress arrives as `planProgressed`) and this returns as soon as it is waiting, so the UI can
 * show what the other side must do. Wiring each method into `createMainApi` is one line.
 *
 * Every run is saved in the data folder after each step (`RunStore`). When the service starts it
 * opens the audit log (which marks calls a dead process left unanswered as interrupted) and reads
 * the saved runs back: a run that was going when the process died shows as interrupted, and
 * `listRuns` lists it with every other run that can still be resumed.
 *
 * `createMainApi` exposes each method as is (inputs: shared/planning/action-inputs.ts), pushes
 * `planProgressed` and `auditAppended`, and rescans when a run changed AWS. Keep `loadTopology` returning the same object while the snapshot is unchanged: checklists
 * cache their route analysis per topology object.
 */
import { randomUUID } from 'node:crypto';

import type { AuditEntry } from '../../shared/api/events';
import { fail, ok, type Result } from '../../shared/api/result';
import type { Topology } from '../../shared/model/topology';
import type {
  AcceptPeeringInput,
  DeletePeeringInput,
  ExportAuditInput,
  ListAuditInput,
  PeeringChecklistInput,
  PlanCompletionInput,
  PlanDeletionInput,
  PlanPeeringInput,
  PlanRejectionInput,
  PlanRunInput,
  RejectPeeringInput,
  ResumePlanInput,
  RunIdInput,
} from '../../shared/planning/action-inputs';
import { peeringChecklist, type PeeringChecklist } from '../../shared/planning/peering-checklist';
import { planToCliCommands, planToCliScript, type PlanCli } from '../../shared/planning/plan-cli';
import { planCompletion } from '../../shared/planning/plan-completion';
import { planDeletion, planRejection } from '../../shared/planning/plan-deletion';
import { planPeering } from '../../shared/planning/plan-peering';
import type { PlanAndRun, PlanRun, SavedRun } from '../../shared/planning/plan-run';
import { asInterrupted, isRunUnfinished } from '../../shared/planning/plan-run';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import { profilesFromTopology, withDisabledSteps } from '../../shared/planning/plan-types';
import type { AuditExport, AuditPage } from '../../shared/planning/audit-filter';
import { createAuditLog, type AuditLog } from '../audit/audit-log';
import { resolveProfileAccess, type Env } from '../aws/credentials';
import { executePlan, type ExecuteDeps } from './execute-plan';
import { createRunStore, type RunStore } from './run-store';
import type { Clock } from './wait-for-acceptance';

/** What the service needs from its host (`createMainApi`'s deps). */
export interface ActionsServiceDeps {
  /** The AWS environment the profiles resolve in, or a function giving it per call (the app
   * switches between the user's files and the sandbox's). */
  readonly env: Env | (() => Env);
  readonly homeDir: string;
  /** The app's data folder: the audit log and the saved runs live here. */
  readonly dataDir: string;
  /** The latest discovered topology (the workspace snapshot), or undefined before the first scan. */
  loadTopology(): Promise<Topology | undefined>;
  /** Push `planProgressed` (the run after each change). */
  planProgressed(run: PlanRun): void;
  /** Push `auditAppended` (each mutating call). */
  auditAppended(entry: AuditEntry): void;
  now(): Date;
  /** After a run that changed AWS: the host rescans the plan's accounts and regions. */
  runFinished?(run: PlanRun, plan: PeeringPlan): void;
  readonly clock?: Clock;
  readonly acceptance?: ExecuteDeps['acceptance'];
  readonly settle?: ExecuteDeps['settle'];
}

/** One function per API method. */
export interface ActionsService {
  planPeering(input: PlanPeeringInput): Promise<Result<PeeringPlan>>;
  planDeletion(input: PlanDeletionInput): Promise<Result<PeeringPlan>>;
  planRejection(input: PlanRejectionInput): Promise<Result<PeeringPlan>>;
  planCompletion(input: PlanCompletionInput): Promise<Result<PeeringPlan>>;
  getPeeringChecklist(input: PeeringChecklistInput): Promise<Result<PeeringChecklist>>;
  getPlanCli(input: PlanRunInput): Promise<Result<PlanCli>>;
  dryRunPlan(input: PlanRunInput): Promise<Result<PlanRun>>;
  runPlan(input: PlanRunInput): Promise<Result<PlanRun>>;
  resumePlan(input: ResumePlanInput): Promise<Result<PlanRun>>;
  cancelPlanRun(input: RunIdInput): Promise<Result<{ cancelled: boolean }>>;
  getPlanRun(input: RunIdInput): Promise<Result<PlanRun>>;
  /** Runs that can still be resumed (interrupted, stopped, waiting), newest first. */
  listRuns(): Promise<Result<readonly SavedRun[]>>;
  /** Forget a run that will not be resumed (its file goes; the audit log keeps its calls). */
  discardRun(input: RunIdInput): Promise<Result<{ discarded: boolean }>>;
  acceptPeering(input: AcceptPeeringInput): Promise<Result<PlanAndRun>>;
  rejectPeering(input: RejectPeeringInput): Promise<Result<PlanAndRun>>;
  deletePeering(input: DeletePeeringInput): Promise<Result<PlanAndRun>>;
  listAudit(input: ListAuditInput): Promise<Result<AuditPage>>;
  exportAudit(input: ExportAuditInput): Promise<Result<AuditExport>>;
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

const MAX_PLANS = 200;

/** Build the service. */
export function createActionsService(deps: ActionsServiceDeps): ActionsService {
  const audit: AuditLog = createAuditLog({ dataDir: deps.dataDir, emit: deps.auditAppended, now: deps.now });
  const store: RunStore = createRunStore({ dataDir: deps.dataDir, now: deps.now });
  const plans = new Map<string, PeeringPlan>();
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

  async function topology(): Promise<Result<Topology>> {
    const t = await deps.loadTopology();
    return t ? ok(t) : fail('not-found', 'There is no scan yet, so there is nothing to plan from.', 'Refresh (or open the sandbox) to scan your accounts first.');
  }

  function remember(plan: PeeringPlan): PeeringPlan {
    const stored = { ...plan, id: `${plan.purpose}-${randomUUID()}` };
    plans.set(stored.id, stored);
    // Oldest plans go first; runs keep their own copy.
    while (plans.size > MAX_PLANS) plans.delete(plans.keys().next().value as string);
    return stored;
  }

  async function makePlan(build: (t: Topology) => Result<PeeringPlan>): Promise<Result<PeeringPlan>> {
    const t = await topology();
    if (!t.ok) return t;
    const p = build(t.value);
    return p.ok ? ok(remember(p.value)) : p;
  }

  function storedPlan(planId: string, disabled: readonly string[] | undefined): Result<PeeringPlan> {
    const plan = plans.get(planId);
    if (!plan) return fail('not-found', `Plan ${planId} is not known (plans are kept until the app quits).`, 'Make the plan again from the diagram.');
    if (!disabled) return ok(plan);
    const { plan: edited, unknown } = withDisabledSteps(plan, disabled);
    if (unknown.length) return fail('invalid-input', `Plan ${planId} has no step ${unknown.join(', ')}.`, 'Untick steps of this plan only.');
    return ok(edited);
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
  function start(plan: PeeringPlan, record: RunRecord, opts: Parameters<typeof executePlan>[2]): Promise<PlanRun> {
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
      (run) => {
        record.latest = run;
        void save(record, run);
        record.controller = undefined;
        if (run.steps.some((s) => s.status === 'done')) deps.runFinished?.(run, plan);
        return run;
      },
      (e: unknown) => {
        record.controller = undefined;
        const run: PlanRun = {
          ...record.latest,
          phase: 'finished',
          outcome: 'failed',
          error: { code: 'internal', message: `The run stopped on an unexpected error: ${(e as Error).message}`, fix: 'Resume the run; if it happens again, report it with the audit log.' },
        };
        record.latest = run;
        void save(record, run);
        deps.planProgressed(run);
        return run;
      },
    );
    record.done = done;
    return Promise.race([done, waiting]);
  }

  async function run(plan: PeeringPlan, decisions: PlanRunInput['decisions']): Promise<Result<PlanRun>> {
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
  }

  async function planAndRun(p: Result<PeeringPlan>): Promise<Result<PlanAndRun>> {
    if (!p.ok) return p;
    const r = await run(p.value, undefined);
    return r.ok ? ok({ plan: p.value, run: r.value }) : r;
  }

  return {
    async planPeering(input) {
      return makePlan((t) => planPeering(t, input, profilesFromTopology(t.accounts)));
    },

    async planDeletion({ peeringId, withoutCleanup }) {
      return makePlan((t) => planDeletion(t, peeringId, profilesFromTopology(t.accounts), withoutCleanup ? { withoutCleanup } : {}));
    },

    async planRejection({ peeringId, profile }) {
      return makePlan((t) => planRejection(t, peeringId, profilesFromTopology(t.accounts), profile ? { profile } : {}));
    },

    async planCompletion({ peeringId, ...opts }) {
      return makePlan((t) => planCompletion(t, peeringId, profilesFromTopology(t.accounts), opts));
    },

    async getPeeringChecklist({ peeringId }) {
      const t = await topology();
      return t.ok ? peeringChecklist(t.value, peeringId) : t;
    },

    async getPlanCli({ planId, disabledStepIds }) {
      const p = storedPlan(planId, disabledStepIds);
      if (!p.ok) return p;
      const profiles = [...new Set(p.value.steps.flatMap((s) => (s.profile ? [s.profile] : [])))];
      const access = await resolveProfileAccess(profiles, env(), deps.homeDir);
      const endpointUrls: Record<string, string> = {};
      for (const [name, a] of access) if (a.ok && a.value.endpoints.ec2) endpointUrls[name] = a.value.endpoints.ec2;
      return ok({ commands: planToCliCommands(p.value, { endpointUrls }), script: planToCliScript(p.value, { endpointUrls }) });
    },

    async dryRunPlan({ planId, disabledStepIds }) {
      const p = storedPlan(planId, disabledStepIds);
      if (!p.ok) return p;
      return ok(await executePlan(p.value, executeDeps(undefined), { dryRunOnly: true }));
    },

    async runPlan({ planId, disabledStepIds, decisions }) {
      const p = storedPlan(planId, disabledStepIds);
      return p.ok ? run(p.value, decisions) : p;
    },

    async resumePlan({ runId, disabledStepIds, decisions }) {
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

    async cancelPlanRun({ runId }) {
      await loaded;
      const record = runs.get(runId);
      if (!record) return fail('not-found', `Run ${runId} is not known.`, 'Nothing to cancel.');
      if (!record.controller) return ok({ cancelled: false });
      record.controller.abort();
      await record.done;
      return ok({ cancelled: true });
    },

    async getPlanRun({ runId }) {
      await loaded;
      const record = runs.get(runId);
      return record ? ok(record.latest) : fail('not-found', `Run ${runId} is not known.`, 'Finished runs are kept until the app quits; unfinished ones until they finish or are discarded.');
    },

    async listRuns() {
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

    async discardRun({ runId }) {
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

    async acceptPeering({ peeringId, profile }) {
      const t = await topology();
      if (!t.ok) return t;
      const p = planCompletion(t.value, peeringId, profilesFromTopology(t.value.accounts), profile ? { accepterProfile: profile } : {});
      if (p.ok && !p.value.steps.some((s) => s.kind === 'accept' && s.profile)) {
        return fail(
          'unauthorized',
          `No local profile acts in account ${p.value.accepter.accountId}, which must accept ${peeringId}.`,
          'Send its owner the steps from the peering checklist, or add a profile for that account and rescan.',
        );
      }
      return planAndRun(p.ok ? ok(remember(p.value)) : p);
    },

    async rejectPeering({ peeringId, profile }) {
      const t = await topology();
      if (!t.ok) return t;
      const p = planRejection(t.value, peeringId, profilesFromTopology(t.value.accounts), profile ? { profile } : {});
      return planAndRun(p.ok ? ok(remember(p.value)) : p);
    },

    async deletePeering({ peeringId, cleanup, disabledStepIds }) {
      const t = await topology();
      if (!t.ok) return t;
      const p = planDeletion(t.value, peeringId, profilesFromTopology(t.value.accounts), cleanup ? {} : { withoutCleanup: true });
      if (!p.ok) return p;
      const edited = disabledStepIds ? withDisabledSteps(p.value, disabledStepIds).plan : p.value;
      return planAndRun(ok(remember(edited)));
    },

    async listAudit({ filter, limit }) {
      try {
        return ok(await audit.list(filter, limit));
      } catch (e) {
        return fail('unavailable', `The audit log ${audit.path} cannot be read: ${(e as Error).message}`, 'Check the permissions of the data folder.');
      }
    },

    async exportAudit({ filter, format }) {
      try {
        return ok(await audit.exportEntries(filter, format, deps.now()));
      } catch (e) {
        return fail('unavailable', `The audit log ${audit.path} cannot be read: ${(e as Error).message}`, 'Check the permissions of the data folder.');
      }
    },

    dispose() {
      for (const r of runs.values()) r.controller?.abort();
    },
  };
}
