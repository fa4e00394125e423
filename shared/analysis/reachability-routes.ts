/** The route hops of a reachability question: does each table serving an endpoint send the other side to the peering?
 *
 * Verdicts on traces: each destination block is walked from the first subnet a table serves
 * (`shared/forwarding/trace.ts`), and what that table decides is judged for the peering as route
 * completeness judges it. The sentences are in `reachability-words.ts`.
 */
import { isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import type { Forwarding } from '../forwarding/forward';
import type { Trace } from '../forwarding/trace';
import { traceFromSubnet } from '../forwarding/trace';
import { forwardTargetOf } from '../forwarding/vpc-table';
import type { RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { Peering, Route, RouteTable, Topology } from '../model/topology';
import type { RouteCheck } from './route-checks';
import { checkTableRoute, judgeForwarding } from './route-checks';
import { isGateway, noRouteTableWords, routeHopWords, routesSkippedWords } from './reachability-words';
import { gatewayRouteCheck, viaGateway } from './reachability-tgw';
import type { ReachabilityCheck, ResolvedEndpoint } from './reachability-types';
import type { TopologyIndex } from './topology-index';
import { findSubnetRouteTable, labelPeering } from './topology-index';
import { traceWorldOf } from './trace-world';

/** What a trace's first table decides for its destination. */
function firstDecision(trace: Trace): Forwarding<Route> | undefined {
  for (const hop of trace.hops) if (hop.kind === 'decision') return hop.forwarding;
  return undefined;
}

/** The route that decided a check's block (for a block split between routes, the first not going to the peering). */
function decidingRoute(check: RouteCheck): Route | undefined {
  switch (check.state) {
    case 'missing':
      return check.fallback;
    case 'partial':
      return check.notToPeering[0];
    default:
      return check.route;
  }
}

/** The route hop from `endpoint` towards the other side's `towards` ranges, one check per table serving it. */
export function checkRoutes(
  topology: Topology,
  index: TopologyIndex,
  kind: 'source-route' | 'return-route',
  endpoint: ResolvedEndpoint,
  towards: readonly CidrRange[],
  /** The other VPC's blocks: a fix routes the whole block, as the peering guide does, not one address. */
  towardsBlocks: readonly CidrRange[],
  peering: Peering | null,
  /** The other endpoint's VPC, when transit gateways join the two: routes through a gateway are then judged by where they end. */
  gatewayTo?: VpcId,
): ReachabilityCheck[] {
  if (!peering && !gatewayTo) return [{ kind, status: 'skipped', resourceIds: [endpoint.vpcId], message: routesSkippedWords(kind) }];
  const tables = new Map<RouteTableId, { table: RouteTable; subnets: SubnetId[] }>();
  for (const subnetId of endpoint.subnetIds) {
    const subnet = index.subnetById.get(subnetId);
    const table = subnet ? findSubnetRouteTable(index, subnet) : undefined;
    if (!table) continue;
    const entry = tables.get(table.id);
    if (entry) entry.subnets.push(subnetId);
    else tables.set(table.id, { table, subnets: [subnetId] });
  }
  if (tables.size === 0) {
    const noSubnets = endpoint.subnetIds.length === 0;
    return [
      {
        kind,
        status: noSubnets ? 'fail' : 'unknown',
        resourceIds: [endpoint.vpcId, ...endpoint.subnetIds],
        ...noRouteTableWords(index, endpoint.vpcId, noSubnets),
        ...(noSubnets ? { blockedBy: { kind: 'endpoint' as const, role: kind === 'source-route' ? ('source' as const) : ('destination' as const), input: endpoint.input } } : {}),
      },
    ];
  }
  const world = traceWorldOf(topology);
  const checks: ReachabilityCheck[] = [];
  for (const { table, subnets } of tables.values()) {
    const traces = towards.map((range) => traceFromSubnet(world, subnets[0]!, range));
    if (gatewayTo && (!peering || traces.some(viaGateway))) {
      checks.push(gatewayRouteCheck({ topology, index, kind, table, subnets, traces, towardsBlocks, fromVpcId: endpoint.vpcId, toVpcId: gatewayTo }));
      continue;
    }
    if (!peering) continue;
    const results = traces.map((trace, i): RouteCheck => {
      const decided = firstDecision(trace);
      return decided ? judgeForwarding(table.id, decided, peering.id) : checkTableRoute(index, table, towards[i]!, peering.id);
    });
    const bad = results.filter((r) => r.state !== 'ok' && r.state !== 'unknown');
    const unsure = results.filter((r) => r.state === 'unknown');
    const status = bad.length > 0 ? 'fail' : unsure.length > 0 ? 'unknown' : 'pass';
    const first = bad[0] ?? unsure[0];
    // The fix routes the whole block of the other VPC that holds the first failing range.
    const firstRange = first ? towards[results.indexOf(first)]! : undefined;
    const block = first ? (towardsBlocks.find((b) => isWithin(firstRange!, b))?.cidr ?? first.peerCidr) : undefined;
    const decider = first ? decidingRoute(first) : undefined;
    const target = decider ? forwardTargetOf(decider.target) : null;
    const words = routeHopWords({
      kind,
      table,
      subnets,
      peeringId: peering.id,
      peeringLabel: labelPeering(index, peering.id),
      results,
      bad,
      unsure,
      ...(block ? { block } : {}),
      ...(status === 'fail' && target ? { target } : {}),
    });
    checks.push({
      kind,
      status,
      resourceIds: status === 'pass' ? [table.id, peering.id] : [table.id, peering.id, ...subnets, ...(target && isGateway(target.kind) ? [target.id] : [])],
      ...words,
      ...(status === 'fail' && first
        ? {
            blockedBy: {
              kind: 'route' as const,
              routeTableId: table.id,
              subnetIds: subnets,
              destination: first.peerCidr,
              ...(decider ? { routeDestination: decider.destination } : {}),
              target,
              blackhole: decider?.state === 'blackhole',
              peeringId: peering.id,
            },
          }
        : {}),
      traces,
    });
  }
  return checks;
}
