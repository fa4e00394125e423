/** Words for traces and forwarding decisions: one line a person reads, from the data the engine returns. */
import type { ForwardedPart, Forwarding } from '../forwarding/forward';
import type { DropReason, Trace, TraceEnd, TraceHop } from '../forwarding/trace';
import type { ForwardTarget, TargetKind } from '../forwarding/targets';
import { tgwRouteDestination, tgwTargets } from '../forwarding/tgw-table';
import type { Route, TransitGatewayRoute, TransitGatewayRoutingUnknown } from '../model/topology';

const KIND_WORDS: Readonly<Record<TargetKind, string>> = {
  local: 'local',
  peering: 'peering',
  'internet-gateway': 'internet gateway',
  'egress-only-internet-gateway': 'egress-only internet gateway',
  'nat-gateway': 'NAT gateway',
  'transit-gateway': 'transit gateway',
  'transit-gateway-attachment': 'transit gateway attachment',
  'network-interface': 'network interface',
  instance: 'instance',
  'virtual-private-gateway': 'virtual private gateway',
  'vpc-endpoint': 'VPC endpoint',
  'local-gateway': 'local gateway',
  'carrier-gateway': 'carrier gateway',
  'core-network': 'Cloud WAN core network',
  unknown: 'target',
};

/** `igw-1 (internet gateway)`, `pcx-1`, `local`. */
export function targetWords(target: ForwardTarget): string {
  return target.kind === 'local' || target.kind === 'peering' ? target.id : `${target.id} (${KIND_WORDS[target.kind]})`;
}

