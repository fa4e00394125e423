/** The regions and Availability Zones the sandbox serves.
 *
 * The 17 regions enabled by default in every AWS account, then opt-in regions ("Specify which
 * AWS Regions your account can use", AWS Account Management guide). Opt-in regions answer only
 * for accounts that enabled them.
 */
import { createHash } from 'node:crypto';

/** Regions enabled by default in every account. */
export const DEFAULT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-north-1',
  'sa-east-1',
] as const;

/** Regions an account must opt in to. */
export const OPT_IN_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
] as const;

/** Every region the sandbox knows. */
export const ALL_REGIONS: readonly string[] = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS];

/** True when the region needs an opt-in. */
export function isOptInRegion(region: string): boolean {
  return (OPT_IN_REGIONS as readonly string[]).includes(region);
}

/** True when the sandbox serves `region` at all. */
export function isKnownRegion(region: string): boolean {
  return ALL_REGIONS.includes(region);
}

const DIRECTION: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** The AZ id prefix AWS uses for a region (`us-east-1` → `use1`, `ap-southeast-2` → `apse2`). */
export function zoneIdPrefix(region: string): string {
  const [area = '', dir = '', num = ''] = region.split('-');
  return `${area}${DIRECTION[dir] ?? dir.charAt(0)}${num}`;
}

/** An Availability Zone: name and id. */
export interface Zone {
  readonly zoneName: string;
  readonly zoneId: string;
}

/**
 * Each region's Availability Zones as AWS publishes them: the zone letters an account sees and
 * the zone ids' numbers (`use1-az1` …). A few regions skip letters or numbers (us-west-1 has
 * `usw1-az1` and `usw1-az3`; ap-northeast-1 shows `a`, `c`, `d`). Regions not listed have three
 * zones, `a`–`c`, `az1`–`az3`.
 */
const REGION_ZONES: Readonly<Record<string, { readonly letters: string; readonly ids: readonly number[] }>> = {
  'us-east-1': { letters: 'abcdef', ids: [1, 2, 3, 4, 5, 6] },
  'us-west-1': { letters: 'ab', ids: [1, 3] },
  'us-west-2': { letters: 'abcd', ids: [1, 2, 3, 4] },
  'ap-northeast-1': { letters: 'acd', ids: [1, 2, 4] },
  'ap-northeast-2': { letters: 'abcd', ids: [1, 2, 3, 4] },
  'ca-central-1': { letters: 'abd', ids: [1, 2, 4] },
};

/** The zone letters a region shows (`abcdef` in us-east-1). */
export function zoneLettersOf(region: string): string {
  return REGION_ZONES[region]?.letters ?? 'abc';
}

/** Four bytes of sha256(text) per call, as a stream of numbers in [0, 1). */
function hashStream(text: string): () => number {
  let block = 0;
  let bytes = createHash('sha256').update(text).digest();
  let at = 0;
  return () => {
    if (at + 4 > bytes.length) {
      block++;
      bytes = createHash('sha256').update(`${text}#${block}`).digest();
      at = 0;
    }
    const n = bytes.readUInt32BE(at);
    at += 4;
    return n / 0x1_0000_0000;
  };
}

const zoneCache = new Map<string, readonly Zone[]>();

/**
 * The Availability Zones `accountId` sees in `region`, in letter order. AWS maps zone names to
 * zone ids independently for each account, so `us-east-1a` is one physical zone in one account and
 * another in the next; the sandbox's mapping is a permutation fixed by the account id and region.
 */
export function zonesOf(region: string, accountId: string): readonly Zone[] {
  const key = `${accountId}:${region}`;
  const cached = zoneCache.get(key);
  if (cached) return cached;
  const { letters, ids } = REGION_ZONES[region] ?? { letters: 'abc', ids: [1, 2, 3] };
  const order = [...ids];
  const next = hashStream(key);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const prefix = zoneIdPrefix(region);
  const zones = [...letters].map((letter, i) => ({ zoneName: `${region}${letter}`, zoneId: `${prefix}-az${order[i] as number}` }));
  zoneCache.set(key, zones);
  return zones;
}
