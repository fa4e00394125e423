/** AWS commercial regions with their location names, for the region picker and the region frames.
 *
 * Source: "Regions, Availability Zones, and Local Zones" (Amazon EC2 User Guide). Regions that
 * need opting in are marked, since a profile that has not opted in gets `OptInRequired`.
 */

/** One region. */
export interface AwsRegion {
  readonly name: string;
  readonly location: string;
  /** Disabled by default: the account must opt in first. */
  readonly optIn: boolean;
}

/** Regions in the picker, grouped by geography. */
export const AWS_REGIONS: readonly AwsRegion[] = [
  { name: 'us-east-1', location: 'N. Virginia', optIn: false },
  { name: 'us-east-2', location: 'Ohio', optIn: false },
  { name: 'us-west-1', location: 'N. California', optIn: false },
  { name: 'us-west-2', location: 'Oregon', optIn: false },
  { name: 'ca-central-1', location: 'Canada (Central)', optIn: false },
  { name: 'ca-west-1', location: 'Calgary', optIn: true },
  { name: 'sa-east-1', location: 'São Paulo', optIn: false },
  { name: 'mx-central-1', location: 'Mexico (Central)', optIn: true },
  { name: 'eu-west-1', location: 'Ireland', optIn: false },
  { name: 'eu-west-2', location: 'London', optIn: false },
  { name: 'eu-west-3', location: 'Paris', optIn: false },
  { name: 'eu-central-1', location: 'Frankfurt', optIn: false },
  { name: 'eu-central-2', location: 'Zurich', optIn: true },
  { name: 'eu-north-1', location: 'Stockholm', optIn: false },
  { name: 'eu-south-1', location: 'Milan', optIn: true },
  { name: 'eu-south-2', location: 'Spain', optIn: true },
  { name: 'il-central-1', location: 'Tel Aviv', optIn: true },
  { name: 'me-south-1', location: 'Bahrain', optIn: true },
  { name: 'me-central-1', location: 'UAE', optIn: true },
  { name: 'af-south-1', location: 'Cape Town', optIn: true },
  { name: 'ap-south-1', location: 'Mumbai', optIn: false },
  { name: 'ap-south-2', location: 'Hyderabad', optIn: true },
  { name: 'ap-east-1', location: 'Hong Kong', optIn: true },
  { name: 'ap-northeast-1', location: 'Tokyo', optIn: false },
  { name: 'ap-northeast-2', location: 'Seoul', optIn: false },
  { name: 'ap-northeast-3', location: 'Osaka', optIn: false },
  { name: 'ap-southeast-1', location: 'Singapore', optIn: false },
  { name: 'ap-southeast-2', location: 'Sydney', optIn: false },
  { name: 'ap-southeast-3', location: 'Jakarta', optIn: true },
  { name: 'ap-southeast-4', location: 'Melbourne', optIn: true },
  { name: 'ap-southeast-5', location: 'Malaysia', optIn: true },
  { name: 'ap-southeast-7', location: 'Thailand', optIn: true },
];

const LOCATIONS = new Map(AWS_REGIONS.map((r) => [r.name, r.location]));

/** The location of a region (`Ireland` for eu-west-1), or undefined for one not in the list. */
export function regionLocation(region: string): string | undefined {
  return LOCATIONS.get(region);
}
