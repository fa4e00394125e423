/** `modify-options`: set one side's DNS resolution option, which AWS allows only on an active peering. */
import { requestIdOf, type StepHandler } from './step-handler';

export const modifyDnsOptions: StepHandler<'modify-options'> = {
  async run(step, ctx) {
    const blocked = await ctx.peering.ensureActive(step, ctx.plan.accepter.accountId);
    if (blocked) return blocked;
    const answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
    return { status: 'done', message: `Set the ${step.side} side's DNS option on ${ctx.state.peeringId}.`, ...requestIdOf(answer) };
  },
};
