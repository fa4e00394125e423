/** Pieces every EC2 action shares: dry runs, filters, pagination, tags, id lists.
 *
 * Filters follow the EC2 API reference for each Describe call: filters are ANDed, the values of
 * one filter ORed, values may use `*` and `?` wildcards, `tag:<key>` and `tag-key` work on every
 * taggable resource. Pagination follows "Pagination" in the EC2 API reference: `MaxResults` caps
 * one page, an opaque `nextToken` continues, and its absence ends the list.
 */
import type { Filter, Tag, TagSpecification } from '@aws-sdk/client-ec2';

import { AwsError, assertWellFormedId, dryRunOk, missingParameter, notFound, type IdSpec } from '../errors';
import type { TaggableType } from '../kinds/records';
import type { TagMap } from '../state/records';

/** Throws `DryRunOperation` when the request asked for a dry run (call after validation). */
export function checkDryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun) throw dryRunOk();
}

/** A value a filter can test: one or many strings, numbers or booleans. */
export type FilterValue = string | number | boolean | undefined | readonly (string | number | boolean | undefined)[];

/** Filter name → the values of a record it tests. */
export type FilterSpec<T> = Readonly<Record<string, (r: T) => FilterValue>>;

function wildcardRegex(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern.charAt(i);
    if (ch === '\\' && i + 1 < pattern.length) {
      re += pattern.charAt(++i).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

interface CompiledFilter<T> {
  readonly test: (r: T) => boolean;
}

function asStrings(v: FilterValue): string[] {
  const arr = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of arr as readonly (string | number | boolean | undefined)[]) if (x !== undefined) out.push(String(x));
  return out;
}

/** Keeps the records that pass every filter; unknown filter names get `InvalidParameterValue`. */
export function applyFilters<T>(
  items: readonly T[],
  filters: readonly Filter[] | undefined,
  spec: FilterSpec<T>,
  tagsOf?: (r: T) => TagMap,
): T[] {
  if (!filters || filters.length === 0) return [...items];
  const compiled: CompiledFilter<T>[] = filters.map((f, i) => {
    const name = f.Name;
    if (!name) throw missingParameter(`Filter.${i + 1}.Name`);
    const values = f.Values ?? [];
    if (values.length === 0) throw missingParameter(`Filter.${i + 1}.Value`);
    const patterns = values.map((v) => (/[*?\\]/.test(v) ? wildcardRegex(v) : v));
    const matchAny = (candidates: string[]): boolean =>
      candidates.some((c) => patterns.some((p) => (typeof p === 'string' ? p === c : p.test(c))));
    if (tagsOf && name.startsWith('tag:')) {
      const key = name.slice(4);
      return { test: (r) => key in tagsOf(r) && matchAny([tagsOf(r)[key] ?? '']) };
    }
    if (tagsOf && name === 'tag-key') return { test: (r) => matchAny(Object.keys(tagsOf(r))) };
    if (tagsOf && name === 'tag-value') return { test: (r) => matchAny(Object.values(tagsOf(r))) };
    const fn = spec[name];
    if (!fn) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    return { test: (r) => matchAny(asStrings(fn(r))) };
  });
  return items.filter((r) => compiled.every((c) => c.test(r)));
}

const TOKEN_PREFIX = 'sbx1:';

/** One page of `items` (already sorted by id) after `nextToken`, at most `maxResults` long. */
export function paginate<T>(
  items: readonly T[],
  idOf: (r: T) => string,
  maxResults: number | undefined,
  nextToken: string | undefined,
): { page: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    let after: string | undefined;
    try {
      const decoded = Buffer.from(nextToken, 'base64url').toString('utf8');
      if (decoded.startsWith(TOKEN_PREFIX)) after = decoded.slice(TOKEN_PREFIX.length);
    } catch {
      after = undefined;
    }
    if (!after) throw new AwsError('InvalidPaginationToken', `The token '${nextToken}' is invalid.`);
    // Resume after the last id served, so deletions between pages never skip an item.
    start = items.findIndex((r) => idOf(r) > after);
    if (start < 0) start = items.length;
  }
  if (maxResults === undefined) return { page: items.slice(start) };
  const page = items.slice(start, start + maxResults);
  const last = page[page.length - 1];
  if (start + maxResults < items.length && last !== undefined) {
    return { page, nextToken: Buffer.from(TOKEN_PREFIX + idOf(last), 'utf8').toString('base64url') };
  }
  return { page };
}

/** Sorts records by id (the sandbox's stable listing order). */
export function byId<T extends { id: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Tags as the wire list. */
export function tagList(tags: TagMap | undefined): Tag[] {
  return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/** Throws unless the tag key may be set (AWS reserves `aws:`; keys are 1–128 characters). */
export function validateTag(key: string | undefined, value: string | undefined): void {
  if (key === undefined || key.length === 0) throw new AwsError('InvalidParameterValue', 'Tag keys must not be empty.');
  if (key.length > 128) throw new AwsError('InvalidParameterValue', `Tag key exceeds the maximum length of 128 characters: ${key}`);
  if (key.toLowerCase().startsWith('aws:')) {
    throw new AwsError('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use: ${key}`);
  }
  if (value !== undefined && value.length > 256) {
    throw new AwsError('InvalidParameterValue', `Tag value exceeds the maximum length of 256 characters for key ${key}`);
  }
}

/** Tags from the `TagSpecifications` of a create call for resource type `type`. */
export function tagsFromSpecs(specs: readonly TagSpecification[] | undefined, type: TaggableType): TagMap {
  const tags: TagMap = {};
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== type) {
      throw new AwsError(
        'InvalidParameterValue',
        `'${spec.ResourceType ?? ''}' is not a valid taggable resource type for this operation. Use ResourceType '${type}'.`,
      );
    }
    for (const t of spec.Tags ?? []) {
      validateTag(t.Key, t.Value);
      tags[t.Key as string] = t.Value ?? '';
    }
  }
  if (Object.keys(tags).length > 50) throw new AwsError('TagLimitExceeded', 'The maximum number of tags per resource is 50.');
  return tags;
}

/**
 * Looks up explicitly requested ids: malformed ones get `.Malformed`, unknown ones `.NotFound`
 * naming all of them (as DescribeVpcs does: "The vpc IDs 'vpc-1, vpc-2' do not exist").
 */
export function pickByIds<T>(spec: IdSpec, ids: readonly string[], lookup: (id: string) => T | undefined): T[] {
  for (const id of ids) assertWellFormedId(spec, id);
  const found: T[] = [];
  const missing: string[] = [];
  for (const id of new Set(ids)) {
    const r = lookup(id);
    if (r === undefined) missing.push(id);
    else found.push(r);
  }
  if (missing.length === 1) throw notFound(spec, missing[0] as string);
  if (missing.length > 1) {
    const e = notFound(spec, missing.join(', '));
    throw new AwsError(e.code, e.message.replace(' ID ', ' IDs ').replace(' does not exist', ' do not exist'));
  }
  return found;
}
