/** The words of the transit gateway path findings (`tgw-path-findings.ts`): subject, message, fix and table cells. */
import type { Topology } from '../model/topology';
import { awsCommandText, ec2Command, routeDestination } from '../words/aws-cli';
import { endWords } from '../words/trace-words';
import { firstRouteHopFix } from './explain-reachability';
import type { Finding } from './findings';
import { tgwLookupOf } from './tgw-lookup';
import type { AsymmetricPath, GatewayRouteDrop } from './tgw-path-findings';
import type { TopologyIndex } from './topology-index';
import { labelVpc } from './topology-index';
import type { ReachFailure } from './vpc-reach';

const DROP_PROBLEM: Readonly<Record<string, string>> = {
  'no-route': 'has no route for it',
  blackhole: 'drops it with a blackhole route',
  'no-association': 'is not associated: the attachment has no route table',
  'attachment-not-available': 'sends it to an attachment that is not available',
  'tgw-peering-not-available': 'sends it over a gateway peering that is not available',
  'tgw-loop': 'sends it round in a loop between gateway tables',
};

/** A VPC route into a gateway whose table drops what it sends. */
export function gatewayRouteDropFinding(topology: Topology, index: TopologyIndex, d: GatewayRouteDrop): Finding {
  const gateway = tgwLookupOf(topology).gatewayById.get(d.transitGatewayId);
  const region = { region: gateway?.region ?? '' };
  const where = d.tgwRouteTableId ? `${d.tgwRouteTableId} of ${d.transitGatewayId}` : d.transitGatewayId;
  const problem = d.partly ? `blackholes ${d.gatewayRoute ?? 'part'} of it` : (DROP_PROBLEM[d.reason] ?? d.reason);
  const lost = d.lost.vpcId ? `${labelVpc(index, d.lost.vpcId)} (${d.lost.cidr})` : `${d.lost.cidr} (behind ${d.lost.attachmentId ?? d.transitGatewayId})`;
  const message = `${d.routeTableId} of ${labelVpc(index, d.vpcId)} sends ${d.destination} to ${d.transitGatewayId}, but ${where} (for ${d.attachmentId ?? 'its attachment'}) ${problem}: traffic for ${lost} is dropped at the gateway.${d.isServing ? '' : ' The table serves no subnet, so the route is dormant.'}`;
  const deleteVpcRoute = awsCommandText(ec2Command('DeleteRoute', { RouteTableId: d.routeTableId, ...routeDestination(d.destination) }));
  let fix: string;
  if (d.reason === 'blackhole' && d.tgwRouteTableId && d.gatewayRoute) {
    fix = `Delete the blackhole route ${d.gatewayRoute} from ${d.tgwRouteTableId} if the traffic should pass: ${awsCommandText(
      ec2Command('DeleteTransitGatewayRoute', { TransitGatewayRouteTableId: d.tgwRouteTableId, DestinationCidrBlock: d.gatewayRoute }),
      region,
    )}; or delete the VPC route: ${deleteVpcRoute}`;
  } else if (d.reason === 'no-association' && d.attachmentId && gateway?.options.associationDefaultRouteTableId) {
    fix = `Associate ${d.attachmentId} with a route table: ${awsCommandText(
      ec2Command('AssociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: gateway.options.associationDefaultRouteTableId, TransitGatewayAttachmentId: d.attachmentId }),
      region,
    )}`;
  } else {
    fix = `Give ${where} a route for ${d.lost.cidr} to the attachment that holds it (propagate that attachment, or aws ec2 create-transit-gateway-route), or delete the VPC route: ${deleteVpcRoute}`;
  }
  return {
    id: `tgw-route-drop:${d.routeTableId}:${d.destination}`,
    kind: 'tgw-route-drop',
    severity: d.isServing ? 'warn' : 'info',
    subject: `${d.routeTableId} · ${d.destination} → ${d.transitGatewayId}`,
    message,
    fix,
    focus: { kind: 'vpcs', vpcIds: [d.vpcId] },
    cells: [d.routeTableId + (d.isServing ? '' : ' (no subnets)'), labelVpc(index, d.vpcId), `${d.destination} → ${d.transitGatewayId}`, where, problem],
  };
}

function failureWords(f: ReachFailure | undefined): string {
  if (!f) return 'some of its subnets do not route back';
  if (f.kind === 'no-subnets') return 'it has no subnets';
  if (f.kind === 'local') return 'its local route keeps the traffic (the blocks overlap)';
  return endWords(f);
}

/** A pair reached one way through a gateway but not back. */
export function asymmetricPathFinding(topology: Topology, index: TopologyIndex, p: AsymmetricPath): Finding {
  const gateways = p.there.transitGatewayIds?.join(' → ') ?? 'a transit gateway';
  // The fix is explain's for the direction that fails: its first failing route hop from `to`.
  const fix = firstRouteHopFix(topology, p.to, p.from);
  const why = failureWords(p.back.failure);
  return {
    id: `asymmetric-path:${p.from}|${p.to}`,
    kind: 'asymmetric-path',
    severity: 'warn',
    subject: `${labelVpc(index, p.from)} → ${labelVpc(index, p.to)}, not back`,
    message: `${labelVpc(index, p.from)} reaches ${labelVpc(index, p.to)} through ${gateways}, but ${labelVpc(index, p.to)} does not reach back (${why}): replies are lost, so connections fail.`,
    ...(fix ? { fix } : {}),
    focus: { kind: 'vpcs', vpcIds: [p.from, p.to] },
    cells: [labelVpc(index, p.from), labelVpc(index, p.to), gateways, why],
  };
}
