/** Loads a scenario's IAM side into the world: each account's roles, the regions where STS is
 * deactivated, the policies' denies, and IAM Identity Center (permission sets, users' tokens,
 * their assignments and the roles the permission sets provision). None of it goes through an
 * EC2 call, and none of it takes resource ids. */
import { isKnownRegion } from '../regions';
import { SSO_ROLE_PATH, ssoRoleName } from '../sso/records';
import type { AccountRec, RoleRec } from '../state/records';
import type { World } from '../state/world';
import { roleIdOf } from '../sts/sts';
import type { Scenario } from './scenario';

const ARN_PRINCIPAL = /^arn:aws:iam::(\d{12}):(root|role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+|user\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+)$/;

/** A role record for `name` at `path` in `accountId`. */
export function roleRec(accountId: string, name: string, path: string, trust: string[], maxSessionDuration: number, externalId?: string): RoleRec {
  return {
    name,
    path,
    arn: `arn:aws:iam::${accountId}:role${path}${name}`,
    roleId: roleIdOf(accountId, name),
    trust,
    maxSessionDuration,
    ...(externalId !== undefined ? { externalId } : {}),
  };
}

/** Loads roles, STS regions, denies and Identity Center; `fail` reports what to fix. */
export function loadIam(world: World, scenario: Scenario, fail: (where: string, what: string) => never): void {
  const byRef = new Map<string, AccountRec>();
  for (const a of world.accounts.values()) {
    byRef.set(a.accountId, a);
    byRef.set(a.profile, a);
  }
  const accountOf = (ref: string, where: string): AccountRec =>
    byRef.get(ref) ?? fail(where, `unknown account "${ref}" (use a profile name or account id from "accounts")`);

  for (const a of scenario.accounts) {
    const rec = accountOf(a.id, `account ${a.profile}`);
    for (const r of a.stsDisabledRegions ?? []) {
      if (!isKnownRegion(r)) fail(`account ${a.profile}`, `stsDisabledRegions names unknown region "${r}"`);
    }
    if (a.stsDisabledRegions?.length) rec.stsDisabledRegions = [...a.stsDisabledRegions];
    const roles: RoleRec[] = [];
    for (const r of a.roles ?? []) {
      const where = `account ${a.profile} role ${r.name}`;
      if (roles.some((x) => x.name === r.name)) fail(where, 'role names must be unique in an account');
      const trust = r.trust.map((p) => {
        if (ARN_PRINCIPAL.test(p)) return p;
        const acct = byRef.get(p);
        if (acct) return acct.accountId;
        if (/^\d{12}$/.test(p)) return p;
        return fail(where, `trust names "${p}", which is neither an account of the scenario, a 12-digit account id nor an IAM ARN (arn:aws:iam::<id>:root, :role/<name> or :user/<name>)`);
      });
      roles.push(roleRec(a.id, r.name, r.path, trust, r.maxSessionDuration, r.externalId));
    }
    if (roles.length > 0) rec.roles = roles;
  }

  world.policyDenies = scenario.denyActions.map((d, i) => {
    const where = `denyActions[${i}]`;
    if (d.region !== undefined && !isKnownRegion(d.region)) fail(where, `unknown region "${d.region}"`);
    return {
      action: d.action,
      kind: d.kind,
      ...(d.account !== undefined ? { accountId: accountOf(d.account, where).accountId } : {}),
      ...(d.region !== undefined ? { region: d.region } : {}),
    };
  });

  const sso = scenario.sso;
  if (!sso) return;
  world.sso.permissionSets = sso.permissionSets.map((p) => ({ name: p.name, sessionDurationSeconds: p.sessionDurationSeconds }));
  const tokens = new Set<string>();
  for (const u of sso.users) {
    const where = `sso user ${u.userName}`;
    if (tokens.has(u.accessToken)) fail(where, 'access tokens must be unique');
    tokens.add(u.accessToken);
    const assignments = u.assignments.map((asg) => {
      const acct = accountOf(asg.account, where);
      for (const set of asg.permissionSets) {
        const ps = world.sso.permissionSets.find((p) => p.name === set) ?? fail(where, `unknown permission set "${set}" (declare it in sso.permissionSets)`);
        const name = ssoRoleName(acct.accountId, set);
        acct.roles ??= [];
        // The role trusts Identity Center's SAML provider, not an AWS principal: AssumeRole cannot enter it.
        if (!acct.roles.some((r) => r.name === name)) acct.roles.push(roleRec(acct.accountId, name, SSO_ROLE_PATH, [], ps.sessionDurationSeconds));
      }
      return {
        accountId: acct.accountId,
        accountName: asg.accountName ?? acct.profile,
        emailAddress: asg.emailAddress ?? `${acct.profile}@example.com`,
        permissionSets: [...asg.permissionSets],
      };
    });
    world.sso.users.push({ userName: u.userName, accessToken: u.accessToken, expiresAt: world.now() + u.expiresInSeconds * 1000, assignments });
  }
}
