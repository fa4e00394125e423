/** The estate as the reach view reads it, indexed once per topology.
 *
 * Every VPC (scanned, or known only from a peering's side) is a node with its account; every
 * pair of VPCs joined by a live peering (active, or on its way: `isLivePeeringStatus`) is one
 * edge, carrying the pair's best peering (an active one over any other). Components of that
 * graph are what "connected" means in the view. What a pair's checks need of one VPC (its
 * serving route tables, compiled once; its IPv4 blocks as numbers; its groups; its subnets by
 * network ACL) is made on first use and kept.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { CompiledTable } from '../forwarding/compiled-table';
import { compileVpcTable } from '../forwarding/vpc-table';
import type { AccountId, VpcId } from '../model/ids';
import type { Peering, Route, RouteTable, SecurityGroup, Topology } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import type { AclGroup } from './reachability-acls';
import { aclGroupsOf } from './reachability-acls';
import { pickGroups } from './reachability-groups';
import type { ResolvedEndpoint } from './reachability-types';
import type { TopologyIndex } from './topology-index';
import { findServingTables, indexTopology } from './topology-index';

/** What the pair checks read of one VPC. */
export interface ReachVpc {
  /** Its node in the index. */
  readonly node: number;
  readonly vpcId: VpcId;
  /** The VPC as a whole-VPC endpoint of the explainer (every subnet, its IPv4 blocks). */
  readonly endpoint: ResolvedEndpoint;
  /** Its IPv4 blocks. */
  readonly ranges: readonly CidrRange[];
  /** First and last address of each block, as numbers (exact below 2^53). */
  readonly lows: Float64Array;
  readonly highs: Float64Array;
  /** The tables serving its subnets, compiled, with the subnets each serves. */
  readonly tables: readonly RouteTable[];
  readonly compiled: readonly CompiledTable<Route>[];
  readonly groups: readonly SecurityGroup[];
  readonly hasSubnets: boolean;
  /** Its subnets grouped by the network ACL guarding them; null when its ACLs are not in the snapshot. */
  readonly aclGroups: readonly AclGroup[] | null;
}

/** The estate's graph and lookups. */
export interface EstateIndex {
  readonly topology: Topology;
  readonly index: TopologyIndex;
  /** Every VPC, sorted by id: node `i` is `ids[i]`. */
  readonly ids: readonly VpcId[];
  readonly nodeOf: ReadonlyMap<VpcId, number>;
  /** Accounts, sorted; `accountOf[i]` is node i's index in it. */
  readonly accounts: readonly AccountId[];
  readonly accountOf: Int32Array;
  /** Live-peering neighbours of node i: `neighbours[offsets[i] .. offsets[i + 1])`, with the pair's peering in `edgePeering`. */
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly edgePeering: readonly Peering[];
  /** Component of each node over live peerings. */
  readonly componentOf: Int32Array;
  readonly componentCount: number;
  /** What the pair checks read of a VPC, made on first use. */
  vpc(node: number): ReachVpc;
}

const cache = new WeakMap<Topology, EstateIndex>();

function peeringRank(p: Peering): number {
  return p.status === 'active' ? 2 : 1;
}

/** Build (or fetch) the reach index of `topology`: topologies are immutable, so it is kept per object. */
export function indexEstate(topology: Topology): EstateIndex {
  const hit = cache.get(topology);
  if (hit) return hit;
  const index = indexTopology(topology);
  const accountByVpc = new Map<VpcId, AccountId>();
  for (const v of topology.vpcs) accountByVpc.set(v.id, v.accountId);
  const live: Peering[] = [];
  for (const p of topology.peerings) {
    if (p.requester.vpcId === p.accepter.vpcId || !isLivePeeringStatus(p.status)) continue;
    live.push(p);
    if (!accountByVpc.has(p.requester.vpcId)) accountByVpc.set(p.requester.vpcId, p.requester.accountId);
    if (!accountByVpc.has(p.accepter.vpcId)) accountByVpc.set(p.accepter.vpcId, p.accepter.accountId);
  }
  const ids = [...accountByVpc.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const nodeOf = new Map<VpcId, number>();
  for (let i = 0; i < ids.length; i++) nodeOf.set(ids[i]!, i);
  const accounts = [...new Set(accountByVpc.values())].sort();
  const accountIndex = new Map(accounts.map((a, i) => [a, i]));
  const accountOf = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) accountOf[i] = accountIndex.get(accountByVpc.get(ids[i]!)!)!;

  // One edge per unordered pair: the active peering if there is one, else the first live one listed.
  const n = ids.length;
  const best = new Map<number, Peering>();
  for (const p of live) {
    const a = nodeOf.get(p.requester.vpcId)!;
    const b = nodeOf.get(p.accepter.vpcId)!;
    const key = Math.min(a, b) * n + Math.max(a, b);
    const current = best.get(key);
    if (!current || peeringRank(p) > peeringRank(current)) best.set(key, p);
  }
  const offsets = new Int32Array(n + 1);
  for (const key of best.keys()) {
    offsets[Math.floor(key / n) + 1]!++;
    offsets[(key % n) + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const neighbours = new Int32Array(offsets[n]!);
  const edgePeering = new Array<Peering>(neighbours.length);
  for (const [key, p] of best) {
    const a = Math.floor(key / n);
    const b = key % n;
    neighbours[fill[a]!] = b;
    edgePeering[fill[a]!++] = p;
    neighbours[fill[b]!] = a;
    edgePeering[fill[b]!++] = p;
  }

  const componentOf = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let componentCount = 0;
  for (let s = 0; s < n; s++) {
    if (componentOf[s] !== -1) continue;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    componentOf[s] = componentCount;
    while (head < tail) {
      const v = queue[head++]!;
      for (let k = offsets[v]!, end = offsets[v + 1]!; k < end; k++) {
        const w = neighbours[k]!;
        if (componentOf[w] === -1) {
          componentOf[w] = componentCount;
          queue[tail++] = w;
        }
      }
    }
    componentCount++;
  }

  const blocks = collectVpcBlocks(topology).byVpc;
  const vpcs = new Array<ReachVpc | undefined>(n);
  const vpc = (node: number): ReachVpc => {
    let made = vpcs[node];
    if (made) return made;
    const vpcId = ids[node]!;
    const ranges = (blocks.get(vpcId) ?? []).filter((b) => b.family === 'ipv4');
    const subnets = index.subnetsByVpc.get(vpcId) ?? [];
    const serving = findServingTables(index, vpcId);
    const tables = serving.map((s) => s.table);
    const endpoint: ResolvedEndpoint = { input: vpcId, kind: 'vpc', vpcId, subnetIds: subnets.map((s) => s.id), cidrs: ranges.map((r) => r.cidr) };
    made = {
      node,
      vpcId,
      endpoint,
      ranges,
      lows: Float64Array.from(ranges, (r) => Number(r.start)),
      highs: Float64Array.from(ranges, (r) => Number(r.end)),
      tables,
      compiled: tables.map((t) => compileVpcTable(index, t)),
      groups: pickGroups(index, vpcId, undefined),
      hasSubnets: subnets.length > 0,
      aclGroups: aclGroupsOf(topology, endpoint),
    };
    vpcs[node] = made;
    return made;
  };

  const estate: EstateIndex = { topology, index, ids, nodeOf, accounts, accountOf, offsets, neighbours, edgePeering, componentOf, componentCount, vpc };
  cache.set(topology, estate);
  return estate;
}
