/** Tag actions: CreateTags, DeleteTags, DescribeTags.
 *
 * From the EC2 API reference: tags are set on resources of the caller's account and region;
 * DeleteTags without `Tags` removes every tag, with a value only a matching tag ("If you specify
 * a tag key with a value, the tag is deleted only if its value matches"); keys starting `aws:`
 * are reserved; 50 tags per resource. Which kind an id names, where its tags are and what the
 * caller sees come from the kinds' registry, with the parts a kind keeps inside its records that
 * have tags of their own (security group rules); peering tags are kept per account, so each side
 * of a cross-account peering sees only its own.
 */
import type { CreateTagsRequest, DeleteTagsRequest, DescribeTagsRequest, DescribeTagsResult, TagDescription } from '@aws-sdk/client-ec2';

import { AwsError, assertWellFormedId, missingParameter, notFound } from '../errors';
import { KIND_LIST } from '../kinds';
import type { TaggedPart } from '../kinds/kind';
import type { TagMap } from '../state/records';
import { applyFilters, checkDryRun, paginate, validateTag, type FilterSpec } from './common';
import { read, write, type CallContext } from './context';

/** Everything taggable: every kind, and the parts kept inside a kind's records (rules). */
const TAGGABLE: readonly TaggedPart[] = KIND_LIST.flatMap((k) => [k, ...(k.taggedParts ?? [])]);

/** The tag map of one of the caller's resources, found by the kind its id prefix names (the
 * longest that fits: `tgw-attach-` before `tgw-`). */
function tagsOf(ctx: CallContext, id: string): TagMap {
  const k = TAGGABLE.filter((x) => id.startsWith(x.ids.prefix)).sort((a, b) => b.ids.prefix.length - a.ids.prefix.length)[0];
  if (!k) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  assertWellFormedId(k.ids, id);
  const tags = k.tags.of(ctx, id);
  if (!tags) throw notFound(k.ids, id);
  return tags;
}

/** CreateTags. */
export function createTags(ctx: CallContext, input: CreateTagsRequest): void {
  const ids = input.Resources ?? [];
  if (ids.length === 0) throw missingParameter('ResourceId');
  const tags = input.Tags ?? [];
  if (tags.length === 0) throw missingParameter('Tag');
  for (const t of tags) validateTag(t.Key, t.Value);
  const maps = ids.map((id) => tagsOf(ctx, id));
  for (const m of maps) {
    const keys = new Set([...Object.keys(m), ...tags.map((t) => t.Key as string)]);
    if (keys.size > 50) throw new AwsError('TagLimitExceeded', 'The maximum number of tags per resource is 50.');
  }
  checkDryRun(input);
  for (const m of maps) for (const t of tags) m[t.Key as string] = t.Value ?? '';
}

/** DeleteTags. */
export function deleteTags(ctx: CallContext, input: DeleteTagsRequest): void {
  const ids = input.Resources ?? [];
  if (ids.length === 0) throw missingParameter('ResourceId');
  const maps = ids.map((id) => tagsOf(ctx, id));
  checkDryRun(input);
  for (const m of maps) {
    if (!input.Tags || input.Tags.length === 0) {
      for (const k of Object.keys(m)) delete m[k];
      continue;
    }
    for (const t of input.Tags) {
      if (t.Key === undefined) continue;
      if (t.Value === undefined || m[t.Key] === t.Value) delete m[t.Key];
    }
  }
}

interface TagRow {
  readonly id: string;
  readonly d: TagDescription;
}

const TAG_FILTERS: FilterSpec<TagRow> = {
  key: (r) => r.d.Key,
  value: (r) => r.d.Value,
  'resource-id': (r) => r.d.ResourceId,
  'resource-type': (r) => r.d.ResourceType,
};

/** DescribeTags: every tag of the caller's resources in this region. */
export function describeTags(ctx: CallContext, input: DescribeTagsRequest): DescribeTagsResult {
  const rows: TagRow[] = [];
  const add = (id: string, type: string, tags: TagMap | undefined): void => {
    for (const [Key, Value] of Object.entries(tags ?? {})) {
      rows.push({ id: `${id}\u0000${Key}`, d: { Key, ResourceId: id, ResourceType: type as TagDescription['ResourceType'], Value } });
    }
  };
  for (const k of TAGGABLE) for (const r of k.tags.seen(ctx)) add(r.id, k.tagType, r.tags);
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const filtered = applyFilters(rows, input.Filters, TAG_FILTERS);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (r) => r.id, input.MaxResults, input.NextToken);
  return { Tags: page.map((r) => r.d), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** The tag service's actions (tags belong to every kind). */
export const TAG_ACTIONS = {
  CreateTags: write(createTags),
  DeleteTags: write(deleteTags),
  DescribeTags: read(describeTags),
};
