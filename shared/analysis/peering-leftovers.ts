/** What still points at a peering in a snapshot: routes that send traffic into it and
 * security-group rules that reference a group across it.
 *
 * Once a peering is deleted, rejected, expired or failed, AWS leaves both behind: routes turn into
 * blackholes and group references turn stale. The next step of such a peering asks for a cleanup
 * only while some remain, so a delete that cleaned up is not followed by a request to remove what
 * it already removed.
 */
import type { PeeringId, RouteTableId, SecurityGroupId, VpcId } from '../model/ids';
import type { Peering, Topology } from '../model/topology';
import { indexTopology } from './topology-index';

/** One route into the peering. */
export interface LeftoverRoute {
  readonly vpcId: VpcId;
  readonly routeTableId: RouteTableId;
  readonly destination: string;
}

/** One ingress rule that names a security group across the peering. */
export interface LeftoverRule {
  readonly vpcId: VpcId;
  readonly groupId: SecurityGroupId;
  readonly peerGroupId: string;
}

/** Everything in the snapshot that still points at one peering. */
export interface PeeringLeftovers {
  readonly routes: readonly LeftoverRoute[];
  readonly rules: readonly LeftoverRule[];
  /**
   * False when a side's VPC was not scanned: its routes and rules are not in the snapshot, so
   * "nothing points at it" cannot be said.
   */
  readonly complete: boolean;
}

/** Routes and rules pointing at each peering of `topology`, gathered in one pass (cached per topology in `gathered`). */
function gather(topology: Topology): Map<PeeringId, { routes: LeftoverRoute[]; rules: LeftoverRule[] }> {
  const found = new Map<PeeringId, { routes: LeftoverRoute[]; rules: LeftoverRule[] }>();
  const entry = (id: PeeringId) => {
    let e = found.get(id);
    if (!e) found.set(id, (e = { routes: [], rules: [] }));
    return e;
  };
  for (const table of topology.routeTables) {
    for (const r of table.routes) {
      if (r.target.kind === 'peering') entry(r.target.peeringId).routes.push({ vpcId: table.vpcId, routeTableId: table.id, destination: r.destination });
    }
  }
  for (const group of topology.securityGroups) {
    for (const rule of group.ingress) {
      if (rule.peer.kind === 'group' && rule.peer.peeringId) entry(rule.peer.peeringId).rules.push({ vpcId: group.vpcId, groupId: group.id, peerGroupId: rule.peer.groupId });
    }
  }
  return found;
}

const NONE: { routes: LeftoverRoute[]; rules: LeftoverRule[] } = { routes: [], rules: [] };
const gathered = new WeakMap<Topology, ReturnType<typeof gather>>();

/** What still points at `peering` in `topology`. */
export function peeringLeftovers(topology: Topology, peering: Peering): PeeringLeftovers {
  let all = gathered.get(topology);
  if (!all) gathered.set(topology, (all = gather(topology)));
  const index = indexTopology(topology);
  const { routes, rules } = all.get(peering.id) ?? NONE;
  return { routes, rules, complete: index.vpcById.has(peering.requester.vpcId) && index.vpcById.has(peering.accepter.vpcId) };
}

/** "2 routes and 1 security-group rule", or "" when nothing is left. */
export function leftoverWords(routes: number, rules: number): string {
  const parts: string[] = [];
  if (routes > 0) parts.push(`${routes} route${routes === 1 ? '' : 's'}`);
  if (rules > 0) parts.push(`${rules} security-group rule${rules === 1 ? '' : 's'}`);
  return parts.join(' and ');
}
