/** The shape of one resource kind as discovery sees it: the EC2 calls that fetch it, how one
 * item becomes the model's, and how every region's items become the topology's list.
 *
 * A kind's `scan` walks its describe's pages through `fetch`, and may then call further actions
 * for each item it found (e.g. the associations of each transit gateway route table): every
 * call goes through `fetch`, so it is scheduled, throttled, counted and cancelled like the rest.
 * A kind whose follow-up calls depend on another kind of the same account × region (which
 * prefix lists its routes and rules name, which VPCs its peerings join) awaits that kind's raw
 * items through `scanned`.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';

import type { AccountId, Region } from '../../../shared/model/ids';
import type { UnreadPart } from '../../../shared/model/unread';

/** The account whose credentials made the calls, and the region they went to. */
export interface ScanPlace {
  readonly accountId: AccountId;
  readonly region: Region;
}

/** The paging fields of one request: the page size discovery chose and the token of the page. */
export interface PageRequest {
  readonly MaxResults: number;
  readonly NextToken: string | undefined;
}

/**
 * Fetch every page of one call of `action` (`NextToken` until AWS returns none) and return the
 * items of all of them, in order.
 */
export type FetchPages<A extends string> = <O extends { NextToken?: string | undefined }, R>(
  action: A,
  send: (page: PageRequest, signal: AbortSignal) => Promise<O>,
  items: (out: O) => readonly R[] | undefined,
) => Promise<R[]>;

/**
 * The raw items another kind of the same scan found in this account × region, once its scan
 * has finished (rejects as that scan does; throws for a kind the scan does not run).
 */
export type ScannedItems = <R>(kind: DiscoveryKind<string, R, unknown, unknown>) => Promise<readonly R[]>;

/**
 * Note that a part of a kind's items could not be read (an `optionalActions` call failed): the
 * region's coverage names `part` in `unread` with the error, the first time only.
 */
export type NoteUnread = (part: UnreadPart, error: unknown) => void;

/**
 * One kind in discovery. `A` is its EC2 actions, `Raw` an item as the SDK returns it (with what
 * follow-up calls added), `Found` one region's translated item, `Item` the topology's item.
 * Members are methods, so the registry can hold kinds of different types side by side.
 */
export interface DiscoveryKind<A extends string, Raw, Found, Item> {
  /** Every EC2 action the kind calls, with the largest page each accepts (EC2 `MaxResults`): fewer pages, fewer calls. */
  readonly actions: Readonly<Record<A, number>>;
  /**
   * True for a kind added after the first snapshot version: a failure of its calls leaves its
   * list empty for that account × region and is noted in the coverage (`unread`), where a
   * failure of the others fails the region.
   */
  readonly optional?: boolean;
  /**
   * Actions whose failure does not fail the region even though the kind is not optional: the kind
   * catches it, leaves the optional fields that call fills unset, and says so through `unread`.
   */
  readonly optionalActions?: readonly NoInfer<A>[];
  /** Every raw item of one account × region; `scanned` gives another kind's (see `ScannedItems`). */
  scan(ec2: EC2Client, fetch: FetchPages<A>, scanned: ScannedItems, unread: NoteUnread): Promise<readonly Raw[]>;
  /** One raw item in the model; undefined for one the model cannot hold (no usable id). */
  translate(raw: Raw, seen: ScanPlace): Found | undefined;
  /** Every region's translated items as the topology lists them: each resource once, in a stable order. */
  merge(found: readonly Found[]): readonly Item[];
  /**
   * What of a topology's item still stands when some account × region slices are replaced by a
   * rescan (merge-slices.ts): the views of it that `keep` vouches for, ready to `merge` with the
   * rescan's. `seen` says which slices the item's own snapshot scanned, for an item that more
   * than one slice sees (a peering is seen from each side's account).
   */
  carry(item: Item, keep: (place: ScanPlace) => boolean, seen: (place: ScanPlace) => boolean): readonly Found[];
}

/** Declare a kind with its types inferred from its members. */
export function discoveryKind<A extends string, Raw, Found, Item>(kind: DiscoveryKind<A, Raw, Found, Item>): DiscoveryKind<A, Raw, Found, Item> {
  return kind;
}

/** A resource that lives in one account and region under its own id. */
interface Regional {
  readonly id: string;
  readonly accountId: string;
  readonly region: string;
}

function byPlace<T extends Regional>(a: T, b: T): number {
  return a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.id.localeCompare(b.id);
}

/**
 * The merge of a regional kind: a resource seen by more than one scan (a VPC shared through
 * RAM, seen from its owner and from the account it is shared with) appears once, as first
 * seen; the list goes by account, region and id.
 */
export function mergeRegional<T extends Regional>(found: readonly T[]): readonly T[] {
  const once = new Map<string, T>();
  for (const x of found) if (!once.has(`${x.region}/${x.id}`)) once.set(`${x.region}/${x.id}`, x);
  return [...once.values()].sort(byPlace);
}

/** The carry of a regional kind: the item stands while the slice of its owner and region is kept. */
export function carryRegional<T extends Regional>(item: T, keep: (place: ScanPlace) => boolean): readonly T[] {
  return keep(item) ? [item] : [];
}
