/** What the route table tests share: a sandbox with VPCs made before the tests (vpcA with an IPv6
 * block and vpcOther in sandbox-prod, vpcB in sandbox-dev), the main table of vpcA, and helpers
 * that read tables and make gateways and peerings. */
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  type EC2Client,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { ec2 } from '../../clients';

export let sb: SandboxHandle;
export let c: EC2Client;
export let peer: EC2Client;
export let vpcA: string;
export let vpcB: string;
export let vpcOther: string;
export let mainA: RouteTable;

/** Starts the sandbox and makes the VPCs before the file's tests, and stops it after them. */
export function useRouteTableSandbox(): void {
  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'empty' });
    c = ec2(sb, 'sandbox-prod');
    peer = ec2(sb, 'sandbox-dev');
    vpcA = (await c.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).Vpc?.VpcId as string;
    vpcOther = (await c.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' }))).Vpc?.VpcId as string;
    vpcB = (await peer.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' }))).Vpc?.VpcId as string;
    mainA = await mainTable(vpcA);
  });
  afterAll(async () => sb.stop());
}

export async function mainTable(vpcId: string): Promise<RouteTable> {
  const out = await c.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }),
  );
  return out.RouteTables?.[0] as RouteTable;
}

export async function table(id: string): Promise<RouteTable> {
  return (await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }))).RouteTables?.[0] as RouteTable;
}

/** An internet gateway attached to vpcA, and a private NAT gateway in a subnet of it (made once). */
let gatewaysOfA: { igw: string; nat: string } | undefined;
export async function gatewaysA(): Promise<{ igw: string; nat: string }> {
  if (gatewaysOfA) return gatewaysOfA;
  const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
  await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcA }));
  const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: '10.1.250.0/24' }))).Subnet?.SubnetId as string;
  const nat = (await c.send(new CreateNatGatewayCommand({ SubnetId: subnet, ConnectivityType: 'private' }))).NatGateway?.NatGatewayId as string;
  gatewaysOfA = { igw, nat };
  return gatewaysOfA;
}

export async function pcx(): Promise<string> {
  const out = await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcA, PeerVpcId: vpcB, PeerOwnerId: '777788889999' }));
  return out.VpcPeeringConnection?.VpcPeeringConnectionId as string;
}
