/** AWS RAM resource shares: Create/DeleteResourceShare, Associate/DisassociateResourceShare,
 * GetResourceShares, GetResourceShareAssociations and ListResources.
 *
 * A share belongs to its owner's region and holds resources the owner
 * has there and principals. The sandbox has no organisation, so every account principal is
 * external: it needs `allowExternalPrincipals` (true unless given) and receives an invitation;
 * its association is `ASSOCIATING` until it accepts (then `ASSOCIATED`). Only transit gateways
 * (`ec2:TransitGateway`) are shareable here. Deleting a share or removing a principal ends the
 * principal's access; it does not touch what the principal built meanwhile (attachments).
 */
import { transitGatewayById } from '../kinds/transit-gateway/store';
import type { TagMap } from '../state/records';
import {
  newRamArn,
  oneOf,
  parseArn,
  ramError,
  ramPage,
  renderAssociation,
  renderShare,
  requireMember,
  stringList,
  type RamContext,
} from './common';
import type { ResourceShareRec, ShareAssociationRec } from './records';

/** The resource types the sandbox shares, by the ARN's resource part's type. */
const RESOURCE_TYPES: Readonly<Record<string, string>> = { 'transit-gateway': 'ec2:TransitGateway' };

/** The RAM type of a resource ARN (`ec2:TransitGateway`). */
export function resourceTypeOf(arn: string): string {
  const type = arn.split(':')[5]?.split('/')[0] ?? '';
  return RESOURCE_TYPES[type] ?? type;
}

/** A resource ARN the caller may share: one of its own transit gateways in this region. */
function checkResource(ctx: RamContext, arn: string): void {
  const p = parseArn(arn);
  const [type, id] = p.resource.split('/');
  if (p.service !== 'ec2' || type !== 'transit-gateway' || !id) {
    throw ramError('UnknownResourceException', `The resource ${arn} could not be found. The sandbox cloud shares transit gateways (arn:aws:ec2:<region>:<account>:transit-gateway/tgw-…).`);
  }
  const g = transitGatewayById(ctx.world, id);
  if (!g || p.account !== ctx.accountId || p.region !== ctx.region || g.ownerId !== ctx.accountId || g.region !== ctx.region) {
    throw ramError('UnknownResourceException', `The resource ${arn} could not be found in account ${ctx.accountId} in ${ctx.region}.`);
  }
}

/** A principal the share may take: an account id (every account is outside the organisation). */
function checkPrincipal(ctx: RamContext, share: { allowExternalPrincipals: boolean; arn?: string }, principal: string): void {
  const org = /^arn:aws:organizations::\d{12}:(organization\/(o-\w+)|ou\/o-\w+\/(ou-[\w-]+))$/.exec(principal);
  if (org) {
    throw ramError('UnknownResourceException', `${org[2] ? `Organization ${org[2]}` : `OrganizationalUnit ${org[3] ?? ''}`} could not be found: the sandbox cloud has no organization; share with account ids.`);
  }
  if (/^arn:aws:iam::\d{12}:(root|role\/.+|user\/.+)$/.test(principal)) {
    throw ramError('InvalidParameterException', `Principal ${principal} is an IAM principal; a transit gateway is shared with accounts (12-digit ids).`);
  }
  if (!/^\d{12}$/.test(principal)) throw ramError('InvalidParameterException', `Principal ID ${principal} is malformed. Verify the ID and try again.`);
  if (principal === ctx.accountId) throw ramError('InvalidParameterException', `Principal ${principal} is the resource share owner; share with other accounts.`);
  if (!share.allowExternalPrincipals) {
    const which = share.arn ? `resource share ${share.arn}` : 'resource share';
    throw ramError('OperationNotPermittedException', `Principal ${principal} is not in your organization and the ${which} does not allow external principals.`);
  }
}

