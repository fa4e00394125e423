/** Routes that point at a peering, as the deletion plans and the checklist both read them: the
 * ones a delete removes with the peering, and the stale ones a peering that ended left behind
 * (AWS keeps routes to a deleted peering as blackholes; docs/ec2-peering-semantics.md).
 */
import type { TopologyIndex } from '../analysis/topology-index';
import type { RouteTableId, VpcId } from '../model/ids';
import type { Peering } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import { awsCommandText, ec2Command } from '../words/aws-cli';
import type { ChecklistItem } from './peering-checklist';
import { routeDestinationParams } from './plan-steps';
import type { PlanSideRole, ProfilesByAccount } from './plan-types';

/** One route in a scanned table of either VPC whose target is the peering. */
export interface RouteToPeering {
  readonly role: PlanSideRole;
  readonly vpcId: VpcId;
  readonly routeTableId: RouteTableId;
  readonly destination: string;
}

/** The routes to `peering` in either VPC's scanned tables, and the sides whose VPC was not scanned. */
export function routesToPeering(index: TopologyIndex, peering: Peering): { readonly routes: readonly RouteToPeering[]; readonly unscanned: readonly PlanSideRole[] } {
  const routes: RouteToPeering[] = [];
  const unscanned: PlanSideRole[] = [];
  for (const role of ['requester', 'accepter'] as const) {
    const side = role === 'requester' ? peering.requester : peering.accepter;
    if (!index.vpcById.has(side.vpcId)) {
      unscanned.push(role);
      continue;
    }
    for (const table of index.routeTablesByVpc.get(side.vpcId) ?? []) {
      for (const r of table.routes) {
        if (r.target.kind === 'peering' && r.target.peeringId === peering.id) routes.push({ role, vpcId: side.vpcId, routeTableId: table.id, destination: r.destination });
      }
    }
  }
  return { routes, unscanned };
}

/** True when `peering` ended or is ending (deleted, rejected, failed, expired, deleting): routes to it carry nothing. */
export function hasEnded(peering: Pick<Peering, 'status'>): boolean {
  return !isLivePeeringStatus(peering.status) || peering.status === 'deleting';
}

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
  const listed = routes
    .slice(0, 4)
    .map((r) => `${r.destination} in ${r.routeTableId}`)
    .join(', ');
  const detail = `${n} route${n === 1 ? '' : 's'} still point${n === 1 ? 's' : ''} at ${peering.id}, which is ${peering.status}, so ${n === 1 ? 'it is a blackhole' : 'they are blackholes'}: ${listed}${n > 4 ? ', …' : ''}.`;
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
