/** Route gaps: each peer block a route table serving subnets does not send to its peering, and
 * each side whose routes could not be read. The CLI's `analyze`, the Findings panel and the route
 * gaps inventory all list these.
 *
 * A peering with nothing to route (one VPC has no subnets) has no gaps: no table can carry
 * traffic over it, whatever the other side's routes say.
 */
import type { PeeringId, RouteTableId, VpcId } from '../model/ids';
import type { PeeringRouteCompleteness, RouteCheckState, SideRouteCompleteness } from './route-completeness';
import { describeRouteCheck, suggestRouteFix } from './route-words';

/** One route table entry that does not send a peer block to its peering, or a side that could not be checked. */
export interface RouteGap {
  readonly peeringId: PeeringId;
  readonly side: 'requester' | 'accepter';
  readonly vpcId: VpcId;
  readonly routeTableId: RouteTableId | null;
  readonly peerCidr: string | null;
  readonly state: Exclude<RouteCheckState, 'ok'> | 'unknown';
  readonly detail: string;
  /** The AWS CLI command (or advice) that closes the gap. */
  readonly fix: string | null;
}

function sideGaps(peeringId: PeeringId, side: SideRouteCompleteness, gaps: RouteGap[]): void {
  if (side.summary === 'nothing-to-route') return;
  if (side.tables.length === 0) {
    if (side.summary !== 'complete') gaps.push({ peeringId, side: side.role, vpcId: side.vpcId, routeTableId: null, peerCidr: null, state: 'unknown', detail: side.note ?? 'not checked', fix: null });
    return;
  }
  for (const table of side.tables) {
    for (const check of table.checks) {
      if (check.state === 'ok') continue;
      gaps.push({
        peeringId,
        side: side.role,
        vpcId: side.vpcId,
        routeTableId: table.routeTableId,
        peerCidr: check.peerCidr,
        state: check.state,
        detail: describeRouteCheck(check, peeringId),
        fix: suggestRouteFix(check, table.routeTableId, peeringId),
      });
    }
  }
}

/** Flatten route completeness into the gaps a user must act on, peering by peering, requester side first. */
export function listRouteGaps(completeness: readonly PeeringRouteCompleteness[]): readonly RouteGap[] {
  const gaps: RouteGap[] = [];
  for (const p of completeness) {
    sideGaps(p.peeringId, p.requester, gaps);
    sideGaps(p.peeringId, p.accepter, gaps);
  }
  return gaps;
}
