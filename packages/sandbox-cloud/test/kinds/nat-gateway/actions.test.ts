/** NAT gateways through the real AWS SDK: public ones with their Elastic IP, private ones, their
 * states over time (pending → available, deleting → deleted, gone after an hour), the failures
 * AWS reports in the gateway rather than refusing the call, and their holds on the subnet, the
 * Elastic IP and the internet gateway. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  AllocateAddressCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteNatGatewayCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSubnetCommand,
  DescribeAddressesCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DetachInternetGatewayCommand,
  ReleaseAddressCommand,
  type EC2Client,
  type NatGateway,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const HOUR = 3_600_000;
let now = Date.parse('2026-03-01T12:00:00Z');
let sb: SandboxHandle;
let c: EC2Client;
let cidrs = 0;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty', clock: () => now });
  c = ec2(sb, 'sandbox-prod');
});
afterAll(async () => sb.stop());

/** A VPC with one subnet (10.n.1.0/24), and an internet gateway attached when `internet`. */
async function network(internet: boolean): Promise<{ vpc: string; subnet: string; igw?: string }> {
  const n = ++cidrs;
  const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: `10.${n}.0.0/16` }))).Vpc?.VpcId as string;
  const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.${n}.1.0/24` }))).Subnet?.SubnetId as string;
  if (!internet) return { vpc, subnet };
  const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
  await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpc }));
  return { vpc, subnet, igw };
}

const eip = async (): Promise<{ id: string; ip: string }> => {
  const out = await c.send(new AllocateAddressCommand({ Domain: 'vpc' }));
  return { id: out.AllocationId as string, ip: out.PublicIp as string };
};

const seen = async (id: string): Promise<NatGateway | undefined> => (await c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [id] }))).NatGateways?.[0];

describe("a NAT gateway's network interface", () => {
  it('is a requester-managed nat_gateway interface at its private address, skipping addresses interfaces hold, gone when the gateway is deleted', async () => {
    const net = await network(false);
    const free = async () => (await c.send(new DescribeSubnetsCommand({ SubnetIds: [net.subnet] }))).Subnets?.[0]?.AvailableIpAddressCount;
    const before = (await c.send(new CreateNetworkInterfaceCommand({ SubnetId: net.subnet }))).NetworkInterface;
    expect(before?.PrivateIpAddress).toBe(`10.${cidrs}.1.4`);
    const id = (await c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, ConnectivityType: 'private' }))).NatGateway?.NatGatewayId as string;
    const [address] = (await seen(id))?.NatGatewayAddresses ?? [];
    expect(address?.PrivateIp).toBe(`10.${cidrs}.1.5`);
    const eni = address?.NetworkInterfaceId as string;
    const [n] = (await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] }))).NetworkInterfaces ?? [];
    expect(n).toMatchObject({
      InterfaceType: 'nat_gateway',
      Description: `Interface for NAT Gateway ${id}`,
      RequesterManaged: true,
      Status: 'in-use',
      PrivateIpAddress: `10.${cidrs}.1.5`,
      SubnetId: net.subnet,
      VpcId: net.vpc,
      Groups: [],
    });
    expect(await free()).toBe(249);
    expect(await awsError(c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni })))).toMatchObject({
      code: 'InvalidParameterValue',
      message: `Network interface '${eni}' is currently in use.`,
    });
    // The next interface skips the gateway's address.
    expect((await c.send(new CreateNetworkInterfaceCommand({ SubnetId: net.subnet }))).NetworkInterface?.PrivateIpAddress).toBe(`10.${cidrs}.1.6`);
    await c.send(new DeleteNatGatewayCommand({ NatGatewayId: id }));
    expect((await awsError(c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] })))).code).toBe('InvalidNetworkInterfaceID.NotFound');
    expect(await free()).toBe(249);
  });
});

describe('a public NAT gateway', () => {
  it('takes a private IP of its subnet and its Elastic IP, answers pending and is available after', async () => {
    const net = await network(true);
    const ip = await eip();
    const made = await c.send(
      new CreateNatGatewayCommand({ SubnetId: net.subnet, AllocationId: ip.id, TagSpecifications: [{ ResourceType: 'natgateway', Tags: [{ Key: 'Name', Value: 'egress' }] }] }),
    );
    const id = made.NatGateway?.NatGatewayId as string;
    expect(made.NatGateway).toMatchObject({
      NatGatewayId: expect.stringMatching(/^nat-[0-9a-f]{17}$/),
      State: 'pending',
      SubnetId: net.subnet,
      VpcId: net.vpc,
      ConnectivityType: 'public',
      CreateTime: new Date(now),
      Tags: [{ Key: 'Name', Value: 'egress' }],
    });
    const [address] = (await seen(id))?.NatGatewayAddresses ?? [];
    expect(address).toEqual({
      AllocationId: ip.id,
      AssociationId: expect.stringMatching(/^eipassoc-[0-9a-f]{17}$/),
      NetworkInterfaceId: expect.stringMatching(/^eni-[0-9a-f]{17}$/),
      PrivateIp: `10.${cidrs}.1.4`,
      PublicIp: ip.ip,
      IsPrimary: true,
      Status: 'succeeded',
    });
    expect((await seen(id))?.State).toBe('available');
    const [a] = (await c.send(new DescribeAddressesCommand({ AllocationIds: [ip.id] }))).Addresses ?? [];
    expect(a).toMatchObject({ AssociationId: address?.AssociationId, NetworkInterfaceId: address?.NetworkInterfaceId, PrivateIpAddress: address?.PrivateIp });
  });

  it('holds its subnet, its Elastic IP and its VPC\'s internet gateway until deleted, and frees them then', async () => {
    const net = await network(true);
    const ip = await eip();
    const id = (await c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, AllocationId: ip.id }))).NatGateway?.NatGatewayId as string;
    const subnetHeld = await awsError(c.send(new DeleteSubnetCommand({ SubnetId: net.subnet })));
    expect(subnetHeld).toMatchObject({ code: 'DependencyViolation', message: `The subnet '${net.subnet}' has dependencies and cannot be deleted.` });
    expect((await awsError(c.send(new ReleaseAddressCommand({ AllocationId: ip.id })))).code).toBe('InvalidIPAddress.InUse');
    const igwHeld = await awsError(c.send(new DetachInternetGatewayCommand({ InternetGatewayId: net.igw, VpcId: net.vpc })));
    expect(igwHeld).toMatchObject({
      code: 'DependencyViolation',
      message: `Network ${net.vpc} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    });
    expect((await c.send(new DeleteNatGatewayCommand({ NatGatewayId: id }))).NatGatewayId).toBe(id);
    expect(await seen(id)).toMatchObject({ State: 'deleted', DeleteTime: new Date(now) });
    expect((await c.send(new DescribeAddressesCommand({ AllocationIds: [ip.id] }))).Addresses?.[0]?.AssociationId).toBeUndefined();
    await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: net.igw, VpcId: net.vpc }));
    await c.send(new DeleteSubnetCommand({ SubnetId: net.subnet }));
    await c.send(new ReleaseAddressCommand({ AllocationId: ip.id }));
    const deletedAgain = await awsError(c.send(new DeleteNatGatewayCommand({ NatGatewayId: id })));
    expect(deletedAgain).toMatchObject({ code: 'NatGatewayNotFound', message: `The natGateway ID '${id}' does not exist` });
  });

  it('fails (FailureCode, not an error) without an internet gateway, with an Elastic IP in use or unknown', async () => {
    const lonely = await network(false);
    const ip = await eip();
    const noIgw = (await c.send(new CreateNatGatewayCommand({ SubnetId: lonely.subnet, AllocationId: ip.id }))).NatGateway;
    expect(noIgw?.State).toBe('pending');
    expect(await seen(noIgw?.NatGatewayId as string)).toMatchObject({
      State: 'failed',
      FailureCode: 'Gateway.NotAttached',
      FailureMessage: `Network ${lonely.vpc} has no Internet gateway attached`,
      DeleteTime: new Date(now),
    });
    const net = await network(true);
    await c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, AllocationId: ip.id }));
    const inUse = (await c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, AllocationId: ip.id }))).NatGateway?.NatGatewayId as string;
    expect(await seen(inUse)).toMatchObject({ State: 'failed', FailureCode: 'Resource.AlreadyAssociated', FailureMessage: `Elastic IP address ${ip.id} is already associated` });
    const unknown = (await c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, AllocationId: 'eipalloc-0123456789abcdef0' }))).NatGateway?.NatGatewayId as string;
    expect(await seen(unknown)).toMatchObject({
      State: 'failed',
      FailureCode: 'InvalidAllocationID.NotFound',
      FailureMessage: 'Elastic IP address eipalloc-0123456789abcdef0 could not be associated with this NAT gateway',
    });
    // A failed gateway holds nothing: its subnet can go.
    await c.send(new DeleteSubnetCommand({ SubnetId: lonely.subnet }));
    expect((await awsError(c.send(new DeleteNatGatewayCommand({ NatGatewayId: unknown })))).code).toBe('NatGatewayNotFound');
  });

  it('needs an Elastic IP, and a private one takes none', async () => {
    const net = await network(true);
    expect((await awsError(c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet })))).code).toBe('MissingParameter');
    const ip = await eip();
    const mixed = await awsError(c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, ConnectivityType: 'private', AllocationId: ip.id })));
    expect(mixed.code).toBe('InvalidParameterCombination');
    expect((await awsError(c.send(new CreateNatGatewayCommand({ SubnetId: 'subnet-0123456789abcdef0', AllocationId: ip.id })))).code).toBe('InvalidSubnetID.NotFound');
  });
});

