/** DescribeRegions, DescribeAvailabilityZones and DescribeAccountAttributes.
 *
 * DescribeRegions lists the regions enabled for the calling account (all of them, with their
 * `optInStatus`, when `AllRegions` is true), as the EC2 API reference describes.
 * DescribeAccountAttributes answers the six attributes of an account made today (VPC only, the
 * region's default VPC or `none`, and the default quotas).
 */
import type {
  AccountAttribute,
  AvailabilityZone,
  DescribeAccountAttributesRequest,
  DescribeAccountAttributesResult,
  DescribeAvailabilityZonesRequest,
  DescribeAvailabilityZonesResult,
  DescribeRegionsRequest,
  DescribeRegionsResult,
  Region,
} from '@aws-sdk/client-ec2';

import { AwsError } from '../errors';
import { ALL_REGIONS, isOptInRegion, zonesOf } from '../regions';
import { applyFilters, checkDryRun, type FilterSpec } from './common';
import { read, type CallContext } from './context';

const REGION_FILTERS: FilterSpec<Region> = {
  endpoint: (r) => r.Endpoint,
  'opt-in-status': (r) => r.OptInStatus,
  'region-name': (r) => r.RegionName,
};

/** DescribeRegions. */
export function describeRegions(ctx: CallContext, input: DescribeRegionsRequest): DescribeRegionsResult {
  const optedIn = ctx.world.accounts.get(ctx.accountId)?.optInRegions ?? [];
  const all: Region[] = ALL_REGIONS.map((name) => ({
    Endpoint: `ec2.${name}.amazonaws.com`,
    RegionName: name,
    OptInStatus: !isOptInRegion(name) ? 'opt-in-not-required' : optedIn.includes(name) ? 'opted-in' : 'not-opted-in',
  }));
  for (const name of input.RegionNames ?? []) {
    if (!ALL_REGIONS.includes(name)) throw new AwsError('InvalidParameterValue', `Invalid region: ${name}`);
  }
  let regions = input.AllRegions ? all : all.filter((r) => r.OptInStatus !== 'not-opted-in');
  if (input.RegionNames?.length) regions = regions.filter((r) => input.RegionNames?.includes(r.RegionName as string));
  const filtered = applyFilters(regions, input.Filters, REGION_FILTERS);
  checkDryRun(input);
  return { Regions: filtered };
}

const ZONE_FILTERS: FilterSpec<AvailabilityZone> = {
  'group-name': (z) => z.GroupName,
  message: () => undefined,
  'opt-in-status': (z) => z.OptInStatus,
  'region-name': (z) => z.RegionName,
  state: (z) => z.State,
  'zone-id': (z) => z.ZoneId,
  'zone-name': (z) => z.ZoneName,
  'zone-type': (z) => z.ZoneType,
};

/** DescribeAvailabilityZones: the region's zones, named for the calling account (`zonesOf`). */
export function describeAvailabilityZones(ctx: CallContext, input: DescribeAvailabilityZonesRequest): DescribeAvailabilityZonesResult {
  const zones: AvailabilityZone[] = zonesOf(ctx.region, ctx.accountId).map((z) => ({
    State: 'available',
    OptInStatus: 'opt-in-not-required',
    Messages: [],
    RegionName: ctx.region,
    ZoneName: z.zoneName,
    ZoneId: z.zoneId,
    GroupName: ctx.region,
    NetworkBorderGroup: ctx.region,
    ZoneType: 'availability-zone',
  }));
  for (const n of input.ZoneNames ?? []) {
    if (!zones.some((z) => z.ZoneName === n)) throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${n}]`);
  }
  for (const n of input.ZoneIds ?? []) {
    if (!zones.some((z) => z.ZoneId === n)) throw new AwsError('InvalidParameterValue', `Invalid availability zone ID: [${n}]`);
  }
  let out = zones;
  if (input.ZoneNames?.length) out = out.filter((z) => input.ZoneNames?.includes(z.ZoneName as string));
  if (input.ZoneIds?.length) out = out.filter((z) => input.ZoneIds?.includes(z.ZoneId as string));
  const filtered = applyFilters(out, input.Filters, ZONE_FILTERS);
  checkDryRun(input);
  return { AvailabilityZones: filtered };
}

/** The attributes DescribeAccountAttributes knows, in the order AWS lists them. */
const ACCOUNT_ATTRIBUTE_NAMES = [
  'vpc-max-security-groups-per-interface',
  'max-instances',
  'supported-platforms',
  'default-vpc',
  'max-elastic-ips',
  'vpc-max-elastic-ips',
] as const;

/** DescribeAccountAttributes: all six attributes, or the ones `AttributeNames` names. */
export function describeAccountAttributes(ctx: CallContext, input: DescribeAccountAttributesRequest): DescribeAccountAttributesResult {
  // The wire model refuses names other than `supported-platforms` and `default-vpc`, the two the
  // API reference lets AttributeNames take.
  const asked = (input.AttributeNames ?? []) as string[];
  checkDryRun(input);
  let defaultVpc = 'none';
  for (const v of ctx.cell.table('vpc').values()) if (v.isDefault) defaultVpc = v.id;
  const values: Record<(typeof ACCOUNT_ATTRIBUTE_NAMES)[number], string[]> = {
    'vpc-max-security-groups-per-interface': ['5'],
    'max-instances': ['20'],
    'supported-platforms': ['VPC'],
    'default-vpc': [defaultVpc],
    'max-elastic-ips': ['5'],
    'vpc-max-elastic-ips': ['5'],
  };
  const names = ACCOUNT_ATTRIBUTE_NAMES.filter((n) => asked.length === 0 || asked.includes(n));
  const attributes: AccountAttribute[] = names.map((n) => ({ AttributeName: n, AttributeValues: values[n].map((v) => ({ AttributeValue: v })) }));
  return { AccountAttributes: attributes };
}

/** The region service's actions (regions, zones and account attributes belong to no resource kind). */
export const REGION_ACTIONS = {
  DescribeRegions: read(describeRegions),
  DescribeAvailabilityZones: read(describeAvailabilityZones),
  DescribeAccountAttributes: read(describeAccountAttributes),
};
