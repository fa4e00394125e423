/** The EC2 calls of one account × region, all paginated, returned as the SDK gives them.
 *
 * Each kind of the registry (`kinds/index.ts`) scans on its own, all at once; a kind walks its
 * pages with `NextToken` until AWS returns none (EC2 API reference, "Pagination") and may then
 * make calls that depend on what it found. `to-topology.ts` turns the result into the model.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';

import type { ResourceKey } from '../../shared/model/topology';
import { DISCOVERY_KEYS, DISCOVERY_KINDS, type RawOf, type ScanAction } from './kinds/index';
import type { DiscoveryKind, NoteUnread, PageRequest, ScannedItems } from './kinds/kind';

export type { ScanAction } from './kinds/index';

/** Everything one account × region returned, untranslated: one list per kind. */
export type RawRegionScan = { readonly [K in ResourceKey]: readonly RawOf<K>[] } & {
  /** Pages fetched per action, for the benchmark's lower bound. */
  readonly pages: Readonly<Record<ScanAction, number>>;
  /** Optional kinds whose calls failed (their lists are empty), with the error. */
  readonly unread: readonly UnreadScan[];
};

/** An optional kind whose scan failed. */
export interface UnreadScan {
  readonly kind: string;
  readonly error: unknown;
}

/** Page size per action: the largest each accepts, as its kind declares it. */
export const MAX_PAGE_SIZES = Object.assign({}, ...DISCOVERY_KEYS.map((k) => DISCOVERY_KINDS[k].actions)) as Readonly<Record<ScanAction, number>>;

/** The actions of the registry's optional kinds: their failure does not fail the region. */
export const OPTIONAL_ACTIONS: ReadonlySet<string> = new Set(
  DISCOVERY_KEYS.flatMap((k) => {
    const kind = DISCOVERY_KINDS[k] as DiscoveryKind<string, unknown, unknown, unknown>;
    return kind.optional ? Object.keys(kind.actions) : [...(kind.optionalActions ?? [])];
  }),
);

/** Every action a region scan performs, in the order the progress grid lists them. */
export const SCAN_ACTIONS = Object.keys(MAX_PAGE_SIZES) as readonly ScanAction[];

/** Runs one call of `action` (the caller adds rate limits, retries and timeouts). */
export type CallAction<A extends string = ScanAction> = <T>(action: A, send: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** Kinds to scan by key, each of any types (the registry, or a test's own). */
export type KindTable = Readonly<Record<string, DiscoveryKind<string, unknown, unknown, unknown>>>;

/**
 * Scan `kinds` in one region, all at once, each through its own pages; the first failure of a
 * kind that is not `optional` rejects (the caller's `call` aborts the rest), an optional kind's
 * failure leaves its list empty and is returned in `unread`. Page sizes: the kind's largest unless
 * `pageSizes` asks for fewer, never under 5.
 */
export async function scanKinds<T extends KindTable>(
  ec2: EC2Client,
  call: CallAction<string>,
  kinds: T,
  pageSizes: Partial<Readonly<Record<string, number>>> = {},
): Promise<{
  readonly raw: { readonly [K in keyof T]: readonly unknown[] };
  readonly pages: Readonly<Record<string, number>>;
  readonly unread: readonly UnreadScan[];
}> {
  const keys = Object.keys(kinds) as (keyof T & string)[];
  const maxSizes: Record<string, number> = Object.assign({}, ...keys.map((k) => kinds[k]!.actions));
  const pages: Record<string, number> = Object.fromEntries(Object.keys(maxSizes).map((a) => [a, 0]));
  const size = (a: string) => Math.min(maxSizes[a]!, Math.max(5, pageSizes[a] ?? maxSizes[a]!));

  async function fetch<O extends { NextToken?: string | undefined }, R>(
    action: string,
    send: (page: PageRequest, signal: AbortSignal) => Promise<O>,
    items: (out: O) => readonly R[] | undefined,
  ): Promise<R[]> {
    if (!(action in maxSizes)) throw new Error(`${action} is not among the actions its kind declares`);
    const all: R[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page: PageRequest = { MaxResults: size(action), NextToken: token };
      const out = await call(action, (signal) => send(page, signal));
      pages[action]! += 1;
      all.push(...(items(out) ?? []));
      token = out.NextToken || undefined;
      // A server that hands back a token it already gave would loop forever; stop instead.
      if (token !== undefined) {
        if (seen.has(token)) throw new Error(`${action} returned the same NextToken twice`);
        seen.add(token);
      }
    } while (token !== undefined);
    return all;
  }

  // Each kind's own scan, by kind, for the kinds that read another's items (`scanned`).
  const scans = new Map<DiscoveryKind<string, unknown, unknown, unknown>, Promise<readonly unknown[]>>();
  const scanned: ScannedItems = <R>(kind: DiscoveryKind<string, R, unknown, unknown>) => {
    const scan = scans.get(kind as DiscoveryKind<string, unknown, unknown, unknown>);
    if (!scan) throw new Error('a kind asked for the items of a kind this scan does not run');
    return scan as Promise<readonly R[]>;
  };
  const unread: UnreadScan[] = [];
  const noteUnread: NoteUnread = (part, error) => {
    if (!unread.some((u) => u.kind === part)) unread.push({ kind: part, error });
  };
  // Every scan starts before any awaits another's items.
  for (const k of keys) {
    const kind = kinds[k]!;
    scans.set(kind, Promise.resolve().then(() => kind.scan(ec2, fetch, scanned, noteUnread)));
  }
  const lists = await Promise.all(
    keys.map((k) => {
      const kind = kinds[k]!;
      const scan = scans.get(kind)!;
      return kind.optional
        ? scan.catch((error: unknown): readonly unknown[] => {
            unread.push({ kind: k, error });
            return [];
          })
        : scan;
    }),
  );
  const raw = Object.fromEntries(keys.map((k, i) => [k, lists[i]])) as { readonly [K in keyof T]: readonly unknown[] };
  return { raw, pages, unread: unread.sort((a, b) => a.kind.localeCompare(b.kind)) };
}

/** Fetch every page of every kind of the registry in one region, concurrently; the first failure aborts the rest. */
export async function scanRegion(
  ec2: EC2Client,
  call: CallAction,
  pageSizes: Partial<Readonly<Record<ScanAction, number>>> = {},
): Promise<RawRegionScan> {
  const { raw, pages, unread } = await scanKinds(ec2, call as CallAction<string>, DISCOVERY_KINDS, pageSizes);
  return { ...(raw as Omit<RawRegionScan, 'pages' | 'unread'>), pages: pages as Record<ScanAction, number>, unread };
}
