/** The IAM Identity Center portal API (`portal.sso.<region>.amazonaws.com`, REST-JSON, no SigV4):
 * ListAccounts, ListAccountRoles, GetRoleCredentials and Logout, authorised by the user's access
 * token in the `x-amz-sso_bearer_token` header.
 *
 * GetRoleCredentials returns keys of a session of the permission set's role in the account
 * (`AWSReservedSSO_<set>_<hash>`, path `/aws-reserved/sso.amazonaws.com/`), named after the user:
 * a role session, so an AssumeRole made with them is role chaining.
 */
import type { IncomingMessage } from 'node:http';

import type { World } from '../state/world';
import { issueSession } from '../sts/sts';
import { SSO_ROLE_PATH, ssoRoleName, type SsoUserRec } from './records';

const PATHS: Readonly<Record<string, { op: string; method: string }>> = {
  '/assignment/accounts': { op: 'ListAccounts', method: 'GET' },
  '/assignment/roles': { op: 'ListAccountRoles', method: 'GET' },
  '/federation/credentials': { op: 'GetRoleCredentials', method: 'GET' },
  '/logout': { op: 'Logout', method: 'POST' },
};

/** One portal answer. */
export interface PortalAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly mutating: boolean;
}

/** True when the request is for the SSO portal (its paths; the portal's requests are not signed). */
export function isSsoPortalRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '/').split('?')[0] as string;
  return path in PATHS && !req.headers.authorization;
}

function error(status: number, code: string, message: string): PortalAnswer {
  return { status, body: JSON.stringify({ message }), headers: { 'x-amzn-ErrorType': code }, mutating: false };
}

function ok(body: unknown, mutating = false): PortalAnswer {
  return { status: 200, body: JSON.stringify(body), headers: {}, mutating };
}

/** One page of `items` from `next_token` on, at most `max_result` long; the token is the offset. */
function page<T>(items: readonly T[], query: URLSearchParams): { items: T[]; nextToken?: string } | PortalAnswer {
  const maxText = query.get('max_result');
  const max = maxText === null ? 100 : Number(maxText);
  if (!Number.isInteger(max) || max < 1 || max > 100) return error(400, 'InvalidRequestException', `max_result must be between 1 and 100, not ${maxText ?? ''}`);
  const token = query.get('next_token');
  let start = 0;
  if (token !== null) {
    const decoded = /^sbx-page-(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) return error(400, 'InvalidRequestException', 'The next_token is not one this portal gave out.');
    start = Number(decoded[1]);
  }
  const slice = items.slice(start, start + max);
  const end = start + slice.length;
  return end < items.length ? { items: slice, nextToken: Buffer.from(`sbx-page-${end}`).toString('base64url') } : { items: slice };
}

/** Answers one portal request; every failure is an answer (REST-JSON error), never a throw. */
export function handleSsoPortal(world: World, req: IncomingMessage, count: (action: string) => void): PortalAnswer {
  const [path, qs] = (req.url ?? '/').split('?') as [string, string | undefined];
  const spec = PATHS[path] as { op: string; method: string };
  count(`sso:${spec.op}`);
  if (req.method !== spec.method) return error(400, 'InvalidRequestException', `${spec.op} is ${spec.method} ${path}, not ${req.method ?? '?'}.`);
  const query = new URLSearchParams(qs ?? '');
  const token = req.headers['x-amz-sso_bearer_token'];
  const user: SsoUserRec | undefined =
    typeof token === 'string' ? world.sso.users.find((u) => u.accessToken === token && !u.loggedOut && world.now() < u.expiresAt) : undefined;
  if (!user) return error(401, 'UnauthorizedException', 'Session token not found or invalid');

  if (spec.op === 'Logout') {
    user.loggedOut = true;
    return ok({}, true);
  }
  if (spec.op === 'ListAccounts') {
    const p = page(user.assignments, query);
    if ('status' in p) return p;
    return ok({
      accountList: p.items.map((a) => ({ accountId: a.accountId, accountName: a.accountName, emailAddress: a.emailAddress })),
      ...(p.nextToken ? { nextToken: p.nextToken } : {}),
    });
  }
  const accountId = query.get('account_id');
  if (!accountId) return error(400, 'InvalidRequestException', 'account_id is required');
  const assignment = user.assignments.find((a) => a.accountId === accountId);
  if (spec.op === 'ListAccountRoles') {
    const p = page(assignment?.permissionSets ?? [], query);
    if ('status' in p) return p;
    return ok({ roleList: p.items.map((roleName) => ({ roleName, accountId })), ...(p.nextToken ? { nextToken: p.nextToken } : {}) });
  }
  const roleName = query.get('role_name');
  if (!roleName) return error(400, 'InvalidRequestException', 'role_name is required');
  if (!assignment?.permissionSets.includes(roleName)) return error(403, 'ForbiddenException', 'No access');
  const set = world.sso.permissionSets.find((s) => s.name === roleName);
  const role = world.accounts.get(accountId)?.roles?.find((r) => r.path === SSO_ROLE_PATH && r.name === ssoRoleName(accountId, roleName));
  if (!set || !role) return error(403, 'ForbiddenException', 'No access');
  const session = issueSession(world, role, accountId, user.userName, set.sessionDurationSeconds * 1000);
  return ok(
    {
      roleCredentials: {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        expiration: session.expiresAt,
      },
    },
    true,
  );
}
