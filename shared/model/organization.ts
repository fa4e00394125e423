/** An AWS Organization as an organisation scan read it: its OU tree and its accounts.
 *
 * Read from AWS Organizations (management or delegated-administrator credentials), or, without
 * Organizations rights, from the accounts an IAM Identity Center sign-in may use (no OU tree
 * then, and each account lists the permission sets the user may sign in to there).
 */
import { z } from 'zod';

import type { AccountId } from './ids';
import { accountIdSchema } from './kinds/common';

/** One organisational unit (or the root, which has no parent). */
export interface OrganizationUnit {
  readonly id: string;
  readonly name: string;
  /** The parent OU's or the root's id; absent for the root. */
  readonly parentId?: string;
}

/** One account of the organisation. */
export interface OrganizationAccount {
  readonly id: AccountId;
  readonly name?: string;
  readonly email?: string;
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE` as Organizations says; only `ACTIVE` accounts are scanned. */
  readonly status: string;
  /** The OU (or root) the account sits in directly, when the tree was read. */
  readonly parentId?: string;
  /** OU names from the root down, e.g. `Workloads/Production` (empty for the root). */
  readonly ouPath?: string;
  /** Identity Center: the permission sets (role names) the signed-in user may use here. */
  readonly roles?: readonly string[];
}

/** The roster an organisation scan works from. */
export interface Organization {
  /** `organizations` (the OU tree and every account) or `identity-center` (the accounts one sign-in may use). */
  readonly source: 'organizations' | 'identity-center';
  readonly id?: string;
  readonly managementAccountId?: AccountId;
  readonly rootId?: string;
  readonly units: readonly OrganizationUnit[];
  readonly accounts: readonly OrganizationAccount[];
  /** ISO 8601 time the roster was read. */
  readonly readAt: string;
}

/** Schema of an `Organization`. */
export const organizationSchema = z.object({
  source: z.enum(['organizations', 'identity-center']),
  id: z.string().optional(),
  managementAccountId: accountIdSchema.optional(),
  rootId: z.string().optional(),
  units: z.array(z.object({ id: z.string(), name: z.string(), parentId: z.string().optional() })).readonly(),
  accounts: z
    .array(
      z.object({
        id: accountIdSchema,
        name: z.string().optional(),
        email: z.string().optional(),
        status: z.string(),
        parentId: z.string().optional(),
        ouPath: z.string().optional(),
        roles: z.array(z.string()).readonly().optional(),
      }),
    )
    .readonly(),
  readAt: z.string(),
});

// Compile-time check that the schema produces exactly the type.
((o: z.infer<typeof organizationSchema>): Organization => o) satisfies unknown;
((o: Organization): z.infer<typeof organizationSchema> => o) satisfies unknown;

/** True when the account is scanned (suspended and closing accounts are listed only). */
export function isScannable(a: OrganizationAccount): boolean {
  return a.status === 'ACTIVE';
}

/** The ids of `unitIds` and every OU below them. */
export function unitsUnder(org: Organization, unitIds: readonly string[]): ReadonlySet<string> {
  const out = new Set(unitIds);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of org.units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}
