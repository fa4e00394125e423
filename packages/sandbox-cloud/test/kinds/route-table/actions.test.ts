/** Route tables and routes through the real AWS SDK: main table, associations, local routes, routes to
 * peerings and to gateways that go blackhole when their target goes, the targets CreateRoute and
 * ReplaceRoute check, and AWS's route errors. */
import {
  AcceptVpcPeeringConnectionCommand,
  AssociateRouteTableCommand,
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
  CreateVpcPeeringConnectionCommand,
  CreateVpnGatewayCommand,
  DeleteEgressOnlyInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteNetworkInterfaceCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  DetachInternetGatewayCommand,
  DetachVpnGatewayCommand,
  DisassociateRouteTableCommand,
  ReplaceRouteCommand,
  ReplaceRouteTableAssociationCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

let sb: SandboxHandle;
let c: EC2Client;
let peer: EC2Client;
let vpcA: string;
let vpcB: string;
let vpcOther: string;
let mainA: RouteTable;

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

async function mainTable(vpcId: string): Promise<RouteTable> {
  const out = await c.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }),
  );
  return out.RouteTables?.[0] as RouteTable;
}

async function table(id: string): Promise<RouteTable> {
  return (await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [id] }))).RouteTables?.[0] as RouteTable;
}

/** An internet gateway attached to vpcA, and a private NAT gateway in a subnet of it (made once). */
let gatewaysOfA: { igw: string; nat: string } | undefined;
async function gatewaysA(): Promise<{ igw: string; nat: string }> {
  if (gatewaysOfA) return gatewaysOfA;
  const igw = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway?.InternetGatewayId as string;
  await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcA }));
  const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: '10.1.250.0/24' }))).Subnet?.SubnetId as string;
  const nat = (await c.send(new CreateNatGatewayCommand({ SubnetId: subnet, ConnectivityType: 'private' }))).NatGateway?.NatGatewayId as string;
  gatewaysOfA = { igw, nat };
  return gatewaysOfA;
}

async function pcx(): Promise<string> {
  const out = await c.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcA, PeerVpcId: vpcB, PeerOwnerId: '777788889999' }));
  return out.VpcPeeringConnection?.VpcPeeringConnectionId as string;
}

describe('the main route table', () => {
  it('holds a local route per IPv4 and IPv6 block and a main association', () => {
    expect(mainA.Associations).toEqual([
      { Main: true, RouteTableAssociationId: expect.stringMatching(/^rtbassoc-/), RouteTableId: mainA.RouteTableId, AssociationState: { State: 'associated' } },
    ]);
    expect(mainA.Routes?.map((r) => [r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock, r.GatewayId, r.Origin, r.State])).toEqual([
      ['10.1.0.0/16', 'local', 'CreateRouteTable', 'active'],
      [expect.stringMatching(/\/56$/), 'local', 'CreateRouteTable', 'active'],
    ]);
    expect(mainA.PropagatingVgws).toEqual([]);
  });
});

describe('associations', () => {
  it('associates a subnet explicitly, refuses a second table, and falls back to main on disassociation', async () => {
    const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: '10.1.1.0/24' }))).Subnet?.SubnetId as string;
    const rt = (await c.send(new CreateRouteTableCommand({ VpcId: vpcA, TagSpecifications: [{ ResourceType: 'route-table', Tags: [{ Key: 'Name', Value: 'private' }] }] })))
      .RouteTable as RouteTable;
    expect(rt.Routes?.length).toBe(2);
    expect(rt.Tags).toEqual([{ Key: 'Name', Value: 'private' }]);
    const assoc = await c.send(new AssociateRouteTableCommand({ RouteTableId: rt.RouteTableId, SubnetId: subnet }));
    expect(assoc).toMatchObject({ AssociationId: expect.stringMatching(/^rtbassoc-/), AssociationState: { State: 'associated' } });
    const other = (await c.send(new CreateRouteTableCommand({ VpcId: vpcA }))).RouteTable?.RouteTableId as string;
    expect((await awsError(c.send(new AssociateRouteTableCommand({ RouteTableId: other, SubnetId: subnet })))).code).toBe('Resource.AlreadyAssociated');
    const bySubnet = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }));
    expect(bySubnet.RouteTables?.map((t) => t.RouteTableId)).toEqual([rt.RouteTableId]);
    expect((await awsError(c.send(new DeleteRouteTableCommand({ RouteTableId: rt.RouteTableId })))).code).toBe('DependencyViolation');
    await c.send(new DisassociateRouteTableCommand({ AssociationId: assoc.AssociationId }));
    expect((await table(rt.RouteTableId as string)).Associations).toEqual([]);
    await c.send(new DeleteRouteTableCommand({ RouteTableId: rt.RouteTableId }));
    expect((await awsError(c.send(new DescribeRouteTablesCommand({ RouteTableIds: [rt.RouteTableId as string] })))).code).toBe('InvalidRouteTableID.NotFound');
  });

  it('refuses a subnet of another VPC and the main association', async () => {
    const foreign = (await c.send(new CreateSubnetCommand({ VpcId: vpcOther, CidrBlock: '10.3.1.0/24' }))).Subnet?.SubnetId as string;
    const e = await awsError(c.send(new AssociateRouteTableCommand({ RouteTableId: mainA.RouteTableId, SubnetId: foreign })));
    expect(e.code).toBe('InvalidParameterValue');
    expect(e.message).toContain('belong to different networks');
    const mainAssoc = mainA.Associations?.[0]?.RouteTableAssociationId as string;
    expect((await awsError(c.send(new DisassociateRouteTableCommand({ AssociationId: mainAssoc })))).code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new DeleteRouteTableCommand({ RouteTableId: mainA.RouteTableId })))).code).toBe('DependencyViolation');
    expect((await awsError(c.send(new DisassociateRouteTableCommand({ AssociationId: 'rtbassoc-0123456789abcdef0' })))).code).toBe('InvalidAssociationID.NotFound');
  });

  it('moves the main association with ReplaceRouteTableAssociation', async () => {
    const main = await mainTable(vpcOther);
    const next = (await c.send(new CreateRouteTableCommand({ VpcId: vpcOther }))).RouteTable?.RouteTableId as string;
    const out = await c.send(new ReplaceRouteTableAssociationCommand({ AssociationId: main.Associations?.[0]?.RouteTableAssociationId, RouteTableId: next }));
    expect(out.NewAssociationId).toMatch(/^rtbassoc-/);
    expect((await mainTable(vpcOther)).RouteTableId).toBe(next);
  });
});

