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
  /** Gateway → the id of its set of gateways joined by available gateway peerings. */
  readonly cluster: ReadonlyMap<TransitGatewayId, number>;
  /** Set id → the VPCs with an available attachment to one of its gateways. */
  readonly clusterVpcs: ReadonlyMap<number, readonly VpcId[]>;
  /** VPC → the sets of gateways it has an available attachment in. */
  readonly vpcClusters: ReadonlyMap<VpcId, ReadonlySet<number>>;
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
  const { cluster, clusterVpcs, vpcClusters } = clustersOf(topology, vpcAttachmentsByVpc);
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
    cluster,
    clusterVpcs,
    vpcClusters,
  };
  cache.set(topology, lookup);
  return lookup;
}

/** Gateways joined by available gateway peerings (union-find), and the VPCs attached in each set. */
function clustersOf(topology: Topology, vpcAttachmentsByVpc: ReadonlyMap<VpcId, readonly TransitGatewayAttachment[]>) {
  const parent = new Map<TransitGatewayId, TransitGatewayId>();
  const find = (g: TransitGatewayId): TransitGatewayId => {
    let root = g;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(g, root);
    return root;
  };
  for (const g of topology.transitGateways) parent.set(g.id, g.id);
  for (const p of topology.transitGatewayPeerings) {
    if (p.state !== 'available') continue;
    const [x, y] = [p.requester.transitGatewayId, p.accepter.transitGatewayId];
    if (!parent.has(x)) parent.set(x, x);
    if (!parent.has(y)) parent.set(y, y);
    parent.set(find(x), find(y));
  }
  const ids = new Map<TransitGatewayId, number>();
  const cluster = new Map<TransitGatewayId, number>();
  for (const g of parent.keys()) {
    const root = find(g);
    if (!ids.has(root)) ids.set(root, ids.size);
    cluster.set(g, ids.get(root)!);
  }
  const clusterVpcs = new Map<number, VpcId[]>();
  const vpcClusters = new Map<VpcId, Set<number>>();
  for (const [vpcId, attachments] of vpcAttachmentsByVpc) {
    for (const a of attachments) {
      const c = cluster.get(a.transitGatewayId);
      if (c === undefined || a.state !== 'available') continue;
      const set = vpcClusters.get(vpcId) ?? new Set<number>();
      if (set.has(c)) continue;
      set.add(c);
      vpcClusters.set(vpcId, set);
      const list = clusterVpcs.get(c);
      if (list) list.push(vpcId);
      else clusterVpcs.set(c, [vpcId]);
    }
  }
  return { cluster, clusterVpcs, vpcClusters };
}
