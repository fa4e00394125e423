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
  // Keyed per gateway, then by the attachment's or VPC's own id string: no key is built per lookup.
  const byKey = new Map<TransitGatewayId, Map<TransitGatewayAttachmentId, TransitGatewayAttachment>>();
  const vpcAttachment = new Map<TransitGatewayId, Map<VpcId, TransitGatewayAttachment>>();
  const vpcAttachmentsByVpc = new Map<VpcId, TransitGatewayAttachment[]>();
  const attachmentsByGateway = new Map<TransitGatewayId, TransitGatewayAttachment[]>();
  for (const a of topology.transitGatewayAttachments) {
    inner(byKey, a.transitGatewayId).set(a.id, a);
    const list = attachmentsByGateway.get(a.transitGatewayId);
    if (list) list.push(a);
    else attachmentsByGateway.set(a.transitGatewayId, [a]);
    if (a.resourceType !== 'vpc') continue;
    const vpcId = a.vpc?.vpcId ?? (a.resourceId as VpcId);
    const byVpc = inner(vpcAttachment, a.transitGatewayId);
    const known = byVpc.get(vpcId);
    // A deleted attachment may linger beside its replacement: the available one is the one traffic takes.
    if (!known || (known.state !== 'available' && a.state === 'available')) byVpc.set(vpcId, a);
    const own = vpcAttachmentsByVpc.get(vpcId);
    if (own) own.push(a);
    else vpcAttachmentsByVpc.set(vpcId, [a]);
  }
  const tableById = new Map(topology.transitGatewayRouteTables.map((t) => [t.id, t] as const));
  const associations = new Map<TransitGatewayId, Map<TransitGatewayAttachmentId, TransitGatewayRouteTableId>>();
  for (const t of topology.transitGatewayRouteTables) {
    for (const link of t.associations) if (link.state === 'associated') inner(associations, t.transitGatewayId).set(link.attachmentId, t.id);
  }
  type Association = ReturnType<TgwLookup['associatedTable']>;
  const associated = new Map<TransitGatewayId, Map<TransitGatewayAttachmentId, Association>>();
  const { cluster, clusterVpcs, vpcClusters } = clustersOf(topology, vpcAttachmentsByVpc);
  const lookup: TgwLookup = {
    gatewayById,
    attachment: (g, id) => byKey.get(g)?.get(id),
    vpcAttachment: (g, vpcId) => vpcAttachment.get(g)?.get(vpcId),
    vpcAttachmentsByVpc,
    attachmentsByGateway,
    tableById,
    associatedTable: (g, id) => {
      const known = inner(associated, g);
      if (known.has(id)) return known.get(id);
      const fromTables = associations.get(g)?.get(id);
      const own = byKey.get(g)?.get(id)?.association;
      const routeTableId = fromTables ?? (own?.state === 'associated' ? own.routeTableId : undefined);
      const table = routeTableId ? tableById.get(routeTableId) : undefined;
      const found = !routeTableId ? undefined : table ? { routeTableId, table } : { routeTableId };
      known.set(id, found);
      return found;
    },
    peeringById: new Map(topology.transitGatewayPeerings.map((p) => [p.id, p] as const)),
    cluster,
    clusterVpcs,
    vpcClusters,
  };
  cache.set(topology, lookup);
  return lookup;
}

/** The map under `key`, made when first asked for. */
function inner<K, L, V>(outer: Map<K, Map<L, V>>, key: K): Map<L, V> {
  let m = outer.get(key);
  if (!m) outer.set(key, (m = new Map()));
  return m;
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
