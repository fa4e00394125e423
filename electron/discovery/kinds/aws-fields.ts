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

// IANA protocol numbers AWS also accepts by name; the model uses the names (topology.ts).
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'icmpv6' };

/** A protocol as the model spells it: `-1` for all, a name where AWS has one, else the IANA number. */
export function protocolName(raw: string | undefined): string {
  const lower = (raw ?? '-1').toLowerCase();
  return PROTOCOL_NAMES[lower] ?? lower;
}
