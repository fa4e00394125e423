/** Lookup tables over a topology, built once per topology object and shared by the analyses. */
import type { CidrRange } from '../cidr/parse-cidr';
import { tryParseCidrRange } from '../cidr/parse-cidr';
import type { AccountId, PeeringId, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../model/ids';
import type { Account, Peering, RouteTable, SecurityGroup, Subnet, Topology, Vpc } from '../model/topology';
import type { CliPlace } from '../words/aws-cli';

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
  /** The parsed entries of a managed prefix list the snapshot holds, by id (a list id names one list in one region). */
  readonly prefixListEntries: (id: string) => readonly CidrRange[] | undefined;
}

const cache = new WeakMap<Topology, TopologyIndex>();

function mapBy<K, V>(items: readonly V[], key: (v: V) => K): Map<K, V> {
  const m = new Map<K, V>();
  for (const item of items) m.set(key(item), item);
  return m;
}

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

/** Each map is built on first use: an analysis pays only for the lookups it makes. */
class LazyTopologyIndex implements TopologyIndex {
  #vpcById?: Map<VpcId, Vpc>;
  #subnetById?: Map<SubnetId, Subnet>;
  #subnetsByVpc?: Map<VpcId, Subnet[]>;
  #routeTableById?: Map<RouteTableId, RouteTable>;
  #routeTablesByVpc?: Map<VpcId, RouteTable[]>;
  #securityGroupById?: Map<SecurityGroupId, SecurityGroup>;
  #securityGroupsByVpc?: Map<VpcId, SecurityGroup[]>;
  #peeringById?: Map<PeeringId, Peering>;
  #peeringsByVpc?: Map<VpcId, Peering[]>;
  #accountById?: Map<AccountId, Account>;
  readonly #ranges = new Map<string, CidrRange | null>();
  #prefixLists?: Map<string, readonly CidrRange[]>;

  constructor(private readonly topology: Topology) {}