/** Adds the resources and principals to `s` (checked first); invites each new account. */
function associate(ctx: RamContext, s: ResourceShareRec, resourceArns: string[], principals: string[]): ShareAssociationRec[] {
  for (const r of resourceArns) checkResource(ctx, r);
  for (const p of principals) checkPrincipal(ctx, s, p);
  const now = ctx.world.now();
  const out: ShareAssociationRec[] = [];
  const upsert = (list: ShareAssociationRec[], entity: string, status: ShareAssociationRec['status'], external: boolean): ShareAssociationRec => {
    let a = list.find((x) => x.entity === entity);
    if (!a) {
      a = { entity, status, external, createdAt: now, updatedAt: now };
      list.push(a);
    } else if (a.status !== 'ASSOCIATED' && a.status !== 'ASSOCIATING') {
      Object.assign(a, { status, updatedAt: now });
      delete a.statusMessage;
    } else {
      return a;
    }
    out.push(a);
    return a;
  };
  for (const r of new Set(resourceArns)) upsert(s.resources, r, 'ASSOCIATED', false);
  for (const p of new Set(principals)) {
    const before = out.length;
    upsert(s.principals, p, 'ASSOCIATING', true);
    if (out.length > before) {
      const arn = newRamArn(ctx, 'resource-share-invitation', ctx.accountId);
      ctx.world.ram.invitations.set(arn, { arn, shareArn: s.arn, senderId: ctx.accountId, receiverId: p, region: ctx.region, status: 'PENDING', sentAt: now });
    }
  }
  s.updatedAt = now;
  return out;
}

/** Ends a principal's association and drops its pending invitations to the share. */
function dropPrincipal(ctx: RamContext, s: ResourceShareRec, a: ShareAssociationRec): void {
  Object.assign(a, { status: 'DISASSOCIATED', updatedAt: ctx.world.now() });
  for (const [arn, i] of ctx.world.ram.invitations) {
    if (i.shareArn === s.arn && i.receiverId === a.entity && i.status === 'PENDING') ctx.world.ram.invitations.delete(arn);
  }
}

/** One of the caller's shares in this region, not deleted. */
function ownShare(ctx: RamContext, arn: unknown): ResourceShareRec {
  const text = requireMember(arn as string | undefined, 'resourceShareArn');
  parseArn(text, 'resource share');
  const s = ctx.world.ram.shares.get(text);
  if (!s || s.ownerId !== ctx.accountId || s.region !== ctx.region || s.status === 'DELETED') {
    throw ramError('UnknownResourceException', `ResourceShare ${text} could not be found.`);
  }
  return s;
}

function tagsOf(value: unknown): TagMap {
  const tags: TagMap = {};
  for (const t of (Array.isArray(value) ? value : []) as { key?: string; value?: string }[]) {
    if (!t.key) throw ramError('InvalidParameterException', 'Every tag needs a key.');
    tags[t.key] = t.value ?? '';
  }
  return tags;
}

/** CreateResourceShare. */
export function createResourceShare(ctx: RamContext, input: Record<string, unknown>): object {
  const name = requireMember(input.name as string | undefined, 'name');
  const now = ctx.world.now();
  const s: ResourceShareRec = {
    arn: '',
    name,
    ownerId: ctx.accountId,
    region: ctx.region,
    allowExternalPrincipals: input.allowExternalPrincipals !== false,
    status: 'ACTIVE',
    resources: [],
    principals: [],
    createdAt: now,
    updatedAt: now,
    tags: tagsOf(input.tags),
  };
  const resources = stringList(input.resourceArns, 'resourceArns');
  const principals = stringList(input.principals, 'principals');
  for (const r of resources) checkResource(ctx, r);
  for (const p of principals) checkPrincipal(ctx, s, p);
  s.arn = newRamArn(ctx, 'resource-share', ctx.accountId);
  ctx.world.ram.shares.set(s.arn, s);
  associate(ctx, s, resources, principals);
  return { resourceShare: renderShare(s), ...(input.clientToken ? { clientToken: input.clientToken } : {}) };
}

