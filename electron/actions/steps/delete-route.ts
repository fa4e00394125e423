/** `delete-route`: remove a route to the peering, leaving alone one that now points elsewhere. */
import { routeDestination, routeTargetOf } from '../../../shared/planning/step-params';
import { actionErrorCode } from '../action-errors';
import { findRoute } from '../ec2-reads';
import { requestIdOf, type StepHandler } from './step-handler';

export const deleteRoute: StepHandler<'delete-route'> = {
  doneWhenDryRunSays: ['InvalidRoute.NotFound'],
  async run(step, ctx) {
    const table = step.params.RouteTableId;
    const dest = routeDestination(step.params);
    const pcx = (step.cleanup?.action === 'CreateRoute' ? routeTargetOf(step.cleanup.params) : undefined) ?? ctx.state.peeringId;
    const current = await ctx.calls.read(step.profile, step.region, 'DescribeRouteTables', (c, s) => findRoute(c, table, dest, s));
    if (!current) return { status: 'already-done', message: `${table} has no route for ${dest} any more.` };
    if (current.target !== pcx) return { status: 'skipped', message: `${dest} in ${table} now points at ${current.target}, not ${pcx}: left alone.` };
    try {
      const answer = await ctx.calls.mutate(step, { action: step.action, params: step.params }, false);
      return { status: 'done', message: `Removed ${dest} → ${pcx} from ${table}.`, ...requestIdOf(answer) };
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidRoute.NotFound') return { status: 'already-done', message: `${table} has no route for ${dest} any more.` };
      throw e;
    }
  },
};
