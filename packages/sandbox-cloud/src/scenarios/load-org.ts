/** Builds a scenario's AWS Organization (and its accounts' IAM aliases) into the world.
 *
 * Organizations has no call that makes a whole organisation at once, and the sandbox serves it
 * read-only, so the loader writes the records directly. Ids are derived from the scenario's seed
 * and keys, so a scenario gives the same `o-`, `r-` and `ou-` ids every time, in AWS's forms:
 * `o-` and 10 lowercase letters or digits, `r-` and 4, `ou-<root's 4>-<8>`.
 */
import { createHash } from 'node:crypto';

import type { OrganizationRec, OrgUnitRec } from '../organizations/records';
import type { World } from '../state/world';
import type { Scenario } from './scenario';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function idPart(seed: string, what: string, length: number): string {
  const h = createHash('sha256').update(`${seed}/organizations/${what}`).digest();
  let out = '';
  for (let i = 0; out.length < length; i++) out += ALPHABET[(h[i % h.length] ?? 0) % ALPHABET.length];
  return out;
}

const DAY = 86_400_000;
const FIRST_JOINED = Date.UTC(2020, 0, 1);

/** Loads `scenario.organization` and every account's alias; records `org:<ou key>` → OU id and
 * `org:root`, `org:id` in `refs`. */
export function loadOrganization(world: World, scenario: Scenario, refs: Record<string, string>): void {
  const idOf = (ref: string): string => scenario.accounts.find((a) => a.id === ref || a.profile === ref)?.id as string;
  for (const a of scenario.accounts) {
    const rec = world.accounts.get(a.id);
    if (rec && a.alias) rec.alias = a.alias;
  }
  const o = scenario.organization;
  if (!o) return;
  const seed = scenario.seed ?? scenario.name;
  const orgId = o.id ?? `o-${idPart(seed, 'organization', 10)}`;
  const rootPart = idPart(`${seed}/${orgId}`, 'root', 4);
  const rootId = `r-${rootPart}`;
  const ouIds = new Map(o.ous.map((u) => [u.key, `ou-${rootPart}-${idPart(`${seed}/${orgId}`, `ou/${u.key}`, 8)}`]));
  const ous: OrgUnitRec[] = o.ous.map((u) => ({ id: ouIds.get(u.key) as string, name: u.name, parentId: u.parent === undefined ? rootId : (ouIds.get(u.parent) as string) }));
  const managementAccountId = idOf(o.management);
  const profileOf = (id: string): string | undefined => scenario.accounts.find((a) => a.id === id)?.profile;
  const listed = o.accounts.map((a) => ({ ...a, accountId: a.id ?? idOf(a.account as string) }));
  if (!listed.some((a) => a.accountId === managementAccountId)) listed.unshift({ accountId: managementAccountId, status: 'ACTIVE' });
  const org: OrganizationRec = {
    id: orgId,
    managementAccountId,
    featureSet: o.featureSet,
    rootId,
    delegatedAdministrators: o.delegatedAdministrators.map(idOf),
    emptyPageEvery: o.emptyPageEvery,
    ous,
    accounts: listed.map((a, i) => ({
      id: a.accountId,
      name: a.name ?? profileOf(a.accountId) ?? `Account ${a.accountId}`,
      email: a.email ?? `aws+${a.accountId}@example.com`,
      status: a.status,
      // The management account made the organisation; the others were invited unless told.
      joinedMethod: a.joinedMethod ?? (a.accountId === managementAccountId ? 'INVITED' : 'CREATED'),
      joinedAt: a.joined ? Date.parse(a.joined) : FIRST_JOINED + i * DAY,
      parentId: a.ou === undefined ? rootId : (ouIds.get(a.ou) as string),
    })),
  };
  for (const a of listed) {
    const rec = world.accounts.get(a.accountId);
    if (rec && a.alias) rec.alias = a.alias;
  }
  world.organization = org;
  refs['org:id'] = orgId;
  refs['org:root'] = rootId;
  for (const [k, id] of ouIds) refs[`org:${k}`] = id;
}
