/** Resuming a run: steps it finished stay finished, and the calls its last attempt left without an
 * answer are asked of AWS (`reconcileRun`) before anything is sent again.
 */
import { randomUUID } from 'node:crypto';

import type { ApiError } from '../../../shared/core/result';
import type { AuditRecord } from '../../../shared/planning/audit-filter';
import type { PlanRun } from '../../../shared/planning/plan-run';
import { isStepFinished, newRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan } from '../../../shared/planning/plan-types';
import { messageOf } from '../../aws/aws-errors';
import { unwrapCallError } from '../action-errors';
import { resolveCall } from '../journaled-call';
import { reconcileRun } from '../reconcile-run';
import type { ExecuteOptions, RunContext } from './run-context';

/** The run a start or a resume begins with. */
export function startingRun(plan: PeeringPlan, opts: ExecuteOptions, startedAt: string): PlanRun {
  const prev = opts.previous;
  if (!prev) return newRun(plan, opts.runId ?? randomUUID(), startedAt);
  const byId = new Map(prev.steps.map((s) => [s.stepId, s]));
  const peeringId = prev.peeringId ?? plan.peeringId;
  const attachmentId = prev.attachmentId ?? plan.transitGateway?.attachmentId;
  return {
    runId: prev.runId,
    planId: plan.id,
    phase: 'checking',
    ...(peeringId ? { peeringId } : {}),
    ...(attachmentId ? { attachmentId } : {}),
    steps: plan.steps.map((s) => {
      const before = byId.get(s.id);
      if (before && isStepFinished(before.status)) return before;
      // Stays interrupted until the resume has asked AWS about it (reconcile).
      if (before?.status === 'interrupted' || before?.status === 'running') return { stepId: s.id, status: 'interrupted', ...(before.message ? { message: before.message } : {}) };
      return { stepId: s.id, status: s.enabled ? 'pending' : 'disabled' };
    }),
    startedAt,
  };
}

/** The audit lines of the run being resumed (none for a new run). */
export async function linesOfResumedRun(ctx: RunContext): Promise<{ lines: AuditRecord[] } | { error: ApiError }> {
  if (!ctx.opts.previous) return { lines: [] };
  try {
    return { lines: await ctx.calls.journal.linesOfRun(ctx.state.run.runId) };
  } catch (e) {
    return {
      error: {
        code: 'unavailable',
        message: `The audit log ${ctx.deps.audit.path} cannot be read (${(e as Error).message}), so Peerscape cannot tell what this run already did.`,
        fix: 'Fix the permissions of the data folder, then resume. Nothing was sent.',
      },
    };
  }
}

/** Ask AWS about the calls the last attempt left unanswered, and take over what the log says was done. */
export async function reconcile(ctx: RunContext, lines: readonly AuditRecord[]): Promise<ApiError | undefined> {
  const { state, plan } = ctx;
  const previous = ctx.opts.previous;
  if (!previous) return undefined;
  let found;
  try {
    found = await reconcileRun({ previous, lines, resolve: (c) => resolveCall(ctx.calls.callDeps(), c), now: () => state.nowIso() });
  } catch (e) {
    if (ctx.deps.signal?.aborted) throw e;
    return {
      code: 'unavailable',
      message: `Peerscape could not ask AWS what this run's interrupted calls did: ${messageOf(unwrapCallError(e))}`,
      fix: 'Check the connection and the profile, then resume again. Nothing was sent.',
    };
  }
  if (found.peeringId) state.peeringId = found.peeringId;
  if (found.peeringStatus) state.peeringStatus = found.peeringStatus;
  if (found.attachmentId) state.attachmentId = found.attachmentId;
  for (const [stepId, patch] of found.steps) state.setStep(stepId, patch, true);
  for (const s of state.run.steps) {
    if (s.status !== 'interrupted') continue;
    const step = plan.steps.find((p) => p.id === s.stepId);
    state.setStep(
      s.stepId,
      { status: step?.enabled ? 'pending' : 'disabled', message: 'Peerscape stopped while this step ran, and nothing of it is known to have gone through: it runs again (its checks find anything already in place).' },
      true,
    );
  }
  state.update({
    ...(state.peeringId ? { peeringId: state.peeringId } : {}),
    ...(state.peeringStatus ? { peeringStatus: state.peeringStatus } : {}),
    ...(state.attachmentId ? { attachmentId: state.attachmentId } : {}),
  });
  if (found.steps.size > 0) await state.checkpoint();
  return undefined;
}
