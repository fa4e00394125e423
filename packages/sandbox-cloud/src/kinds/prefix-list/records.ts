/** A managed prefix list's stored record (every version of its entries), its id form, and the
 * region's AWS-managed lists. */
import { createHash } from 'node:crypto';

import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Prefix list ids and the errors AWS answers for a malformed or unknown one. */
export const PREFIX_LIST_IDS: IdSpec = {
  prefix: 'pl-',
  notFound: 'InvalidPrefixListID.NotFound',
  malformed: 'InvalidPrefixListId.Malformed',
  noun: 'prefix list ID',
};

/** One entry: a CIDR block (normalised) and its optional description. */
export interface PrefixListEntryRec {
  cidr: string;
  description?: string;
}

/** The entries of one version. */
export interface PrefixListVersionRec {
  version: number;
  entries: PrefixListEntryRec[];
}

/** The states a stored list settles in (the `…-in-progress` states are only answered by the call
 * that starts them: the sandbox's lists settle at once). */
export type PrefixListSettledState = 'create-complete' | 'modify-complete' | 'delete-failed';

/** A customer-managed prefix list. */
export interface PrefixListRec {
  id: string;
  ownerId: string;
  region: string;
  name: string;
  addressFamily: 'IPv4' | 'IPv6';
  maxEntries: number;
  /** The current version; `versions` holds every version, oldest first. */
  version: number;
  versions: PrefixListVersionRec[];
  state: PrefixListSettledState;
  /** Why the last change failed (a deletion while the list is referenced). */
  stateMessage?: string;
  tags: TagMap;
}

/** The entries of a list's current version. */
export function currentEntries(p: PrefixListRec): PrefixListEntryRec[] {
  return p.versions.find((v) => v.version === p.version)?.entries ?? [];
}

/** A list AWS owns in every region (the services of gateway endpoints): never stored, the same for
 * every account of the region. */
export interface AwsManagedPrefixList {
  readonly id: string;
  readonly region: string;
  readonly name: string;
  /** The service's short name (`s3`, `dynamodb`), as in its endpoint service name. */
  readonly service: string;
  readonly entries: readonly PrefixListEntryRec[];
}

/** The address ranges the AWS-managed lists hold: fixed, from the ranges AWS publishes for these
 * services in us-east-1 (the same in every region of the sandbox). */
const AWS_MANAGED_ENTRIES: Readonly<Record<string, readonly string[]>> = {
  s3: ['3.5.0.0/19', '52.216.0.0/15', '54.231.0.0/16'],
  dynamodb: ['3.218.180.0/23', '3.218.182.0/24', '52.94.0.0/22', '52.119.224.0/20'],
};

/** The services with an AWS-managed prefix list (those with gateway endpoints). */
export const AWS_MANAGED_SERVICES: readonly string[] = Object.keys(AWS_MANAGED_ENTRIES);

/** A region's AWS-managed list of a service: `com.amazonaws.<region>.<service>`, an id of 8 hex
 * digits (as AWS's are, `pl-63a5400a`) fixed by the region and service. */
export function awsManagedPrefixList(region: string, service: string): AwsManagedPrefixList | undefined {
  const cidrs = AWS_MANAGED_ENTRIES[service];
  if (!cidrs) return undefined;
  const id = `pl-${createHash('sha256').update(`${region}/${service}`).digest('hex').slice(0, 8)}`;
  return { id, region, name: `com.amazonaws.${region}.${service}`, service, entries: cidrs.map((cidr) => ({ cidr })) };
}

/** Every AWS-managed list of a region. */
export function awsManagedPrefixLists(region: string): AwsManagedPrefixList[] {
  return AWS_MANAGED_SERVICES.map((s) => awsManagedPrefixList(region, s) as AwsManagedPrefixList);
}

/** A list's ARN: `arn:aws:ec2:<region>:<owner>:prefix-list/<id>` (owner `aws` for AWS's lists). */
export function prefixListArn(region: string, owner: string, id: string): string {
  return `arn:aws:ec2:${region}:${owner}:prefix-list/${id}`;
}
