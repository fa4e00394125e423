/** The other side's part of a run: steps in an account without a local profile, and an acceptance
 * the user left to the accepter's owner. The run hands them what they must do (console steps and
 * CLI commands with the ids filled in), watches the peering's status with a local profile, and
 * goes on once they accepted, or stops resumable while it waits.
 */
import type { ApiError } from '../../../shared/core/result';
import { buildAttachmentHandoff, buildHandoff } from '../../../shared/planning/handoff';
import type { PlanRun, RunOutcome } from '../../../shared/planning/plan-run';
import type { PeeringPlan, PlanStep } from '../../../shared/planning/plan-types';
import { describePeering } from '../ec2-reads';
import { describeAttachment, GONE_ATTACHMENT_STATES } from '../tgw-reads';
import { waitForAcceptance } from '../wait-for-acceptance';
import { DEFAULT_ACCEPTANCE, type RunContext } from './run-context';

/** The local profile that can watch the peering's status while the other side accepts. */
export function watcherOf(plan: PeeringPlan): { profile: string; region: string; accountId: string } | undefined {
  if (plan.requester.profile) return { profile: plan.requester.profile, region: plan.requester.region, accountId: plan.requester.accountId };
  if (plan.accepter.profile) return { profile: plan.accepter.profile, region: plan.accepter.region, accountId: plan.accepter.accountId };
  return undefined;
}

/** True when the other side does `step`: an accept the user unticked or has no profile for. */
export function isTheirAccept(step: PlanStep): boolean {
  return (step.kind === 'accept' || step.kind === 'accept-tgw-vpc-attachment') && (!step.enabled || !step.profile);
}

/** The plan as the other side sees it: an unticked accept is theirs too. */
function handoffPlan(plan: PeeringPlan): PeeringPlan {
  return {
    ...plan,
    steps: plan.steps.map((s) => {
      if ((s.kind === 'accept' || s.kind === 'accept-tgw-vpc-attachment') && !s.enabled) {
        const { profile: _p, ...rest } = s;
        return { ...rest, enabled: true };
      }
      return s;
    }),
  };
}

function otherSideIds(plan: PeeringPlan): string[] {
  return plan.steps.filter((s) => (s.enabled && !s.profile) || ((s.kind === 'accept' || s.kind === 'accept-tgw-vpc-attachment') && !s.enabled)).map((s) => s.id);
}

/** Acceptance by the other side: hand over what they must do, then watch the status. */
async function awaitAcceptance(ctx: RunContext, step: PlanStep): Promise<'accepted' | 'stopped'> {
  const { state, plan, deps } = ctx;
  const pcx = state.peeringId!;
  const handoff = buildHandoff(handoffPlan(plan), pcx, otherSideIds(plan));
  const watcher = watcherOf(plan);
  const acceptedMessage = `Account ${step.accountId} accepted ${pcx}.`;
  if (watcher) {
    // They may have accepted already (a resumed run): then there is nothing to wait for.
    const now = await ctx.peering.view(watcher.profile, watcher.region, pcx).catch(() => undefined);
    if (now?.status === 'provisioning') await ctx.peering.settle(watcher.profile, watcher.region, pcx, (v) => v?.status !== 'provisioning');
    if (now?.status === 'active' || state.peeringStatus === 'active') {
      state.peeringStatus = 'active';
      state.setStep(step.id, { status: 'done-by-other-side', message: acceptedMessage, finishedAt: state.nowIso() }, true);
      state.update({ peeringStatus: 'active', ...(handoff ? { handoff } : {}) });
      return 'accepted';
    }
  }
  state.setStep(step.id, { status: 'other-side', message: `Waiting for account ${step.accountId} to accept ${pcx} in ${step.region}.` }, true);
  state.update({ phase: 'waiting-for-accepter', ...(handoff ? { handoff } : {}) });
  if (!watcher) return 'stopped';
  // Without waiting, still look once: the other side may have accepted since the last run.
  const wait = deps.acceptance?.wait ?? true;
  const result = await waitForAcceptance({
    peeringId: pcx,
    poll: (signal) => ctx.calls.read(watcher.profile, watcher.region, 'DescribeVpcPeeringConnections', (c, s) => describePeering(c, pcx, signal ?? s)),
    intervalMs: deps.acceptance?.pollIntervalMs ?? DEFAULT_ACCEPTANCE.pollIntervalMs,
    timeoutMs: wait ? (deps.acceptance?.timeoutMs ?? DEFAULT_ACCEPTANCE.timeoutMs) : 0,
    clock: ctx.clock,
    ...(deps.signal ? { signal: deps.signal } : {}),
    onPoll: (v) => {
      if (v && v.status !== state.run.peeringStatus) state.update({ peeringStatus: v.status });
    },
  });
  if (result.status) state.peeringStatus = result.status;
  if (result.outcome === 'active') {
    state.setStep(step.id, { status: 'done-by-other-side', message: acceptedMessage, finishedAt: state.nowIso() }, true);
    state.update({ phase: 'running' });
    return 'accepted';
  }
  if (result.next) {
    state.setStep(step.id, {
      status: 'failed',
      error: { code: 'conflict', message: `${pcx} is ${result.status}: ${result.next.meaning}`, fix: result.next.action },
    });
  }
  return 'stopped';
}

