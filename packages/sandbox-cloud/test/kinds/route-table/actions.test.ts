/** Route tables and routes through the real AWS SDK: main table, associations, local routes, routes to
 * peerings that go blackhole when the peering goes, the checks of CreateRoute and ReplaceRoute, AWS's
 * route errors, Describe filters and pages, and DryRun. Set up in sandbox.ts. */
import {
  AcceptVpcPeeringConnectionCommand,
  AssociateRouteTableCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTransitGatewayCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  DisassociateRouteTableCommand,
  ReplaceRouteCommand,
  ReplaceRouteTableAssociationCommand,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { awsError } from '../../clients';
import { c, gatewaysA, mainA, mainTable, pcx, peer, table, useRouteTableSandbox, vpcA, vpcOther } from './sandbox';

useRouteTableSandbox();

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
