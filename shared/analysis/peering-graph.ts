/** The active-peering graph of a topology in compressed sparse rows, built once per topology,
 * with the lookups the non-transitivity analysis makes on it (`transitive-paths.ts`). */
import type { PeeringId, VpcId } from '../model/ids';
import type { Peering, Topology } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';

/** The active-peering graph in compressed sparse rows, VPC ids sorted so indices sort like ids. */
export interface PeeringGraph {
  readonly ids: readonly VpcId[];
  readonly indexOf: ReadonlyMap<VpcId, number>;
  /** Neighbours of i are `neighbours[offsets[i] .. offsets[i+1])`. */
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  /** The peering of each neighbour slot. */
  readonly edgePeering: readonly PeeringId[];
  /** Live peerings that are not active, by unordered pair key. */
  readonly notYetActive: ReadonlyMap<string, Peering>;
}

const graphCache = new WeakMap<Topology, PeeringGraph>();

/** The key of an unordered pair of VPCs. */
export function pairKey(a: VpcId, b: VpcId): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** The active-peering graph of `topology` (built once per topology object). */
export function buildGraph(topology: Topology): PeeringGraph {
  const hit = graphCache.get(topology);
  if (hit) return hit;
  // VPC ids, sorted and unique, so indices order like ids (pairs come out sorted for free).
  const all: VpcId[] = topology.vpcs.map((v) => v.id);
  const active: Peering[] = [];
  const notYetActive = new Map<string, Peering>();
  for (const p of topology.peerings) {
    if (p.requester.vpcId === p.accepter.vpcId) continue;
    if (p.status === 'active') {
      active.push(p);
      all.push(p.requester.vpcId, p.accepter.vpcId);
    } else if (isLivePeeringStatus(p.status)) {
      const key = pairKey(p.requester.vpcId, p.accepter.vpcId);
      if (!notYetActive.has(key)) notYetActive.set(key, p);
    }
  }
  all.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const ids: VpcId[] = [];
  for (const id of all) if (ids[ids.length - 1] !== id) ids.push(id);
  const indexOf = new Map<VpcId, number>();
  for (let i = 0; i < ids.length; i++) indexOf.set(ids[i]!, i);
  const n = ids.length;
  // Edges as numbers (low · n + high) sorted, so duplicate pairs sit together; AWS allows one
  // peering per pair, and the first in the topology wins if the data says otherwise.
  const keys = new Float64Array(active.length);
  for (let k = 0; k < active.length; k++) {
    const r = indexOf.get(active[k]!.requester.vpcId)!;
    const a = indexOf.get(active[k]!.accepter.vpcId)!;
    keys[k] = (Math.min(r, a) * n + Math.max(r, a)) * active.length + k;
  }
  keys.sort();
  const edgeLow: number[] = [];
  const edgeHigh: number[] = [];
  const edgeIds: PeeringId[] = [];
  let previousPair = -1;
  for (const key of keys) {
    const k = key % active.length;
    const pair = (key - k) / active.length;
    if (pair === previousPair) continue;
    previousPair = pair;
    edgeLow.push(Math.floor(pair / n));
    edgeHigh.push(pair % n);
    edgeIds.push(active[k]!.id);
  }
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < edgeLow.length; e++) {
    offsets[edgeLow[e]! + 1]!++;
    offsets[edgeHigh[e]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, n);
  const neighbours = new Int32Array(offsets[n]!);
  const edgePeering: PeeringId[] = new Array<PeeringId>(neighbours.length);
  for (let e = 0; e < edgeLow.length; e++) {
    const x = edgeLow[e]!;
    const y = edgeHigh[e]!;
    neighbours[fill[x]!] = y;
    edgePeering[fill[x]!++] = edgeIds[e]!;
    neighbours[fill[y]!] = x;
    edgePeering[fill[y]!++] = edgeIds[e]!;
  }
  const graph: PeeringGraph = { ids, indexOf, offsets, neighbours, edgePeering, notYetActive };
  graphCache.set(topology, graph);
  return graph;
}

/** The active peering joining two VPCs, from the adjacency of the first. */
export function findActiveBetween(g: PeeringGraph, a: VpcId, b: VpcId): PeeringId | undefined {
  const x = g.indexOf.get(a);
  const y = g.indexOf.get(b);
  if (x === undefined || y === undefined || x === y) return undefined;
  for (let k = g.offsets[x]!, end = g.offsets[x + 1]!; k < end; k++) if (g.neighbours[k] === y) return g.edgePeering[k];
  return undefined;
}

/** Breadth-first search over active peerings; empty when there is no path. */
export function findShortestPath(g: PeeringGraph, from: VpcId, to: VpcId): { path: VpcId[]; peeringIds: PeeringId[] } {
  const s = g.indexOf.get(from);
  const t = g.indexOf.get(to);
  if (s === undefined || t === undefined || s === t) return { path: [], peeringIds: [] };
  const n = g.ids.length;
  const parentSlot = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = s;
  parent[s] = s;
  while (head < tail && parent[t] === -1) {
    const v = queue[head++]!;
    for (let k = g.offsets[v]!, end = g.offsets[v + 1]!; k < end; k++) {
      const w = g.neighbours[k]!;
      if (parent[w] !== -1) continue;
      parent[w] = v;
      parentSlot[w] = k;
      queue[tail++] = w;
    }
  }
  if (parent[t] === -1) return { path: [], peeringIds: [] };
  const path: VpcId[] = [];
  const peeringIds: PeeringId[] = [];
  for (let v = t; v !== s; v = parent[v]!) {
    path.push(g.ids[v]!);
    peeringIds.push(g.edgePeering[parentSlot[v]!]!);
  }
  path.push(g.ids[s]!);
  return { path: path.reverse(), peeringIds: peeringIds.reverse() };
}
