/** The regions and Availability Zones the sandbox serves.
 *
 * The 17 regions enabled by default in every AWS account, then opt-in regions ("Specify which
 * AWS Regions your account can use", AWS Account Management guide). Opt-in regions answer only
 * for accounts that enabled them.
 */

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

/** Three zones per region: `<region>a|b|c`, ids `<prefix>-az1..3`. */
export function zonesOf(region: string): readonly Zone[] {
  const prefix = zoneIdPrefix(region);
  return ['a', 'b', 'c'].map((letter, i) => ({ zoneName: `${region}${letter}`, zoneId: `${prefix}-az${i + 1}` }));
}