describe('routes to a peering', () => {
  it('are blackhole while pending, active once accepted, blackhole again after deletion', async () => {
    const id = await pcx();
    await c.send(new CreateRouteTableCommand({ VpcId: vpcA }));
    await c.send(new CreateRouteCommand({ RouteTableId: mainA.RouteTableId, DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: id }));
    const state = async (): Promise<string | undefined> =>
      (await table(mainA.RouteTableId as string)).Routes?.find((r) => r.VpcPeeringConnectionId === id)?.State;
    expect(await state()).toBe('blackhole');
    const blackholes = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.state', Values: ['blackhole'] }] }));
    expect(blackholes.RouteTables?.map((t) => t.RouteTableId)).toContain(mainA.RouteTableId);
    await peer.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect(await state()).toBe('active');
    const byPcx = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.vpc-peering-connection-id', Values: [id] }] }));
    expect(byPcx.RouteTables?.map((t) => t.RouteTableId)).toEqual([mainA.RouteTableId]);
    await c.send(new DeleteVpcPeeringConnectionCommand({ VpcPeeringConnectionId: id }));
    expect(await state()).toBe('blackhole');
    // A deleted peering cannot take new routes.
    const late = await awsError(c.send(new CreateRouteCommand({ RouteTableId: mainA.RouteTableId, DestinationCidrBlock: '10.9.0.0/16', VpcPeeringConnectionId: id })));
    expect(late.code).toBe('InvalidVpcPeeringConnectionID.NotFound');
    await c.send(new DeleteRouteCommand({ RouteTableId: mainA.RouteTableId, DestinationCidrBlock: '10.2.0.0/16' }));
  });

  it('refuse duplicates, destinations the local route covers, foreign peerings and bad targets', async () => {
    const id = await pcx();
    const rtb = mainA.RouteTableId as string;
    await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: id }));
    const dup = await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: id })));
    expect(dup).toMatchObject({ code: 'RouteAlreadyExists', message: 'The route identified by 10.2.0.0/16 already exists.' });
    const local = await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.1.0.0/16', VpcPeeringConnectionId: id })));
    expect(local.code).toBe('RouteAlreadyExists');
    const covered = await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.1.5.0/24', VpcPeeringConnectionId: id })));
    expect(covered.code).toBe('InvalidParameterValue');
    expect(covered.message).toContain('more specific');
    const otherMain = await mainTable(vpcOther);
    const foreign = await awsError(c.send(new CreateRouteCommand({ RouteTableId: otherMain.RouteTableId, DestinationCidrBlock: '10.2.0.0/16', VpcPeeringConnectionId: id })));
    expect(foreign.code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.8.0.0/16' })))).code).toBe('MissingParameter');
    const two = await awsError(
      c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.8.0.0/16', VpcPeeringConnectionId: id, GatewayId: 'igw-0123456789abcdef0' })),
    );
    expect(two.code).toBe('InvalidParameterCombination');
    expect((await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, VpcPeeringConnectionId: id })))).code).toBe('MissingParameter');
    const badCidr = await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.2.0/16', VpcPeeringConnectionId: id })));
    expect(badCidr.code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new CreateRouteCommand({ RouteTableId: 'rtb-0123456789abcdef0', DestinationCidrBlock: '10.8.0.0/16', VpcPeeringConnectionId: id })))).code).toBe(
      'InvalidRouteTableID.NotFound',
    );
    expect((await awsError(c.send(new CreateRouteCommand({ RouteTableId: 'rtb-x', DestinationCidrBlock: '10.8.0.0/16', VpcPeeringConnectionId: id })))).code).toBe(
      'InvalidRouteTableId.Malformed',
    );
    expect((await awsError(c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.8.0.0/16', VpcPeeringConnectionId: 'pcx-0123456789abcdef0' })))).code).toBe(
      'InvalidVpcPeeringConnectionID.NotFound',
    );
  });

  it('replaces and deletes routes, never the local one, and takes IPv6 and gateway routes', async () => {
    const { igw, nat } = await gatewaysA();
    const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: vpcA }))).RouteTable?.RouteTableId as string;
    await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationIpv6CidrBlock: '2001:db8::/32', NatGatewayId: nat }));
    const tgw = (await c.send(new CreateTransitGatewayCommand({}))).TransitGateway?.TransitGatewayId as string;
    await c.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: tgw }));
    const t = await table(rtb);
    expect(t.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')).toMatchObject({ TransitGatewayId: tgw, Origin: 'CreateRoute', State: 'active' });
    expect(t.Routes?.find((r) => r.DestinationIpv6CidrBlock === '2001:db8::/32')).toMatchObject({ NatGatewayId: nat, State: 'active' });
    const missing = await awsError(c.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.77.0.0/16', GatewayId: igw })));
    expect(missing.code).toBe('InvalidRoute.NotFound');
    expect((await awsError(c.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.77.0.0/16' })))).code).toBe('InvalidRoute.NotFound');
    expect((await awsError(c.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.1.0.0/16' })))).code).toBe('InvalidParameterValue');
    await c.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationIpv6CidrBlock: '2001:db8::/32' }));
    expect((await table(rtb)).Routes?.some((r) => r.DestinationIpv6CidrBlock === '2001:db8::/32')).toBe(false);
  });
});

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

describe('DescribeRouteTables filters and pagination', () => {
  it('filters and pages (MaxResults 5 to 100)', async () => {
    for (let i = 0; i < 6; i++) await c.send(new CreateRouteTableCommand({ VpcId: vpcOther }));
    const all = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcOther] }] }));
    const n = all.RouteTables?.length ?? 0;
    expect(n).toBeGreaterThanOrEqual(8);
    const first = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcOther] }], MaxResults: 5 }));
    const second = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcOther] }], MaxResults: 5, NextToken: first.NextToken }));
    expect((first.RouteTables?.length ?? 0) + (second.RouteTables?.length ?? 0)).toBe(n);
    expect((await awsError(c.send(new DescribeRouteTablesCommand({ MaxResults: 101 })))).code).toBe('InvalidParameterValue');
    const origin = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.origin', Values: ['CreateRoute'] }] }));
    expect(origin.RouteTables?.every((t) => t.Routes?.some((r) => r.Origin === 'CreateRoute'))).toBe(true);
    const dest = await c.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'route.destination-cidr-block', Values: ['10.3.0.0/16'] }] }));
    expect(dest.RouteTables?.length).toBe(n);
  });
});