/** AssociateResourceShare: more resources or principals. */
export function associateResourceShare(ctx: RamContext, input: Record<string, unknown>): object {
  const s = ownShare(ctx, input.resourceShareArn);
  const added = associate(ctx, s, stringList(input.resourceArns, 'resourceArns'), stringList(input.principals, 'principals'));
  return {
    resourceShareAssociations: added.map((a) => renderAssociation(s, a, s.resources.includes(a) ? 'RESOURCE' : 'PRINCIPAL', 'ASSOCIATING')),
    ...(input.clientToken ? { clientToken: input.clientToken } : {}),
  };
}

/** DisassociateResourceShare: resources or principals leave the share. */
export function disassociateResourceShare(ctx: RamContext, input: Record<string, unknown>): object {
  const s = ownShare(ctx, input.resourceShareArn);
  const out: Record<string, unknown>[] = [];
  const pick = (list: ShareAssociationRec[], entities: string[], what: string): ShareAssociationRec[] =>
    entities.map((e) => {
      const a = list.find((x) => x.entity === e && x.status !== 'DISASSOCIATED');
      if (!a) throw ramError('UnknownResourceException', `${what} ${e} is not associated with resource share ${s.arn}.`);
      return a;
    });
  const resources = pick(s.resources, stringList(input.resourceArns, 'resourceArns'), 'Resource');
  const principals = pick(s.principals, stringList(input.principals, 'principals'), 'Principal');
  for (const a of resources) {
    Object.assign(a, { status: 'DISASSOCIATED', updatedAt: ctx.world.now() });
    out.push(renderAssociation(s, a, 'RESOURCE', 'DISASSOCIATING'));
  }
  for (const a of principals) {
    dropPrincipal(ctx, s, a);
    out.push(renderAssociation(s, a, 'PRINCIPAL', 'DISASSOCIATING'));
  }
  s.updatedAt = ctx.world.now();
  return { resourceShareAssociations: out, ...(input.clientToken ? { clientToken: input.clientToken } : {}) };
}

/** DeleteResourceShare: the share is `DELETED` (and still listed as such); its principals lose access. */
export function deleteResourceShare(ctx: RamContext, input: Record<string, unknown>): object {
  const s = ownShare(ctx, input.resourceShareArn);
  for (const a of s.principals) if (a.status !== 'DISASSOCIATED') dropPrincipal(ctx, s, a);
  for (const a of s.resources) Object.assign(a, { status: 'DISASSOCIATED', updatedAt: ctx.world.now() });
  s.status = 'DELETED';
  s.updatedAt = ctx.world.now();
  return { returnValue: true, ...(input.clientToken ? { clientToken: input.clientToken } : {}) };
}

/** The shares of this region the caller owns (`SELF`) or has accepted (`OTHER-ACCOUNTS`). */
function sharesFor(ctx: RamContext, owner: 'SELF' | 'OTHER-ACCOUNTS'): ResourceShareRec[] {
  return [...ctx.world.ram.shares.values()].filter((s) =>
    s.region !== ctx.region
      ? false
      : owner === 'SELF'
        ? s.ownerId === ctx.accountId
        : s.status === 'ACTIVE' && s.principals.some((p) => p.entity === ctx.accountId && p.status === 'ASSOCIATED'),
  );
}

/** GetResourceShares: by owner, ARNs, status, name and tag filters, in pages. */
export function getResourceShares(ctx: RamContext, input: Record<string, unknown>): object {
  const owner = oneOf(requireMember(input.resourceOwner, 'resourceOwner'), 'resource owner', ['SELF', 'OTHER-ACCOUNTS'] as const);
  const arns = stringList(input.resourceShareArns, 'resourceShareArns');
  for (const a of arns) parseArn(a, 'resource share');
  const status = input.resourceShareStatus === undefined ? undefined : oneOf(input.resourceShareStatus, 'resource share status', ['PENDING', 'ACTIVE', 'FAILED', 'DELETING', 'DELETED'] as const);
  const tagFilters = (Array.isArray(input.tagFilters) ? input.tagFilters : []) as { tagKey?: string; tagValues?: string[] }[];
  const shares = sharesFor(ctx, owner).filter(
    (s) =>
      (arns.length === 0 || arns.includes(s.arn)) &&
      (status === undefined || s.status === status) &&
      (input.name === undefined || s.name === input.name) &&
      tagFilters.every((f) => f.tagKey !== undefined && f.tagKey in s.tags && (!f.tagValues?.length || f.tagValues.includes(s.tags[f.tagKey] ?? ''))),
  );
  return ramPage(shares, (s) => s.arn, input, 'resourceShares', renderShare);
}

