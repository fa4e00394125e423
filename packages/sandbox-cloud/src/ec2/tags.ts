/** Tag actions: CreateTags, DeleteTags, DescribeTags.
 *
 * From the EC2 API reference: tags are set on resources of the caller's account and region;
 * DeleteTags without `Tags` removes every tag, with a value only a matching tag ("If you specify
 * a tag key with a value, the tag is deleted only if its value matches"); keys starting `aws:`
 * are reserved; 50 tags per resource. Peering tags are kept per account, so each side of a
 * cross-account peering sees only its own.
 */
import type { CreateTagsRequest, DeleteTagsRequest, DescribeTagsRequest, DescribeTagsResult, TagDescription } from '@aws-sdk/client-ec2';

import { AwsError, assertWellFormedId, missingParameter, notFound, type ResourceKind } from '../errors';
import type { TagMap } from '../state/records';
import { applyFilters, checkDryRun, paginate, validateTag, type FilterSpec } from './common';
import type { CallContext } from './context';

const KINDS: readonly { prefix: string; kind: ResourceKind; type: string }[] = [
  { prefix: 'vpc-', kind: 'vpc', type: 'vpc' },
  { prefix: 'subnet-', kind: 'subnet', type: 'subnet' },
  { prefix: 'rtb-', kind: 'routeTable', type: 'route-table' },
  { prefix: 'sg-', kind: 'securityGroup', type: 'security-group' },
  { prefix: 'pcx-', kind: 'peering', type: 'vpc-peering-connection' },
];

/** The tag map of one of the caller's resources (created on demand for peerings). */
function tagsOf(ctx: CallContext, id: string): TagMap {
  const k = KINDS.find((x) => id.startsWith(x.prefix));
  if (!k) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  assertWellFormedId(k.kind, id);
  if (k.kind === 'peering') {
    const p = ctx.world.visiblePeering(id, ctx.accountId, ctx.region);
    if (!p) throw notFound('peering', id);
    p.tags[ctx.accountId] ??= {};
    return p.tags[ctx.accountId] as TagMap;
  }
  const r = ctx.world.byId.get(id);
  if (!r || r.rec.ownerId !== ctx.accountId || r.rec.region !== ctx.region) throw notFound(k.kind, id);
  return r.rec.tags;
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
  const c = ctx.cell;
  for (const v of c.vpcs.values()) add(v.id, 'vpc', v.tags);
  for (const s of c.subnets.values()) add(s.id, 'subnet', s.tags);
  for (const r of c.routeTables.values()) add(r.id, 'route-table', r.tags);
  for (const g of c.securityGroups.values()) add(g.id, 'security-group', g.tags);
  for (const id of c.peeringIds) {
    const p = ctx.world.visiblePeering(id, ctx.accountId, ctx.region);
    if (p) add(p.id, 'vpc-peering-connection', p.tags[ctx.accountId]);
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const filtered = applyFilters(rows, input.Filters, TAG_FILTERS);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (r) => r.id, input.MaxResults, input.NextToken);
  return { Tags: page.map((r) => r.d), ...(nextToken ? { NextToken: nextToken } : {}) };
}
