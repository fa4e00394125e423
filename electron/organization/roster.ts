/** Read an organisation's roster with one sign-in: AWS Organizations when the profile may list it,
 * else the accounts and roles its IAM Identity Center sign-in may use.
 *
 * Organizations: DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent from the root
 * down, ListAccountsForParent per OU (each account's place in the tree) and ListAccounts (every
 * account, so none is missed if the tree changes while it is walked). Pages of up to 20; a page
 * may be empty and still carry a NextToken, so paging stops only when the token is gone.
 *
 * Identity Center: the portal's ListAccounts and ListAccountRoles with the access token that
 * `aws sso login` cached, read as the SDK's providers read it (`getSSOTokenFromFile`).
 */
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  OrganizationsClient,
  type Account as OrgAccount,
} from '@aws-sdk/client-organizations';
import { ListAccountRolesCommand, ListAccountsCommand as SsoListAccountsCommand, SSOClient } from '@aws-sdk/client-sso';
import { getSSOTokenFromFile } from '@smithy/shared-ini-file-loader';

import { fail, ok, type Result } from '../../shared/core/result';
import type { Organization, OrganizationAccount, OrganizationUnit } from '../../shared/model/organization';
import { errorCodeOf, explainFailure, messageOf } from '../aws/aws-errors';
import type { ProfileAccess, SsoSignIn } from '../aws/credentials';

/** Organizations is a global service answered in us-east-1. */
const ORGANIZATIONS_REGION = 'us-east-1';

/** Read the organisation `access` may list, or the accounts its Identity Center sign-in may use. */
export async function readRoster(access: ProfileAccess, now: () => Date, signal?: AbortSignal): Promise<Result<Organization>> {
  const client = new OrganizationsClient({
    region: ORGANIZATIONS_REGION,
    credentials: access.credentials,
    ...(access.endpoints.organizations ? { endpoint: access.endpoints.organizations } : {}),
    maxAttempts: 5,
  });
  try {
    return ok(await readOrganizations(client, now, signal));
  } catch (e) {
    const code = errorCodeOf(e);
    if ((code === 'AccessDeniedException' || code === 'AWSOrganizationsNotInUseException') && access.sso) {
      return readIdentityCenter(access, access.sso, now, signal);
    }
    if (code === 'AccessDeniedException' || code === 'AWSOrganizationsNotInUseException') {
      return fail(
        `aws:${code}`,
        `profile "${access.profile}" may not list the organisation's accounts (${code}: ${messageOf(e)})`,
        "sign in with the management account or a delegated administrator's profile, or with an IAM Identity Center (SSO) profile whose portal lists your accounts",
      );
    }
    const explained = explainFailure(e, { profile: access.profile, region: ORGANIZATIONS_REGION, action: 'organizations:ListAccounts', ...(access.endpoints.organizations ? { endpoint: access.endpoints.organizations } : {}) });
    return fail(`aws:${explained.errorCode}`, explained.message, 'fix the sign-in, then read the organisation again');
  } finally {
    client.destroy();
  }
}

