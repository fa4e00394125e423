/** VPCs connected only through other VPCs: peering is not transitive.
 *
 * "VPC peering limitations" (AWS): A–B and B–C peered does not let A reach C through B; A and C
 * need their own peering. Only active peerings carry traffic, so only they make edges here. A
 * pair that transit gateways carry both ways (`vpc-reach.ts`) is not broken by non-transitivity
 * and is not reported.
 */
import type { PeeringId, VpcId } from '../model/ids';
import type { PeeringStatus, Topology } from '../model/topology';
import type { PeeringVerdict, ValidatePeeringOptions } from './validate-peering';
import { validatePeering } from './validate-peering';
import { transitGatewayCarries } from './vpc-reach';
import { buildGraph, findActiveBetween, findShortestPath, pairKey, type PeeringGraph } from './peering-graph';

/** Two VPCs two active peerings apart, with no active peering of their own. */
export interface NonTransitivePair {
  /** The lower VPC id. */
  readonly a: VpcId;
  readonly b: VpcId;
  /** One shortest path: `[a, via, b]`. */
  readonly path: readonly [VpcId, VpcId, VpcId];
  /** The peerings along `path`. */
  readonly peeringIds: readonly [PeeringId, PeeringId];
  /** How many different VPCs sit between them (each a two-hop path). */
  readonly viaCount: number;
  /** A direct peering that exists but is not active yet (pending, provisioning …), if any. */
  readonly directPeering?: { readonly id: PeeringId; readonly status: PeeringStatus };
}

/** A set of VPCs joined by active peerings. */
export interface PeeredComponent {
  readonly vpcCount: number;
  readonly peeringCount: number;
  /** Pairs inside the component with no direct active peering: each needs one to talk. */
  readonly indirectPairCount: number;
  /** Up to five member VPC ids, lowest first. */
  readonly sampleVpcIds: readonly VpcId[];
}

/** Everything `findNonTransitivePairs` found. */
export interface NonTransitiveReport {
  /** Pairs at distance exactly two, sorted by `a`, then `b`; at most `maxPairs`. */
  readonly pairs: readonly NonTransitivePair[];
  /** All pairs at distance exactly two, counted even past the limit (not those transit gateways carry). */
  readonly totalDistanceTwoPairs: number;
  /** Pairs at distance two left out because transit gateways carry them both ways. */
  readonly carriedByTransitGateway: number;
  readonly truncated: boolean;
  /** Components of three or more VPCs, largest first. */
  readonly components: readonly PeeredComponent[];
  /** All pairs connected through others at any distance (sum over components). */
  readonly totalIndirectPairs: number;
}

/** Options for `findNonTransitivePairs`. */
export interface FindNonTransitivePairsOptions {
  /** List at most this many pairs (default 1,000); at 10,000 VPCs there are hundreds of thousands. */
  readonly maxPairs?: number;
}

/**
 * Pairs of VPCs connected only through other VPCs.
 *
 * Lists pairs at distance exactly two (A–B–C without A–C: the case people expect to work), with
 * one path each and the number of VPCs in between; counts them all; and summarises each
 * component of the active-peering graph with how many of its pairs lack a direct peering (pairs
 * further apart). Cost Σ degree² for the two-hop pairs plus O(V + E) for components, on typed
 * arrays (see `npm run bench:analysis` for the time at 10,000 VPCs and 20,000 peerings).
 */
export function findNonTransitivePairs(topology: Topology, opts: FindNonTransitivePairsOptions = {}): NonTransitiveReport {
  const maxPairs = opts.maxPairs ?? 1_000;
  const g = buildGraph(topology);
  const n = g.ids.length;
  const { offsets, neighbours } = g;
  // stamp[c] === a + 1 means c is a's direct neighbour; seen[c] === a + 1 means c was reached in two hops from a.
  const stamp = new Int32Array(n);
  const seen = new Int32Array(n);
  const viaCount = new Int32Array(n);
  const firstVia = new Int32Array(n);
  const firstVia2 = new Int32Array(n);
  const carried = new Int32Array(n);
  const hasGateways = topology.transitGateways.length > 0;
  let carriedCount = 0;
  const pairs: NonTransitivePair[] = [];
  let total = 0;
  const found: number[] = [];
  for (let a = 0; a < n; a++) {
    const mark = a + 1;
    const aStart = offsets[a]!;
    const aEnd = offsets[a + 1]!;
    for (let k = aStart; k < aEnd; k++) stamp[neighbours[k]!] = mark;
    found.length = 0;
    for (let k = aStart; k < aEnd; k++) {
      const b = neighbours[k]!;
      for (let m = offsets[b]!, end = offsets[b + 1]!; m < end; m++) {
        const c = neighbours[m]!;
        // Count each unordered pair once, from its lower end.
        if (c <= a || stamp[c] === mark) continue;
        if (seen[c] !== mark) {
          seen[c] = mark;
          // Transit gateways may carry the pair, which then is not broken by non-transitivity.
          if (hasGateways && transitGatewayCarries(topology, g.ids[a]!, g.ids[c]!)) {
            carried[c] = mark;
            carriedCount++;
            continue;
          }
          viaCount[c] = 1;
          firstVia[c] = k;
          firstVia2[c] = m;
          total++;
          if (pairs.length < maxPairs) found.push(c);
        } else if (carried[c] !== mark) {
          viaCount[c]!++;
        }
      }
    }
    if (found.length === 0) continue;
    // Sort before cutting so a limited list is a prefix of the full one.
    found.sort((x, y) => x - y);
    if (found.length > maxPairs - pairs.length) found.length = maxPairs - pairs.length;
    for (const c of found) {
      const k = firstVia[c]!;
      const m = firstVia2[c]!;
      const via = neighbours[k]!;
      const aId = g.ids[a]!;
      const cId = g.ids[c]!;
      const pending = g.notYetActive.get(pairKey(aId, cId));
      pairs.push({
        a: aId,
        b: cId,
        path: [aId, g.ids[via]!, cId],
        peeringIds: [g.edgePeering[k]!, g.edgePeering[m]!],
        viaCount: viaCount[c]!,
        ...(pending ? { directPeering: { id: pending.id, status: pending.status } } : {}),
      });
    }
  }

  const components = findComponents(g);
  return {
    pairs,
    totalDistanceTwoPairs: total,
    carriedByTransitGateway: carriedCount,
    truncated: pairs.length < total,
    components: components.filter((c) => c.vpcCount >= 3),
    totalIndirectPairs: components.reduce((sum, c) => sum + c.indirectPairCount, 0),
  };
}

