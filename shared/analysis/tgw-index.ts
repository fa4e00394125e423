/** Lookups over a topology's transit gateways, built once per topology object and shared by the
 * transit gateway findings; and which gateway and attachment states carry nothing. */
import type { VpcId } from '../model/ids';
import type { Topology, TransitGateway, TransitGatewayAttachment, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTable } from '../model/topology';

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
  const gatewayById = new Map<TransitGatewayId, TransitGateway>();
  for (const g of t.transitGateways) gatewayById.set(g.id, g);
  const byKey = new Map<string, TransitGatewayAttachment>();
  const attachmentsByGateway = new Map<TransitGatewayId, TransitGatewayAttachment[]>();
  const vpcAttachmentsByVpc = new Map<VpcId, TransitGatewayAttachment[]>();
  for (const a of t.transitGatewayAttachments) {
    byKey.set(`${a.transitGatewayId}|${a.id}`, a);
    pushTo(attachmentsByGateway, a.transitGatewayId, a);
    if (a.vpc) pushTo(vpcAttachmentsByVpc, a.vpc.vpcId, a);
  }
  const routeTablesByGateway = new Map<TransitGatewayId, TransitGatewayRouteTable[]>();
  for (const rt of t.transitGatewayRouteTables) pushTo(routeTablesByGateway, rt.transitGatewayId, rt);
  const index: TransitGatewayIndex = {
    gatewayById,
    attachment: (gatewayId, attachmentId) => byKey.get(`${gatewayId}|${attachmentId}`),
    attachmentsByGateway,
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
