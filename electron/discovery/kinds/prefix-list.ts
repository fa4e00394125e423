/** Managed prefix lists in discovery: DescribeManagedPrefixLists (the customer's and the
 * AWS-managed ones of the region), then GetManagedPrefixListEntries for each list found. */
import {
  DescribeManagedPrefixListsCommand,
  GetManagedPrefixListEntriesCommand,
  type ManagedPrefixList as AwsManagedPrefixList,
  type PrefixListEntry as AwsPrefixListEntry,
} from '@aws-sdk/client-ec2';

import type { ManagedPrefixList, PrefixListId } from '../../../shared/model/topology';
import { normaliseCidr } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** A list as DescribeManagedPrefixLists gives it, with the entries its follow-up call found. */
export interface RawPrefixList {
  readonly list: AwsManagedPrefixList;
  readonly entries: readonly AwsPrefixListEntry[];
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
  };
}

/** The managed prefix list kind of discovery (both calls take pages of at most 100). */
export const MANAGED_PREFIX_LIST_DISCOVERY = discoveryKind({
  actions: { DescribeManagedPrefixLists: 100, GetManagedPrefixListEntries: 100 },
  optional: true,
  scan: async (ec2, fetch) => {
    const lists = await fetch(
      'DescribeManagedPrefixLists',
      (page, abortSignal) => ec2.send(new DescribeManagedPrefixListsCommand(page), { abortSignal }),
      (o) => o.PrefixLists,
    );
    return Promise.all(
      lists.map(async (list): Promise<RawPrefixList> => {
        if (!list.PrefixListId) return { list, entries: [] };
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
  // Every account of a region sees the AWS-managed lists: keep the lowest account's view, so
  // the topology does not depend on which region scan landed first.
  merge: (found) => mergeRegional([...found].sort((a, b) => a.accountId.localeCompare(b.accountId))),
  carry: carryRegional<ManagedPrefixList>,
});
