/** Per block of the destination, the path the routes take: where a VPC has several blocks the
 * routes may send each a different way (one over a peering, another through a gateway), and the
 * Reaches entry's one path, the first delivering walk's, would tell only the first. */
import type { ReachHop, Walk } from '../../../../shared/analysis/vpc-reach-walk';
import { blocksOf, contextOf, groupsOf, pathOf, walkOne } from '../../../../shared/analysis/vpc-reach-walk';
import { reachHopWords, reachPeeringLabel } from '../../../../shared/analysis/vpc-reach-words';
import type { VpcId } from '../../../../shared/model/ids';
import type { Topology, TransitGatewayId } from '../../../../shared/model/topology';

/** One block's path from one source table (or from all of them, when they agree). */
export interface BlockPath {
  /** The destination block, `10.1.0.0/16`. */
  readonly block: string;
  /** The source tables (with their subnets' zones) the path starts from, when the source's tables route this block differently. */
  readonly from?: string;
  readonly delivered: boolean;
  /** What carries it: `pcx-1 (name)`, `hub-tgw → eu-tgw`; empty when it is not delivered. */
  readonly via: string;
  /** The deciding route at each hop: `rtb-1: 10.0.0.0/15 → tgw-1; tgw-rtb-1 (hub-tgw): 10.1.0.0/16 → tgw-attach-b (propagated)`. */
  readonly routes: string;
  /** Why it is not delivered, in a few words (`no route`, `no attachment subnet in zone`). */
  readonly failure?: string;
}

/** Why one walk stops, in a few words. */
function failureOf(w: Walk): string | undefined {
  const f = w.failure;
  if (w.delivered || !f) return undefined;
  switch (f.kind) {
    case 'dropped':
      return f.reason.replaceAll('-', ' ').replace(/\baz$/, 'zone');
    case 'delivered':
      return 'delivered to another VPC';
    case 'exits':
      return `sent out to ${f.target.id || f.target.kind}`;
    case 'split':
      return 'parts go different ways';
    case 'unknown':
      return 'not decidable offline';
    case 'local':
      return 'the blocks overlap (the local route keeps it)';
    case 'no-subnets':
      return 'no subnets';
  }
}

const cache = new WeakMap<Topology, Map<string, readonly BlockPath[] | undefined>>();

/**
 * Each IPv4 block of `to` with the path from `from`, when `to` has several blocks and they are not
 * all routed alike; nothing when one path tells it all (a single block, or every block the same way).
 */
export function blockPathsOf(topology: Topology, from: VpcId, to: VpcId): readonly BlockPath[] | undefined {
  let byPair = cache.get(topology);
  if (!byPair) cache.set(topology, (byPair = new Map()));
  const key = `${from}|${to}`;
  if (byPair.has(key)) return byPair.get(key);
  const paths = compute(topology, from, to);
  byPair.set(key, paths);
  return paths;
}

function compute(topology: Topology, from: VpcId, to: VpcId): readonly BlockPath[] | undefined {
  const ctx = contextOf(topology);
  const groups = groupsOf(ctx, from);
  const blocks = blocksOf(ctx, to);
  if (!groups || groups.length === 0 || blocks.length < 2) return undefined;
  const gatewayName = (id: TransitGatewayId) => ctx.tgw.gatewayById.get(id)?.name ?? id;
  const peeringLabel = (id: string) => reachPeeringLabel(ctx.index, id);
  const hopWords = (h: ReachHop): string => reachHopWords(h, gatewayName);
  const viaOf = (w: Walk): string => {
    if (!w.delivered) return '';
    const via: string[] = [];
    if (w.ways.includes('peering')) via.push(w.peeringId ? peeringLabel(w.peeringId) : 'a peering');
    if (w.ways.includes('transit-gateway') && w.gateways) via.push(w.gateways.map(gatewayName).join(' → '));
    return via.join(' and ');
  };
  const out: BlockPath[] = [];
  for (const block of blocks) {
    // The source's subnet groups (table and zone) that route this block alike share one line.
    const alike = new Map<string, { words: Omit<BlockPath, 'block' | 'from'>; tables: Map<string, string[]> }>();
    for (const g of groups) {
      const w = walkOne(ctx, from, g, to, block);
      const failure = failureOf(w);
      const words = { delivered: w.delivered, via: viaOf(w), routes: pathOf(w).map(hopWords).join('; '), ...(failure ? { failure } : {}) };
      const key = `${words.delivered}|${words.via}|${words.routes}|${failure ?? ''}`;
      let line = alike.get(key);
      if (!line) alike.set(key, (line = { words, tables: new Map() }));
      const zones = line.tables.get(g.table.id) ?? [];
      line.tables.set(g.table.id, [...zones, g.zone]);
    }
    for (const { words, tables } of alike.values()) {
      const fromWords = [...tables].map(([table, zones]) => `${table} (${zones.join(', ')})`).join(', ');
      out.push({ block: block.cidr, ...(alike.size > 1 ? { from: fromWords } : {}), ...words });
    }
  }
  // Every block the same way (the same carrier, delivered alike): the one path says it.
  const first = out[0]!;
  if (out.every((p) => p.from === undefined && p.delivered === first.delivered && p.via === first.via)) return undefined;
  return out;
}
