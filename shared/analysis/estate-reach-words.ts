/** Sentences of the estate reach view: reasons in a few words, and the entries the pair checks do not word themselves. */
import type { VpcId } from '../model/ids';
import type { Peering } from '../model/topology';
import type { ReachReason, ReachTraffic } from './estate-reach';
import type { GatewayComponent } from './estate-reach-tgw';
import type { TopologyIndex } from './topology-index';
import { labelPeering, labelVpc } from './topology-index';

/** Each reason in a few words, for lists, cells and exports. */
export const REASON_LABELS: Readonly<Record<ReachReason, string>> = {
  'not-transitive': 'not transitive',
  'peering-not-active': 'peering not active',
  'no-route': 'no route',
  'wrong-target': 'route to wrong target',
  blackhole: 'blackhole route',
  'transit-gateway': 'transit gateway',
  'network-acl': 'network ACL',
  'security-group': 'security group',
};

/** The traffic in words: `tcp/443`, `udp`, `all traffic`. */
export function trafficWords(t: ReachTraffic): string {
  if (t.protocol === '-1') return 'all traffic';
  return t.port !== undefined ? `${t.protocol}/${t.port}` : t.protocol;
}

/** A directly, actively peered VPC every check lets the traffic reach. */
export function reachableWords(index: TopologyIndex, to: VpcId, peering: Peering, traffic: ReachTraffic): string {
  return `${labelVpc(index, to)} is reachable over ${labelPeering(index, peering.id)}: routes both ways go to the peering, and network ACLs and security groups allow ${trafficWords(traffic)}.`;
}

/** The first transit gateway component that blocks a pair, in a few words. */
export const GATEWAY_COMPONENT_LABELS: Readonly<Record<GatewayComponent, string>> = {
  'not-attached': 'not attached',
  'attachment-not-available': 'attachment not available',
  'not-associated': 'not associated',
  'no-gateway-route': 'no route in the gateway table',
  blackhole: 'blackhole in the gateway table',
  'not-routed-to-gateway': 'not routed to the gateway',
  'return-path-missing': 'return path missing',
  'routing-unknown': 'gateway routing unknown',
  other: 'transit gateway',
};

/** An entry's reason in a few words: the reason, and for a gateway block its component and way (`transit gateway: not associated (back)`). */
export function entryReasonWords(e: { readonly reason?: ReachReason; readonly gateway?: { readonly component: GatewayComponent; readonly direction: 'there' | 'back' } }): string {
  if (!e.reason) return '';
  return e.gateway ? `${REASON_LABELS[e.reason]}: ${GATEWAY_COMPONENT_LABELS[e.gateway.component]}${e.gateway.direction === 'back' ? ' (back)' : ''}` : REASON_LABELS[e.reason];
}

/** A VPC transit gateways join to the source that every check lets the traffic reach. */
export function reachableThroughWords(index: TopologyIndex, to: VpcId, gatewayNames: readonly string[], traffic: ReachTraffic): string {
  return `${labelVpc(index, to)} is reachable through ${gatewayNames.join(' → ')}: routes both ways carry it, and network ACLs and security groups allow ${trafficWords(traffic)}.`;
}

/** A VPC whose direct peering is not active yet. */
export function notActiveWords(index: TopologyIndex, from: VpcId, to: VpcId, peering: Peering): { readonly message: string; readonly fix: string } {
  return {
    message: `${labelVpc(index, from)} and ${labelVpc(index, to)} have a direct peering, ${labelPeering(index, peering.id)}, but it is ${peering.status}: no traffic flows until it is active.`,
    fix:
      peering.status === 'pending-acceptance'
        ? `Accept ${peering.id} as account ${peering.accepter.accountId} in ${peering.accepter.region}.`
        : `Wait for ${peering.id} to settle and rescan.`,
  };
}

/** A VPC connected only through others, the first of them `through`: one sentence for every VPC behind it. */
export function notTransitiveWords(index: TopologyIndex, through: VpcId): { readonly message: string; readonly fix: string } {
  return {
    message: `Connected only through ${labelVpc(index, through)}: VPC peering is not transitive, so traffic cannot pass through another VPC.`,
    fix: 'Peer the two VPCs directly, and route each to the other over the new peering.',
  };
}
