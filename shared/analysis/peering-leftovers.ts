/** What still points at a peering in a snapshot: routes that send traffic into it and
 * security-group rules that reference a group across it.
 *
 * Once a peering is deleted, rejected, expired or failed, AWS leaves both behind: routes turn into
 * blackholes and group references turn stale. The next step of such a peering asks for a cleanup
 * only while some remain, so a delete that cleaned up is not followed by a request to remove what
 * it already removed.
 */
import type { AccountId, PeeringId, Region, RouteTableId, SecurityGroupId, VpcId } from '../model/ids';
import type { Peering, PeeringStatus, Topology } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import type { TopologyIndex } from './topology-index';
import { indexTopology } from './topology-index';

/** True when `peering` ended or is ending (deleted, rejected, failed, expired, deleting): routes to it carry nothing. */
export function hasEnded(peering: Pick<Peering, 'status'>): boolean {
  return !isLivePeeringStatus(peering.status) || peering.status === 'deleting';
}

/** One route in a scanned table of either VPC whose target is the peering. */
export interface LeftoverRoute {
  readonly role: 'requester' | 'accepter';
  readonly vpcId: VpcId;
  readonly routeTableId: RouteTableId;
  readonly destination: string;
}

/** The routes to `peering` in either VPC's scanned tables, and the sides whose VPC was not scanned. */
export function routesToPeering(index: TopologyIndex, peering: Peering): { readonly routes: readonly LeftoverRoute[]; readonly unscanned: readonly LeftoverRoute['role'][] } {
  const routes: LeftoverRoute[] = [];
  const unscanned: LeftoverRoute['role'][] = [];
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

/** "10.1.0.0/16 in rtb-…, …": the first `max` routes by destination and table, an ellipsis for the rest. */
export function routeListWords(routes: readonly Pick<LeftoverRoute, 'destination' | 'routeTableId'>[], max = 4): string {
  return routes.slice(0, max).map((r) => `${r.destination} in ${r.routeTableId}`).join(', ') + (routes.length > max ? ', …' : '');
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

/** Rules pointing at each peering of `topology`, gathered in one pass (cached per topology in `gathered`). */
function gather(topology: Topology): Map<PeeringId, LeftoverRule[]> {
  const found = new Map<PeeringId, LeftoverRule[]>();
  for (const group of topology.securityGroups) {
    for (const rule of group.ingress) {
      if (rule.peer.kind !== 'group' || !rule.peer.peeringId) continue;
      let rules = found.get(rule.peer.peeringId);
      if (!rules) found.set(rule.peer.peeringId, (rules = []));
      rules.push({ vpcId: group.vpcId, groupId: group.id, peerGroupId: rule.peer.groupId });
    }
  }
  return found;
}

const gathered = new WeakMap<Topology, ReturnType<typeof gather>>();

/** What still points at `peering` in `topology`. */
export function peeringLeftovers(topology: Topology, peering: Peering): PeeringLeftovers {
  let all = gathered.get(topology);
  if (!all) gathered.set(topology, (all = gather(topology)));
  const { routes, unscanned } = routesToPeering(indexTopology(topology), peering);
  return { routes, rules: all.get(peering.id) ?? [], complete: unscanned.length === 0 };
}

/** "2 routes and 1 security-group rule", or "" when nothing is left. */
export function leftoverWords(routes: number, rules: number): string {
  const parts: string[] = [];
  if (routes > 0) parts.push(`${routes} route${routes === 1 ? '' : 's'}`);
  if (rules > 0) parts.push(`${rules} security-group rule${rules === 1 ? '' : 's'}`);
  return parts.join(' and ');
}

/** A route of one VPC left pointing at a peering that ended, or that AWS no longer shows at all. */
export interface StaleRoute {
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly routeTableId: RouteTableId;
  readonly routeTableName?: string;
  readonly destination: string;
  readonly peeringId: PeeringId;
  /** The peering's status in the snapshot; absent once AWS has forgotten the peering. */
  readonly peeringStatus?: PeeringStatus;
  readonly state: 'active' | 'blackhole';
}

/**
 * The routes in `vpcId`'s scanned tables whose target is a peering that ended or that the
 * snapshot no longer lists (AWS shows a deleted peering for a while, then forgets it; the route
 * stays, a blackhole). A route to a live peering that is not active yet is not stale: it starts
 * carrying traffic once the peering is accepted. `onlyPeering` keeps the routes to that one.
 */
export function staleRoutesOfVpc(index: TopologyIndex, vpcId: VpcId, onlyPeering?: PeeringId): StaleRoute[] {
  const out: StaleRoute[] = [];
  for (const table of index.routeTablesByVpc.get(vpcId) ?? []) {
    for (const r of table.routes) {
      if (r.target.kind !== 'peering' || (onlyPeering && r.target.peeringId !== onlyPeering)) continue;
      const peering = index.peeringById.get(r.target.peeringId);
      if (peering && !hasEnded(peering)) continue;
      out.push({
        vpcId,
        accountId: table.accountId,
        region: table.region,
        routeTableId: table.id,
        ...(table.name ? { routeTableName: table.name } : {}),
        destination: r.destination,
        peeringId: r.target.peeringId,
        ...(peering ? { peeringStatus: peering.status } : {}),
        state: r.state,
      });
    }
  }
  return out;
}

/** "10.1.0.0/16 in web-rt (rtb-…) → pcx-… (deleted, blackhole)". */
export function staleRouteWords(r: StaleRoute): string {
  const table = r.routeTableName ? `${r.routeTableName} (${r.routeTableId})` : r.routeTableId;
  const why = [r.peeringStatus ?? 'no longer shown by AWS', ...(r.state === 'blackhole' ? ['blackhole'] : [])].join(', ');
  return `${r.destination} in ${table} → ${r.peeringId} (${why})`;
}

/**
 * True when the snapshot hints that something in `vpcId` may still point at a deleted peering: a
 * stale route, a group rule referencing across a peering that ended or is no longer listed, or
 * a peering of the VPC that ended. Only then is AWS asked for stale rules without a click.
 */
export function mayHaveStaleLeftovers(index: TopologyIndex, vpcId: VpcId): boolean {
  if ((index.peeringsByVpc.get(vpcId) ?? []).some(hasEnded)) return true;
  if (staleRoutesOfVpc(index, vpcId).length > 0) return true;
  const gone = (id: PeeringId) => {
    const p = index.peeringById.get(id);
    return !p || hasEnded(p);
  };
  return (index.securityGroupsByVpc.get(vpcId) ?? []).some((g) => [...g.ingress, ...g.egress].some((r) => r.peer.kind === 'group' && r.peer.peeringId !== undefined && gone(r.peer.peeringId)));
}
