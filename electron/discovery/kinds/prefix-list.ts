/** Managed prefix lists in discovery: DescribeManagedPrefixLists (the customer's and the
 * AWS-managed ones of the region), then GetManagedPrefixListEntries for each customer list and
 * each AWS-managed list the region's routes or security-group rules name. */
import {
  DescribeManagedPrefixListsCommand,
  GetManagedPrefixListEntriesCommand,
  type ManagedPrefixList as AwsManagedPrefixList,
  type PrefixListEntry as AwsPrefixListEntry,
  type RouteTable as AwsRouteTable,
  type SecurityGroup as AwsSecurityGroup,
} from '@aws-sdk/client-ec2';

import type { ManagedPrefixList, PrefixListId } from '../../../shared/model/topology';
import { normaliseCidr } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';
import { ROUTE_TABLE_DISCOVERY } from './route-table';
import { SECURITY_GROUP_DISCOVERY } from './security-group';

/** A list as DescribeManagedPrefixLists gives it, with the entries its follow-up call found. */
export interface RawPrefixList {
  readonly list: AwsManagedPrefixList;
  readonly entries: readonly AwsPrefixListEntry[];
  /** True for an AWS-managed list whose entries were not fetched (nothing of the account × region names it). */
  readonly skipped?: boolean;
}

/** Translate one list with its entries. */
export function toManagedPrefixList(raw: RawPrefixList, seen: { accountId: string; region: string }): ManagedPrefixList | undefined {
  const l = raw.list;
  if (!l.PrefixListId?.startsWith('pl-')) return undefined;
  const ownerId = l.OwnerId ?? seen.accountId;
  return {
    id: l.PrefixListId as PrefixListId,
    accountId: seen.accountId,
    region: seen.region,
    name: l.PrefixListName ?? '',
    ownerId,
    awsManaged: ownerId === 'AWS',
    addressFamily: l.AddressFamily ?? 'IPv4',
    ...(l.MaxEntries !== undefined ? { maxEntries: l.MaxEntries } : {}),
    ...(l.Version !== undefined ? { version: l.Version } : {}),
    state: l.State ?? 'create-complete',
    entries: raw.entries
      .flatMap((e) => (e.Cidr ? [{ cidr: normaliseCidr(e.Cidr), ...(e.Description ? { description: e.Description } : {}) }] : []))
      .sort((a, b) => a.cidr.localeCompare(b.cidr)),
    ...(raw.skipped ? { entriesSkipped: true as const } : {}),
  };
}

/** The prefix lists the account × region's routes and security-group rules (both directions) name. */
export function referencedPrefixLists(tables: readonly AwsRouteTable[], groups: readonly AwsSecurityGroup[]): Set<string> {
  const ids = new Set<string>();
  for (const t of tables) for (const r of t.Routes ?? []) if (r.DestinationPrefixListId) ids.add(r.DestinationPrefixListId);
  for (const g of groups) {
    for (const p of [...(g.IpPermissions ?? []), ...(g.IpPermissionsEgress ?? [])]) {
      for (const r of p.PrefixListIds ?? []) if (r.PrefixListId) ids.add(r.PrefixListId);
    }
  }
  return ids;
}

/**
 * The managed prefix list kind of discovery (both calls take pages of at most 100). Entries are
 * fetched for the customer's lists and for the AWS-managed lists a route or rule of the same
 * account × region names: every region has dozens of AWS-managed lists, most named by nothing.
 */
export const MANAGED_PREFIX_LIST_DISCOVERY = discoveryKind({
  actions: { DescribeManagedPrefixLists: 100, GetManagedPrefixListEntries: 100 },
  optional: true,
  scan: async (ec2, fetch, scanned) => {
    const [lists, tables, groups] = await Promise.all([
      fetch('DescribeManagedPrefixLists', (page, abortSignal) => ec2.send(new DescribeManagedPrefixListsCommand(page), { abortSignal }), (o) => o.PrefixLists),
      scanned(ROUTE_TABLE_DISCOVERY),
      scanned(SECURITY_GROUP_DISCOVERY),
    ]);
    const named = referencedPrefixLists(tables, groups);
    return Promise.all(
      lists.map(async (list): Promise<RawPrefixList> => {
        if (!list.PrefixListId) return { list, entries: [] };
        if (list.OwnerId === 'AWS' && !named.has(list.PrefixListId)) return { list, entries: [], skipped: true };
        const entries = await fetch(
          'GetManagedPrefixListEntries',
          (page, abortSignal) => ec2.send(new GetManagedPrefixListEntriesCommand({ ...page, PrefixListId: list.PrefixListId }), { abortSignal }),
          (o) => o.Entries,
        );
        return { list, entries };
      }),
    );
  },
  translate: (raw: RawPrefixList, seen) => toManagedPrefixList(raw, seen),
  // Every account of a region sees the AWS-managed lists: keep a view with its entries if any
  // account's has them, the lowest such account's, so the topology does not depend on which
  // region scan landed first.
  merge: (found) =>
    mergeRegional([...found].sort((a, b) => Number(a.entriesSkipped ?? false) - Number(b.entriesSkipped ?? false) || a.accountId.localeCompare(b.accountId))),
  carry: carryRegional<ManagedPrefixList>,
});
