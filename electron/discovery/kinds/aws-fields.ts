/** Field conventions every kind's translation shares: tags, names and CIDR spelling. */
import type { Tag } from '@aws-sdk/client-ec2';

import type { Tags } from '../../../shared/model/topology';

/** Tags as a map (AWS returns a list of key/value pairs). */
export function toTags(tags: readonly Tag[] | undefined): Tags {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) out[t.Key] = t.Value ?? '';
  return out;
}

/** The `Name` tag as the model's optional `name`. */
export function nameOf(tags: Tags): { name?: string } {
  const name = tags.Name;
  return name ? { name } : {};
}

/** Lower-case and trim a CIDR, so IPv6 blocks compare equal however AWS spelled them. */
export function normaliseCidr(cidr: string): string {
  return cidr.trim().toLowerCase();
}

/** Association states AWS still lists briefly after an association ends; they no longer route anything. */
export const GONE_CIDR_STATES: ReadonlySet<string> = new Set(['disassociated', 'failed', 'failing']);
