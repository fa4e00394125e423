/** Lookups over a topology's transit gateways, built once per topology object: gateways, each
 * gateway's view of its attachments, VPC attachments by VPC, route tables, associations and
 * gateway peerings. */
import type { VpcId } from '../model/ids';
import type {
  Topology,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayAttachmentId,
  TransitGatewayId,
  TransitGatewayPeering,
  TransitGatewayRouteTable,
  TransitGatewayRouteTableId,
} from '../model/topology';

/** The transit gateway lookups of one topology. */
export interface TgwLookup {
  readonly gatewayById: ReadonlyMap<TransitGatewayId, TransitGateway>;
  /** An attachment as its gateway sees it, by `gateway|attachment`. */
  attachment(gatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId): TransitGatewayAttachment | undefined;
  /** A VPC's attachment to a gateway: the available one when there are several records. */
  vpcAttachment(gatewayId: TransitGatewayId, vpcId: VpcId): TransitGatewayAttachment | undefined;
  /** Every VPC attachment of a VPC, to any gateway. */
  readonly vpcAttachmentsByVpc: ReadonlyMap<VpcId, readonly TransitGatewayAttachment[]>;
  /** Every attachment of a gateway (its view). */
  readonly attachmentsByGateway: ReadonlyMap<TransitGatewayId, readonly TransitGatewayAttachment[]>;
  readonly tableById: ReadonlyMap<TransitGatewayRouteTableId, TransitGatewayRouteTable>;
  /** The table an attachment of a gateway is associated with (the owner's tables first, the attachment's own record else), with the table when held. */
  associatedTable(gatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId): { readonly routeTableId: TransitGatewayRouteTableId; readonly table?: TransitGatewayRouteTable } | undefined;
  readonly peeringById: ReadonlyMap<TransitGatewayAttachmentId, TransitGatewayPeering>;
}

const cache = new WeakMap<Topology, TgwLookup>();

/** The transit gateway lookups of `topology` (made once per topology object). */
export function tgwLookupOf(topology: Topology): TgwLookup {
  const hit = cache.get(topology);
  if (hit) return hit;
  const gatewayById = new Map(topology.transitGateways.map((g) => [g.id, g] as const));
  const byKey = new Map<string, TransitGatewayAttachment>();
  const vpcAttachment = new Map<string, TransitGatewayAttachment>();
  const vpcAttachmentsByVpc = new Map<VpcId, TransitGatewayAttachment[]>();
  const attachmentsByGateway = new Map<TransitGatewayId, TransitGatewayAttachment[]>();
  for (const a of topology.transitGatewayAttachments) {
    byKey.set(`${a.transitGatewayId}|${a.id}`, a);
    const list = attachmentsByGateway.get(a.transitGatewayId);
    if (list) list.push(a);
    else attachmentsByGateway.set(a.transitGatewayId, [a]);
    if (a.resourceType !== 'vpc') continue;
    const vpcId = a.vpc?.vpcId ?? (a.resourceId as VpcId);
    const key = `${a.transitGatewayId}|${vpcId}`;
    const known = vpcAttachment.get(key);
    // A deleted attachment may linger beside its replacement: the available one is the one traffic takes.
    if (!known || (known.state !== 'available' && a.state === 'available')) vpcAttachment.set(key, a);
    const own = vpcAttachmentsByVpc.get(vpcId);
    if (own) own.push(a);
    else vpcAttachmentsByVpc.set(vpcId, [a]);
  }
  const tableById = new Map(topology.transitGatewayRouteTables.map((t) => [t.id, t] as const));
  const associations = new Map<string, TransitGatewayRouteTableId>();
  for (const t of topology.transitGatewayRouteTables) {
    for (const link of t.associations) if (link.state === 'associated') associations.set(`${t.transitGatewayId}|${link.attachmentId}`, t.id);
  }
  const lookup: TgwLookup = {
    gatewayById,
    attachment: (g, id) => byKey.get(`${g}|${id}`),
    vpcAttachment: (g, vpcId) => vpcAttachment.get(`${g}|${vpcId}`),
    vpcAttachmentsByVpc,
    attachmentsByGateway,
    tableById,
    associatedTable: (g, id) => {
      const fromTables = associations.get(`${g}|${id}`);
      const own = byKey.get(`${g}|${id}`)?.association;
      const routeTableId = fromTables ?? (own?.state === 'associated' ? own.routeTableId : undefined);
      if (!routeTableId) return undefined;
      const table = tableById.get(routeTableId);
      return table ? { routeTableId, table } : { routeTableId };
    },
    peeringById: new Map(topology.transitGatewayPeerings.map((p) => [p.id, p] as const)),
  };
  cache.set(topology, lookup);
  return lookup;
}
