/** Run a plan against AWS: check every step with DryRun first, then run them in order with live
 * progress, stopping at the first failure with what was done and what was not.
 *
 * This file is the order of a run; its parts each live in one place: the run's state
 * (`run/run-state.ts`), AWS access and the audited calls (`run/run-calls.ts`), waiting out the
 * peering's transitions (`run/peering-watch.ts`), the DryRun (`run/dry-run.ts`), the resume
 * (`run/resume.ts`), the other side's part (`run/other-side.ts`), and one handler per kind of step
 * (`steps/`). Every mutating call is written ahead to the audit log: its intent is on disk before
 * it is sent, its answer after; a call left without an answer is checked in AWS as soon as possible
 * (at once, or when the run resumes after a crash). DryRuns change nothing and get one line.
 *
 * Re-running is harmless: a peering that already exists between the two VPCs is reused, a route
 * that already points at the peering counts as done (one that points elsewhere is a conflict the
 * user decides: replace or skip), a duplicate rule counts as done, and cleanup of something
 * already gone counts as done. A run resumes from its own last state, after `reconcileRun` has
 * asked AWS about the calls its last attempt left without an answer.
 */
import type { ApiError } from '../../shared/core/result';
import { unresolvedInterrupted } from '../../shared/planning/audit-filter';
import type { PlanRun } from '../../shared/planning/plan-run';
import { isStepFinished } from '../../shared/planning/plan-run';
import type { PeeringPlan, PlanStep, PlanStepKind } from '../../shared/planning/plan-types';
import { dryRunSteps } from './run/dry-run';
import { finishCompleted, handOver, isTheirAccept, watcherOf } from './run/other-side';
import { PeeringWatch } from './run/peering-watch';
import { linesOfResumedRun, reconcile, startingRun } from './run/resume';
import { profilesToPrepare, RunCalls } from './run/run-calls';
import { isOwnStep, type ExecuteDeps, type ExecuteOptions, type OwnStep, type RunContext, type StepResult } from './run/run-context';
import { RunState } from './run/run-state';
import { STEP_HANDLERS } from './steps';
import { systemClock } from './wait-for-acceptance';

export { DRY_RUN_PEERING_ID } from './run/dry-run';
export { DEFAULT_ACCEPTANCE, type ExecuteDeps, type ExecuteOptions } from './run/run-context';

/** Steps that still need work, in plan order (an unticked accept is waited for). */
function stepsToDo(ctx: RunContext): PlanStep[] {
  return ctx.plan.steps.filter((s) => !isStepFinished(ctx.state.stepRun(s.id).status) && (s.enabled || s.kind === 'accept' || s.kind === 'accept-tgw-vpc-attachment'));
}

/** An enabled step whose dependency is unticked and not done: the run refuses before it starts. */
function brokenDependency(ctx: RunContext): ApiError | undefined {
  const { plan, state } = ctx;
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  for (const s of plan.steps) {
    if (!s.enabled || isStepFinished(state.stepRun(s.id).status)) continue;
    for (const d of s.dependsOn) {
      const dep = byId.get(d);
      if (!dep || dep.enabled || dep.kind === 'accept' || dep.kind === 'accept-tgw-vpc-attachment' || isStepFinished(state.stepRun(d).status)) continue;
      if (dep.kind === 'create' && state.peeringId) continue;
      if (dep.kind === 'create-tgw-vpc-attachment' && state.attachmentId) continue;
      return {
        code: 'invalid-input',
        message: `"${s.title}" needs "${dep.title}", which is unticked.`,
        fix: `Tick "${dep.title}" again, or untick "${s.title}" too. Nothing was changed.`,
      };
    }
  }
  return undefined;
}

/** Run one step with its kind's handler. */
function runStep<K extends PlanStepKind>(step: OwnStep<K>, ctx: RunContext): Promise<StepResult> {
  const handler = STEP_HANDLERS[step.kind];
  return handler.run(step, ctx);
}

