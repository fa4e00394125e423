/** Lookup tables over a topology, built once per topology object and shared by the analyses. */
import type { CidrRange } from '../cidr/parse-cidr';
import { parseCidrRange } from '../cidr/parse-cidr';
import type { AccountId, PeeringId, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../model/ids';
import type { Account, Peering, RouteTable, SecurityGroup, Subnet, Topology, Vpc } from '../model/topology';

/** Indexes of one topology. */
export interface TopologyIndex {
  readonly vpcById: ReadonlyMap<VpcId, Vpc>;
  readonly subnetById: ReadonlyMap<SubnetId, Subnet>;
  readonly subnetsByVpc: ReadonlyMap<VpcId, readonly Subnet[]>;
  readonly routeTableById: ReadonlyMap<RouteTableId, RouteTable>;
  readonly routeTablesByVpc: ReadonlyMap<VpcId, readonly RouteTable[]>;
  readonly securityGroupById: ReadonlyMap<SecurityGroupId, SecurityGroup>;
  readonly securityGroupsByVpc: ReadonlyMap<VpcId, readonly SecurityGroup[]>;
  readonly peeringById: ReadonlyMap<PeeringId, Peering>;
  /** Every peering (any status) that has the VPC on one side. */
  readonly peeringsByVpc: ReadonlyMap<VpcId, readonly Peering[]>;
  readonly accountById: ReadonlyMap<AccountId, Account>;
  /** Parse a CIDR text, remembering the answer; `null` when it is not a CIDR (e.g. a prefix-list id). */
  readonly rangeOf: (text: string) => CidrRange | null;
}

const cache = new WeakMap<Topology, TopologyIndex>();

function groupBy<K, V>(items: readonly V[], key: (v: V) => K): Map<K, V[]> {
  const m = new Map<K, V[]>();
  for (const item of items) {
    const k = key(item);
    const list = m.get(k);
    if (list) list.push(item);
    else m.set(k, [item]);
  }
  return m;
}

/** Build (or fetch the cached) indexes of `topology`. Topologies are immutable, so caching by identity is safe. */
export function indexTopology(topology: Topology): TopologyIndex {
  const hit = cache.get(topology);
  if (hit) return hit;
  const peeringsByVpc = new Map<VpcId, Peering[]>();
  for (const p of topology.peerings) {
    for (const vpcId of p.requester.vpcId === p.accepter.vpcId ? [p.requester.vpcId] : [p.requester.vpcId, p.accepter.vpcId]) {
      const list = peeringsByVpc.get(vpcId);
      if (list) list.push(p);
      else peeringsByVpc.set(vpcId, [p]);
    }
  }
  const ranges = new Map<string, CidrRange | null>();
  const index: TopologyIndex = {
    vpcById: new Map(topology.vpcs.map((v) => [v.id, v])),
    subnetById: new Map(topology.subnets.map((s) => [s.id, s])),
    subnetsByVpc: groupBy(topology.subnets, (s) => s.vpcId),
    routeTableById: new Map(topology.routeTables.map((t) => [t.id, t])),
    routeTablesByVpc: groupBy(topology.routeTables, (t) => t.vpcId),
    securityGroupById: new Map(topology.securityGroups.map((g) => [g.id, g])),
    securityGroupsByVpc: groupBy(topology.securityGroups, (g) => g.vpcId),
    peeringById: new Map(topology.peerings.map((p) => [p.id, p])),
    peeringsByVpc,
    accountById: new Map(topology.accounts.map((a) => [a.id, a])),
    rangeOf: (text) => {
      let r = ranges.get(text);
      if (r === undefined) {
        const parsed = parseCidrRange(text);
        r = parsed.ok ? parsed.value : null;
        ranges.set(text, r);
      }
      return r;
    },
  };
  cache.set(topology, index);
  return index;
}

/** A VPC's display label: `name (vpc-id)` or the id alone. */
export function labelVpc(index: TopologyIndex, vpcId: VpcId): string {
  const name = index.vpcById.get(vpcId)?.name;
  return name ? `${name} (${vpcId})` : vpcId;
}

/** The route table serving a subnet: its explicit association, else its VPC's main table. */
export function findSubnetRouteTable(index: TopologyIndex, subnet: Subnet): RouteTable | undefined {
  const tables = index.routeTablesByVpc.get(subnet.vpcId) ?? [];
  return tables.find((t) => t.subnetIds.includes(subnet.id)) ?? tables.find((t) => t.main);
}

/** A route table that matters, with the subnets it serves. */
export interface ServingTable {
  readonly table: RouteTable;
  readonly subnetIds: readonly SubnetId[];
}

/**
 * The route tables that carry a VPC's traffic: those with explicit subnet associations, and the
 * main table when some subnet has none ("Route tables for your VPC", Amazon VPC User Guide).
 */
export function findServingTables(index: TopologyIndex, vpcId: VpcId): readonly ServingTable[] {
  const tables = index.routeTablesByVpc.get(vpcId) ?? [];
  const subnets = index.subnetsByVpc.get(vpcId) ?? [];
  const explicit = new Set<SubnetId>();
  const serving: ServingTable[] = [];
  for (const t of tables) {
    if (t.subnetIds.length === 0) continue;
    for (const s of t.subnetIds) explicit.add(s);
  }
  const implicit = subnets.filter((s) => !explicit.has(s.id)).map((s) => s.id);
  for (const t of tables) {
    const served = t.main ? [...t.subnetIds, ...implicit] : t.subnetIds;
    if (served.length > 0) serving.push({ table: t, subnetIds: served });
  }
  return serving;
}