function findComponents(g: PeeringGraph): PeeredComponent[] {
  const n = g.ids.length;
  const component = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const result: PeeredComponent[] = [];
  for (let start = 0; start < n; start++) {
    if (component[start] !== -1 || g.offsets[start] === g.offsets[start + 1]) continue;
    const id = result.length;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    component[start] = id;
    let degreeSum = 0;
    const sample: VpcId[] = [];
    while (head < tail) {
      const v = queue[head++]!;
      if (sample.length < 5) sample.push(g.ids[v]!);
      for (let k = g.offsets[v]!, end = g.offsets[v + 1]!; k < end; k++) {
        degreeSum++;
        const w = g.neighbours[k]!;
        if (component[w] === -1) {
          component[w] = id;
          queue[tail++] = w;
        }
      }
    }
    const vpcCount = tail;
    const peeringCount = degreeSum / 2;
    result.push({
      vpcCount,
      peeringCount,
      indirectPairCount: (vpcCount * (vpcCount - 1)) / 2 - peeringCount,
      sampleVpcIds: sample.sort(),
    });
  }
  return result.sort((x, y) => y.vpcCount - x.vpcCount);
}

/** Why two VPCs have no direct path, and what would give them one. */
export type NoDirectPathExplanation =
  | {
      readonly status: 'direct';
      readonly a: VpcId;
      readonly b: VpcId;
      readonly peeringId: PeeringId;
      readonly message: string;
    }
  | {
      readonly status: 'not-yet-active';
      readonly a: VpcId;
      readonly b: VpcId;
      readonly peeringId: PeeringId;
      readonly peeringStatus: PeeringStatus;
      /** Shortest path through active peerings meanwhile, empty when none. */
      readonly path: readonly VpcId[];
      readonly peeringIds: readonly PeeringId[];
      readonly message: string;
      readonly fix: string;
    }
  | {
      readonly status: 'indirect' | 'unconnected';
      readonly a: VpcId;
      readonly b: VpcId;
      /** Shortest path through active peerings (`indirect`), empty when `unconnected`. */
      readonly path: readonly VpcId[];
      readonly peeringIds: readonly PeeringId[];
      readonly message: string;
      /** The direct peering that would connect them, and whether AWS would allow it. */
      readonly proposal: { readonly requesterVpcId: VpcId; readonly accepterVpcId: VpcId; readonly verdict: PeeringVerdict };
    };

/**
 * For a chosen pair: are they directly peered, and if not, the shortest path that does not work
 * (peering is not transitive) and the direct peering that would, with its validity.
 */
export function explainNoDirectPath(
  topology: Topology,
  a: VpcId,
  b: VpcId,
  opts: ValidatePeeringOptions = {},
): NoDirectPathExplanation {
  const g = buildGraph(topology);
  const key = pairKey(a, b);
  const active = findActiveBetween(g, a, b);
  if (active) {
    return { status: 'direct', a, b, peeringId: active, message: `${a} and ${b} are directly peered by ${active} (active).` };
  }
  const { path, peeringIds } = findShortestPath(g, a, b);
  const pending = a === b ? undefined : g.notYetActive.get(key);
  if (pending) {
    return {
      status: 'not-yet-active',
      a,
      b,
      peeringId: pending.id,
      peeringStatus: pending.status,
      path,
      peeringIds,
      message: `${a} and ${b} have a direct peering, ${pending.id}, but it is ${pending.status}: no traffic flows until it is active.`,
      fix:
        pending.status === 'pending-acceptance'
          ? `Accept ${pending.id} as account ${pending.accepter.accountId} in ${pending.accepter.region}.`
          : `Wait for ${pending.id} to settle and rescan.`,
    };
  }
  const verdict = validatePeering(topology, a, b, opts);
  const proposal = { requesterVpcId: a, accepterVpcId: b, verdict };
  if (path.length === 0) {
    return {
      status: 'unconnected',
      a,
      b,
      path,
      peeringIds,
      message: `${a} and ${b} are not connected by any chain of active peerings.`,
      proposal,
    };
  }
  const hops = path.slice(1, -1).join(', ');
  return {
    status: 'indirect',
    a,
    b,
    path,
    peeringIds,
    message:
      `${a} reaches ${b} only through ${hops} (${path.join(' → ')}); VPC peering is not transitive, ` +
      `so traffic cannot pass through ${path.length > 3 ? 'those VPCs' : path[1]}. A direct peering is needed.`,
    proposal,
  };
}