function partWords(part: ForwardedPart<Route>): string {
  const notes = [...(part.priority === 'static' ? [] : [part.priority]), ...(part.blackhole ? ['blackhole'] : [])];
  return `${part.route.destination} → ${targetWords(part.target)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/** What a table decides for a destination: `10.1.0.0/16 → pcx-1`, with what it outranked and what a prefix list may take. */
export function decisionWords(f: Forwarding<Route>): string {
  const parts = f.parts.map(partWords);
  if (f.unrouted) parts.push(f.parts.length === 0 ? 'no route' : 'no route for the rest');
  const outranked = f.outranked.length > 0 ? `, outranking ${f.outranked.map(partWords).join(', ')}` : '';
  const lists = f.mayDecide.length > 0 ? `; or ${f.mayDecide.map(partWords).join(', ')} if the prefix list holds it` : '';
  return `${parts.join(', ')}${outranked}${lists}`;
}

function tgwPartWords(part: ForwardedPart<TransitGatewayRoute>): string {
  const targets = tgwTargets(part.route);
  const to = part.blackhole || targets.length === 0 ? 'blackhole' : targets.join(' + ');
  const notes = [...(part.priority === 'static' ? [] : [part.priority]), ...(targets.length > 1 ? ['ECMP'] : [])];
  return `${tgwRouteDestination(part.route)} → ${to}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/** What a transit gateway table decides: `10.1.0.0/16 → tgw-attach-b (propagated)`, `10.9.0.0/16 → blackhole`. */
export function tgwDecisionWords(f: Forwarding<TransitGatewayRoute>): string {
  const parts = f.parts.map(tgwPartWords);
  if (f.unrouted) parts.push(f.parts.length === 0 ? 'no route' : 'no route for the rest');
  const outranked = f.outranked.length > 0 ? `, outranking ${f.outranked.map(tgwPartWords).join(', ')}` : '';
  const lists = f.mayDecide.length > 0 ? `; or ${f.mayDecide.map(tgwPartWords).join(', ')} if the prefix list holds it` : '';
  return `${parts.join(', ')}${outranked}${lists}`;
}

/** Why a gateway's routing is unknown, as a clause. */
export const ROUTING_UNKNOWN_WORDS: Readonly<Record<TransitGatewayRoutingUnknown, string>> = {
  'owner-not-scanned': "its owner's account and region were not scanned (only the owner's credentials read its route tables)",
  'route-tables-unread': "its owner's scan could not read its route tables",
};

const DROP_WORDS: Readonly<Record<DropReason, string>> = {
  'no-route': 'dropped: no route',
  blackhole: 'dropped: the route is a blackhole',
  'peering-not-active': 'dropped: the peering is not active',
  'not-a-side': 'dropped: the peering does not join this VPC',
  'beyond-peer': 'dropped: the peer VPC does not hold it (peering is not transitive)',
  'no-attachment': 'dropped: the VPC has no attachment to that transit gateway',
  'attachment-not-available': 'dropped: the transit gateway attachment is not available',
  'no-attachment-subnet-in-az': "dropped: the attachment has no subnet in the source subnet's Availability Zone",
  'no-association': 'dropped: the attachment is associated with no transit gateway route table',
  'tgw-peering-not-available': 'dropped: the transit gateway peering is not available',
  'beyond-attachment': 'dropped: the attached VPC does not hold it',
  'tgw-loop': 'dropped: the transit gateway tables send it round in a loop',
};

/** How a trace ends, as a clause: `delivered in vpc-b (subnet-b1)`, `dropped: no route`. */
export function endWords(end: TraceEnd): string {
  switch (end.kind) {
    case 'delivered':
      return `delivered in ${end.vpcId}${end.subnetId ? ` (${end.subnetId})` : ''}`;
    case 'exits':
      return `leaves through ${end.target.id}`;
    case 'dropped':
      return DROP_WORDS[end.reason];
    case 'split':
      return 'split: its parts go different ways';
    case 'unknown':
      switch (end.missing) {
        case 'subnet':
        case 'table':
          return `the ${end.missing === 'subnet' ? 'subnet' : "subnet's route table"} is not in the snapshot`;
        case 'tgw-routing':
          return `unknown: ${end.transitGatewayId}'s routing was not read: ${ROUTING_UNKNOWN_WORDS[end.reason ?? 'owner-not-scanned']}`;
        case 'tgw-table':
          return `unknown: ${end.routeTableId ?? 'the associated table'} of ${end.transitGatewayId} is not in the snapshot`;
        case 'transit-gateway':
          return `unknown: ${end.transitGatewayId} is not in the snapshot`;
      }
  }
}

function hopWords(hop: TraceHop): string {
  switch (hop.kind) {
    case 'subnet':
      return hop.subnetId;
    case 'table':
      return `${hop.routeTableId} (${hop.via === 'main' ? 'main table' : hop.via === 'explicit' ? 'associated' : hop.via === 'peering' ? 'peer table' : 'destination table'})`;
    case 'decision':
      return decisionWords(hop.forwarding);
    case 'peering':
      return hop.status === 'active' && hop.toVpcId ? `into ${hop.toVpcId}` : `${hop.peeringId} is ${hop.status === 'unknown' ? 'not in the snapshot' : hop.status}`;
    case 'tgw-attachment': {
      const state = hop.state === 'available' ? '' : hop.state === 'unknown' ? ', not in the snapshot' : `, ${hop.state}`;
      return hop.role === 'ingress'
        ? `${hop.transitGatewayId} by ${hop.attachmentId}${state}`
        : `out by ${hop.attachmentId} (${hop.resourceType} ${hop.resourceId}${state})`;
    }
    case 'tgw-table':
      return `${hop.routeTableId} (associated with ${hop.attachmentId})`;
    case 'tgw-decision':
      return tgwDecisionWords(hop.forwarding);
    case 'tgw-peering':
      return hop.state === 'available' ? `over ${hop.attachmentId} to ${hop.toTransitGatewayId}` : `${hop.attachmentId} to ${hop.toTransitGatewayId} is ${hop.state === 'unknown' ? 'not in the snapshot' : hop.state}`;
  }
}

/** A trace as one line: `subnet-a1 → rtb-a1 (main table): 10.1.0.0/16 → pcx-ab → … → delivered in vpc-b (subnet-b1)`. */
export function traceWords(trace: Trace): string {
  let line = `${trace.destination}: `;
  trace.hops.forEach((hop, i) => {
    const previous = trace.hops[i - 1];
    line += i === 0 ? hopWords(hop) : (previous?.kind === 'table' && hop.kind === 'decision') || (previous?.kind === 'tgw-table' && hop.kind === 'tgw-decision') ? `: ${hopWords(hop)}` : ` → ${hopWords(hop)}`;
  });
  return `${line}${trace.hops.length > 0 ? ' → ' : ''}${endWords(trace.end)}${trace.uncertain ? ' (a prefix list may decide otherwise)' : ''}`;
}