describe('a private NAT gateway', () => {
  it('needs no internet gateway, takes the private IP asked for, and refuses one already taken', async () => {
    const net = await network(false);
    const made = (await c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, ConnectivityType: 'private', PrivateIpAddress: `10.${cidrs}.1.50` }))).NatGateway;
    expect(await seen(made?.NatGatewayId as string)).toMatchObject({
      State: 'available',
      ConnectivityType: 'private',
      NatGatewayAddresses: [{ NetworkInterfaceId: expect.stringMatching(/^eni-/), PrivateIp: `10.${cidrs}.1.50`, IsPrimary: true, Status: 'succeeded' }],
    });
    const taken = await awsError(c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, ConnectivityType: 'private', PrivateIpAddress: `10.${cidrs}.1.50` })));
    expect(taken.code).toBe('Resource.AlreadyAssigned');
    for (const bad of [`10.${cidrs}.1.1`, `10.${cidrs}.1.255`, '192.0.2.1']) {
      const e = await awsError(c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, ConnectivityType: 'private', PrivateIpAddress: bad })));
      expect(e.code, bad).toBe('InvalidParameterValue');
    }
  });
});

describe('NAT gateway states over time', () => {
  it('are pending, available, deleting and deleted for as long as the settings say, then gone an hour later', async () => {
    sb.server.setSettings({ gatewayTransitionMs: 60_000 });
    try {
      const net = await network(true);
      const ip = await eip();
      const id = (await c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, AllocationId: ip.id }))).NatGateway?.NatGatewayId as string;
      expect((await seen(id))?.State).toBe('pending');
      expect((await seen(id))?.NatGatewayAddresses?.[0]?.Status).toBe('associating');
      now += 60_000;
      expect((await seen(id))?.State).toBe('available');
      await c.send(new DeleteNatGatewayCommand({ NatGatewayId: id }));
      expect(await seen(id)).toMatchObject({ State: 'deleting' });
      const pendingDelete = await seen(id);
      expect(pendingDelete?.DeleteTime).toEqual(new Date(now + 60_000));
      now += 60_000;
      expect((await seen(id))?.State).toBe('deleted');
      now += HOUR - 1;
      expect((await seen(id))?.State).toBe('deleted');
      now += 1;
      const gone = await awsError(c.send(new DescribeNatGatewaysCommand({ NatGatewayIds: [id] })));
      expect(gone).toMatchObject({ code: 'NatGatewayNotFound', message: `The natGateway ID '${id}' does not exist` });
    } finally {
      sb.server.setSettings({ gatewayTransitionMs: 0 });
    }
  });
});

