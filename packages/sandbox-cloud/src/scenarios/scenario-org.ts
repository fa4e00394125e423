/** The scenario format's AWS Organization: OUs, member accounts (or accounts only in the
 * organisation), and the checks of their references. */
import { z } from 'zod';

import { key } from './scenario-key';

/** IAM account alias (ListAccountAliases). */
export const accountAliasSchema = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/, 'an account alias is 3 to 63 lowercase letters, digits and single hyphens, not starting or ending with a hyphen');

/** An organisational unit: `parent` is another OU's key (default: the root). */
export const scenarioOrgUnitSchema = z.strictObject({
  key,
  name: z.string().min(1).max(128),
  parent: key.optional(),
});

/** An account of the organisation: `account` names one of the scenario's accounts (profile or
 * id); `id` instead makes an account that exists only in the organisation (nobody can sign in to
 * it in the sandbox, as for a suspended account). */
export const scenarioOrgAccountSchema = z
  .strictObject({
    account: z.string().optional(),
    id: z.string().regex(/^\d{12}$/, 'account ids are 12 digits').optional(),
    /** Key of the OU it is in (default: the root). */
    ou: key.optional(),
    /** Account name (default: the profile name, or `Account <id>`). */
    name: z.string().min(1).max(50).optional(),
    /** Email of its root user (default: `aws+<id>@example.com`). */
    email: z.email().optional(),
    status: z.enum(['ACTIVE', 'SUSPENDED']).default('ACTIVE'),
    joinedMethod: z.enum(['INVITED', 'CREATED']).optional(),
    /** When it joined (ISO 8601; default: 2020-01-01 plus one day per account, in order). */
    joined: z.iso.datetime().optional(),
    /** IAM account alias (the same as the scenario account's `alias`). */
    alias: accountAliasSchema.optional(),
  })
  .refine((a) => (a.account === undefined) !== (a.id === undefined), {
    message: 'an organisation account needs exactly one of account (a scenario account\'s profile or id) or id (an account only in the organisation)',
  });

/** An AWS Organization over the scenario's accounts. */
export const scenarioOrganizationSchema = z.strictObject({
  /** `o-` and 10 to 32 lowercase letters or digits (default: derived from the seed). */
  id: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'organisation ids are "o-" and 10 to 32 lowercase letters or digits').optional(),
  /** The management account: a scenario account's profile or id. */
  management: z.string(),
  /** Accounts (profiles or ids) registered as delegated administrators: they may list too. */
  delegatedAdministrators: z.array(z.string()).default([]),
  featureSet: z.enum(['ALL', 'CONSOLIDATED_BILLING']).default('ALL'),
  ous: z.array(scenarioOrgUnitSchema).default([]),
  /** The accounts; the management account is in it whether listed or not. */
  accounts: z.array(scenarioOrgAccountSchema).default([]),
  /** Every Nth page of a listing that has more to come is empty, with a NextToken (0: never), as
   * AWS sometimes answers. */
  emptyPageEvery: z.number().int().min(0).refine((n) => n !== 1, 'emptyPageEvery 1 would make every page empty: use 0 (never) or 2 or more').default(3),
});

/** What the checks read of a scenario account. */
interface ScenarioAccountRef {
  readonly id: string;
  readonly profile: string;
  readonly alias?: string | undefined;
}

/** The organisation's references: accounts and OUs that exist, each with one parent, OUs
 * without cycles, and no conflicting aliases. */
export function checkOrganization(
  org: z.output<typeof scenarioOrganizationSchema>,
  accounts: readonly ScenarioAccountRef[],
  issue: (message: string, path: (string | number)[]) => void,
): void {
  const byRef = new Map<string, ScenarioAccountRef>();
  for (const a of accounts) {
    byRef.set(a.id, a);
    byRef.set(a.profile, a);
  }
  const known = `use a profile name or account id from "accounts"`;
  if (!byRef.has(org.management)) issue(`unknown account "${org.management}" (${known})`, ['management']);
  org.delegatedAdministrators.forEach((d, i) => {
    if (!byRef.has(d)) issue(`unknown account "${d}" (${known})`, ['delegatedAdministrators', i]);
  });
  const ouParent = new Map<string, string | undefined>();
  org.ous.forEach((ou, i) => {
    if (ouParent.has(ou.key)) {
      const before = ouParent.get(ou.key);
      issue(
        before === ou.parent ? `the OU "${ou.key}" is listed twice` : `the OU "${ou.key}" has two parents ("${before ?? 'root'}" and "${ou.parent ?? 'root'}"); an OU has exactly one`,
        ['ous', i, 'key'],
      );
    } else ouParent.set(ou.key, ou.parent);
  });
  org.ous.forEach((ou, i) => {
    if (ou.parent !== undefined && !ouParent.has(ou.parent)) issue(`unknown parent OU "${ou.parent}" (use the key of one of "ous", or leave parent out for the root)`, ['ous', i, 'parent']);
  });
  for (const start of ouParent.keys()) {
    const seen: string[] = [];
    for (let at: string | undefined = start; at !== undefined && ouParent.has(at); at = ouParent.get(at)) {
      if (seen.includes(at)) {
        if (at === start) issue(`the OUs form a cycle: ${[...seen, at].join(' → ')}; every OU must lead up to the root`, ['ous', org.ous.findIndex((o) => o.key === start), 'parent']);
        break;
      }
      seen.push(at);
    }
  }
  const placed = new Map<string, string | undefined>();
  org.accounts.forEach((a, i) => {
    const acct = a.account === undefined ? undefined : byRef.get(a.account);
    if (a.account !== undefined && !acct) issue(`unknown account "${a.account}" (${known}, or give "id" for an account that is only in the organisation)`, ['accounts', i, 'account']);
    if (a.id !== undefined && byRef.has(a.id)) issue(`the account ${a.id} is one of "accounts": name it with "account" instead of "id"`, ['accounts', i, 'id']);
    const id = acct?.id ?? a.id;
    if (id !== undefined) {
      if (placed.has(id)) issue(`the account ${id} is listed twice (in "${placed.get(id) ?? 'root'}" and "${a.ou ?? 'root'}"); an account has exactly one parent`, ['accounts', i]);
      else placed.set(id, a.ou);
    }
    if (a.ou !== undefined && !ouParent.has(a.ou)) issue(`unknown OU "${a.ou}" (use the key of one of "ous", or leave ou out for the root)`, ['accounts', i, 'ou']);
    if (acct?.alias !== undefined && a.alias !== undefined && acct.alias !== a.alias) {
      issue(`the account ${acct.id} has the alias "${acct.alias}" in "accounts" and "${a.alias}" here; give it once`, ['accounts', i, 'alias']);
    }
  });
}