/** Every page of a listing: keep asking while a NextToken comes back, even after an empty page. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: readonly T[] | undefined; next: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const p = await page(token);
    out.push(...(p.items ?? []));
    token = p.next;
  } while (token);
  return out;
}

async function readOrganizations(client: OrganizationsClient, now: () => Date, signal?: AbortSignal): Promise<Organization> {
  const opts = signal ? { abortSignal: signal } : {};
  const described = await client.send(new DescribeOrganizationCommand({}), opts);
  const roots = await allPages((t) => client.send(new ListRootsCommand({ MaxResults: 20, NextToken: t }), opts).then((r) => ({ items: r.Roots, next: r.NextToken })));
  const root = roots[0];
  const units: OrganizationUnit[] = root?.Id ? [{ id: root.Id, name: root.Name ?? 'Root' }] : [];
  const placeOf = new Map<string, string>();
  // Breadth first: each level's listings in parallel, the SDK's retries absorbing throttling.
  let level = root?.Id ? [root.Id] : [];
  while (level.length > 0) {
    const next: string[] = [];
    await Promise.all(
      level.map(async (parentId) => {
        const [ous, accounts] = await Promise.all([
          allPages((t) => client.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, MaxResults: 20, NextToken: t }), opts).then((r) => ({ items: r.OrganizationalUnits, next: r.NextToken }))),
          allPages((t) => client.send(new ListAccountsForParentCommand({ ParentId: parentId, MaxResults: 20, NextToken: t }), opts).then((r) => ({ items: r.Accounts, next: r.NextToken }))),
        ]);
        for (const ou of ous) {
          if (!ou.Id) continue;
          units.push({ id: ou.Id, name: ou.Name ?? ou.Id, parentId });
          next.push(ou.Id);
        }
        for (const a of accounts) if (a.Id) placeOf.set(a.Id, parentId);
      }),
    );
    level = next;
  }
  const listed = await allPages((t) => client.send(new ListAccountsCommand({ MaxResults: 20, NextToken: t }), opts).then((r) => ({ items: r.Accounts, next: r.NextToken })));
  const unitById = new Map(units.map((u) => [u.id, u] as const));
  const pathOf = (unitId: string | undefined): string => {
    const names: string[] = [];
    let u = unitId ? unitById.get(unitId) : undefined;
    while (u?.parentId) {
      names.unshift(u.name);
      u = unitById.get(u.parentId);
    }
    return names.join('/');
  };
  const accounts = listed
    .filter((a): a is OrgAccount & { Id: string } => !!a.Id)
    .map((a): OrganizationAccount => {
      const parentId = placeOf.get(a.Id);
      return {
        id: a.Id,
        ...(a.Name ? { name: a.Name } : {}),
        ...(a.Email ? { email: a.Email } : {}),
        status: a.State ?? a.Status ?? 'ACTIVE',
        ...(parentId ? { parentId, ouPath: pathOf(parentId) } : {}),
      };
    })
    .sort((x, y) => x.id.localeCompare(y.id));
  const org = described.Organization;
  return {
    source: 'organizations',
    ...(org?.Id ? { id: org.Id } : {}),
    ...(org?.MasterAccountId ? { managementAccountId: org.MasterAccountId } : {}),
    ...(root?.Id ? { rootId: root.Id } : {}),
    units,
    accounts,
    readAt: now().toISOString(),
  };
}

/** The cached access token of a sign-in, or a failure naming the `aws sso login` to run. */
export async function ssoAccessToken(access: ProfileAccess, sso: SsoSignIn, now: () => Date): Promise<Result<string>> {
  const login = sso.session ? `aws sso login --sso-session ${sso.session}` : `aws sso login --profile ${access.profile}`;
  try {
    const token = await getSSOTokenFromFile(sso.session ?? sso.startUrl);
    if (!token.accessToken || Date.parse(token.expiresAt) <= now().getTime()) {
      return fail('unauthorized', `the IAM Identity Center sign-in of profile "${access.profile}" has expired`, `run \`${login}\`, then try again`);
    }
    return ok(token.accessToken);
  } catch {
    return fail('unauthorized', `profile "${access.profile}" is not signed in to IAM Identity Center (no cached sign-in)`, `run \`${login}\`, then try again`);
  }
}

/** The portal client of a sign-in (its own endpoint when the profile sets one). */
export function ssoPortalClient(access: ProfileAccess, sso: SsoSignIn): SSOClient {
  return new SSOClient({ region: sso.region, ...(access.endpoints.sso ? { endpoint: access.endpoints.sso } : {}), maxAttempts: 5 });
}

async function readIdentityCenter(access: ProfileAccess, sso: SsoSignIn, now: () => Date, signal?: AbortSignal): Promise<Result<Organization>> {
  const token = await ssoAccessToken(access, sso, now);
  if (!token.ok) return token;
  const client = ssoPortalClient(access, sso);
  const opts = signal ? { abortSignal: signal } : {};
  try {
    const listed = await allPages((t) =>
      client.send(new SsoListAccountsCommand({ accessToken: token.value, maxResults: 100, nextToken: t }), opts).then((r) => ({ items: r.accountList, next: r.nextToken })),
    );
    const accounts = await Promise.all(
      listed
        .filter((a) => a.accountId)
        .map(async (a): Promise<OrganizationAccount> => {
          const roles = await allPages((t) =>
            client
              .send(new ListAccountRolesCommand({ accessToken: token.value, accountId: a.accountId, maxResults: 100, nextToken: t }), opts)
              .then((r) => ({ items: r.roleList, next: r.nextToken })),
          );
          return {
            id: a.accountId!,
            ...(a.accountName ? { name: a.accountName } : {}),
            ...(a.emailAddress ? { email: a.emailAddress } : {}),
            status: 'ACTIVE',
            roles: roles.flatMap((r) => (r.roleName ? [r.roleName] : [])).sort(),
          };
        }),
    );
    accounts.sort((x, y) => x.id.localeCompare(y.id));
    return ok({ source: 'identity-center', units: [], accounts, readAt: now().toISOString() });
  } catch (e) {
    if (errorCodeOf(e) === 'UnauthorizedException') {
      const login = sso.session ? `aws sso login --sso-session ${sso.session}` : `aws sso login --profile ${access.profile}`;
      return fail('unauthorized', `the IAM Identity Center portal refused the sign-in of profile "${access.profile}" (${messageOf(e)})`, `run \`${login}\`, then try again`);
    }
    const explained = explainFailure(e, { profile: access.profile, region: sso.region, action: 'sso:ListAccounts', ...(access.endpoints.sso ? { endpoint: access.endpoints.sso } : {}) });
    return fail(`aws:${explained.errorCode}`, explained.message, 'fix the sign-in, then read the organisation again');
  } finally {
    client.destroy();
  }
}
