/** Routes that point at a peering, as the deletion plans and the checklist both read them: the
 * ones a delete removes with the peering, and the stale ones a peering that ended left behind
 * (AWS keeps routes to a deleted peering as blackholes).
 */
import type { LeftoverRoute } from '../analysis/peering-leftovers';
import { hasEnded, routeListWords, routesToPeering } from '../analysis/peering-leftovers';
import type { TopologyIndex } from '../analysis/topology-index';

export { hasEnded, routesToPeering };
/** One route in a scanned table of either VPC whose target is the peering. */
export type RouteToPeering = LeftoverRoute;
import type { Peering } from '../model/topology';
import { awsCommandText, ec2Command } from '../words/aws-cli';
import type { ChecklistItem } from './peering-checklist';
import { routeDestinationParams } from './plan-steps';
import type { PlanSideRole, ProfilesByAccount } from './plan-types';

/**
 * The checklist's "stale routes" item of a peering that ended and that routes still point at: the
 * routes, and the button that removes exactly them (`planDeletion` with `staleRoutesOnly`), or
 * the commands for the owner when no local profile acts in their account. Undefined when nothing
 * is left to remove.
 */
export function staleRoutesItem(index: TopologyIndex, peering: Peering, profiles: ProfilesByAccount): ChecklistItem | undefined {
  if (!hasEnded(peering)) return undefined;
  const { routes } = routesToPeering(index, peering);
  if (routes.length === 0) return undefined;
  const n = routes.length;
  const listed = routeListWords(routes);
  const detail = `${n} route${n === 1 ? '' : 's'} still point${n === 1 ? 's' : ''} at ${peering.id}, which is ${peering.status}, so ${n === 1 ? 'it is a blackhole' : 'they are blackholes'}: ${listed}.`;
  const sideOf = (role: PlanSideRole) => (role === 'requester' ? peering.requester : peering.accepter);
  const local = routes.filter((r) => (profiles[sideOf(r.role).accountId]?.length ?? 0) > 0);
  const base = { id: 'stale-routes' as const, label: 'Stale routes', state: 'todo' as const, detail };
  if (local.length > 0) {
    return { ...base, action: { kind: 'remove-stale-routes', label: `Remove ${local.length} stale route${local.length === 1 ? '' : 's'}` } };
  }
  const owners = [...new Set(routes.map((r) => sideOf(r.role).accountId))];
  return {
    ...base,
    action: {
      kind: 'ask-other-side',
      label: `Ask the owner${owners.length === 1 ? '' : 's'} of account${owners.length === 1 ? '' : 's'} ${owners.join(' and ')} to remove the routes`,
      accountId: owners[0]!,
      instructions: routes.map((r) => awsCommandText(ec2Command('DeleteRoute', routeDestinationParams(r.routeTableId, r.destination)), { region: sideOf(r.role).region })),
    },
  };
}
