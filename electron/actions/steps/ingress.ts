/** `authorize-ingress`, `revoke-ingress`, `authorize-egress` and `revoke-egress`: add or remove a rule; one already there (or already gone) counts as done. */
import { actionErrorCode } from '../action-errors';
import { requestIdOf, type StepHandler } from './step-handler';

/** Adds a rule; `rule` names it in messages ("the rule", "the egress rule"). */
function authorizeRule(rule: string): StepHandler<'authorize-ingress' | 'authorize-egress'> {
  return {
    doneWhenDryRunSays: ['InvalidPermission.Duplicate'],
    async run(step, ctx) {
      // Security-group references across a peering resolve only once it is active.
      if (step.needsActive) {
        const blocked = await ctx.peering.ensureActive(step, ctx.plan.accepter.accountId);
        if (blocked) return blocked;
      }
      const group = step.params.GroupId;
      try {
        const answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
        return { status: 'done', message: `Added ${rule} to ${group}.`, ...requestIdOf(answer) };
      } catch (e) {
        if (actionErrorCode(e) === 'InvalidPermission.Duplicate') return { status: 'already-done', message: `${group} already has ${rule}.` };
        throw e;
      }
    },
  };
}

/** Removes a rule; one AWS reports unknown, or does not find, is already gone. */
function revokeRule(rule: string): StepHandler<'revoke-ingress' | 'revoke-egress'> {
  return {
    doneWhenDryRunSays: ['InvalidPermission.NotFound'],
    async run(step, ctx) {
      const group = step.params.GroupId;
      const gone = { status: 'already-done', message: `${group} no longer has ${rule}.` } as const;
      try {
        const answer = await ctx.calls.mutate(step, { action: step.action, params: step.params }, false);
        const unknown = answer.output.UnknownIpPermissions;
        if (Array.isArray(unknown) && unknown.length > 0) return gone;
        return { status: 'done', message: `Revoked ${rule} from ${group}.`, ...requestIdOf(answer) };
      } catch (e) {
        if (actionErrorCode(e) === 'InvalidPermission.NotFound') return gone;
        throw e;
      }
    },
  };
}

export const authorizeIngress: StepHandler<'authorize-ingress'> = authorizeRule('the rule');
export const revokeIngress: StepHandler<'revoke-ingress'> = revokeRule('the rule');
export const authorizeEgress: StepHandler<'authorize-egress'> = authorizeRule('the egress rule');
export const revokeEgress: StepHandler<'revoke-egress'> = revokeRule('the outbound rule');
