/** Managed prefix list actions: Create/Modify/Delete/DescribeManagedPrefixLists,
 * GetManagedPrefixListEntries and GetManagedPrefixListAssociations.
 *
 * From the EC2 API reference of these actions and "Managed prefix lists" in the Amazon VPC user
 * guide: a list has one address family and a maximum size (1 to 1000 entries); adding or removing
 * entries makes a new version (renaming does not), and a modification naming a `CurrentVersion`
 * that is not the current one fails; the entries and the maximum size cannot change in one request;
 * each region has AWS-managed lists (owner `AWS`) that cannot be changed. Changes are asynchronous
 * on AWS: the call answers `create-in-progress`, `modify-in-progress` or `delete-in-progress`, and
 * a deletion while a route or a security group rule references the list ends in `delete-failed`
 * with a state message. The sandbox's lists settle at once, so the next describe shows the outcome.
 */
import type {
  AddPrefixListEntry,
  CreateManagedPrefixListRequest,
  CreateManagedPrefixListResult,
  DeleteManagedPrefixListRequest,
  DeleteManagedPrefixListResult,
  DescribeManagedPrefixListsRequest,
  DescribeManagedPrefixListsResult,
  GetManagedPrefixListAssociationsRequest,
  GetManagedPrefixListAssociationsResult,
  GetManagedPrefixListEntriesRequest,
  GetManagedPrefixListEntriesResult,
  ManagedPrefixList,
  ModifyManagedPrefixListRequest,
  ModifyManagedPrefixListResult,
  PrefixListState,
} from '@aws-sdk/client-ec2';

import { formatCidr, parseCidr } from '../../cidr';
import { applyFilters, checkDryRun, paginate, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidCombination, invalidValue, missingParameter } from '../../errors';
import { PREFIX_LIST_FILTERS } from './filters';
import { PREFIX_LIST_IDS, awsManagedPrefixLists, currentEntries, prefixListArn, type PrefixListEntryRec, type PrefixListRec } from './records';
import { prefixListNotFound, prefixListReferences, requirePrefixList, type SeenPrefixList } from './store';

/** Entries one request may add or remove ("The number of entries per request cannot exceeds limit (100).", AWS's words). */
const ENTRIES_PER_REQUEST = 100;
/** The largest `MaxEntries` (Amazon VPC quotas: 1000 entries per prefix list). */
const MAX_ENTRIES_LIMIT = 1000;
/** Name prefixes AWS keeps for its own lists. */
const RESERVED_NAME_PREFIXES = ['com.amazonaws.', 'com.amazon.', 'com.aws.'];

/** The wire form of a list as the caller sees it; `state` replaces the settled state in the answer
 * of the call that starts a change (AWS answers the change in progress). */
export function renderPrefixList(seen: SeenPrefixList, state?: PrefixListState): ManagedPrefixList {
  if (seen.owner === 'aws') {
    const a = seen.rec;
    return { PrefixListId: a.id, AddressFamily: 'IPv4', State: 'create-complete', PrefixListArn: prefixListArn(a.region, 'aws', a.id), PrefixListName: a.name, OwnerId: 'AWS' };
  }
  const p = seen.rec;
  return {
    PrefixListId: p.id,
    AddressFamily: p.addressFamily,
    State: state ?? p.state,
    ...(p.stateMessage && !state ? { StateMessage: p.stateMessage } : {}),
    PrefixListArn: prefixListArn(p.region, p.ownerId, p.id),
    PrefixListName: p.name,
    MaxEntries: p.maxEntries,
    Version: p.version,
    ...(Object.keys(p.tags).length > 0 ? { Tags: tagList(p.tags) } : {}),
    OwnerId: p.ownerId,
  };
}

function readName(name: string | undefined): string {
  if (!name) throw missingParameter('PrefixListName');
  if (name.length > 255) throw invalidValue('PrefixListName', name, 'A prefix list name is at most 255 characters long.');
  // Names AWS keeps for its own lists.
  if (RESERVED_NAME_PREFIXES.some((p) => name.startsWith(p))) {
    throw new AwsError('InvalidParameterValue', 'The prefix list name cannot begin with (com.amazonaws., com.amazon., com.aws.).');
  }
  return name;
}

