/** Words for traces and forwarding decisions: one line a person reads, from the data the engine returns. */
import type { ForwardedPart, Forwarding } from '../forwarding/forward';
import type { DropReason, Trace, TraceEnd, TraceHop } from '../forwarding/trace';
import type { ForwardTarget, TargetKind } from '../forwarding/targets';
import type { Route } from '../model/topology';

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

const DROP_WORDS: Readonly<Record<DropReason, string>> = {
  'no-route': 'dropped: no route',
  blackhole: 'dropped: the route is a blackhole',
  'peering-not-active': 'dropped: the peering is not active',
  'not-a-side': 'dropped: the peering does not join this VPC',
  'beyond-peer': 'dropped: the peer VPC does not hold it (peering is not transitive)',
};

function endWords(end: TraceEnd): string {
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
      return `the ${end.missing === 'subnet' ? 'subnet' : "subnet's route table"} is not in the snapshot`;
  }
}

function hopWords(hop: TraceHop): string {
  switch (hop.kind) {
    case 'subnet':
      return hop.subnetId;
    case 'table':
      return `${hop.routeTableId} (${hop.via === 'main' ? 'main table' : hop.via === 'explicit' ? 'associated' : 'peer table'})`;
    case 'decision':
      return decisionWords(hop.forwarding);
    case 'peering':
      return hop.status === 'active' && hop.toVpcId ? `into ${hop.toVpcId}` : `${hop.peeringId} is ${hop.status === 'unknown' ? 'not in the snapshot' : hop.status}`;
  }
}

/** A trace as one line: `subnet-a1 → rtb-a1 (main table): 10.1.0.0/16 → pcx-ab → … → delivered in vpc-b (subnet-b1)`. */
export function traceWords(trace: Trace): string {
  let line = `${trace.destination}: `;
  trace.hops.forEach((hop, i) => {
    const previous = trace.hops[i - 1];
    line += i === 0 ? hopWords(hop) : previous?.kind === 'table' && hop.kind === 'decision' ? `: ${hopWords(hop)}` : ` → ${hopWords(hop)}`;
  });
  return `${line}${trace.hops.length > 0 ? ' → ' : ''}${endWords(trace.end)}${trace.uncertain ? ' (a prefix list may decide otherwise)' : ''}`;
}
