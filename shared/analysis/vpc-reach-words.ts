/** What a VPC reaches, in words, for the VPC inspector's "Reaches" section: every VPC `vpcReach`
 * lists, grouped by direction (both ways, only there, only back, neither), each with the path the
 * routes take (`pcx-…`, `hub-tgw → eu-tgw`), the route deciding each hop, and, where a peering and
 * a transit gateway both join the pair, which one the routes choose.
 *
 * Computed for one VPC (the selected one): `vpcReach` walks its connections only.
 */
import type { VpcId } from '../model/ids';
import type { Topology, TransitGatewayId } from '../model/topology';
import type { DirectionReach, ReachHop, VpcReach } from './vpc-reach';
import { gatewaysJoining, vpcReach } from './vpc-reach';
import { tgwLookupOf } from './tgw-lookup';
import type { TopologyIndex } from './topology-index';
import { indexTopology } from './topology-index';

/** How a VPC is reached: both ways, only from the selected VPC to it, only back, or neither (joined, not routed). */
export type ReachGroup = 'both' | 'there' | 'back' | 'neither';

/** One direction in words. */
export interface DirectionWords {
  /** Whether traffic gets there from every subnet (`yes`), some (`some`), none, or cannot be told offline. */
  readonly status: DirectionReach['status'];
  /** What carries it: `pcx-… (name)`, `hub-tgw → eu-tgw`, or both; empty when nothing does. */
  readonly via: string;
  /** The deciding route at each hop of the path shown: `rtb-1: 10.0.0.0/15 → tgw-1; tgw-rtb-1: 10.1.0.0/16 → tgw-attach-b (propagated)`. */
  readonly routes: string;
  /** Why it does not get there (from every subnet), when it does not. */
  readonly failure?: string;
}

/** One VPC the selected one is joined to. */
export interface ReachWords {
  readonly vpcId: VpcId;
  readonly group: ReachGroup;
  readonly there: DirectionWords;
  readonly back: DirectionWords;
  /** What joins them: `peering`, `transit gateway`, or both. */
  readonly joinedBy: string;
  /** Where a peering and a transit gateway both join them: which one the routes choose. */
  readonly choice?: string;
}

/** A peering as a reach path names it: `pcx-1 (name)` or the id. */
export function reachPeeringLabel(index: TopologyIndex, id: string): string {
  const name = index.peeringById.get(id as never)?.name;
  return name ? `${id} (${name})` : id;
}

/** One hop of a reach path: the deciding VPC or gateway route, or a gateway peering crossed. */
export function reachHopWords(h: ReachHop, gatewayName: (id: TransitGatewayId) => string): string {
  switch (h.kind) {
    case 'vpc-route':
      return `${h.routeTableId}: ${h.destination} → ${h.target.id || h.target.kind}`;
    case 'tgw-route':
      return `${h.routeTableId} (${gatewayName(h.transitGatewayId)}): ${h.destination} → ${h.attachmentIds.length > 0 ? h.attachmentIds.join(', ') : 'blackhole'} (${h.type})`;
    case 'tgw-peering':
      return `over ${h.attachmentId} to ${gatewayName(h.toTransitGatewayId)}`;
  }
}

const reaches = (d: DirectionReach) => d.status === 'yes' || d.status === 'some';

const cache = new WeakMap<Topology, Map<VpcId, readonly ReachWords[]>>();