  get vpcById(): ReadonlyMap<VpcId, Vpc> {
    return (this.#vpcById ??= mapBy(this.topology.vpcs, (v) => v.id));
  }
  get subnetById(): ReadonlyMap<SubnetId, Subnet> {
    return (this.#subnetById ??= mapBy(this.topology.subnets, (s) => s.id));
  }
  get subnetsByVpc(): ReadonlyMap<VpcId, readonly Subnet[]> {
    return (this.#subnetsByVpc ??= groupBy(this.topology.subnets, (s) => s.vpcId));
  }
  get routeTableById(): ReadonlyMap<RouteTableId, RouteTable> {
    return (this.#routeTableById ??= mapBy(this.topology.routeTables, (t) => t.id));
  }
  get routeTablesByVpc(): ReadonlyMap<VpcId, readonly RouteTable[]> {
    return (this.#routeTablesByVpc ??= groupBy(this.topology.routeTables, (t) => t.vpcId));
  }
  get securityGroupById(): ReadonlyMap<SecurityGroupId, SecurityGroup> {
    return (this.#securityGroupById ??= mapBy(this.topology.securityGroups, (g) => g.id));
  }
  get securityGroupsByVpc(): ReadonlyMap<VpcId, readonly SecurityGroup[]> {
    return (this.#securityGroupsByVpc ??= groupBy(this.topology.securityGroups, (g) => g.vpcId));
  }
  get peeringById(): ReadonlyMap<PeeringId, Peering> {
    return (this.#peeringById ??= mapBy(this.topology.peerings, (p) => p.id));
  }
  get peeringsByVpc(): ReadonlyMap<VpcId, readonly Peering[]> {
    if (!this.#peeringsByVpc) {
      const m = new Map<VpcId, Peering[]>();
      for (const p of this.topology.peerings) {
        for (const vpcId of p.requester.vpcId === p.accepter.vpcId ? [p.requester.vpcId] : [p.requester.vpcId, p.accepter.vpcId]) {
          const list = m.get(vpcId);
          if (list) list.push(p);
          else m.set(vpcId, [p]);
        }
      }
      this.#peeringsByVpc = m;
    }
    return this.#peeringsByVpc;
  }
  get accountById(): ReadonlyMap<AccountId, Account> {
    return (this.#accountById ??= mapBy(this.topology.accounts, (a) => a.id));
  }

  prefixListEntries = (id: string): readonly CidrRange[] | undefined => {
    if (!this.#prefixLists) {
      const m = new Map<string, readonly CidrRange[]>();
      for (const list of this.topology.prefixLists) {
        if (!m.has(list.id)) m.set(list.id, list.entries.map((e) => this.rangeOf(e.cidr)).filter((r): r is CidrRange => r !== null));
      }
      this.#prefixLists = m;
    }
    return this.#prefixLists.get(id);
  };

  rangeOf = (text: string): CidrRange | null => {
    let r = this.#ranges.get(text);
    if (r === undefined) this.#ranges.set(text, (r = tryParseCidrRange(text)));
    return r;
  };
}

/** Build (or fetch the cached) indexes of `topology`. Topologies are immutable, so caching by identity is safe. */
export function indexTopology(topology: Topology): TopologyIndex {
  let index = cache.get(topology);
  if (!index) cache.set(topology, (index = new LazyTopologyIndex(topology)));
  return index;
}

/** Where an AWS CLI fix runs: the account's first known profile (when the snapshot has one), and the region. */
export function cliPlaceOf(index: TopologyIndex, accountId: string, region: string): CliPlace {
  const profile = index.accountById.get(accountId as AccountId)?.profiles[0];
  return { ...(profile ? { profile } : {}), ...(region ? { region } : {}) };
}

/** A VPC's display label: `name (vpc-id)` or the id alone. */
export function labelVpc(index: TopologyIndex, vpcId: VpcId): string {
  const name = index.vpcById.get(vpcId)?.name;
  return name ? `${name} (${vpcId})` : vpcId;
}

/** A peering's display label: `name (pcx-id)` from its Name tag, or the id alone. */
export function labelPeering(index: TopologyIndex, peeringId: PeeringId): string {
  const name = index.peeringById.get(peeringId)?.name;
  return name ? `${name} (${peeringId})` : peeringId;
}

/** A route table's display label: `name (rtb-id)` from its Name tag, or the id alone. */
export function labelRouteTable(table: Pick<RouteTable, 'id' | 'name'>): string {
  return table.name ? `${table.name} (${table.id})` : table.id;
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

/** The tables that serve subnets, and the subnets each serves, index-aligned. */
export interface ServingTableLists {
  readonly tables: readonly RouteTable[];
  readonly subnetIds: readonly (readonly SubnetId[])[];
}

/**
 * Of one VPC's `tables` and `subnets`, the tables that carry its traffic: those with explicit
 * subnet associations, and the main table when some subnet has none ("Route tables for your
 * VPC", Amazon VPC User Guide). Without sets, closures or arrays grown from empty: route
 * completeness runs this for every VPC of the topology.
 */
export function servingTablesOf(tables: readonly RouteTable[], subnets: readonly Subnet[]): ServingTableLists {
  let implicit: SubnetId[] | null = null;
  for (const s of subnets) {
    let associated = false;
    for (let t = 0; t < tables.length && !associated; t++) associated = tables[t]!.subnetIds.includes(s.id);
    if (associated) continue;
    if (implicit) implicit.push(s.id);
    else implicit = [s.id];
  }
  let count = 0;
  for (const t of tables) if (t.subnetIds.length > 0 || (t.main && implicit)) count++;
  const serving = new Array<RouteTable>(count);
  const subnetIds = new Array<readonly SubnetId[]>(count);
  count = 0;
  for (const t of tables) {
    const served = t.main && implicit ? (t.subnetIds.length > 0 ? [...t.subnetIds, ...implicit] : implicit) : t.subnetIds;
    if (served.length === 0) continue;
    serving[count] = t;
    subnetIds[count++] = served;
  }
  return { tables: serving, subnetIds };
}

/** `servingTablesOf` a VPC of the index, as one object per table. */
export function findServingTables(index: TopologyIndex, vpcId: VpcId): readonly ServingTable[] {
  const { tables, subnetIds } = servingTablesOf(index.routeTablesByVpc.get(vpcId) ?? [], index.subnetsByVpc.get(vpcId) ?? []);
  return tables.map((table, i) => ({ table, subnetIds: subnetIds[i]! }));
}
