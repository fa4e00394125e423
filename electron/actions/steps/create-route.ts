/** `create-route`: route a destination to the peering (or the transit gateway). A route that points elsewhere is the user's
 * decision (replace it with ReplaceRoute, or skip), asked for by stopping the run with a conflict.
 */
import { routeDestination, routeTargetOf } from '../../../shared/planning/step-params';
import { actionErrorCode } from '../action-errors';
import { findRoute } from '../ec2-reads';
import { requestIdOf, type StepHandler } from './step-handler';

export const createRoute: StepHandler<'create-route'> = {
  doneWhenDryRunSays: ['RouteAlreadyExists'],
  async run(step, ctx) {
    // The peering (its id once the run knows it) or the transit gateway the route points at.
    const pcx = routeTargetOf(ctx.state.resolved(step).params);
    const table = step.params.RouteTableId;
    const dest = routeDestination(step.params);
    for (let attempt = 0; attempt < 2; attempt++) {
      const current = await ctx.calls.read(step.profile, step.region, 'DescribeRouteTables', (c, s) => findRoute(c, table, dest, s));
      if (current?.target === pcx) return { status: 'already-done', message: `${table} already routes ${dest} to ${pcx}.` };
      if (current) {
        const decision = ctx.opts.decisions?.[step.id];
        if (decision === 'skip') return { status: 'skipped', message: `Kept ${dest} → ${current.target} in ${table}, as decided.` };
        if (decision === 'replace') {
          const answer = await ctx.calls.mutate(step, ctx.state.resolved({ action: 'ReplaceRoute', params: step.params }), false);
          return { status: 'done', message: `Replaced ${dest} → ${current.target} with ${pcx} in ${table}.`, ...requestIdOf(answer) };
        }
        return {
          status: 'conflict',
          stop: true,
          conflict: { routeTableId: table, destination: dest, currentTarget: current.target, ...(current.state ? { currentState: current.state } : {}) },
          message: `${table} already routes ${dest} to ${current.target}${current.state === 'blackhole' ? ' (blackhole)' : ''}: replace it with ${pcx}, or skip this route?`,
        };
      }
      try {
        const answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
        return { status: 'done', message: `Routed ${dest} → ${pcx} in ${table}.`, ...requestIdOf(answer) };
      } catch (e) {
        // Someone added the route between our read and our call: look again once.
        if (actionErrorCode(e) !== 'RouteAlreadyExists' || attempt > 0) throw e;
      }
    }
    throw new Error('unreachable');
  },
};
