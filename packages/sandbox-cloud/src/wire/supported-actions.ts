/** The EC2 actions the sandbox cloud answers, in one list.
 *
 * `extract-ec2-model.ts` copies the request and response shapes of exactly these actions out of
 * botocore's EC2 model into `ec2-model.json`; `ec2/dispatch.ts` must implement every one of them
 * (its table is typed against this list, so the two cannot drift apart).
 */
export const SUPPORTED_EC2_ACTIONS = [
  'DescribeRegions',
  'DescribeAvailabilityZones',
  'CreateVpc',
  'CreateDefaultVpc',
  'DeleteVpc',
  'DescribeVpcs',
  'AssociateVpcCidrBlock',
  'DisassociateVpcCidrBlock',
  'DescribeVpcAttribute',
  'ModifyVpcAttribute',
  'CreateSubnet',
  'DeleteSubnet',
  'DescribeSubnets',
  'CreateRouteTable',
  'DeleteRouteTable',
  'AssociateRouteTable',
  'DisassociateRouteTable',
  'ReplaceRouteTableAssociation',
  'DescribeRouteTables',
  'CreateRoute',
  'ReplaceRoute',
  'DeleteRoute',
  'CreateSecurityGroup',
  'DeleteSecurityGroup',
  'DescribeSecurityGroups',
  'AuthorizeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupIngress',
  'RevokeSecurityGroupEgress',
  'CreateVpcPeeringConnection',
  'AcceptVpcPeeringConnection',
  'RejectVpcPeeringConnection',
  'DeleteVpcPeeringConnection',
  'DescribeVpcPeeringConnections',
  'ModifyVpcPeeringConnectionOptions',
  'CreateTags',
  'DeleteTags',
  'DescribeTags',
] as const;

/** One EC2 action name the sandbox answers. */
export type Ec2Action = (typeof SUPPORTED_EC2_ACTIONS)[number];

/** True when `name` is an EC2 action the sandbox answers. */
export function isSupportedEc2Action(name: string): name is Ec2Action {
  return (SUPPORTED_EC2_ACTIONS as readonly string[]).includes(name);
}