function readMaxEntries(n: number | undefined): number {
  if (n === undefined) throw missingParameter('MaxEntries');
  // AWS's words (an AWS answer quoted in an aws-samples bug report).
  if (!Number.isInteger(n) || n < 1 || n > MAX_ENTRIES_LIMIT) throw new AwsError('InvalidParameterValue', `Must specify a max size between 1 and ${MAX_ENTRIES_LIMIT}`);
  return n;
}

function tooManyPerRequest(): AwsError {
  return new AwsError('InvalidParameterValue', `The number of entries per request cannot exceeds limit (${ENTRIES_PER_REQUEST}).`);
}

/** A CIDR of the list's family, normalised (host bits cleared, as rules and routes keep them). */
function readCidr(text: string | undefined, family: PrefixListRec['addressFamily'], where: string): string {
  if (!text) throw missingParameter(`${where}.Cidr`);
  const c = parseCidr(text);
  if (!c) throw invalidValue(`${where}.Cidr`, text, 'This is not a valid CIDR block.');
  if (c.family !== (family === 'IPv4' ? 4 : 6)) {
    throw invalidValue(`${where}.Cidr`, text, `This prefix list holds ${family} CIDR blocks only.`);
  }
  return formatCidr(c);
}

function readEntries(given: readonly AddPrefixListEntry[], family: PrefixListRec['addressFamily'], where: string): PrefixListEntryRec[] {
  return given.map((e, i) => {
    const cidr = readCidr(e.Cidr, family, `${where}.${i + 1}`);
    if (e.Description !== undefined && e.Description.length > 255) {
      throw invalidValue(`${where}.${i + 1}.Description`, e.Description, 'A description is at most 255 characters long.');
    }
    return { cidr, ...(e.Description ? { description: e.Description } : {}) };
  });
}

/** `PrefixListMaxEntriesExceeded` (AWS's code; the words are the sandbox's). */
function maxEntriesExceeded(name: string, max: number, count: number): AwsError {
  return new AwsError('PrefixListMaxEntriesExceeded', `The prefix list ${name} can hold at most ${max} entries; this request would leave it with ${count}.`);
}

function awsManaged(id: string, verb: string): AwsError {
  return new AwsError('UnsupportedOperation', `The prefix list ${id} is managed by AWS and cannot be ${verb}.`);
}

/** CreateManagedPrefixList. */
export function createManagedPrefixList(ctx: CallContext, input: CreateManagedPrefixListRequest): CreateManagedPrefixListResult {
  const name = readName(input.PrefixListName);
  const maxEntries = readMaxEntries(input.MaxEntries);
  if (input.AddressFamily !== 'IPv4' && input.AddressFamily !== 'IPv6') {
    if (!input.AddressFamily) throw missingParameter('AddressFamily');
    throw invalidValue('AddressFamily', input.AddressFamily, 'Valid values are IPv4 and IPv6.');
  }
  const family = input.AddressFamily;
  const given = input.Entries ?? [];
  if (given.length > ENTRIES_PER_REQUEST) throw tooManyPerRequest();
  const entries = readEntries(given, family, 'Entry');
  const twice = entries.find((e, i) => entries.findIndex((x) => x.cidr === e.cidr) !== i);
  if (twice) throw invalidValue('Entry', twice.cidr, 'Each CIDR block may be given once.');
  if (entries.length > maxEntries) throw maxEntriesExceeded(name, maxEntries, entries.length);
  const tags = tagsFromSpecs(input.TagSpecifications, 'prefix-list');
  checkDryRun(input);
  const p: PrefixListRec = {
    id: ctx.world.newId('pl'),
    ownerId: ctx.accountId,
    region: ctx.region,
    name,
    addressFamily: family,
    maxEntries,
    version: 1,
    versions: [{ version: 1, entries }],
    state: 'create-complete',
    tags,
  };
  ctx.world.put('prefixList', p);
  return { PrefixList: renderPrefixList({ owner: 'customer', rec: p }, 'create-in-progress') };
}

