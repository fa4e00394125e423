/** What other kinds ask of prefix lists: a list the caller may use by id (its own, or one of the
 * region's AWS-managed lists), and the route tables and security groups that reference one. */
import type { CallContext } from '../../ec2/context';
import { AwsError, assertWellFormedId, missingParameter, notFound } from '../../errors';
import { PREFIX_LIST_IDS, awsManagedPrefixLists, type AwsManagedPrefixList, type PrefixListRec } from './records';

/** A list as the caller sees it: one of its own, or one AWS manages. */
export type SeenPrefixList = { readonly owner: 'customer'; readonly rec: PrefixListRec } | { readonly owner: 'aws'; readonly rec: AwsManagedPrefixList };

/** The caller's list `id` or the region's AWS-managed list `id`, if there is one. */
export function findPrefixList(ctx: CallContext, id: string): SeenPrefixList | undefined {
  const own = ctx.cell.table('prefixList').get(id);
  if (own) return { owner: 'customer', rec: own };
  const aws = awsManagedPrefixLists(ctx.region).find((p) => p.id === id);
  return aws ? { owner: 'aws', rec: aws } : undefined;
}

/** The not-found answer of the prefix list actions: "The prefix list (pl-…) does not exist." */
export function prefixListNotFound(id: string): AwsError {
  return new AwsError(PREFIX_LIST_IDS.notFound, `The prefix list (${id}) does not exist.`);
}

/** A list the prefix list actions act on, or AWS's error for a missing, malformed or unknown id. */
export function requirePrefixList(ctx: CallContext, id: string | undefined): SeenPrefixList {
  if (!id) throw missingParameter('PrefixListId');
  assertWellFormedId(PREFIX_LIST_IDS, id);
  const found = findPrefixList(ctx, id);
  if (!found) throw prefixListNotFound(id);
  return found;
}

/** Throws unless a route or a security group rule may name list `id`: "The prefix list ID 'pl-…'
 * does not exist" (AWS's words for a rule, relayed by CloudFormation). */
export function assertUsablePrefixList(ctx: CallContext, id: string): void {
  assertWellFormedId(PREFIX_LIST_IDS, id);
  if (!findPrefixList(ctx, id)) throw notFound(PREFIX_LIST_IDS, id);
}

/** One resource that references a list: a route table (a route to it) or a security group (a rule
 * naming it). */
export interface PrefixListReference {
  readonly resourceId: string;
  readonly ownerId: string;
}

/** The caller's route tables and security groups that reference list `id`, by resource id. */
export function prefixListReferences(ctx: CallContext, id: string): PrefixListReference[] {
  const refs: PrefixListReference[] = [];
  for (const t of ctx.cell.table('routeTable').values()) {
    if (t.routes.some((r) => r.destinationPrefixListId === id)) refs.push({ resourceId: t.id, ownerId: t.ownerId });
  }
  for (const g of ctx.cell.table('securityGroup').values()) {
    if (g.rules.some((r) => r.prefixListId === id)) refs.push({ resourceId: g.id, ownerId: g.ownerId });
  }
  return refs.sort((a, b) => (a.resourceId < b.resourceId ? -1 : a.resourceId > b.resourceId ? 1 : 0));
}
