/** The plan panel's state: the plan, the user's unticked steps and decisions, and the live run.
 *
 * A small zustand store of its own (one per open plan), so the components stay props-driven and
 * they can be mounted anywhere; it talks to the API only through `PlanActionsClient`.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

import type { ApiError, Result } from '../../../shared/core/result';
import type { PlanCli } from '../../../shared/planning/plan-cli';
import type { ConflictDecision, PlanRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan } from '../../../shared/planning/plan-types';
import type { PlanActionsClient, PlanPeeringRequest } from './plan-client';

/** What the plan store holds. */
export interface PlanState {
  readonly status: 'idle' | 'planning' | 'ready' | 'error';
  readonly request?: PlanPeeringRequest;
  readonly plan?: PeeringPlan;
  /** Why the plan (or the last action) failed, with its fix. */
  readonly error?: ApiError;
  /** Steps the user unticked. */
  readonly disabled: readonly string[];
  readonly decisions: Readonly<Record<string, ConflictDecision>>;
  /** The latest run (or DryRun) of this plan. */
  readonly run?: PlanRun;
  readonly busy?: 'dry-run' | 'run' | 'resume' | 'cancel' | 'cli';
  makePlan(request: PlanPeeringRequest): Promise<void>;
  /** Use a plan made elsewhere (deletion, completion, acceptance). */
  usePlan(plan: PeeringPlan): void;
  /** Take over a saved run and its plan (a run listed after a restart), ready to resume. */
  adopt(plan: PeeringPlan, run: PlanRun): void;
  toggleStep(stepId: string, enabled: boolean): void;
  decide(stepId: string, decision: ConflictDecision): void;
  loadCli(): Promise<PlanCli | undefined>;
  dryRun(): Promise<void>;
  startRun(): Promise<void>;
  resume(): Promise<void>;
  cancel(): Promise<void>;
  /** A `planProgressed` event. */
  receive(run: PlanRun): void;
}

/** A plan store bound to `client`; call `dispose` to stop listening to progress. */
export type PlanStore = StoreApi<PlanState> & { dispose(): void };

/** Create the store and subscribe it to run progress. */
export function createPlanStore(client: PlanActionsClient): PlanStore {
  const store = createStore<PlanState>()((set, get) => {
    async function call<T>(busy: NonNullable<PlanState['busy']>, fn: () => Promise<Result<T>>): Promise<T | undefined> {
      set({ busy });
      try {
        const r = await fn();
        if (!r.ok) {
          set({ error: r.error });
          return undefined;
        }
        return r.value;
      } catch (e) {
        set({ error: { code: 'internal', message: `The request failed: ${(e as Error).message}`, fix: 'Try again; if it keeps failing, restart Peerscape.' } });
        return undefined;
      } finally {
        set({ busy: undefined });
      }
    }
    // The unticked steps are always sent, even none, so the run reads the plan exactly as the
    // confirmation listed its calls (`planCalls` with the same `disabled`).
    const edits = () => {
      const { plan, disabled } = get();
      return { planId: plan!.id, disabledStepIds: [...disabled] };
    };
    return {
      status: 'idle',
      disabled: [],
      decisions: {},
      async makePlan(request) {
        set({ status: 'planning', request, error: undefined, run: undefined, disabled: [], decisions: {} });
        const r = await client.planPeering(request).catch((e: unknown) => ({ ok: false as const, error: { code: 'internal' as const, message: String((e as Error).message), fix: 'Try again.' } }));
        if (get().request !== request) return; // a newer request won
        set(r.ok ? { status: 'ready', plan: r.value } : { status: 'error', plan: undefined, error: r.error });
      },
      usePlan(plan) {
        set({ status: 'ready', plan, error: undefined, run: undefined, disabled: plan.steps.filter((s) => !s.enabled).map((s) => s.id), decisions: {} });
      },
      adopt(plan, run) {
        set({ status: 'ready', plan, run, error: undefined, disabled: plan.steps.filter((s) => !s.enabled).map((s) => s.id), decisions: {} });
      },
      toggleStep(stepId, enabled) {
        const rest = get().disabled.filter((id) => id !== stepId);
        set({ disabled: enabled ? rest : [...rest, stepId] });
      },
      decide(stepId, decision) {
        set({ decisions: { ...get().decisions, [stepId]: decision } });
      },
      async loadCli() {
        if (!get().plan) return undefined;
        return call('cli', () => client.getPlanCli(edits()));
      },
      async dryRun() {
        if (!get().plan) return;
        set({ error: undefined });
        const run = await call('dry-run', () => client.dryRunPlan(edits()));
        if (run) set({ run });
      },
      async startRun() {
        if (!get().plan) return;
        set({ error: undefined });
        const decisions = get().decisions;
        const run = await call('run', () => client.runPlan({ ...edits(), ...(Object.keys(decisions).length ? { decisions } : {}) }));
        if (run) set({ run });
      },
      async resume() {
        const current = get().run;
        if (!current) return;
        set({ error: undefined });
        const { disabled, decisions } = get();
        const run = await call('resume', () =>
          client.resumePlan({ runId: current.runId, disabledStepIds: [...disabled], ...(Object.keys(decisions).length ? { decisions } : {}) }),
        );
        if (run) set({ run });
      },
      async cancel() {
        const current = get().run;
        if (!current) return;
        await call('cancel', () => client.cancelPlanRun({ runId: current.runId }));
      },
      receive(run) {
        const { plan, run: current } = get();
        if (!plan || run.planId !== plan.id) return;
        // The first event of a new run replaces a finished DryRun; later ones must be this run's.
        if (current && current.runId !== run.runId && current.phase !== 'finished') return;
        set({ run });
      },
    };
  });
  const unsubscribe = client.onPlanProgressed((run) => store.getState().receive(run));
  return Object.assign(store, { dispose: unsubscribe });
}

/**
 * The step and run buttons of `PlanSteps` wired to `store`; `begin` starts an action with the text
 * the outcome line shows until its first news arrives.
 */
export function planStepControls(
  store: PlanStore,
  begin: (text: string, action: () => Promise<void>) => void,
): {
  onToggle(stepId: string, enabled: boolean): void;
  onDecide(stepId: string, decision: ConflictDecision): void;
  onDryRun(): void;
  onRun(): void;
  onResume(): void;
  onCancel(): void;
} {
  return {
    onToggle: (id, on) => store.getState().toggleStep(id, on),
    onDecide: (id, d) => store.getState().decide(id, d),
    onDryRun: () => begin('Checking every step with DryRun…', () => store.getState().dryRun()),
    onRun: () => begin('Starting the run…', () => store.getState().startRun()),
    onResume: () => begin('Resuming…', () => store.getState().resume()),
    onCancel: () => begin('Cancelling…', () => store.getState().cancel()),
  };
}
