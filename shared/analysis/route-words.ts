/** Words for route checks: one sentence per check, and the fix (the AWS CLI call that makes the route). */
import { assertNever } from '../core/result';
import { forwardTargetOf, routePriority } from '../forwarding/vpc-table';
import type { PeeringId, RouteTableId } from '../model/ids';
import type { RouteTarget } from '../model/topology';
import { awsCommandText, ec2Command, routeDestination } from '../words/aws-cli';
import type { RouteCheck } from './route-checks';
import type { RouteSummary } from './route-completeness';

/** A side's route summary in words ("complete", "nothing to route"). */
export function describeRouteSummary(summary: RouteSummary): string {
  switch (summary) {
    case 'complete':
    case 'partial':
    case 'none':
    case 'unknown':
      return summary;
    case 'nothing-to-route':
      return 'nothing to route';
    default:
      return assertNever(summary);
  }
}

/** Words for a route target (`pcx-1`, `local`, `tgw-…`): its id, as the engine names it. */
export function describeTarget(target: RouteTarget): string {
  return forwardTargetOf(target).id;
}

/** One sentence for a check, e.g. "10.1.0.0/16 has no route to pcx-1 (falls to 0.0.0.0/0 → igw-1)". */
export function describeRouteCheck(check: RouteCheck, peeringId: PeeringId): string {
  switch (check.state) {
    case 'ok':
      return `${check.peerCidr} → ${peeringId} (route ${check.route.destination})`;
    case 'blackhole':
      return `${check.peerCidr}: route ${check.route.destination} → ${peeringId} is a blackhole`;
    case 'missing':
      return `${check.peerCidr} has no route to ${peeringId}${check.fallback ? ` (falls to ${check.fallback.destination} → ${describeTarget(check.fallback.target)})` : ''}`;
    case 'elsewhere':
      return `${check.peerCidr} goes to ${describeTarget(check.route.target)} (route ${check.route.destination}${check.route.state === 'blackhole' ? ', blackhole' : ''}${
        routePriority(check.route) === 'propagated' ? ', propagated' : ''
      }), not ${peeringId}`;
    case 'partial':
      return `${check.peerCidr} only partly → ${peeringId} (${check.toPeering.map((r) => r.destination).join(', ')}); ${check.notToPeering
        .map((r) => `${r.destination} → ${describeTarget(r.target)}`)
        .join(', ')}`;
    case 'unknown':
      return `${check.peerCidr} → ${peeringId} only if prefix list ${check.route.destination} holds it (its entries are not in the snapshot); otherwise ${
        check.otherwise ? `it goes to ${describeTarget(check.otherwise.target)} (route ${check.otherwise.destination})` : 'it has no route'
      }`;
    default:
      return assertNever(check);
  }
}

/** `aws ec2 create-route` (or `replace-route`) sending `destination` to the peering in `routeTableId`. */
export function peeringRouteCommand(action: 'CreateRoute' | 'ReplaceRoute', routeTableId: RouteTableId, destination: string, peeringId: PeeringId, region?: string): string {
  return awsCommandText(
    ec2Command(action, { RouteTableId: routeTableId, ...routeDestination(destination), VpcPeeringConnectionId: peeringId }),
    region === undefined ? {} : { region },
  );
}

/**
 * Whether a route for `destination` must be replaced rather than created: a static route of the
 * same block can only be replaced; a propagated one (or a wider one) is outranked by a new
 * static route.
 */
export function needsReplace(check: RouteCheck, destination: string): boolean {
  return check.state === 'elsewhere' && check.route.destination === destination && routePriority(check.route) !== 'propagated';
}

/** The fix for a check that is not ok: the route to create or replace (in `region` when given). */
export function suggestRouteFix(check: RouteCheck, routeTableId: RouteTableId, peeringId: PeeringId, region?: string): string | null {
  const command = (action: 'CreateRoute' | 'ReplaceRoute') => peeringRouteCommand(action, routeTableId, check.peerCidr, peeringId, region);
  switch (check.state) {
    case 'ok':
      return null;
    case 'missing':
      return command('CreateRoute');
    case 'blackhole':
      return `Check that ${peeringId} is active; if it is, replace the route: ${command('ReplaceRoute')}`;
    case 'elsewhere':
      return `If ${check.peerCidr} should go through the peering: ${command(needsReplace(check, check.peerCidr) ? 'ReplaceRoute' : 'CreateRoute')}`;
    case 'partial':
      return `Route the whole block if all of it should go through the peering: ${command('CreateRoute')}`;
    case 'unknown':
      return `Check that prefix list ${check.route.destination} holds ${check.peerCidr}, or route the block itself (a route for the block outranks the prefix list): ${command('CreateRoute')}`;
    default:
      return assertNever(check);
  }
}
