/** The graph's search: which VPCs a query names, by name, id, CIDR, IP address, account, region or tag.
 *
 * Query words combine with AND. A word is one of:
 * - an IP address (`10.2.3.4`): VPCs holding it (shared/cidr/find-vpcs-by-ip);
 * - a CIDR block (`10.2.0.0/16`): VPCs with a block overlapping it;
 * - `account:x`, `region:x`, `tag:key` or `tag:key=value`;
 * - any other text: found in the name, id, account id or alias, region or tag values.
 */
import { hasOverlap } from '../../shared/cidr/overlap';
import { findVpcsByIp } from '../../shared/cidr/find-vpcs-by-ip';
import { parseCidrRange, parseIpAddress } from '../../shared/cidr/parse-cidr';
import { collectVpcBlocks } from '../../shared/cidr/vpc-blocks';
import type { VpcId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';
import type { DiagramAccount, DiagramVpc } from '../../shared/diagram/members';

/** One result line. */
export interface SearchHit {
  readonly vpcId: VpcId;
  readonly label: string;
  /** Why it matched, e.g. `10.2.3.4 in subnet-1 (10.2.3.0/24)`. */
  readonly why: string;
}

/** What a query found. */
export interface SearchResult {
  readonly query: string;
  /** Matching VPC ids; empty when nothing matched. */
  readonly ids: ReadonlySet<VpcId>;
  /** Matches in display order (best first). */
  readonly hits: readonly SearchHit[];
  /** A word that could not be understood, with what to type instead. */
  readonly problem?: string;
}

type WordFilter = (v: DiagramVpc, aliasOf: (accountId: string) => string | undefined) => string | null;

function textFilter(word: string): WordFilter {
  const w = word.toLowerCase();
  return (v, aliasOf) => {
    const alias = aliasOf(v.accountId);
    if (v.label.toLowerCase().includes(w)) return `name ${v.label}`;
    if (v.id.toLowerCase().includes(w)) return `id ${v.id}`;
    if (v.accountId.includes(w)) return `account ${v.accountId}`;
    if (alias?.toLowerCase().includes(w)) return `account ${alias}`;
    if (v.region.includes(w)) return `region ${v.region}`;
    for (const [k, value] of Object.entries(v.vpc?.tags ?? {})) {
      if (value.toLowerCase().includes(w)) return `tag ${k}=${value}`;
    }
    return null;
  };
}

function parseWord(topology: Topology, word: string): WordFilter | string {
  const colon = word.indexOf(':');
  const key = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
  const value = colon > 0 ? word.slice(colon + 1) : '';
  if (key === 'account') {
    const w = value.toLowerCase();
    return (v, aliasOf) => (v.accountId.includes(w) || (aliasOf(v.accountId)?.toLowerCase().includes(w) ?? false) ? `account ${aliasOf(v.accountId) ?? v.accountId}` : null);
  }
  if (key === 'region') {
    const w = value.toLowerCase();
    return (v) => (v.region.includes(w) ? `region ${v.region}` : null);
  }
  if (key === 'tag') {
    const eq = value.indexOf('=');
    const tagKey = (eq >= 0 ? value.slice(0, eq) : value).toLowerCase();
    const tagValue = eq >= 0 ? value.slice(eq + 1).toLowerCase() : undefined;
    if (!tagKey) return 'tag: needs a key, e.g. tag:env or tag:env=prod';
    return (v) => {
      for (const [k, val] of Object.entries(v.vpc?.tags ?? {})) {
        if (k.toLowerCase() !== tagKey) continue;
        if (tagValue === undefined || val.toLowerCase().includes(tagValue)) return `tag ${k}=${val}`;
      }
      return null;
    };
  }
  if (word.includes('/')) {
    const range = parseCidrRange(word);
    if (!range.ok) return `${word}: ${range.error.message}`;
    const byVpc = collectVpcBlocks(topology).byVpc;
    return (v) => {
      const hit = (byVpc.get(v.id) ?? []).find((b) => hasOverlap(b, range.value));
      return hit ? `${hit.cidr} overlaps ${range.value.cidr}` : null;
    };
  }
  if (/^[0-9.]+$/.test(word) && word.split('.').length === 4) {
    const found = findVpcsByIp(topology, word);
    if (!found.ok) return `${word}: ${found.error.message}`;
    const why = new Map(
      found.value.map((m) => [m.vpcId, m.subnetId ? `${word} in ${m.subnetId} (${m.subnetCidr})` : `${word} in ${m.block}, in no subnet`]),
    );
    return (v) => why.get(v.id) ?? null;
  }
  if (word.includes(':') && parseIpAddress(word).ok) {
    const found = findVpcsByIp(topology, word);
    if (!found.ok) return `${word}: ${found.error.message}`;
    const ids = new Map(found.value.map((m) => [m.vpcId, `${word} in ${m.block}`]));
    return (v) => ids.get(v.id) ?? null;
  }
  return textFilter(word);
}

/** Run `query` over the diagram's VPCs. An empty query matches nothing and reports nothing. */
export function searchTopology(topology: Topology, members: readonly DiagramAccount[], query: string): SearchResult {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { query, ids: new Set(), hits: [] };
  const filters: WordFilter[] = [];
  for (const word of words) {
    const f = parseWord(topology, word);
    if (typeof f === 'string') return { query, ids: new Set(), hits: [], problem: f };
    filters.push(f);
  }
  const aliases = new Map(members.map((a) => [a.accountId, a.alias]));
  const aliasOf = (id: string) => aliases.get(id);
  const hits: SearchHit[] = [];
  for (const account of members) {
    for (const region of account.regions) {
      for (const v of region.vpcs) {
        const reasons: string[] = [];
        for (const f of filters) {
          const why = f(v, aliasOf);
          if (why === null) break;
          reasons.push(why);
        }
        if (reasons.length === filters.length) hits.push({ vpcId: v.id, label: v.label, why: reasons.join(', ') });
      }
    }
  }
  return { query, ids: new Set(hits.map((h) => h.vpcId)), hits };
}

const cache = new WeakMap<readonly DiagramAccount[], Map<string, SearchResult>>();

/** `searchTopology`, remembering the last few queries per diagram (members are memoised per topology). */
export function searchOf(topology: Topology, members: readonly DiagramAccount[], query: string): SearchResult {
  let byQuery = cache.get(members);
  if (!byQuery) cache.set(members, (byQuery = new Map()));
  let hit = byQuery.get(query);
  if (!hit) {
    if (byQuery.size > 20) byQuery.clear();
    hit = searchTopology(topology, members, query);
    byQuery.set(query, hit);
  }
  return hit;
}
