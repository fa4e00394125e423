/** AWS Organizations over JSON 1.1 (signing service `organizations`, a global service): the
 * operation is named by the `X-Amz-Target: AWSOrganizationsV20161128.<Op>` header, its input is
 * a JSON body with PascalCase members, its answer a JSON body with timestamps in epoch seconds.
 * An error is `{"__type": <exception>, "Message": …}` (plus `Reason` for InvalidInputException).
 *
 * Served read-only: DescribeOrganization (any account of the organisation), and, for the
 * management account or a delegated administrator only, ListRoots, ListAccounts,
 * ListOrganizationalUnitsForParent, ListAccountsForParent, ListChildren, DescribeAccount and
 * DescribeOrganizationalUnit. Another member gets AccessDeniedException; an account outside
 * every organisation gets AWSOrganizationsNotInUseException.
 *
 * Lists take MaxResults 1–20 (default 20) and NextToken. Every `emptyPageEvery`th page of a
 * listing that has more to come is empty and carries a NextToken, as AWS's can be, so a client
 * that stops at an empty page misses accounts.
 */
import { AwsError } from '../errors';
import type { World } from '../state/world';
import type { OrganizationRec, OrgAccountRec, OrgUnitRec } from './records';

/** The `X-Amz-Target` prefix of Organizations' operations. */
export const ORGANIZATIONS_TARGET_PREFIX = 'AWSOrganizationsV20161128.';

/** AWS said it retires the `Status` member of accounts on this day, leaving `State`. */
const STATUS_RETIRED_AT = Date.UTC(2026, 8, 9);

/** An Organizations error; `reason` is InvalidInputException's `Reason`. */
export class OrganizationsError extends AwsError {
  constructor(
    code: string,
    message: string,
    readonly reason?: string,
    status = 400,
  ) {
    super(code, message, status);
  }
}

/** An Organizations error's body. */
export function encodeOrganizationsError(e: AwsError): string {
  return JSON.stringify({ __type: e.code, Message: e.message, ...(e instanceof OrganizationsError && e.reason ? { Reason: e.reason } : {}) });
}

interface Ctx {
  readonly world: World;
  readonly org: OrganizationRec;
  readonly input: Record<string, unknown>;
}

type Handler = (ctx: Ctx) => object;

const invalid = (reason: string, message: string): OrganizationsError => new OrganizationsError('InvalidInputException', message, reason);

function requiredString(input: Record<string, unknown>, name: string, pattern: RegExp): string {
  const v = input[name];
  if (v === undefined || v === null || v === '') throw invalid('INPUT_REQUIRED', `You must include a value for all required parameters: ${name} is missing.`);
  if (typeof v !== 'string' || !pattern.test(v)) throw invalid('INVALID_PATTERN', `You provided a value that doesn't match the required pattern: ${name} "${String(v)}".`);
  return v;
}

const ACCOUNT_ID = /^\d{12}$/;
const PARENT_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

function arn(org: OrganizationRec, kind: string, id: string): string {
  return `arn:aws:organizations::${org.managementAccountId}:${kind}/${org.id}/${id}`;
}

function renderAccount(world: World, org: OrganizationRec, a: OrgAccountRec): Record<string, unknown> {
  return {
    Id: a.id,
    Arn: arn(org, 'account', a.id),
    Email: a.email,
    Name: a.name,
    ...(world.now() < STATUS_RETIRED_AT ? { Status: a.status } : {}),
    State: a.status,
    JoinedMethod: a.joinedMethod,
    JoinedTimestamp: a.joinedAt / 1000,
  };
}

function renderOu(org: OrganizationRec, u: OrgUnitRec): Record<string, unknown> {
  return { Id: u.id, Arn: arn(org, 'ou', u.id), Name: u.name };
}

function policyTypes(org: OrganizationRec): { Type: string; Status: string }[] {
  return org.featureSet === 'ALL' ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' }] : [];
}