/** The checks before anything changes: dependencies, profiles, the resume's unanswered calls, the DryRun. */
async function check(ctx: RunContext): Promise<PlanRun | undefined> {
  const { state } = ctx;
  state.emit();
  const broken = brokenDependency(ctx);
  if (broken) return state.finish('failed', broken);
  const read = await linesOfResumedRun(ctx);
  if ('error' in read) return state.finish('dry-run-failed', read.error);
  const watcher = watcherOf(ctx.plan);
  const prepared = await ctx.calls.prepareProfiles(profilesToPrepare(stepsToDo(ctx), unresolvedInterrupted(read.lines), watcher));
  if (prepared) return state.finish('dry-run-failed', prepared);
  const unknown = await reconcile(ctx, read.lines);
  if (unknown) return state.finish('dry-run-failed', unknown);
  const refused = await dryRunSteps(ctx, stepsToDo(ctx));
  if (refused) return state.finish('dry-run-failed', refused);
  return ctx.opts.dryRunOnly ? state.finish('dry-run-passed') : undefined;
}

/** Check, then run the steps in order; stop at the first failure, conflict or wait. */
async function execute(ctx: RunContext): Promise<PlanRun> {
  const { state } = ctx;
  const checked = await check(ctx);
  if (checked) return checked;

  state.update({ phase: 'running' });
  for (const step of ctx.plan.steps) {
    if (ctx.deps.signal?.aborted) return state.finish('cancelled');
    if (isStepFinished(state.stepRun(step.id).status)) continue;
    const theirs = isTheirAccept(step);
    if (!step.enabled && !theirs) continue;
    if (!isOwnStep(step) || theirs) {
      const stopped = await handOver(ctx, step);
      if (stopped) return stopped;
      continue;
    }
    state.setStep(step.id, { status: 'running' });
    await state.checkpoint();
    let result: StepResult;
    try {
      result = await runStep(step, ctx);
    } catch (e) {
      if (ctx.deps.signal?.aborted) {
        state.setStep(step.id, { status: 'pending' }, true);
        return state.finish('cancelled');
      }
      result = { status: 'failed', stop: true, error: ctx.calls.explainFailure(step, e) };
    }
    const { stop, ...patch } = result;
    state.setStep(step.id, { ...patch, finishedAt: state.nowIso() });
    if (result.status === 'conflict') {
      return state.finish('conflict', {
        code: 'conflict',
        message: result.message ?? `${step.title}: a route for that destination points elsewhere.`,
        fix: 'Choose "Replace" to point it at the peering, or "Skip" to keep it, then resume. The steps before this one are done.',
      });
    }
    if (stop) return state.finish('failed', result.error);
    // A stopped run is saved as it finishes; one that goes on is saved before its next step.
    await state.checkpoint();
  }
  return finishCompleted(ctx);
}

/**
 * Run `plan`: prepare each profile (credentials and identity, which must match the step's
 * account), DryRun every step that still needs work, then run them in order. Returns the run,
 * which is also what `opts.previous` takes to resume it.
 */
export async function executePlan(plan: PeeringPlan, deps: ExecuteDeps, opts: ExecuteOptions = {}): Promise<PlanRun> {
  const state = new RunState(startingRun(plan, opts, (deps.now?.() ?? new Date()).toISOString()), deps);
  const calls = new RunCalls(plan, state, deps, opts.decisions);
  const clock = deps.clock ?? systemClock;
  const ctx: RunContext = { plan, deps, opts, state, calls, peering: new PeeringWatch(calls, state, deps, clock), clock };
  try {
    return await execute(ctx);
  } catch (e) {
    if (deps.signal?.aborted) {
      const run = state.run;
      return {
        ...run,
        phase: 'finished',
        outcome: 'cancelled',
        steps: run.steps.map((s) => (s.status === 'running' ? { ...s, status: 'pending' } : s)),
        error: { code: 'cancelled', message: 'The run was cancelled.', fix: 'Resume it to continue from where it stopped; the steps marked done are done.' },
        finishedAt: (deps.now?.() ?? new Date()).toISOString(),
      };
    }
    throw e;
  } finally {
    calls.close();
  }
}