/** ModifyManagedPrefixList: removals first, then additions, as one new version. */
export function modifyManagedPrefixList(ctx: CallContext, input: ModifyManagedPrefixListRequest): ModifyManagedPrefixListResult {
  const seen = requirePrefixList(ctx, input.PrefixListId);
  if (seen.owner === 'aws') throw awsManaged(seen.rec.id, 'modified');
  const p = seen.rec;
  const adds = input.AddEntries ?? [];
  const removes = input.RemoveEntries ?? [];
  const changesEntries = adds.length + removes.length > 0;
  if (changesEntries && input.MaxEntries !== undefined) {
    // AWS's words (an AWS answer quoted in a terraform-provider-aws issue).
    throw invalidCombination('You cannot modify the entries and the maximum entries for the prefix list in the same request.');
  }
  if (adds.length > ENTRIES_PER_REQUEST || removes.length > ENTRIES_PER_REQUEST) throw tooManyPerRequest();
  if (input.CurrentVersion !== undefined && input.CurrentVersion !== p.version) {
    // AWS's code and words (AWS answers quoted in terraform-provider-aws issues).
    throw new AwsError('PrefixListVersionMismatch', 'The prefix list has the incorrect version number.');
  }
  const name = input.PrefixListName !== undefined ? readName(input.PrefixListName) : p.name;
  let entries = currentEntries(p);
  for (const [i, r] of removes.entries()) {
    const cidr = readCidr(r.Cidr, p.addressFamily, `RemoveEntry.${i + 1}`);
    if (!entries.some((e) => e.cidr === cidr)) {
      throw new AwsError('InvalidPrefixListModification', `The entry with the CIDR (${r.Cidr ?? ''}) does not exist.`);
    }
    entries = entries.filter((e) => e.cidr !== cidr);
  }
  const added = readEntries(adds, p.addressFamily, 'AddEntry');
  for (const [i, a] of added.entries()) {
    if (entries.some((e) => e.cidr === a.cidr)) {
      // AWS's words (an AWS answer quoted in a terraform-provider-aws issue).
      const given = adds[i] as AddPrefixListEntry;
      throw new AwsError('InvalidPrefixListModification', `An entry with the CIDR (${given.Cidr ?? ''}) and description (${given.Description ?? ''}) already exists.`);
    }
    entries = [...entries, a];
  }
  const maxEntries = input.MaxEntries !== undefined ? readMaxEntries(input.MaxEntries) : p.maxEntries;
  if (input.MaxEntries !== undefined && maxEntries < entries.length) {
    throw invalidValue('MaxEntries', maxEntries, `The prefix list ${p.id} holds ${entries.length} entries; its maximum cannot be smaller.`);
  }
  if (entries.length > maxEntries) throw maxEntriesExceeded(p.id, maxEntries, entries.length);
  checkDryRun(input);
  if (changesEntries) {
    p.version += 1;
    p.versions.push({ version: p.version, entries });
  }
  p.name = name;
  p.maxEntries = maxEntries;
  p.state = 'modify-complete';
  delete p.stateMessage;
  return { PrefixList: renderPrefixList(seen, 'modify-in-progress') };
}

/** DeleteManagedPrefixList: a list still referenced by a route or a security group rule stays, in
 * `delete-failed`, with the referencing resources (the first ten) in its state message. */
