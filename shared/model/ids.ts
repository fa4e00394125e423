/** Identifier types of the topology model.
 *
 * AWS resource ids are template-literal types, so a `VpcId` can never be passed where a
 * `PeeringId` is expected, while literals in tests stay readable (`'vpc-0a1b'`).
 */

/** A VPC id, `vpc-` followed by hex. */
export type VpcId = `vpc-${string}`;
/** A subnet id. */
export type SubnetId = `subnet-${string}`;
/** A route table id. */
export type RouteTableId = `rtb-${string}`;
/** A security group id. */
export type SecurityGroupId = `sg-${string}`;
/** A VPC peering connection id. */
export type PeeringId = `pcx-${string}`;
/** A 12-digit AWS account id. */
export type AccountId = string;
/** An AWS region name such as `eu-west-1`. */
export type Region = string;

/** True when `s` is a 12-digit AWS account id. */
export function isAccountId(s: string): s is AccountId {
  return /^\d{12}$/.test(s);
}

/** True when `s` looks like an AWS region name (`us-east-1`, `ap-southeast-2`, `us-gov-west-1`). */
export function isRegionName(s: string): s is Region {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(s);
}

/** The id of one account × region cell, used as a key in progress grids and coverage maps. */
export function regionKey(accountOrProfile: string, region: Region): string {
  return `${accountOrProfile}/${region}`;
}
