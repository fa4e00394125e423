/** The EC2 action table: one handler per supported action, and the call path they share.
 *
 * Both HTTP requests and the scenario loader go through `runEc2Action`, so a scenario is built
 * by exactly the code that answers the SDK and the CLI.
 */
import type { World } from '../state/world';
import type { Ec2Action } from '../wire/supported-actions';
import { callContext, type CallContext, type VpcDeleteHook } from './context';
import {
  acceptVpcPeeringConnection,
  createVpcPeeringConnection,
  deleteVpcPeeringConnection,
  describeVpcPeeringConnections,
  modifyVpcPeeringConnectionOptions,
  peeringsOnVpcDelete,
  rejectVpcPeeringConnection,
} from './peerings';
import { describeAvailabilityZones, describeRegions } from './regions';
import {
  associateRouteTable,
  createRoute,
  createRouteTable,
  deleteRoute,
  deleteRouteTable,
  describeRouteTables,
  disassociateRouteTable,
  replaceRoute,
  replaceRouteTableAssociation,
  routeTablesOnVpcDelete,
} from './route-tables';
import {
  authorizeSecurityGroupEgress,
  authorizeSecurityGroupIngress,
  createSecurityGroup,
  deleteSecurityGroup,
  describeSecurityGroups,
  revokeSecurityGroupEgress,
  revokeSecurityGroupIngress,
  securityGroupsOnVpcDelete,
} from './security-groups';
import { createSubnet, deleteSubnet, describeSubnets, subnetsOnVpcDelete } from './subnets';
import { createTags, deleteTags, describeTags } from './tags';
import {
  associateVpcCidrBlock,
  createDefaultVpc,
  createVpc,
  deleteVpc,
  describeVpcAttribute,
  describeVpcs,
  disassociateVpcCidrBlock,
  modifyVpcAttribute,
} from './vpcs';

/** A handler: takes the decoded input (SDK member names), returns the result structure or nothing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyHandler = (ctx: CallContext, input: any) => object | void;

/** One action: its handler and whether it changes state (mutating calls get smaller throttle buckets). */
export interface ActionEntry {
  readonly handler: AnyHandler;
  readonly mutating: boolean;
}

function read(handler: AnyHandler): ActionEntry {
  return { handler, mutating: false };
}
function write(handler: AnyHandler): ActionEntry {
  return { handler, mutating: true };
}

/** Every supported EC2 action; the type makes a missing one a compile error. */
export const EC2_ACTIONS: Readonly<Record<Ec2Action, ActionEntry>> = {
  DescribeRegions: read(describeRegions),
  DescribeAvailabilityZones: read(describeAvailabilityZones),
  CreateVpc: write(createVpc),
  CreateDefaultVpc: write(createDefaultVpc),
  DeleteVpc: write(deleteVpc),
  DescribeVpcs: read(describeVpcs),
  AssociateVpcCidrBlock: write(associateVpcCidrBlock),
  DisassociateVpcCidrBlock: write(disassociateVpcCidrBlock),
  DescribeVpcAttribute: read(describeVpcAttribute),
  ModifyVpcAttribute: write(modifyVpcAttribute),
  CreateSubnet: write(createSubnet),
  DeleteSubnet: write(deleteSubnet),
  DescribeSubnets: read(describeSubnets),
  CreateRouteTable: write(createRouteTable),
  DeleteRouteTable: write(deleteRouteTable),
  AssociateRouteTable: write(associateRouteTable),
  DisassociateRouteTable: write(disassociateRouteTable),
  ReplaceRouteTableAssociation: write(replaceRouteTableAssociation),
  DescribeRouteTables: read(describeRouteTables),
  CreateRoute: write(createRoute),
  ReplaceRoute: write(replaceRoute),
  DeleteRoute: write(deleteRoute),
  CreateSecurityGroup: write(createSecurityGroup),
  DeleteSecurityGroup: write(deleteSecurityGroup),
  DescribeSecurityGroups: read(describeSecurityGroups),
  AuthorizeSecurityGroupIngress: write(authorizeSecurityGroupIngress),
  AuthorizeSecurityGroupEgress: write(authorizeSecurityGroupEgress),
  RevokeSecurityGroupIngress: write(revokeSecurityGroupIngress),
  RevokeSecurityGroupEgress: write(revokeSecurityGroupEgress),
  CreateVpcPeeringConnection: write(createVpcPeeringConnection),
  AcceptVpcPeeringConnection: write(acceptVpcPeeringConnection),
  RejectVpcPeeringConnection: write(rejectVpcPeeringConnection),
  DeleteVpcPeeringConnection: write(deleteVpcPeeringConnection),
  DescribeVpcPeeringConnections: read(describeVpcPeeringConnections),
  ModifyVpcPeeringConnectionOptions: write(modifyVpcPeeringConnectionOptions),
  CreateTags: write(createTags),
  DeleteTags: write(deleteTags),
  DescribeTags: read(describeTags),
};

/** Each kind's part in DeleteVpc: first every refusal is checked, then every cascade applied. */
const VPC_DELETE_HOOKS: readonly VpcDeleteHook[] = [subnetsOnVpcDelete, routeTablesOnVpcDelete, securityGroupsOnVpcDelete, peeringsOnVpcDelete];

/** Runs one EC2 action for `accountId` in `region`, applying due lifecycle transitions around it. */
export function runEc2Action(
  world: World,
  accountId: string,
  region: string,
  action: Ec2Action,
  input: Record<string, unknown>,
  requestId: string,
): object | undefined {
  world.settle();
  const ctx = callContext(world, accountId, region, requestId, VPC_DELETE_HOOKS);
  const out = EC2_ACTIONS[action].handler(ctx, input);
  world.settle();
  return out ?? undefined;
}