interface Token {
  /** The listing it continues (operation and its arguments). */
  l: string;
  /** The last id served. */
  a: string;
  /** The number of the page it was handed out with. */
  p: number;
}

const NEXT_TOKEN_INVALID = 'You specified an invalid value for nextToken. You must get the value from the response to a previous call to the API.';

/** One page of `items` (sorted by id), named `listName`, with an empty page every Nth. */
function page<T extends { id: string }>(ctx: Ctx, listing: string, items: readonly T[], listName: string, render: (x: T) => unknown): Record<string, unknown> {
  const max = ctx.input.MaxResults;
  if (max !== undefined && max !== null) {
    if (typeof max !== 'number' || !Number.isInteger(max)) throw invalid('INVALID_INPUT', `MaxResults must be a whole number from 1 to 20, not ${JSON.stringify(max)}.`);
    if (max < 1) throw invalid('MIN_VALUE_EXCEEDED', `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    if (max > 20) throw invalid('MAX_VALUE_EXCEEDED', `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 20`);
  }
  const size = typeof max === 'number' ? max : 20;
  const sorted = [...items].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  let after: string | undefined;
  let number = 1;
  const raw = ctx.input.NextToken;
  if (raw !== undefined && raw !== null) {
    let t: Token | undefined;
    try {
      t = JSON.parse(Buffer.from(String(raw), 'base64url').toString('utf8')) as Token;
    } catch {
      t = undefined;
    }
    if (!t || t.l !== listing || typeof t.a !== 'string' || typeof t.p !== 'number') throw invalid('INVALID_NEXT_TOKEN', NEXT_TOKEN_INVALID);
    after = t.a;
    number = t.p + 1;
  }
  const start = after === undefined ? 0 : sorted.findIndex((x) => x.id > (after as string));
  const rest = start < 0 ? [] : sorted.slice(start);
  const token = (a: string): string => Buffer.from(JSON.stringify({ l: listing, a, p: number } satisfies Token), 'utf8').toString('base64url');
  const every = ctx.org.emptyPageEvery;
  if (every > 0 && number % every === 0 && rest.length > 0) {
    return { [listName]: [], NextToken: token(after ?? '') };
  }
  const served = rest.slice(0, size);
  const last = served[served.length - 1];
  return { [listName]: served.map(render), ...(rest.length > size && last ? { NextToken: token(last.id) } : {}) };
}

function parentOf(ctx: Ctx): string {
  const id = requiredString(ctx.input, 'ParentId', PARENT_ID);
  if (id !== ctx.org.rootId && !ctx.org.ous.some((u) => u.id === id)) {
    throw new OrganizationsError('ParentNotFoundException', "We can't find a root or OU with the ParentId that you specified.");
  }
  return id;
}

const OPERATIONS: Readonly<Record<string, Handler>> = {
  DescribeOrganization: ({ org }) => ({
    Organization: {
      Id: org.id,
      Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
      FeatureSet: org.featureSet,
      MasterAccountArn: arn(org, 'account', org.managementAccountId),
      MasterAccountId: org.managementAccountId,
      MasterAccountEmail: org.accounts.find((a) => a.id === org.managementAccountId)?.email,
      AvailablePolicyTypes: policyTypes(org),
    },
  }),
  ListRoots: (ctx) =>
    page(ctx, 'ListRoots', [{ id: ctx.org.rootId }], 'Roots', (r) => ({ Id: r.id, Arn: arn(ctx.org, 'root', r.id), Name: 'Root', PolicyTypes: policyTypes(ctx.org) })),
  ListAccounts: (ctx) => page(ctx, 'ListAccounts', ctx.org.accounts, 'Accounts', (a) => renderAccount(ctx.world, ctx.org, a)),
  ListAccountsForParent: (ctx) => {
    const parent = parentOf(ctx);
    return page(ctx, `ListAccountsForParent/${parent}`, ctx.org.accounts.filter((a) => a.parentId === parent), 'Accounts', (a) => renderAccount(ctx.world, ctx.org, a));
  },
  ListOrganizationalUnitsForParent: (ctx) => {
    const parent = parentOf(ctx);
    return page(ctx, `ListOrganizationalUnitsForParent/${parent}`, ctx.org.ous.filter((u) => u.parentId === parent), 'OrganizationalUnits', (u) => renderOu(ctx.org, u));
  },
  ListChildren: (ctx) => {
    const parent = parentOf(ctx);
    const type = ctx.input.ChildType;
    if (type !== 'ACCOUNT' && type !== 'ORGANIZATIONAL_UNIT') {
      if (type === undefined || type === null) throw invalid('INPUT_REQUIRED', 'You must include a value for all required parameters: ChildType is missing.');
      throw invalid('INVALID_ENUM', `You specified an invalid value: ChildType "${String(type)}" (use ACCOUNT or ORGANIZATIONAL_UNIT).`);
    }
    const children: { id: string }[] = type === 'ACCOUNT' ? ctx.org.accounts.filter((a) => a.parentId === parent) : ctx.org.ous.filter((u) => u.parentId === parent);
    return page(ctx, `ListChildren/${parent}/${type}`, children, 'Children', (c) => ({ Id: c.id, Type: type }));
  },
  DescribeAccount: (ctx) => {
    const id = requiredString(ctx.input, 'AccountId', ACCOUNT_ID);
    const a = ctx.org.accounts.find((x) => x.id === id);
    if (!a) throw new OrganizationsError('AccountNotFoundException', "You specified an account that doesn't exist.");
    return { Account: renderAccount(ctx.world, ctx.org, a) };
  },
  DescribeOrganizationalUnit: (ctx) => {
    const id = requiredString(ctx.input, 'OrganizationalUnitId', OU_ID);
    const u = ctx.org.ous.find((x) => x.id === id);
    if (!u) throw new OrganizationsError('OrganizationalUnitNotFoundException', "You specified an organizational unit that doesn't exist.");
    return { OrganizationalUnit: renderOu(ctx.org, u) };
  },
};

/** The operations the sandbox serves. */
export const ORGANIZATIONS_OPERATIONS: readonly string[] = Object.keys(OPERATIONS);

/** The operation an `X-Amz-Target` header names, or `UnknownOperationException`. */
export function organizationsOperation(target: string | string[] | undefined): string {
  const t = Array.isArray(target) ? target[0] : target;
  const op = t?.startsWith(ORGANIZATIONS_TARGET_PREFIX) ? t.slice(ORGANIZATIONS_TARGET_PREFIX.length) : undefined;
  if (!op || !Object.hasOwn(OPERATIONS, op)) {
    throw new OrganizationsError(
      'UnknownOperationException',
      `${t ?? '(no X-Amz-Target header)'} is not an Organizations operation the sandbox cloud serves (it serves ${ORGANIZATIONS_OPERATIONS.join(', ')}).`,
    );
  }
  return op;
}

/** Runs `op` for a caller in `accountId`; returns the JSON answer. */
export function runOrganizationsOperation(world: World, accountId: string, op: string, body: Buffer): string {
  const org = world.organization;
  if (!org || !org.accounts.some((a) => a.id === accountId)) {
    throw new OrganizationsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
  }
  if (op !== 'DescribeOrganization' && accountId !== org.managementAccountId && !org.delegatedAdministrators.includes(accountId)) {
    throw new OrganizationsError('AccessDeniedException', "You don't have permissions to access this resource.");
  }
  let input: unknown = {};
  const text = body.toString('utf8').trim();
  if (text) {
    try {
      input = JSON.parse(text);
    } catch {
      throw invalid('INVALID_INPUT', 'The request body is not valid JSON.');
    }
  }
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw invalid('INVALID_INPUT', 'The request body must be a JSON object.');
  const handler = OPERATIONS[op] as Handler;
  return JSON.stringify(handler({ world, org, input: input as Record<string, unknown> }));
}
