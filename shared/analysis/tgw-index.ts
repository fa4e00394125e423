/** Lookups over a topology's transit gateways for the model-only findings, built once per
 * topology object on the gateway lookups the forwarding reads (`tgw-lookup.ts`: gateways, each
 * gateway's view of its attachments), adding VPC attachments by their `vpc` details and route
 * tables by gateway; and which gateway and attachment states carry nothing. */
import type { VpcId } from '../model/ids';
import type { Topology, TransitGateway, TransitGatewayAttachment, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTable } from '../model/topology';
import { tgwLookupOf } from './tgw-lookup';

/** Attachment states after which the attachment carries nothing (AWS's `State`). */
const GONE_ATTACHMENT_STATES: ReadonlySet<string> = new Set(['deleting', 'deleted', 'failing', 'failed', 'rejecting', 'rejected']);
/** Gateway states after which it carries nothing. */
export const GONE_GATEWAY_STATES: ReadonlySet<string> = new Set(['deleting', 'deleted']);

/** True when an attachment in `state` is gone or going (deleted, failed, rejected). */
export function isGoneAttachmentState(state: string): boolean {
  return GONE_ATTACHMENT_STATES.has(state);
}

/** Lookups over a topology's transit gateways, built once. */
export interface TransitGatewayIndex {
  readonly gatewayById: ReadonlyMap<TransitGatewayId, TransitGateway>;
  /** Each gateway's view of an attachment, by `gateway|attachment`. */
  readonly attachment: (gatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId) => TransitGatewayAttachment | undefined;
  readonly attachmentsByGateway: ReadonlyMap<TransitGatewayId, readonly TransitGatewayAttachment[]>;
  /** VPC attachments by the VPC they attach. */
  readonly vpcAttachmentsByVpc: ReadonlyMap<VpcId, readonly TransitGatewayAttachment[]>;
  readonly routeTablesByGateway: ReadonlyMap<TransitGatewayId, readonly TransitGatewayRouteTable[]>;
}

const cache = new WeakMap<Topology, TransitGatewayIndex>();

/** Append `value` to the list under `key`. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Index the transit gateways of `t` (cached per topology object: topologies are immutable). */
export function indexTransitGateways(t: Topology): TransitGatewayIndex {
  const hit = cache.get(t);
  if (hit) return hit;
  // Gateways and each gateway's view of its attachments are the gateway lookups' (one index of them per topology).
  const lookup = tgwLookupOf(t);
  const vpcAttachmentsByVpc = new Map<VpcId, TransitGatewayAttachment[]>();
  for (const a of t.transitGatewayAttachments) if (a.vpc) pushTo(vpcAttachmentsByVpc, a.vpc.vpcId, a);
  const routeTablesByGateway = new Map<TransitGatewayId, TransitGatewayRouteTable[]>();
  for (const rt of t.transitGatewayRouteTables) pushTo(routeTablesByGateway, rt.transitGatewayId, rt);
  const index: TransitGatewayIndex = {
    gatewayById: lookup.gatewayById,
    attachment: lookup.attachment,
    attachmentsByGateway: lookup.attachmentsByGateway,
    vpcAttachmentsByVpc,
    routeTablesByGateway,
  };
  cache.set(t, index);
  return index;
}

/** True for a gateway whose routing (route tables, associations, propagations, routes) the snapshot read. */
export function isRead(g: TransitGateway | undefined): g is TransitGateway {
  return g !== undefined && g.routing.state === 'read';
}