/**
 * The gateway owner's acceptance of a new attachment: hand over what they must do, then watch the
 * attachment's state with the VPC owner's profile until it is available (or the wait runs out).
 */
async function awaitAttachmentAcceptance(ctx: RunContext, step: PlanStep): Promise<'accepted' | 'stopped'> {
  const { state, plan, deps } = ctx;
  const id = state.attachmentId!;
  const handoff = buildAttachmentHandoff(handoffPlan(plan), id, otherSideIds(plan));
  const watcher = watcherOf(plan);
  const accepted = `Account ${step.accountId} accepted ${id}.`;
  const look = async () => (watcher ? ctx.calls.read(watcher.profile, watcher.region, 'DescribeTransitGatewayVpcAttachments', (c, s) => describeAttachment(c, id, s)).catch(() => undefined) : undefined);
  let v = await look();
  state.setStep(step.id, { status: 'other-side', message: `Waiting for account ${step.accountId} to accept ${id} in ${step.region}.` }, true);
  state.update({ phase: 'waiting-for-accepter', ...(handoff ? { handoff } : {}), ...(v ? { attachmentState: v.state } : {}) });
  const wait = deps.acceptance?.wait ?? true;
  const intervalMs = deps.acceptance?.pollIntervalMs ?? DEFAULT_ACCEPTANCE.pollIntervalMs;
  const deadline = ctx.clock.now() + (wait ? (deps.acceptance?.timeoutMs ?? DEFAULT_ACCEPTANCE.timeoutMs) : 0);
  while (watcher && v?.state !== 'available' && !(v && GONE_ATTACHMENT_STATES.includes(v.state)) && ctx.clock.now() < deadline && !deps.signal?.aborted) {
    await ctx.clock.sleep(intervalMs, deps.signal).catch(() => undefined);
    v = await look();
    if (v && v.state !== state.run.attachmentState) state.update({ attachmentState: v.state });
  }
  if (v?.state === 'available' || v?.state === 'pending') {
    state.setStep(step.id, { status: 'done-by-other-side', message: accepted, finishedAt: state.nowIso() }, true);
    state.update({ phase: 'running', attachmentState: v.state });
    return 'accepted';
  }
  if (v && GONE_ATTACHMENT_STATES.includes(v.state)) {
    state.setStep(step.id, { status: 'failed', error: { code: 'conflict', message: `${id} is ${v.state}: it was not accepted.`, fix: 'Rescan; delete it and plan a new attachment if it should be made again.' } });
  }
  return 'stopped';
}

