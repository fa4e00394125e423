/** Differential tests, the sandbox against moto 5.2.1 as moto-ec2.ts starts them, of gateway and
 * interface VPC endpoints, their routes and endpoint services. */
import {
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DeleteVpcCommand,
  DeleteVpcEndpointsCommand,
  DescribeManagedPrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcEndpointServicesCommand,
  ModifyVpcEndpointCommand,
} from '@aws-sdk/client-ec2';
import { expect, it } from 'vitest';

import { describeWithVpcs } from './moto-ec2';
import { both, code, failure, named } from './moto-targets';

describeWithVpcs('sandbox and moto agree on VPC endpoints', (targets) => {
  it('makes gateway and interface endpoints alike, and differs where moto departs from AWS', async () => {
    const [s, m] = await both(targets, async (t) => {
      const c = t.a();
      const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.82.0.0/16' }))).Vpc?.VpcId as string;
      t.names.set(vpc, 'vpce-vpc');
      const table = async () => (await c.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
      const [t1, t2] = [await table(), await table()];
      t.names.set(t1, 'rtb-1');
      const subnet = async (cidr: string, key: string) => {
        const id = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
        t.names.set(id, key);
        return id;
      };
      const [sub1, sub2] = [await subnet('10.82.1.0/24', 'sub-1'), await subnet('10.82.2.0/24', 'sub-2')];
      const s3List = (await c.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).PrefixLists?.[0]?.PrefixListId;
      const gw = (await c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [t1] }))).VpcEndpoint;
      const gwId = gw?.VpcEndpointId as string;
      t.names.set(gwId, 'vpce-s3');
      const endpointRoutes = async (rtb: string, id: string) =>
        ((await c.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes ?? []).filter((r) => r.GatewayId === id);
      const route = (await endpointRoutes(t1, gwId)).map((r) => [r.DestinationPrefixListId === s3List, named(t, r.GatewayId), r.Origin, r.State]);
      const described = ((await c.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'service-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).VpcEndpoints ?? []).map(
        (e) => [named(t, e.VpcEndpointId), e.VpcEndpointType, e.State, e.RouteTableIds?.map((id) => named(t, id))],
      );
      const iface = (
        await c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.ec2', SubnetIds: [sub1], PrivateDnsEnabled: false }))
      ).VpcEndpoint;
      const services = ((await c.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.ec2', 'com.amazonaws.us-east-1.sts', 'com.amazonaws.us-east-1.ssm'] }))).ServiceDetails ?? []).map(
        (d) => [d.ServiceName, d.ServiceType?.map((x) => x.ServiceType), d.Owner, d.BaseEndpointDnsNames, d.PrivateDnsName, d.VpcEndpointPolicySupported, d.AcceptanceRequired],
      );
      const s3Types = ((await c.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.s3'] }))).ServiceDetails ?? [])
        .flatMap((d) => d.ServiceType?.map((x) => x.ServiceType) ?? [])
        .sort();
      const gatewayNames = (await c.send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-type', Values: ['Gateway'] }] }))).ServiceNames;
      const unknownService = await failure(t, c.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.nothing'] })));
      const unknownEndpoint = await code(c.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] })));
      const deleted = (await c.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [gwId] }))).Unsuccessful;
      const agreed = {
        created: [gw?.VpcEndpointType, gw?.State, gw?.RouteTableIds?.map((id) => named(t, id))],
        route,
        described,
        iface: [iface?.VpcEndpointType, iface?.SubnetIds?.map((id) => named(t, id)), iface?.NetworkInterfaceIds?.map((id) => id.slice(0, 4)), iface?.PrivateDnsEnabled],
        services,
        s3Types,
        gatewayNames,
        unknownService,
        unknownEndpoint,
        deleted,
        routeAfter: (await endpointRoutes(t1, gwId)).length,
      };
      // Where AWS and moto part, after everything compared.
      const gatewayDns = gw?.PrivateDnsEnabled;
      const ifaceGroups = iface?.Groups?.map((g) => g.GroupName);
      const dupZone = await code(
        c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sts', SubnetIds: [sub1, sub2], PrivateDnsEnabled: false })),
      );
      const gatewayForEc2 = await code(c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.ec2' })));
      const unknownCreate = await code(c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.nothing' })));
      const dynamo = (await c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.dynamodb', RouteTableIds: [t2] }))).VpcEndpoint
        ?.VpcEndpointId as string;
      await c.send(new ModifyVpcEndpointCommand({ VpcEndpointId: dynamo, AddRouteTableIds: [t1] }));
      const addedRoute = (await endpointRoutes(t1, dynamo)).length;
      const secondOnTable = await code(c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.dynamodb', RouteTableIds: [t2] })));
      const unknownDelete = (await c.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: ['vpce-0123456789abcdef0'] }))).Unsuccessful?.map((u) => u.Error?.Code);
      const lone = (await c.send(new CreateVpcCommand({ CidrBlock: '10.83.0.0/16' }))).Vpc?.VpcId as string;
      await c.send(new CreateVpcEndpointCommand({ VpcId: lone, VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3' }));
      const deleteVpc = await code(c.send(new DeleteVpcCommand({ VpcId: lone })));
      return { agreed, gatewayDns, ifaceGroups, dupZone, gatewayForEc2, unknownCreate, addedRoute, secondOnTable, unknownDelete, deleteVpc };
    });
    expect(s.agreed).toEqual(m.agreed);
    expect(s.agreed).toEqual({
      created: ['Gateway', 'available', ['rtb-1']],
      route: [[true, 'vpce-s3', 'CreateRoute', 'active']],
      described: [['vpce-s3', 'Gateway', 'available', ['rtb-1']]],
      iface: ['Interface', ['sub-1'], ['eni-'], false],
      services: [
        ['com.amazonaws.us-east-1.ec2', ['Interface'], 'amazon', ['ec2.us-east-1.vpce.amazonaws.com'], 'ec2.us-east-1.amazonaws.com', true, false],
        ['com.amazonaws.us-east-1.ssm', ['Interface'], 'amazon', ['ssm.us-east-1.vpce.amazonaws.com'], 'ssm.us-east-1.amazonaws.com', true, false],
        ['com.amazonaws.us-east-1.sts', ['Interface'], 'amazon', ['sts.us-east-1.vpce.amazonaws.com'], 'sts.us-east-1.amazonaws.com', true, false],
      ],
      s3Types: ['Gateway', 'Interface'],
      gatewayNames: ['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3'],
      unknownService: { code: 'InvalidServiceName', message: "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nothing' does not exist" },
      unknownEndpoint: 'InvalidVpcEndpointId.NotFound',
      deleted: [],
      routeAfter: 0,
    });
    // Known moto gaps, where the sandbox follows AWS (AWS PrivateLink guide, "Gateway endpoints"
    // and "Interface endpoints"; EC2 API reference of CreateVpcEndpoint, ModifyVpcEndpoint,
    // DeleteVpcEndpoints and DeleteVpc):
    // - private DNS is for interface endpoints; moto answers a gateway endpoint PrivateDnsEnabled true;
    expect([s.gatewayDns, m.gatewayDns]).toEqual([false, true]);
    // - an interface endpoint without SecurityGroupIds gets the VPC's default group; moto's has none;
    expect([s.ifaceGroups, m.ifaceGroups]).toEqual([['default'], []]);
    // - one subnet per Availability Zone (DuplicateSubnetsInSameZone); moto takes two in one zone;
    expect([s.dupZone, m.dupZone]).toEqual(['DuplicateSubnetsInSameZone', 'no error']);
    // - a gateway endpoint to an interface-only service, and an endpoint to a service that does not
    //   exist, are refused (InvalidParameter, InvalidServiceName); moto makes both;
    expect([s.gatewayForEc2, s.unknownCreate]).toEqual(['InvalidParameter', 'InvalidServiceName']);
    expect([m.gatewayForEc2, m.unknownCreate]).toEqual(['no error', 'no error']);
    // - ModifyVpcEndpoint's AddRouteTableIds adds the endpoint's route to the table; moto lists the
    //   table but adds no route;
    expect([s.addedRoute, m.addedRoute]).toEqual([1, 0]);
    // - a table holds one route per prefix list, so a second endpoint of a service cannot take a
    //   table the first has ("route table … already has a route with destination-prefix-list-id");
    //   moto makes it;
    expect([s.secondOnTable, m.secondOnTable]).toEqual(['InvalidParameter', 'no error']);
    // - DeleteVpcEndpoints answers an unknown id as an unsuccessful item (InvalidVpcEndpoint.NotFound,
    //   "Error codes for the Amazon EC2 API"); moto answers none;
    expect([s.unknownDelete, m.unknownDelete]).toEqual([['InvalidVpcEndpoint.NotFound'], []]);
    // - a VPC with an endpoint cannot be deleted (DependencyViolation); moto deletes it.
    expect([s.deleteVpc, m.deleteVpc]).toEqual(['DependencyViolation', 'no error']);
  });
});