export function deleteManagedPrefixList(ctx: CallContext, input: DeleteManagedPrefixListRequest): DeleteManagedPrefixListResult {
  const seen = requirePrefixList(ctx, input.PrefixListId);
  if (seen.owner === 'aws') throw awsManaged(seen.rec.id, 'deleted');
  const p = seen.rec;
  const refs = prefixListReferences(ctx, p.id);
  checkDryRun(input);
  const answer = renderPrefixList(seen, 'delete-in-progress');
  if (refs.length > 0) {
    p.state = 'delete-failed';
    p.stateMessage = `The prefix list is still referenced by ${refs
      .slice(0, 10)
      .map((r) => r.resourceId)
      .join(', ')}. Remove these references, then delete the prefix list again.`;
  } else {
    ctx.world.remove(p.id);
  }
  return { PrefixList: answer };
}

/** Every list the caller sees here: its own and the region's AWS-managed lists, by id. */
function seenLists(ctx: CallContext): SeenPrefixList[] {
  const out: SeenPrefixList[] = [...ctx.cell.table('prefixList').values()].map((rec) => ({ owner: 'customer', rec }));
  for (const rec of awsManagedPrefixLists(ctx.region)) out.push({ owner: 'aws', rec });
  return out.sort((a, b) => (a.rec.id < b.rec.id ? -1 : a.rec.id > b.rec.id ? 1 : 0));
}

/** DescribeManagedPrefixLists. */
export function describeManagedPrefixLists(ctx: CallContext, input: DescribeManagedPrefixListsRequest): DescribeManagedPrefixListsResult {
  let base = seenLists(ctx);
  if (input.PrefixListIds?.length) {
    for (const id of input.PrefixListIds) assertWellFormedId(PREFIX_LIST_IDS, id);
    const missing = input.PrefixListIds.find((id) => !base.some((s) => s.rec.id === id));
    if (missing) throw prefixListNotFound(missing);
    base = base.filter((s) => input.PrefixListIds?.includes(s.rec.id));
  }
  const filtered = applyFilters(base, input.Filters, PREFIX_LIST_FILTERS, (s) => (s.owner === 'customer' ? s.rec.tags : {}));
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (s) => s.rec.id, input.MaxResults, input.NextToken);
  return { PrefixLists: page.map((s) => renderPrefixList(s)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** GetManagedPrefixListEntries: the current version's entries, or `TargetVersion`'s. */
export function getManagedPrefixListEntries(ctx: CallContext, input: GetManagedPrefixListEntriesRequest): GetManagedPrefixListEntriesResult {
  const seen = requirePrefixList(ctx, input.PrefixListId);
  let entries: readonly PrefixListEntryRec[];
  if (seen.owner === 'aws') {
    if (input.TargetVersion !== undefined && input.TargetVersion !== 1) {
      throw invalidValue('TargetVersion', input.TargetVersion, `The AWS-managed prefix list ${seen.rec.id} has one version.`);
    }
    entries = seen.rec.entries;
  } else {
    const p = seen.rec;
    const version = input.TargetVersion ?? p.version;
    const found = p.versions.find((v) => v.version === version);
    if (!found) throw invalidValue('TargetVersion', version, `The prefix list ${p.id} has versions 1 to ${p.version}.`);
    entries = found.entries;
  }
  checkDryRun(input);
  const sorted = [...entries].sort((a, b) => (a.cidr < b.cidr ? -1 : a.cidr > b.cidr ? 1 : 0));
  const { page, nextToken } = paginate(sorted, (e) => e.cidr, input.MaxResults, input.NextToken);
  return {
    Entries: page.map((e) => ({ Cidr: e.cidr, ...(e.description ? { Description: e.description } : {}) })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

/** GetManagedPrefixListAssociations: the caller's route tables and security groups that reference the list. */
export function getManagedPrefixListAssociations(ctx: CallContext, input: GetManagedPrefixListAssociationsRequest): GetManagedPrefixListAssociationsResult {
  const seen = requirePrefixList(ctx, input.PrefixListId);
  checkDryRun(input);
  const refs = prefixListReferences(ctx, seen.rec.id);
  const { page, nextToken } = paginate(refs, (r) => r.resourceId, input.MaxResults, input.NextToken);
  return {
    PrefixListAssociations: page.map((r) => ({ ResourceId: r.resourceId, ResourceOwner: r.ownerId })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}
