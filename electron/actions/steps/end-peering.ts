/** `delete` and `reject`: end a peering. One already gone counts as done; a reject needs a request pending acceptance. */
import { nextStep } from '../../../shared/planning/next-step';
import { actionErrorCode, isPeeringNotFound } from '../action-errors';
import { requestIdOf, type StepHandler } from './step-handler';

export const deletePeering: StepHandler<'delete'> = {
  findsPeeringWhenRun: true,
  async run(step, ctx) {
    const pcx = step.params.VpcPeeringConnectionId;
    const v = await ctx.peering.view(step.profile, step.region, pcx);
    if (!v || v.status === 'deleted' || v.status === 'deleting') return { status: 'already-done', message: `${pcx} is already ${v?.status ?? 'gone'}.` };
    if (v.status === 'failed' || v.status === 'rejected' || v.status === 'expired') {
      return { status: 'skipped', message: `${pcx} is ${v.status}: ${nextStep(v.status).meaning}` };
    }
    try {
      const answer = await ctx.calls.mutate(step, { action: step.action, params: step.params }, false);
      ctx.state.peeringStatus = 'deleted';
      return { status: 'done', message: `Deleted ${pcx}.`, ...requestIdOf(answer) };
    } catch (e) {
      if (isPeeringNotFound(actionErrorCode(e))) return { status: 'already-done', message: `${pcx} is already gone.` };
      throw e;
    }
  },
};

export const rejectPeering: StepHandler<'reject'> = {
  findsPeeringWhenRun: true,
  async run(step, ctx) {
    const pcx = step.params.VpcPeeringConnectionId;
    const v = await ctx.peering.view(step.profile, step.region, pcx);
    if (v?.status === 'rejected') return { status: 'already-done', message: `${pcx} is already rejected.` };
    if (!v || v.status !== 'pending-acceptance') {
      const n = v ? nextStep(v.status, { peeringId: pcx }) : undefined;
      return {
        status: 'failed',
        stop: true,
        error: {
          code: 'conflict',
          message: `${step.title}: only a request pending acceptance can be rejected, and ${pcx} is ${v?.status ?? 'not visible'} to account ${step.accountId} in ${step.region}.`,
          fix: n ? n.action : 'Rescan and check the peering id and region.',
        },
      };
    }
    const answer = await ctx.calls.mutate(step, { action: step.action, params: step.params }, false);
    ctx.state.peeringStatus = 'rejected';
    return { status: 'done', message: `Rejected ${pcx}.`, ...requestIdOf(answer) };
  },
};
