/** The managed prefix list kind of the model: the customer's lists and the AWS-managed ones, with their entries. */
import { z } from 'zod';

import type { AccountId, Region } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';

/** A managed prefix list id. */
export type PrefixListId = `pl-${string}`;

/** One entry of a prefix list. */
export interface PrefixListEntry {
  /** The block, normalised. */
  readonly cidr: string;
  readonly description?: string;
}

/** A managed prefix list as one account sees it in one region. */
export interface ManagedPrefixList {
  readonly id: PrefixListId;
  /** The account whose scan saw it (an AWS-managed list is seen by every account of the region). */
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name: string;
  /** The owning account's id, or `AWS` for an AWS-managed list. */
  readonly ownerId: string;
  readonly awsManaged: boolean;
  /** `IPv4` or `IPv6`. */
  readonly addressFamily: string;
  readonly maxEntries?: number;
  readonly version?: number;
  /** `create-complete`, `modify-complete`, … as AWS names it. */
  readonly state: string;
  /** The entries of its current version, by block (none when `entriesSkipped`). */
  readonly entries: readonly PrefixListEntry[];
  /**
   * True for an AWS-managed list whose entries discovery did not fetch: no route or
   * security-group rule of the scanned accounts in its region names it.
   */
  readonly entriesSkipped?: true;
}

/** Schema of a `ManagedPrefixList`. */
export const managedPrefixListSchema = z.object({
  id: idSchema('pl'),
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string(),
  ownerId: z.string(),
  awsManaged: z.boolean(),
  addressFamily: z.string(),
  maxEntries: z.number().int().optional(),
  version: z.number().int().optional(),
  state: z.string(),
  entries: z.array(z.object({ cidr: z.string(), description: z.string().optional() })).readonly(),
  entriesSkipped: z.literal(true).optional(),
});

// Compile-time check that the schema produces exactly the type.
((l: z.infer<typeof managedPrefixListSchema>): ManagedPrefixList => l) satisfies unknown;
((l: ManagedPrefixList): z.infer<typeof managedPrefixListSchema> => l) satisfies unknown;

/** The managed prefix list kind, as the model's registry lists it. */
export const MANAGED_PREFIX_LIST_KIND: ModelKind<ManagedPrefixList> = { schema: managedPrefixListSchema };
