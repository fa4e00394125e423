/** `accept`: accept the request as the accepter's account, in the accepter VPC's region, and wait out provisioning. */
import { nextStep } from '../../../shared/planning/next-step';
import type { PeeringView } from '../ec2-reads';
import type { OwnStep, RunContext, StepResult } from '../run/run-context';
import { requestIdOf, type StepHandler } from './step-handler';

/** The step stops: the peering reached a status from which it cannot be accepted. */
function finalStatus(step: OwnStep<'accept'>, ctx: RunContext, pcx: string, v: PeeringView): StepResult {
  const { accepter } = ctx.plan;
  const n = nextStep(v.status, { peeringId: pcx, accepterAccountId: accepter.accountId, accepterRegion: accepter.region, ...(v.message ? { statusMessage: v.message } : {}) });
  ctx.state.peeringStatus = v.status;
  return { status: 'failed', stop: true, error: { code: 'conflict', message: `${step.title}: ${pcx} is ${v.status}. ${n.meaning}`, fix: n.action } };
}

export const acceptPeering: StepHandler<'accept'> = {
  findsPeeringWhenRun: true,
  async run(step, ctx) {
    const pcx = ctx.state.peeringId!;
    const { profile, region } = step;
    let v = await ctx.peering.settle(profile, region, pcx, (x) => !!x && x.status !== 'initiating-request');
    if (!v) {
      return {
        status: 'failed',
        stop: true,
        error: {
          code: 'not-found',
          message: `${step.title}: account ${step.accountId} does not see ${pcx} in ${region}.`,
          fix: `Check that the accepter VPC is in ${region} and belongs to ${step.accountId}; rescan, then resume.`,
        },
      };
    }
    if (v.status === 'active') return { status: 'already-done', message: `${pcx} is already active.` };
    if (v.status === 'provisioning') {
      v = await ctx.peering.settle(profile, region, pcx, (x) => x?.status === 'active');
      return { status: 'already-done', message: `${pcx} was already accepted (${v?.status ?? 'provisioning'}).` };
    }
    if (v.status !== 'pending-acceptance') return finalStatus(step, ctx, pcx, v);
    const answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
    v = await ctx.peering.settle(profile, region, pcx, (x) => x?.status === 'active' || (!!x && !['pending-acceptance', 'provisioning'].includes(x.status)));
    if (v && v.status !== 'active' && v.status !== 'provisioning' && v.status !== 'pending-acceptance') return finalStatus(step, ctx, pcx, v);
    return { status: 'done', message: `Accepted ${pcx} as account ${step.accountId} in ${region} (${v?.status ?? 'accepted'}).`, ...requestIdOf(answer) };
  },
};
