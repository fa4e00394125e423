/** The graph's search: which items of the canvas a query names. Each kind gives its items and
 * their words (renderer/graph/kinds, `search`); this matches words against them.
 *
 * Query words combine with AND; double quotes keep spaces inside one word (`account:"Shared
 * Network"`, for account names with spaces). A word is one of:
 * - an IP address (`10.2.3.4`) or a CIDR block (`10.2.0.0/16`): items holding it or overlapping it;
 * - `tag:key` or `tag:key=value`;
 * - `key:text` for a key some item has (`account:`, `ou:`, `region:`, `name:`, `id:`): terms of
 *   that key containing the text (`ou:Workloads` finds `Workloads/Production` too);
 * - any other text: found, case-insensitive, in any term of an item or of the frames holding it,
 *   then in its tag values.
 */
import type { DiagramAccount } from '../../shared/diagram/members';
import { parseCidrRange, parseIpAddress } from '../../shared/cidr/parse-cidr';
import type { Topology } from '../../shared/model/topology';
import { entryOf, KIND_ENTRIES } from './kinds';
import type { GraphKind } from './kinds';
import type { AddressQuery, SearchActions, SearchEntry, SearchTerm } from './search-entry';

/** One result line. */
export interface SearchHit {
  readonly kind: GraphKind;
  readonly id: string;
  readonly label: string;
  /** Why it matched, e.g. `10.2.3.4 in subnet-1 (10.2.3.0/24)`. */
  readonly why: string;
  /** The nodes to bring into view when it is chosen. */
  readonly fit: readonly string[];
}

/** What a query found. */
export interface SearchResult {
  readonly query: string;
  /** Ids of the matching items; empty when nothing matched. */
  readonly ids: ReadonlySet<string>;
  /** Matches in display order (the kinds' table order, each kind's items as drawn). */
  readonly hits: readonly SearchHit[];
  /** A word that could not be understood, with what to type instead. */
  readonly problem?: string;
}

/** A result candidate with its terms and its holders' terms, lower-cased once. */
interface Candidate {
  readonly entry: SearchEntry;
  /** Its own terms, then its holders' from the outermost in. */
  readonly terms: readonly (SearchTerm & { readonly lower: string })[];
  readonly tags: readonly { readonly key: string; readonly value: string; readonly lowerKey: string; readonly lower: string }[];
}

interface SearchIndex {
  readonly candidates: readonly Candidate[];
  /** Every term key of any candidate. */
  readonly keys: ReadonlySet<string>;
}

function buildIndex(topology: Topology, members: readonly DiagramAccount[], showDeleted: boolean): SearchIndex {
  const source = { topology, members, showDeleted };
  const byId = new Map<string, SearchEntry>();
  const listed: SearchEntry[] = [];
  for (const [, entry] of KIND_ENTRIES) {
    if (!entry.search) continue;
    for (const e of entry.search.entries(source)) {
      byId.set(e.id, e);
      if (entry.search.result) listed.push(e);
    }
  }
  const keys = new Set<string>();
  const candidates = listed.map((entry): Candidate => {
    const holders: SearchEntry[] = [];
    for (let h = entry.within ? byId.get(entry.within) : undefined; h && !holders.includes(h); h = h.within ? byId.get(h.within) : undefined) holders.unshift(h);
    const terms = [entry, ...holders].flatMap((e) => e.terms).map((t) => ({ ...t, lower: t.value.toLowerCase() }));
    for (const t of terms) keys.add(t.key);
    const tags = Object.entries(entry.tags ?? {}).map(([key, value]) => ({ key, value, lowerKey: key.toLowerCase(), lower: value.toLowerCase() }));
    return { entry, terms, tags };
  });
  return { candidates, keys };
}

const indexes = new WeakMap<readonly DiagramAccount[], Map<boolean, SearchIndex>>();

function indexOf(topology: Topology, members: readonly DiagramAccount[], showDeleted: boolean): SearchIndex {
  let byFlag = indexes.get(members);
  if (!byFlag) indexes.set(members, (byFlag = new Map()));
  let index = byFlag.get(showDeleted);
  if (!index) byFlag.set(showDeleted, (index = buildIndex(topology, members, showDeleted)));
  return index;
}

type WordFilter = (c: Candidate) => string | null;

function textFilter(word: string): WordFilter {
  const w = word.toLowerCase();
  return (c) => {
    for (const t of c.terms) if (t.lower.includes(w)) return `${t.key} ${t.value}`;
    for (const t of c.tags) if (t.lower.includes(w)) return `tag ${t.key}=${t.value}`;
    return null;
  };
}

function keyFilter(key: string, text: string): WordFilter {
  const w = text.toLowerCase();
  return (c) => {
    for (const t of c.terms) if (t.key === key && t.lower.includes(w)) return `${t.key} ${t.value}`;
    return null;
  };
}

