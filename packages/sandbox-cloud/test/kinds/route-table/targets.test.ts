/** Routes to gateways, network interfaces and instances through the real AWS SDK: the target must
 * exist and serve the table's VPC, and the route goes blackhole when its target goes or stops
 * serving the VPC (and active again when it comes back). Set up in sandbox.ts. */
import {
  AttachInternetGatewayCommand,
  AttachNetworkInterfaceCommand,
  AttachVpnGatewayCommand,
  CreateEgressOnlyInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateNetworkInterfaceCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  CreateVpcCommand,
  CreateVpnGatewayCommand,
  DeleteEgressOnlyInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteNetworkInterfaceCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  DetachVpnGatewayCommand,
  ReplaceRouteCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { awsError } from '../../clients';
import { c, mainA, table, useRouteTableSandbox } from './sandbox';

useRouteTableSandbox();

describe('routes to gateways', () => {
  /** A VPC with a subnet and a route table of its own; `v6` gives it an IPv6 block. */
  async function place(cidr: string, v6 = false): Promise<{ vpc: string; subnet: string; rtb: string }> {
    const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: cidr, AmazonProvidedIpv6CidrBlock: v6 }))).Vpc?.VpcId as string;
    const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr.replace('.0.0/16', '.1.0/24') }))).Subnet?.SubnetId as string;
    const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
    return { vpc, subnet, rtb };
  }
  const stateOf = async (rtb: string, destination: string): Promise<string | undefined> =>
    (await table(rtb)).Routes?.find((r) => (r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock) === destination)?.State;

  it('need a target that exists: InvalidGatewayID.NotFound for GatewayId and egress-only ids, InvalidNatGatewayID.NotFound for NAT gateways', async () => {
    const { rtb } = await place('10.60.0.0/16');
    for (const id of ['igw-0123456789abcdef0', 'vgw-0123456789abcdef0', 'nat-0123456789abcdef0', 'eni-0123456789abcdef0']) {
      const e = await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: id })));
      expect(e, id).toMatchObject({ code: 'InvalidGatewayID.NotFound', message: `The gateway ID '${id}' does not exist` });
    }
    const eigw = await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: 'eigw-0123456789abcdef0' })));
    expect(eigw).toMatchObject({ code: 'InvalidGatewayID.NotFound', message: "The gateway ID 'eigw-0123456789abcdef0' does not exist" });
    const nat = await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123456789abcdef0' })));
    expect(nat).toMatchObject({ code: 'InvalidNatGatewayID.NotFound', message: "The natGateway ID 'nat-0123456789abcdef0' does not exist" });
    const tgw = (await c.send(new CreateTransitGatewayCommand({}))).TransitGateway?.TransitGatewayId as string;
    await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: tgw }));
    const replaced = await awsError(c.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-0123456789abcdef0' })));
    expect(replaced.code).toBe('InvalidGatewayID.NotFound');
    const replacedNat = await awsError(c.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0123456789abcdef0' })));
    expect(replacedNat.code).toBe('InvalidNatGatewayID.NotFound');
  });

  it('refuse a gateway that serves another VPC, or none (InvalidParameterValue: different networks)', async () => {
    const here = await place('10.61.0.0/16', true);
    const there = await place('10.62.0.0/16', true);
    const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
    const detached = async (): Promise<void> => {
      const e = await awsError(c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })));
      expect(e).toMatchObject({ code: 'InvalidParameterValue', message: `route table ${here.rtb} and network gateway ${igw} belong to different networks` });
    };
    await detached();
    await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: there.vpc }));
    await detached();
    const vgw = (await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway?.VpnGatewayId as string;
    await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: vgw, VpcId: there.vpc }));
    const eigw = (await c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: there.vpc }))).EgressOnlyInternetGateway?.EgressOnlyInternetGatewayId as string;
    const nat = (await c.send(new CreateNatGatewayCommand({ SubnetId: there.subnet, ConnectivityType: 'private' }))).NatGateway?.NatGatewayId as string;
    for (const target of [{ GatewayId: vgw }, { EgressOnlyInternetGatewayId: eigw }, { NatGatewayId: nat }]) {
      const e = await awsError(c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationIpv6CidrBlock: '::/0', ...target })));
      expect(e.code, JSON.stringify(target)).toBe('InvalidParameterValue');
      expect(e.message).toContain('belong to different networks');
    }
  });

  it('go blackhole when their target goes or stops serving the VPC, for every gateway kind, and active again when it comes back', async () => {
    const p = await place('10.63.0.0/16', true);
    const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
    await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: p.vpc }));
    const vgw = (await c.send(new CreateVpnGatewayCommand({ Type: 'ipsec.1' }))).VpnGateway?.VpnGatewayId as string;
    await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: vgw, VpcId: p.vpc }));
    const eigw = (await c.send(new CreateEgressOnlyInternetGatewayCommand({ VpcId: p.vpc }))).EgressOnlyInternetGateway?.EgressOnlyInternetGatewayId as string;
    const nat = (await c.send(new CreateNatGatewayCommand({ SubnetId: p.subnet, ConnectivityType: 'private' }))).NatGateway?.NatGatewayId as string;
    await c.send(new CreateRouteCommand({ RouteTableId: p.rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    await c.send(new CreateRouteCommand({ RouteTableId: p.rtb, DestinationCidrBlock: '192.168.0.0/16', GatewayId: vgw }));
    await c.send(new CreateRouteCommand({ RouteTableId: p.rtb, DestinationIpv6CidrBlock: '::/0', EgressOnlyInternetGatewayId: eigw }));
    await c.send(new CreateRouteCommand({ RouteTableId: p.rtb, DestinationCidrBlock: '172.16.0.0/12', NatGatewayId: nat }));
    const states = async () =>
      Object.fromEntries(await Promise.all(['0.0.0.0/0', '192.168.0.0/16', '::/0', '172.16.0.0/12'].map(async (d) => [d, await stateOf(p.rtb, d)] as const)));
    expect(await states()).toEqual({ '0.0.0.0/0': 'active', '192.168.0.0/16': 'active', '::/0': 'active', '172.16.0.0/12': 'active' });
    await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: p.vpc }));
    await c.send(new DetachVpnGatewayCommand({ VpnGatewayId: vgw, VpcId: p.vpc }));
    await c.send(new DeleteEgressOnlyInternetGatewayCommand({ EgressOnlyInternetGatewayId: eigw }));
    await c.send(new DeleteNatGatewayCommand({ NatGatewayId: nat }));
    expect(await states()).toEqual({ '0.0.0.0/0': 'blackhole', '192.168.0.0/16': 'blackhole', '::/0': 'blackhole', '172.16.0.0/12': 'blackhole' });
    const byState = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.state', Values: ['blackhole'] }, { Name: 'vpc-id', Values: [p.vpc] }] }));
    expect(byState.RouteTables?.map((t) => t.RouteTableId)).toEqual([p.rtb]);
    await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: p.vpc }));
    await c.send(new AttachVpnGatewayCommand({ VpnGatewayId: vgw, VpcId: p.vpc }));
    expect(await stateOf(p.rtb, '0.0.0.0/0')).toBe('active');
    expect(await stateOf(p.rtb, '192.168.0.0/16')).toBe('active');
    await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: p.vpc }));
    await c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igw }));
    expect(await stateOf(p.rtb, '0.0.0.0/0')).toBe('blackhole');
    expect((await table(p.rtb)).Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId).toBe(igw);
    const late = await awsError(c.send(new CreateRouteCommand({ RouteTableId: p.rtb, DestinationCidrBlock: '10.99.0.0/16', NatGatewayId: nat })));
    expect(late.code).toBe('InvalidNatGatewayID.NotFound');
  });
});