/** GetResourceShareAssociations: the principals or resources of the caller's shares. */
export function getResourceShareAssociations(ctx: RamContext, input: Record<string, unknown>): object {
  const type = oneOf(requireMember(input.associationType, 'associationType'), 'association type', ['PRINCIPAL', 'RESOURCE'] as const);
  if (type === 'PRINCIPAL' && input.resourceArn) throw ramError('InvalidParameterException', 'You cannot specify a resource ARN when the association type is PRINCIPAL.');
  if (type === 'RESOURCE' && input.principal) throw ramError('InvalidParameterException', 'You cannot specify a principal when the association type is RESOURCE.');
  const status =
    input.associationStatus === undefined
      ? undefined
      : oneOf(input.associationStatus, 'association status', ['ASSOCIATING', 'ASSOCIATED', 'FAILED', 'DISASSOCIATING', 'DISASSOCIATED'] as const);
  const arns = stringList(input.resourceShareArns, 'resourceShareArns');
  const entity = (type === 'PRINCIPAL' ? input.principal : input.resourceArn) as string | undefined;
  const rows = sharesFor(ctx, 'SELF')
    .filter((s) => arns.length === 0 || arns.includes(s.arn))
    .flatMap((s) => (type === 'PRINCIPAL' ? s.principals : s.resources).map((a) => ({ s, a })))
    .filter(({ a }) => (status === undefined || a.status === status) && (entity === undefined || a.entity === entity));
  return ramPage(rows, ({ s, a }) => `${s.arn} ${a.entity}`, input, 'resourceShareAssociations', ({ s, a }) => renderAssociation(s, a, type));
}

/** ListResources: the resources the caller shares (`SELF`) or that are shared with it. */
export function listResources(ctx: RamContext, input: Record<string, unknown>): object {
  const owner = oneOf(requireMember(input.resourceOwner, 'resourceOwner'), 'resource owner', ['SELF', 'OTHER-ACCOUNTS'] as const);
  const type = input.resourceType as string | undefined;
  if (type !== undefined && !/^[a-z0-9-]+:[A-Za-z]+$/.test(type)) {
    throw ramError('InvalidResourceTypeException', `The specified resource type ${type} is not valid (e.g. ec2:TransitGateway).`);
  }
  const arns = stringList(input.resourceArns, 'resourceArns');
  const shareArns = stringList(input.resourceShareArns, 'resourceShareArns');
  const principal = input.principal as string | undefined;
  const rows = sharesFor(ctx, owner)
    .filter((s) => s.status === 'ACTIVE' && (shareArns.length === 0 || shareArns.includes(s.arn)))
    .filter((s) => principal === undefined || s.principals.some((p) => p.entity === principal && p.status !== 'DISASSOCIATED'))
    .flatMap((s) => s.resources.filter((r) => r.status === 'ASSOCIATED').map((r) => ({ s, r })))
    .filter(({ r }) => (arns.length === 0 || arns.includes(r.entity)) && (type === undefined || resourceTypeOf(r.entity).toLowerCase() === type.toLowerCase()));
  return ramPage(rows, ({ s, r }) => `${r.entity} ${s.arn}`, input, 'resources', ({ s, r }) => ({
    arn: r.entity,
    type: resourceTypeOf(r.entity),
    resourceShareArn: s.arn,
    status: 'AVAILABLE',
    creationTime: r.createdAt / 1000,
    lastUpdatedTime: r.updatedAt / 1000,
    resourceRegionScope: 'REGIONAL',
  }));
}
