/** What the RAM actions share: the caller, RAM's errors, ARNs, answers' shapes and pages.
 *
 * RAM speaks REST-JSON: member names are lowerCamelCase, timestamps epoch seconds, and an error
 * is its exception name in the `x-amzn-ErrorType` header with `{"message": …}` as the body
 * (`ram/service.ts` writes them). Pages follow `nextToken` / `maxResults` (1–500).
 */
import { createHash } from 'node:crypto';

import { paginate } from '../ec2/common';
import { AwsError } from '../errors';
import type { World } from '../state/world';
import type { InvitationRec, ResourceShareRec, ShareAssociationRec } from './records';

/** The caller of one RAM action. */
export interface RamContext {
  readonly world: World;
  readonly accountId: string;
  readonly region: string;
}

/** A RAM error: its exception name is the code the SDK and the CLI report. */
export function ramError(name: string, message: string, status = 400): AwsError {
  return new AwsError(name, message, status);
}

/** `MissingRequiredParameterException` for an absent required member. */
export function requireMember<T>(value: T | undefined | null, name: string): T {
  if (value === undefined || value === null || value === '') {
    throw ramError('MissingRequiredParameterException', `The request must contain the parameter ${name}.`);
  }
  return value;
}

/** A string member's value, checked to be one of `allowed`. */
export function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const choice = allowed.length === 2 ? `either ${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(', ')}`;
    throw ramError('InvalidParameterException', `${String(value)} is not a valid ${name}. Specify ${choice} and try again.`);
  }
  return value as T;
}

/** A list member: absent is empty; anything but a list of strings is refused. */
export function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw ramError('InvalidParameterException', `The parameter ${name} must be a list of strings.`);
  }
  return value as string[];
}

/** The parts of an ARN, or `MalformedArnException`. */
export function parseArn(arn: string, what = 'resource'): { service: string; region: string; account: string; resource: string } {
  const m = /^arn:aws:([a-z0-9-]+):([a-z0-9-]*):(\d{12}|):(.+)$/.exec(arn);
  if (!m) throw ramError('MalformedArnException', `The specified ${what} ARN ${arn} is not valid. Verify the ARN and try again.`);
  return { service: m[1] as string, region: m[2] as string, account: m[3] as string, resource: m[4] as string };
}

/** A new ARN of a RAM resource (`resource-share/…`, `resource-share-invitation/…`): a UUID that
 * depends only on the seed and the id sequence, so a scenario builds the same ARNs every time. */
export function newRamArn(ctx: RamContext, kind: 'resource-share' | 'resource-share-invitation', ownerId: string): string {
  const h = createHash('sha256').update(ctx.world.newLaterId('ram')).digest('hex');
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return `arn:aws:ram:${ctx.region}:${ownerId}:${kind}/${uuid}`;
}

/** Epoch seconds, as REST-JSON timestamps are written. */
export function seconds(ms: number): number {
  return ms / 1000;
}

/** A share as `ResourceShare`. */
export function renderShare(s: ResourceShareRec): Record<string, unknown> {
  return {
    resourceShareArn: s.arn,
    name: s.name,
    owningAccountId: s.ownerId,
    allowExternalPrincipals: s.allowExternalPrincipals,
    status: s.status,
    ...(Object.keys(s.tags).length > 0 ? { tags: Object.entries(s.tags).map(([key, value]) => ({ key, value })) } : {}),
    creationTime: seconds(s.createdAt),
    lastUpdatedTime: seconds(s.updatedAt),
    featureSet: 'STANDARD',
  };
}

/** One association of a share as `ResourceShareAssociation`. */
export function renderAssociation(s: ResourceShareRec, a: ShareAssociationRec, type: 'PRINCIPAL' | 'RESOURCE', status = a.status): Record<string, unknown> {
  return {
    resourceShareArn: s.arn,
    resourceShareName: s.name,
    associatedEntity: a.entity,
    associationType: type,
    status,
    ...(a.statusMessage ? { statusMessage: a.statusMessage } : {}),
    creationTime: seconds(a.createdAt),
    lastUpdatedTime: seconds(a.updatedAt),
    external: a.external,
  };
}

/** An invitation as `ResourceShareInvitation`. */
export function renderInvitation(world: World, i: InvitationRec): Record<string, unknown> {
  return {
    resourceShareInvitationArn: i.arn,
    resourceShareName: world.ram.shares.get(i.shareArn)?.name ?? '',
    resourceShareArn: i.shareArn,
    senderAccountId: i.senderId,
    receiverAccountId: i.receiverId,
    invitationTimestamp: seconds(i.sentAt),
    status: i.status,
  };
}

/** One page of `items` (sorted by `key`), as `{ [listName]: …, nextToken? }`. */
export function ramPage<T>(
  items: readonly T[],
  key: (r: T) => string,
  input: { maxResults?: unknown; nextToken?: unknown },
  listName: string,
  render: (r: T) => unknown,
): Record<string, unknown> {
  const max = input.maxResults;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 500)) {
    throw ramError('InvalidParameterException', `maxResults ${String(max)} is not valid. Specify a value from 1 to 500.`);
  }
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let p: { page: T[]; nextToken?: string };
  try {
    p = paginate(sorted, key, max as number | undefined, typeof input.nextToken === 'string' ? input.nextToken : undefined);
  } catch {
    throw ramError('InvalidNextTokenException', `The specified value for nextToken is not valid.`);
  }
  return { [listName]: p.page.map(render), ...(p.nextToken ? { nextToken: p.nextToken } : {}) };
}