/** End a run that waits for the accepter: their steps stay theirs, ours that wait on the acceptance stay pending for the resume. */
function finishWaiting(ctx: RunContext, cancelled: boolean): PlanRun {
  const { state, plan } = ctx;
  state.run = {
    ...state.run,
    steps: state.run.steps.map((s) => {
      const step = plan.steps.find((p) => p.id === s.stepId)!;
      if (s.status === 'pending' && step.enabled && !step.profile) return { ...s, status: 'other-side' };
      return s;
    }),
  };
  const runOutcome: RunOutcome = cancelled ? 'cancelled' : 'waiting-for-accepter';
  if (plan.transitGateway) {
    return state.finishKeepingPending(runOutcome, {
      code: cancelled ? 'cancelled' : 'unavailable',
      message: `${state.attachmentId} is waiting for account ${plan.accepter.accountId} to accept it in ${plan.accepter.region} (state ${state.run.attachmentState ?? 'pendingAcceptance'}).`,
      fix: 'Send them the steps below; resume the run once they have accepted (Peerscape continues with the remaining steps).',
    });
  }
  const error: ApiError = {
    code: cancelled ? 'cancelled' : 'unavailable',
    message: `${state.peeringId} is waiting for account ${plan.accepter.accountId} to accept it in ${plan.accepter.region} (status ${state.peeringStatus ?? 'pending-acceptance'}).`,
    fix: 'Send them the steps below; resume the run once they have accepted (Peerscape continues with the remaining steps).',
  };
  return state.finishKeepingPending(runOutcome, error);
}

/**
 * A step the other side does: an acceptance is waited for (the run ends here while it waits),
 * any other step is marked as theirs. Returns the finished run when the run stops here.
 */
export async function handOver(ctx: RunContext, step: PlanStep): Promise<PlanRun | undefined> {
  const { state } = ctx;
  if (step.kind === 'accept-tgw-vpc-attachment') {
    if (!state.attachmentId) return state.finish('failed', { code: 'invalid-input', message: 'There is no attachment to accept yet.', fix: 'Tick the create step, then run again.' });
    if ((await awaitAttachmentAcceptance(ctx, step)) === 'accepted') return undefined;
    const failed = state.stepRun(step.id);
    if (failed.status === 'failed' && failed.error) return state.finish('failed', failed.error);
    return finishWaiting(ctx, !!ctx.deps.signal?.aborted);
  }
  if (step.kind !== 'accept') {
    state.setStep(step.id, { status: 'other-side', message: `Account ${step.accountId} must do this (no local profile).` });
    return undefined;
  }
  if (!state.peeringId) return state.finish('failed', { code: 'invalid-input', message: 'There is no peering to accept yet.', fix: 'Tick the create step, then run again.' });
  if ((await awaitAcceptance(ctx, step)) === 'accepted') return undefined;
  const failed = state.stepRun(step.id);
  if (failed.status === 'failed' && failed.error) return state.finish('failed', failed.error);
  return finishWaiting(ctx, !!ctx.deps.signal?.aborted);
}

/** The end of a run that did all it could: with the other side's steps handed over when some are theirs. */
export function finishCompleted(ctx: RunContext): PlanRun {
  const { state, plan } = ctx;
  const others = state.run.steps.filter((s) => s.status === 'other-side');
  if (others.length > 0 && plan.transitGateway && state.attachmentId) {
    const handoff = state.run.handoff ?? buildAttachmentHandoff(handoffPlan(plan), state.attachmentId, others.map((s) => s.stepId));
    state.run = { ...state.run, ...(handoff ? { handoff } : {}) };
    return state.finish('completed-with-handoff');
  }
  if (others.length > 0 && state.peeringId) {
    const handoff = state.run.handoff ?? buildHandoff(handoffPlan(plan), state.peeringId, others.map((s) => s.stepId));
    state.run = { ...state.run, ...(handoff ? { handoff } : {}) };
    return state.finish('completed-with-handoff');
  }
  return state.finish('completed');
}