describe('DryRun', () => {
  it('answers DryRunOperation on every route call and changes nothing', async () => {
    const { igw, nat } = await gatewaysA();
    const rtb = (await c.send(new CreateRouteTableCommand({ VpcId: vpcA }))).RouteTable?.RouteTableId as string;
    await c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.44.0.0/16', GatewayId: igw }));
    const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: '10.1.200.0/24' }))).Subnet?.SubnetId as string;
    const assoc = (await c.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: subnet }))).AssociationId as string;
    const spare = (await c.send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: '10.1.201.0/24' }))).Subnet?.SubnetId as string;
    const before = JSON.stringify(await table(rtb));
    for (const call of [
      () => c.send(new CreateRouteTableCommand({ VpcId: vpcA, DryRun: true })),
      () => c.send(new CreateRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.45.0.0/16', GatewayId: igw, DryRun: true })),
      () => c.send(new ReplaceRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.44.0.0/16', NatGatewayId: nat, DryRun: true })),
      () => c.send(new DeleteRouteCommand({ RouteTableId: rtb, DestinationCidrBlock: '10.44.0.0/16', DryRun: true })),
      () => c.send(new DisassociateRouteTableCommand({ AssociationId: assoc, DryRun: true })),
      () => c.send(new ReplaceRouteTableAssociationCommand({ AssociationId: assoc, RouteTableId: mainA.RouteTableId, DryRun: true })),
      () => c.send(new AssociateRouteTableCommand({ RouteTableId: rtb, SubnetId: spare, DryRun: true })),
      () => c.send(new DescribeRouteTablesCommand({ DryRun: true })),
    ]) {
      expect(await awsError(call())).toMatchObject({ code: 'DryRunOperation', status: 412 });
    }
    expect(JSON.stringify(await table(rtb))).toBe(before);
    await c.send(new DisassociateRouteTableCommand({ AssociationId: assoc }));
    expect((await awsError(c.send(new DeleteRouteTableCommand({ RouteTableId: rtb, DryRun: true })))).code).toBe('DryRunOperation');
  });
});