/** Every VPC `vpcId` is joined to, with each direction in words; sorted by group (both, there, back, neither), then name. */
export function reachWordsOf(topology: Topology, vpcId: VpcId): readonly ReachWords[] {
  let byVpc = cache.get(topology);
  if (!byVpc) cache.set(topology, (byVpc = new Map()));
  const hit = byVpc.get(vpcId);
  if (hit) return hit;
  const index = indexTopology(topology);
  const tgw = tgwLookupOf(topology);
  const gatewayName = (id: TransitGatewayId) => tgw.gatewayById.get(id)?.name ?? id;
  const peeringLabel = (id: string) => reachPeeringLabel(index, id);
  const vpcName = (id: VpcId) => index.vpcById.get(id)?.name ?? id;
  const hopWords = (h: ReachHop): string => reachHopWords(h, gatewayName);

  const directionWords = (d: DirectionReach, from: VpcId, to: VpcId): DirectionWords => {
    const via: string[] = [];
    if (d.ways.includes('peering')) via.push(d.peeringId ? peeringLabel(d.peeringId) : 'a peering');
    if (d.ways.includes('transit-gateway')) {
      const gateways = d.transitGatewayIds ?? gatewaysJoining(topology, from, to).slice(0, 1);
      via.push(gateways.map(gatewayName).join(' → '));
    }
    return {
      status: d.status,
      via: via.join(' and '),
      routes: d.path.map(hopWords).join('; '),
      ...(d.failure && d.status !== 'yes' ? { failure: failureWords(d) } : {}),
    };
  };

  const words = vpcReach(topology, vpcId).map((r: VpcReach): ReachWords => {
    const there = directionWords(r.there, vpcId, r.vpcId);
    const back = directionWords(r.back, r.vpcId, vpcId);
    const group: ReachGroup = reaches(r.there) ? (reaches(r.back) ? 'both' : 'there') : reaches(r.back) ? 'back' : 'neither';
    const both = r.connections.includes('peering') && r.connections.includes('transit-gateway');
    return {
      vpcId: r.vpcId,
      group,
      there,
      back,
      joinedBy: r.connections.map((c) => (c === 'peering' ? 'peering' : 'transit gateway')).join(' and '),
      ...(both ? { choice: choiceWords(r, there, back) } : {}),
    };
  });
  const order: Record<ReachGroup, number> = { both: 0, there: 1, back: 2, neither: 3 };
  words.sort((x, y) => order[x.group] - order[y.group] || vpcName(x.vpcId).localeCompare(vpcName(y.vpcId)));
  byVpc.set(vpcId, words);
  return words;
}

/** Which of a peering and a gateway the routes choose, each way. */
function choiceWords(r: VpcReach, there: DirectionWords, back: DirectionWords): string {
  const one = (d: DirectionReach, w: DirectionWords) => {
    if (d.ways.length === 0) return 'neither';
    if (d.ways.length === 2) return `both, by block (${w.via})`;
    return d.ways[0] === 'peering' ? `the peering (${w.via})` : `the gateway (${w.via})`;
  };
  const out = one(r.there, there);
  const ret = one(r.back, back);
  return out === ret ? `routes choose ${out}, both ways` : `routes choose ${out} there, ${ret} back`;
}

const FAILURE_WORDS: Readonly<Record<string, string>> = {
  'no-route': 'no route',
  blackhole: 'a blackhole route',
  'peering-not-active': 'the peering is not active',
  'not-a-side': 'a peering that does not join it',
  'beyond-peer': 'sent over a peering to another VPC (not transitive)',
  'no-attachment': 'no attachment to the gateway',
  'attachment-not-available': 'the attachment is not available',
  'no-attachment-subnet-in-az': 'no attachment subnet in the zone',
  'no-association': 'the attachment is associated with no gateway table',
  'tgw-peering-not-available': 'the gateway peering is not available',
  'beyond-attachment': 'delivered to an attached VPC that does not hold it',
  'tgw-loop': 'a loop between gateway tables',
};

/** The first failing walk in a few words: `some subnets: no route`. */
function failureWords(d: DirectionReach): string {
  const f = d.failure!;
  const what =
    f.kind === 'dropped'
      ? (FAILURE_WORDS[f.reason] ?? f.reason)
      : f.kind === 'delivered'
        ? 'delivered to another VPC'
        : f.kind === 'no-subnets'
        ? 'no subnets'
        : f.kind === 'local'
          ? 'the blocks overlap (the local route keeps it)'
          : f.kind === 'exits'
            ? `sent out to ${f.target.id || f.target.kind}`
            : f.kind === 'unknown'
              ? 'not decidable offline (routing not read)'
              : 'split: parts go different ways';
  return d.status === 'some' ? `not from every subnet: ${what}` : what;
}