describe('DescribeNatGateways', () => {
  it('filters by state, subnet, VPC, id and tag (its parameter is Filter), and pages', async () => {
    const ew = ec2(sb, 'sandbox-prod', 'eu-west-1');
    const vpc = (await ew.send(new CreateVpcCommand({ CidrBlock: '10.200.0.0/16' }))).Vpc?.VpcId as string;
    const subnet = (await ew.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.200.1.0/24' }))).Subnet?.SubnetId as string;
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const tags = [{ ResourceType: 'natgateway' as const, Tags: [{ Key: 'n', Value: String(i) }] }];
      ids.push((await ew.send(new CreateNatGatewayCommand({ SubnetId: subnet, ConnectivityType: 'private', TagSpecifications: tags }))).NatGateway?.NatGatewayId as string);
    }
    await ew.send(new DeleteNatGatewayCommand({ NatGatewayId: ids[0] }));
    const find = async (Name: string, Values: string[]) =>
      ((await ew.send(new DescribeNatGatewaysCommand({ Filter: [{ Name, Values }] }))).NatGateways ?? []).map((g) => g.NatGatewayId);
    expect(await find('state', ['deleted'])).toEqual([ids[0]]);
    expect(await find('state', ['available'])).toHaveLength(5);
    expect(await find('subnet-id', [subnet])).toHaveLength(6);
    expect(await find('vpc-id', [vpc])).toHaveLength(6);
    expect(await find('nat-gateway-id', [ids[3] as string])).toEqual([ids[3]]);
    expect(await find('tag:n', ['2'])).toEqual([ids[2]]);
    const first = await ew.send(new DescribeNatGatewaysCommand({ MaxResults: 5 }));
    const rest = await ew.send(new DescribeNatGatewaysCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect([...(first.NatGateways ?? []), ...(rest.NatGateways ?? [])].map((g) => g.NatGatewayId)).toEqual([...ids].sort());
    expect((await awsError(ew.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-0123456789abcdef0'] })))).code).toBe('NatGatewayNotFound');
    expect((await awsError(ew.send(new DescribeNatGatewaysCommand({ NatGatewayIds: ['nat-1'] })))).code).toBe('NatGatewayMalformed');
  });
});

const AWS = '/usr/bin/aws';

describe.skipIf(!existsSync(AWS) && !process.env.CI)('the AWS CLI', () => {
  it('filters NAT gateways with --filter, reads a route to a deleted one as blackhole, and gets InvalidNatGatewayID.NotFound for an unknown target', async () => {
    const net = await network(true);
    const ip = await eip();
    const id = (await c.send(new CreateNatGatewayCommand({ SubnetId: net.subnet, AllocationId: ip.id }))).NatGateway?.NatGatewayId as string;
    const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: net.vpc }))).RouteTable?.RouteTableId as string;
    const dir = await mkdtemp(join(tmpdir(), 'nat-cli-'));
    const files = await sb.writeAwsFiles(dir);
    const env = { ...process.env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_PAGER: '' };
    const aws = async (...args: string[]): Promise<string> =>
      (await promisify(execFile)(AWS, ['ec2', ...args, '--profile', 'sandbox-prod', '--region', 'us-east-1', '--endpoint-url', sb.endpoint, '--output', 'json'], { env })).stdout;
    const [filtered, refused] = await Promise.all([
      aws('describe-nat-gateways', '--filter', `Name=vpc-id,Values=${net.vpc}`, 'Name=state,Values=available'),
      aws('create-route', '--route-table-id', rtb, '--destination-cidr-block', '0.0.0.0/0', '--nat-gateway-id', 'nat-0123456789abcdef0').catch((e: { stderr: string }) => e.stderr),
      aws('create-route', '--route-table-id', rtb, '--destination-cidr-block', '10.0.0.0/8', '--nat-gateway-id', id),
    ]);
    expect((JSON.parse(filtered) as { NatGateways: NatGateway[] }).NatGateways.map((g) => [g.NatGatewayId, g.NatGatewayAddresses?.[0]?.PublicIp])).toEqual([[id, ip.ip]]);
    expect(refused).toContain("(InvalidNatGatewayID.NotFound) when calling the CreateRoute operation: The natGateway ID 'nat-0123456789abcdef0' does not exist");
    await c.send(new DeleteNatGatewayCommand({ NatGatewayId: id }));
    const tables = JSON.parse(await aws('describe-route-tables', '--route-table-ids', rtb)) as { RouteTables: { Routes: { NatGatewayId?: string; State: string }[] }[] };
    expect(tables.RouteTables[0]?.Routes.find((r) => r.NatGatewayId === id)?.State).toBe('blackhole');
  });
});
