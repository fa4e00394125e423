/** `authorize-ingress`, `revoke-ingress`, `authorize-egress` and `revoke-egress`: add or remove a rule; one already there (or already gone) counts as done. */
import { actionErrorCode } from '../action-errors';
import { requestIdOf, type StepHandler } from './step-handler';

export const authorizeIngress: StepHandler<'authorize-ingress'> = {
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
      return { status: 'done', message: `Added the rule to ${group}.`, ...requestIdOf(answer) };
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidPermission.Duplicate') return { status: 'already-done', message: `${group} already has the rule.` };
      throw e;
    }
  },
};

export const revokeIngress: StepHandler<'revoke-ingress'> = {
  doneWhenDryRunSays: ['InvalidPermission.NotFound'],
  async run(step, ctx) {
    const group = step.params.GroupId;
    try {
      const answer = await ctx.calls.mutate(step, { action: step.action, params: step.params }, false);
      const unknown = answer.output.UnknownIpPermissions;
      if (Array.isArray(unknown) && unknown.length > 0) return { status: 'already-done', message: `${group} no longer has the rule.` };
      return { status: 'done', message: `Revoked the rule from ${group}.`, ...requestIdOf(answer) };
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidPermission.NotFound') return { status: 'already-done', message: `${group} no longer has the rule.` };
      throw e;
    }
  },
};

export const authorizeEgress: StepHandler<'authorize-egress'> = {
  doneWhenDryRunSays: ['InvalidPermission.Duplicate'],
  async run(step, ctx) {
    if (step.needsActive) {
      const blocked = await ctx.peering.ensureActive(step, ctx.plan.accepter.accountId);
      if (blocked) return blocked;
    }
    const group = step.params.GroupId;
    try {
      const answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
      return { status: 'done', message: `Added the egress rule to ${group}.`, ...requestIdOf(answer) };
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidPermission.Duplicate') return { status: 'already-done', message: `${group} already has the egress rule.` };
      throw e;
    }
  },
};

export const revokeEgress: StepHandler<'revoke-egress'> = {
  doneWhenDryRunSays: ['InvalidPermission.NotFound'],
  async run(step, ctx) {
    const group = step.params.GroupId;
    try {
      const answer = await ctx.calls.mutate(step, { action: step.action, params: step.params }, false);
      const unknown = answer.output.UnknownIpPermissions;
      if (Array.isArray(unknown) && unknown.length > 0) return { status: 'already-done', message: `${group} no longer has the outbound rule.` };
      return { status: 'done', message: `Revoked the outbound rule from ${group}.`, ...requestIdOf(answer) };
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidPermission.NotFound') return { status: 'already-done', message: `${group} no longer has the outbound rule.` };
      throw e;
    }
  },
};
