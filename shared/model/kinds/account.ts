/** An AWS account of the topology: not a resource discovery describes, but the owner of them all. */
import { z } from 'zod';

import type { AccountId } from '../ids';
import { accountIdSchema } from './common';

/** An AWS account, with every local profile that can act in it. */
export interface Account {
  readonly id: AccountId;
  /** The account alias or a friendly name, when known. */
  readonly alias?: string;
  /** The account's name in AWS Organizations, when known. */
  readonly name?: string;
  /** The OU path the account sits in, OU names from the root down (`Workloads/Production`; empty
   * for the root), when an organisation scan read the OU tree. */
  readonly ouPath?: string;
  /** Names of the profiles whose identity resolves to this account (acceptance needs one). */
  readonly profiles: readonly string[];
}

/** Schema of an `Account`. */
export const accountSchema = z.object({
  id: accountIdSchema,
  alias: z.string().optional(),
  name: z.string().optional(),
  ouPath: z.string().optional(),
  profiles: z.array(z.string()).readonly(),
});

// Compile-time check that the schema produces exactly the type.
((a: z.infer<typeof accountSchema>): Account => a) satisfies unknown;
((a: Account): z.infer<typeof accountSchema> => a) satisfies unknown;