function tagFilter(value: string): WordFilter | string {
  const eq = value.indexOf('=');
  const tagKey = (eq >= 0 ? value.slice(0, eq) : value).toLowerCase();
  const tagValue = eq >= 0 ? value.slice(eq + 1).toLowerCase() : undefined;
  if (!tagKey) return 'tag: needs a key, e.g. tag:env or tag:env=prod';
  return (c) => {
    for (const t of c.tags) {
      if (t.lowerKey !== tagKey) continue;
      if (tagValue === undefined || t.lower.includes(tagValue)) return `tag ${t.key}=${t.value}`;
    }
    return null;
  };
}

/** The address a word names, a message when it looks like one but is not, or nothing. */
function addressOf(word: string): AddressQuery | string | undefined {
  if (word.includes('/')) {
    const range = parseCidrRange(word);
    return range.ok ? { kind: 'block', range: range.value } : `${word}: ${range.error.message}`;
  }
  if (/^[0-9.]+$/.test(word) && word.split('.').length === 4) return { kind: 'ip', text: word, family: 'ipv4' };
  if (word.includes(':') && parseIpAddress(word).ok) return { kind: 'ip', text: word, family: 'ipv6' };
  return undefined;
}

function addressFilter(topology: Topology, word: string, query: AddressQuery): WordFilter | string {
  const why = new Map<string, string>();
  for (const [, entry] of KIND_ENTRIES) {
    const found = entry.search?.address?.(topology, query);
    if (!found) continue;
    if (!found.ok) return `${word}: ${found.error.message}`;
    for (const [id, reason] of found.value) why.set(id, reason);
  }
  return (c) => why.get(c.entry.id) ?? null;
}

function parseWord(topology: Topology, index: SearchIndex, word: string): WordFilter | string {
  const colon = word.indexOf(':');
  const key = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
  const value = colon > 0 ? word.slice(colon + 1) : '';
  if (key === 'tag') return tagFilter(value);
  if (key && index.keys.has(key)) return keyFilter(key, value);
  const address = addressOf(word);
  if (typeof address === 'string') return address;
  if (address) return addressFilter(topology, word, address);
  return textFilter(word);
}

/** The words of a query: runs of non-space characters, where a double-quoted part may hold spaces (its quotes dropped; an unclosed quote runs to the end). */
function queryWords(query: string): string[] {
  return (query.match(/(?:[^\s"]+|"[^"]*"?)+/g) ?? []).map((w) => w.replace(/"/g, '')).filter((w) => w.trim() !== '');
}

/** Run `query` over the items the canvas draws. An empty query matches nothing and reports nothing. */
export function searchTopology(topology: Topology, members: readonly DiagramAccount[], query: string, showDeleted = false): SearchResult {
  const words = queryWords(query);
  if (words.length === 0) return { query, ids: new Set(), hits: [] };
  const index = indexOf(topology, members, showDeleted);
  const filters: WordFilter[] = [];
  for (const word of words) {
    const f = parseWord(topology, index, word);
    if (typeof f === 'string') return { query, ids: new Set(), hits: [], problem: f };
    filters.push(f);
  }
  const hits: SearchHit[] = [];
  for (const c of index.candidates) {
    const reasons: string[] = [];
    for (const f of filters) {
      const why = f(c);
      if (why === null) break;
      reasons.push(why);
    }
    if (reasons.length === filters.length) hits.push({ kind: c.entry.kind, id: c.entry.id, label: c.entry.label, why: reasons.join(', '), fit: c.entry.fit });
  }
  return { query, ids: new Set(hits.map((h) => h.id)), hits };
}

const cache = new WeakMap<readonly DiagramAccount[], Map<string, SearchResult>>();

/** `searchTopology`, remembering the last few queries per diagram (members are memoised per topology and deleted-peerings flag). */
export function searchOf(topology: Topology, members: readonly DiagramAccount[], query: string, showDeleted = false): SearchResult {
  let byQuery = cache.get(members);
  if (!byQuery) cache.set(members, (byQuery = new Map()));
  const key = `${showDeleted ? 1 : 0}${query}`;
  let hit = byQuery.get(key);
  if (!hit) {
    if (byQuery.size > 20) byQuery.clear();
    hit = searchTopology(topology, members, query, showDeleted);
    byQuery.set(key, hit);
  }
  return hit;
}

/** How many results of each kind, in words: `6 VPCs`, `1 VPC and 2 peerings`; empty for none. */
export function countHits(hits: readonly SearchHit[]): string {
  const parts: string[] = [];
  for (const [kind, entry] of KIND_ENTRIES) {
    const noun = entry.search?.result?.noun;
    const n = noun ? hits.filter((h) => h.kind === kind).length : 0;
    if (noun && n > 0) parts.push(`${n} ${n === 1 ? noun[0] : noun[1]}`);
  }
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Select a chosen result, as its kind selects one. */
export function chooseHit(actions: SearchActions, hit: SearchHit): void {
  entryOf(hit.kind).search?.result?.choose(actions, hit.id);
}