describe('routes to network interfaces and instances', () => {
  /** A VPC with a subnet in us-east-1a and a route table of its own. */
  async function place(cidr: string): Promise<{ vpc: string; subnet: string; rtb: string }> {
    const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
    const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr.replace('.0.0/16', '.1.0/24'), AvailabilityZone: 'us-east-1a' }))).Subnet
      ?.SubnetId as string;
    const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
    return { vpc, subnet, rtb };
  }
  const eni = async (subnet: string): Promise<string> =>
    (await c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet }))).NetworkInterface?.NetworkInterfaceId as string;
  const launch = async (subnet: string): Promise<{ id: string; eni: string }> => {
    const i = (await c.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1, SubnetId: subnet }))).Instances?.[0];
    return { id: i?.InstanceId as string, eni: i?.NetworkInterfaces?.[0]?.NetworkInterfaceId as string };
  };
  const routeTo = async (rtb: string, destination: string) => (await table(rtb)).Routes?.find((r) => r.DestinationCidrBlock === destination);

  it('need an interface that exists (InvalidNetworkInterfaceID.NotFound) in the table\'s VPC', async () => {
    const here = await place('10.70.0.0/16');
    const there = await place('10.71.0.0/16');
    const missing = await awsError(c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: 'eni-0123456789abcdef0' })));
    expect(missing).toMatchObject({ code: 'InvalidNetworkInterfaceID.NotFound', message: "The networkInterface ID 'eni-0123456789abcdef0' does not exist" });
    const malformed = await awsError(c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: 'eni-xyz' })));
    expect(malformed.code).toBe('InvalidNetworkInterfaceID.Malformed');
    const foreign = await eni(there.subnet);
    const e = await awsError(c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: foreign })));
    expect(e).toMatchObject({ code: 'InvalidParameterValue', message: `route table ${here.rtb} and network interface ${foreign} belong to different networks` });
    const own = await eni(here.subnet);
    await c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: own }));
    expect(await routeTo(here.rtb, '0.0.0.0/0')).toMatchObject({ NetworkInterfaceId: own, Origin: 'CreateRoute', State: 'active' });
    const replaced = await awsError(c.send(new ReplaceRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: 'eni-0123456789abcdef0' })));
    expect(replaced.code).toBe('InvalidNetworkInterfaceID.NotFound');
  });

  it('go blackhole when the interface is deleted', async () => {
    const p = await place('10.72.0.0/16');
    const n = await eni(p.subnet);
    await c.send(new CreateRouteCommand({ RouteTableId: p.rtb, DestinationCidrBlock: '192.168.0.0/16', NetworkInterfaceId: n }));
    expect((await routeTo(p.rtb, '192.168.0.0/16'))?.State).toBe('active');
    await c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: n }));
    expect(await routeTo(p.rtb, '192.168.0.0/16')).toMatchObject({ NetworkInterfaceId: n, State: 'blackhole' });
  });

  it('to an instance need one that exists with exactly one interface, keep its interface, and go blackhole once it is terminated', async () => {
    const here = await place('10.73.0.0/16');
    const there = await place('10.74.0.0/16');
    const missing = await awsError(c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', InstanceId: 'i-0123456789abcdef0' })));
    expect(missing).toMatchObject({ code: 'InvalidInstanceID.NotFound', message: "The instance ID 'i-0123456789abcdef0' does not exist" });
    const far = await launch(there.subnet);
    const e = await awsError(c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', InstanceId: far.id })));
    expect(e).toMatchObject({ code: 'InvalidParameterValue', message: `route table ${here.rtb} and instance ${far.id} belong to different networks` });

    const i = await launch(here.subnet);
    await c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', InstanceId: i.id }));
    expect(await routeTo(here.rtb, '0.0.0.0/0')).toEqual({
      DestinationCidrBlock: '0.0.0.0/0',
      InstanceId: i.id,
      InstanceOwnerId: mainA.OwnerId,
      NetworkInterfaceId: i.eni,
      Origin: 'CreateRoute',
      State: 'active',
    });
    const byInstance = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.instance-id', Values: [i.id] }] }));
    expect(byInstance.RouteTables?.map((t) => t.RouteTableId)).toEqual([here.rtb]);

    const second = await eni(here.subnet);
    await c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: second, InstanceId: i.id, DeviceIndex: 1 }));
    const multiple = await awsError(c.send(new ReplaceRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', InstanceId: i.id })));
    expect(multiple).toMatchObject({
      code: 'InvalidInstanceID',
      message: `There are multiple interfaces attached to instance '${i.id}'. Please specify an interface ID for the operation instead.`,
    });
    await c.send(new ReplaceRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '0.0.0.0/0', NetworkInterfaceId: second }));
    expect(await routeTo(here.rtb, '0.0.0.0/0')).toMatchObject({ NetworkInterfaceId: second, State: 'active' });
    expect((await routeTo(here.rtb, '0.0.0.0/0'))?.InstanceId).toBeUndefined();

    const lone = await launch(here.subnet);
    await c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '172.16.0.0/12', InstanceId: lone.id }));
    await c.send(new TerminateInstancesCommand({ InstanceIds: [lone.id] }));
    expect(await routeTo(here.rtb, '172.16.0.0/12')).toMatchObject({ InstanceId: lone.id, NetworkInterfaceId: lone.eni, State: 'blackhole' });
    const gone = await awsError(c.send(new CreateRouteCommand({ RouteTableId: here.rtb, DestinationCidrBlock: '192.168.0.0/16', InstanceId: lone.id })));
    expect(gone.code).toBe('IncorrectInstanceState');
  });
});
