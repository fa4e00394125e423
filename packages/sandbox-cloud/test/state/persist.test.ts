/** State files: every kind's list under its key, a faithful round trip, and a damaged list named. */
import type {
  CreateManagedPrefixListResult,
  CreateNetworkInterfaceResult,
  CreateRouteTableResult,
  CreateSubnetResult,
  CreateTransitGatewayResult,
  CreateTransitGatewayVpcAttachmentResult,
  CreateVpcEndpointResult,
  CreateVpcResult,
  DescribeDhcpOptionsResult,
  DescribeInstancesResult,
  DescribeNetworkInterfacesResult,
  DescribeRouteTablesResult,
  DescribeSubnetsResult,
  Reservation,
  SearchTransitGatewayRoutesResult,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { runEc2Action } from '../../src/ec2/dispatch';
import { KIND_LIST } from '../../src/kinds';
import { resolveScenario } from '../../src/scenarios';
import { loadScenario } from '../../src/scenarios/load';
import { assertWorldData, worldFromData, worldToData, type WorldData } from '../../src/state/persist';
import { World } from '../../src/state/world';

const clock = (): number => Date.parse('2026-12-01T00:00:00Z');

function demoWorld(): World {
  const world = new World(clock, { scenario: 'demo', seed: 'demo' });
  loadScenario(world, resolveScenario('demo'));
  return world;
}

describe('state files', () => {
  it('list every kind under its key, and read back into the same world', () => {
    const data = worldToData(demoWorld());
    const lists = KIND_LIST.map((k) => (data as unknown as Record<string, unknown[]>)[k.state.key]);
    for (const [i, list] of lists.entries()) expect(Array.isArray(list), KIND_LIST[i]?.state.key).toBe(true);
    // The demo has every kind it had when state files began.
    for (const key of ['vpcs', 'subnets', 'routeTables', 'securityGroups', 'peerings'] as const) expect(data[key].length, key).toBeGreaterThan(0);
    const again = worldFromData(data, clock);
    expect(worldToData(again)).toEqual(data);
    expect(again.byId.size + again.peerings.size).toBe(lists.reduce((n, list) => n + (list?.length ?? 0), 0));
  });

  it('refuse a file whose list of a kind is missing, naming it (kinds added later may be missing, but not damaged)', () => {
    for (const k of KIND_LIST) {
      const data = worldToData(demoWorld()) as unknown as Record<string, unknown>;
      const message = `state.json is damaged: "${k.state.key}" is not a list. Reset the sandbox to start over.`;
      delete data[k.state.key];
      if (k.state.addedLater) {
        expect(() => assertWorldData(data, 'state.json')).not.toThrow();
        data[k.state.key] = 'none';
      }
      expect(() => assertWorldData(data, 'state.json')).toThrow(message);
    }
  });

  it('read a file written before DHCP options sets: each VPC names its region\'s default set, which DescribeDhcpOptions lists', () => {
    const data = worldToData(demoWorld()) as unknown as Record<string, unknown>;
    delete data.dhcpOptions;
    assertWorldData(data, 'old.json');
    const world = worldFromData(data, clock);
    const before = worldToData(world);
    const [vpc] = before.vpcs;
    const out = runEc2Action(world, vpc?.ownerId as string, vpc?.region as string, 'DescribeDhcpOptions', {}, 'r1') as DescribeDhcpOptionsResult;
    expect(out.DhcpOptions?.map((d) => d.DhcpOptionsId)).toEqual([vpc?.dhcpOptionsId]);
    expect(worldToData(world).dhcpOptions.map((d) => d.id)).toEqual([vpc?.dhcpOptionsId]);
  });

  it('read a file written before network ACLs: each VPC gets its default ACL, each subnet its association', () => {
    const data = worldToData(demoWorld()) as unknown as Record<string, unknown>;
    delete data.networkAcls;
    assertWorldData(data, 'old.json');
    const back = worldToData(worldFromData(data, clock));
    expect(back.networkAcls.filter((a) => a.isDefault).map((a) => a.vpcId).sort()).toEqual(back.vpcs.map((v) => v.id).sort());
    expect(back.networkAcls.flatMap((a) => a.associations.map((x) => x.subnetId)).sort()).toEqual(back.subnets.map((s) => s.id).sort());
    expect(back.networkAcls.every((a) => a.entries.some((e) => e.ruleNumber === 100 && e.ruleAction === 'allow'))).toBe(true);
  });

  it('read a file written before internet gateways: each gateway a route names comes back, attached to the route\'s VPC', () => {
    const data = worldToData(demoWorld()) as unknown as Record<string, unknown>;
    const routed = (data.routeTables as WorldData['routeTables']).flatMap((r) => r.routes.filter((x) => x.gatewayId?.startsWith('igw-')).map((x) => [x.gatewayId, r.vpcId]));
    expect(routed.length).toBeGreaterThan(0);
    for (const k of KIND_LIST) if (k.state.addedLater && k.state.key !== 'networkAcls') delete data[k.state.key];
    assertWorldData(data, 'old.json');
    const back = worldToData(worldFromData(data, clock));
    expect(back.internetGateways.map((g) => [g.id, g.vpcId]).sort()).toEqual([...new Map(routed.map(([g, v]) => [g, v])).entries()].sort());
  });
});

describe('state files with prefix lists and VPC endpoints', () => {
  it('keep a list with its versions and failed deletion, and an endpoint with the routes it keeps, across a save; older files have none', () => {
    const world = demoWorld();
    const [vpc] = worldToData(world).vpcs;
    const account = vpc?.ownerId as string;
    const region = vpc?.region as string;
    const call = (action: Parameters<typeof runEc2Action>[3], input: Record<string, unknown>): unknown => runEc2Action(world, account, region, action, input, 'r');
    const list = (call('CreateManagedPrefixList', { PrefixListName: 'saved', MaxEntries: 3, AddressFamily: 'IPv4', Entries: [{ Cidr: '10.9.0.0/16' }] }) as CreateManagedPrefixListResult)
      .PrefixList?.PrefixListId as string;
    call('ModifyManagedPrefixList', { PrefixListId: list, CurrentVersion: 1, AddEntries: [{ Cidr: '10.8.0.0/16' }] });
    const table = (call('CreateRouteTable', { VpcId: vpc?.id }) as CreateRouteTableResult).RouteTable?.RouteTableId as string;
    // The VPC's internet gateway: the demo's first VPC may have one already.
    const attached = (call('DescribeInternetGateways', { Filters: [{ Name: 'attachment.vpc-id', Values: [vpc?.id] }] }) as { InternetGateways?: { InternetGatewayId?: string }[] })
      .InternetGateways?.[0]?.InternetGatewayId;
    const igw = attached ?? ((call('CreateInternetGateway', {}) as { InternetGateway?: { InternetGatewayId?: string } }).InternetGateway?.InternetGatewayId as string);
    if (!attached) call('AttachInternetGateway', { InternetGatewayId: igw, VpcId: vpc?.id });
    call('CreateRoute', { RouteTableId: table, DestinationPrefixListId: list, GatewayId: igw });
    call('DeleteManagedPrefixList', { PrefixListId: list });
    call('CreateVpcEndpoint', { VpcId: vpc?.id, ServiceName: `com.amazonaws.${region}.s3`, RouteTableIds: [table] });
    const data = worldToData(world);
    expect(data.prefixLists.map((p) => [p.id, p.version, p.versions.length, p.state])).toEqual([[list, 2, 2, 'delete-failed']]);
    expect(data.vpcEndpoints.map((e) => e.routeTableIds)).toEqual([[table]]);
    const again = worldFromData(data, clock);
    expect(worldToData(again)).toEqual(data);
    const routes = (runEc2Action(again, account, region, 'DescribeRouteTables', { RouteTableIds: [table] }, 'r') as DescribeRouteTablesResult).RouteTables?.[0]?.Routes?.filter(
      (r) => r.DestinationPrefixListId,
    );
    expect(routes?.map((r) => r.GatewayId)).toEqual([igw, expect.stringMatching(/^vpce-/)]);
    const older = worldToData(demoWorld()) as unknown as Record<string, unknown>;
    delete older.prefixLists;
    delete older.vpcEndpoints;
    assertWorldData(older, 'old.json');
    const loaded = worldToData(worldFromData(older as never, clock));
    expect([loaded.prefixLists, loaded.vpcEndpoints]).toEqual([[], []]);
  });

  it('keep transit gateways, attachments and route tables with their propagated and static routes across a save; older files have none', () => {
    const world = demoWorld();
    const [vpc] = worldToData(world).vpcs;
    const subnet = worldToData(world).subnets.find((x) => x.vpcId === vpc?.id);
    const account = vpc?.ownerId as string;
    const region = vpc?.region as string;
    const call = (w: World, action: Parameters<typeof runEc2Action>[3], input: Record<string, unknown>): unknown => runEc2Action(w, account, region, action, input, 'r');
    const made = (call(world, 'CreateTransitGateway', {}) as CreateTransitGatewayResult).TransitGateway;
    const rtb = made?.Options?.AssociationDefaultRouteTableId as string;
    const att = (call(world, 'CreateTransitGatewayVpcAttachment', { TransitGatewayId: made?.TransitGatewayId, VpcId: vpc?.id, SubnetIds: [subnet?.id] }) as CreateTransitGatewayVpcAttachmentResult)
      .TransitGatewayVpcAttachment?.TransitGatewayAttachmentId;
    call(world, 'CreateTransitGatewayRoute', { TransitGatewayRouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', Blackhole: true });
    const routes = (w: World): unknown =>
      (call(w, 'SearchTransitGatewayRoutes', { TransitGatewayRouteTableId: rtb, Filters: [{ Name: 'state', Values: ['active', 'blackhole'] }] }) as SearchTransitGatewayRoutesResult).Routes;
    const data = worldToData(world);
    // The demo has two gateways (each with its default table) and five attachments (a peering among them).
    expect([data.transitGateways.length, data.transitGatewayAttachments.length, data.transitGatewayRouteTables.length]).toEqual([3, 6, 3]);
    const again = worldFromData(data, clock);
    expect(worldToData(again)).toEqual(data);
    expect(routes(again)).toEqual(routes(world));
    expect(routes(again)).toEqual([
      { DestinationCidrBlock: '192.168.0.0/16', Type: 'static', State: 'blackhole' },
      { DestinationCidrBlock: vpc?.cidrBlock, TransitGatewayAttachments: [{ TransitGatewayAttachmentId: att, ResourceId: vpc?.id, ResourceType: 'vpc' }], Type: 'propagated', State: 'active' },
    ]);
    const older = worldToData(demoWorld()) as unknown as Record<string, unknown>;
    for (const key of ['transitGateways', 'transitGatewayAttachments', 'transitGatewayRouteTables', 'resourceShares', 'resourceShareInvitations']) delete older[key];
    assertWorldData(older, 'old.json');
    const loaded = worldToData(worldFromData(older as never, clock));
    expect([loaded.transitGateways, loaded.transitGatewayAttachments, loaded.transitGatewayRouteTables]).toEqual([[], [], []]);
    expect([loaded.resourceShares, loaded.resourceShareInvitations]).toEqual([[], []]);
  });

  it("keep RAM's resource shares and invitations across a save, so a shared gateway stays visible to its consumers", () => {
    const world = demoWorld();
    const data = worldToData(world);
    expect(data.resourceShares?.map((s) => [s.name, s.status, s.principals.map((p) => p.status)])).toEqual([['hub-tgw-share', 'ACTIVE', ['ASSOCIATED', 'ASSOCIATED']]]);
    expect(data.resourceShareInvitations?.map((i) => i.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    const again = worldFromData(data, clock);
    expect(worldToData(again)).toEqual(data);
    const seen = (w: World): unknown => runEc2Action(w, '444455556666', 'us-east-1', 'DescribeTransitGateways', {}, 'r');
    expect(seen(again)).toEqual(seen(world));
    expect((seen(again) as { TransitGateways: { OwnerId: string }[] }).TransitGateways.map((g) => g.OwnerId)).toEqual(['111122223333']);
  });

  it('keep interfaces and instances: the subnet counts and the next free address carry over, and files written before them load', () => {
    const world = demoWorld();
    const [owner, region] = ['111122223333', 'eu-central-1'];
    const act = <T>(action: Parameters<typeof runEc2Action>[3], input: Record<string, unknown>, w = world): T =>
      runEc2Action(w, owner, region, action, input, 'r') as T;
    const vpc = act<CreateVpcResult>('CreateVpc', { CidrBlock: '10.77.0.0/16' }).Vpc?.VpcId;
    const subnet = act<CreateSubnetResult>('CreateSubnet', { VpcId: vpc, CidrBlock: '10.77.1.0/24' }).Subnet?.SubnetId as string;
    act<Reservation>('RunInstances', { ImageId: 'ami-12345678', MinCount: 2, MaxCount: 2, SubnetId: subnet });
    act<CreateNetworkInterfaceResult>('CreateNetworkInterface', { SubnetId: subnet, SecondaryPrivateIpAddressCount: 1 });
    const data = worldToData(world);
    // The demo's NAT gateway holds an interface of its own.
    expect([data.networkInterfaces.filter((n) => n.interfaceType !== 'nat_gateway').length, data.instances.length]).toEqual([3, 2]);
    const again = worldFromData(data, clock);
    expect(worldToData(again)).toEqual(data);
    const free = (w: World) => act<DescribeSubnetsResult>('DescribeSubnets', { SubnetIds: [subnet] }, w).Subnets?.[0]?.AvailableIpAddressCount;
    expect(free(again)).toBe(247);
    // The addresses in use are known again after loading: the next interface takes .8.
    expect(act<CreateNetworkInterfaceResult>('CreateNetworkInterface', { SubnetId: subnet }, again).NetworkInterface?.PrivateIpAddress).toBe('10.77.1.8');
    const old = worldToData(demoWorld()) as unknown as Record<string, unknown>;
    delete old.networkInterfaces;
    delete old.instances;
    assertWorldData(old, 'old.json');
    const fromOld = worldFromData(old as unknown as ReturnType<typeof worldToData>, clock);
    const oldSubnet = worldToData(fromOld).subnets[0];
    const launched = runEc2Action(fromOld, oldSubnet?.ownerId as string, oldSubnet?.region as string, 'RunInstances', { ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, SubnetId: oldSubnet?.id }, 'r') as Reservation;
    const described = runEc2Action(fromOld, oldSubnet?.ownerId as string, oldSubnet?.region as string, 'DescribeInstances', {}, 'r') as DescribeInstancesResult;
    expect(described.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe(launched.Instances?.[0]?.InstanceId);
  });

  it("give the NAT gateways of a file written before their interfaces were records those interfaces", () => {
    const data = worldToData(demoWorld());
    const nat = data.networkInterfaces.filter((n) => n.interfaceType === 'nat_gateway');
    expect(nat.length).toBeGreaterThan(0);
    const older = {
      ...data,
      networkInterfaces: data.networkInterfaces.filter((n) => n.interfaceType !== 'nat_gateway'),
      subnets: data.subnets.map((x) => {
        const held = nat.filter((n) => n.subnetId === x.id).length;
        return held > 0 ? { ...x, ipv4AddressesInUse: (x.ipv4AddressesInUse ?? 0) - held } : x;
      }),
    };
    expect(worldToData(worldFromData(older, clock))).toEqual(data);
  });

  it("give an interface endpoint of a file written before its interfaces were records those interfaces, under the ids it names", () => {
    const world = demoWorld();
    const [owner, region] = ['111122223333', 'eu-central-1'];
    const act = <T>(action: Parameters<typeof runEc2Action>[3], input: Record<string, unknown>, w = world): T =>
      runEc2Action(w, owner, region, action, input, 'r') as T;
    const vpc = act<CreateVpcResult>('CreateVpc', { CidrBlock: '10.78.0.0/16' }).Vpc?.VpcId;
    const subnet = act<CreateSubnetResult>('CreateSubnet', { VpcId: vpc, CidrBlock: '10.78.1.0/24' }).Subnet?.SubnetId as string;
    act('CreateNetworkInterface', { SubnetId: subnet });
    const endpoint = act<CreateVpcEndpointResult>('CreateVpcEndpoint', {
      VpcId: vpc,
      VpcEndpointType: 'Interface',
      ServiceName: `com.amazonaws.${region}.sts`,
      SubnetIds: [subnet],
      PrivateDnsEnabled: false,
    }).VpcEndpoint;
    const [eni] = endpoint?.NetworkInterfaceIds as [string];
    const describe = (w: World) =>
      act<DescribeNetworkInterfacesResult>('DescribeNetworkInterfaces', { Filters: [{ Name: 'vpc-id', Values: [vpc] }] }, w).NetworkInterfaces?.map((n) => [
        n.NetworkInterfaceId,
        n.InterfaceType,
        n.RequesterManaged,
        n.Description,
        n.PrivateIpAddress,
      ]);
    const free = (w: World) => act<DescribeSubnetsResult>('DescribeSubnets', { SubnetIds: [subnet] }, w).Subnets?.[0]?.AvailableIpAddressCount;
    const now = describe(world);
    expect(now?.find((n) => n[0] === eni)).toEqual([eni, 'vpc_endpoint', true, `VPC Endpoint Interface ${endpoint?.VpcEndpointId}`, '10.78.1.5']);
    expect(free(world)).toBe(249);
    // Written before: the interface is not in the file, and the subnet did not count its address.
    const written = worldToData(world);
    const older = {
      ...written,
      networkInterfaces: written.networkInterfaces.filter((n) => n.id !== eni),
      subnets: written.subnets.map((x) => (x.id === subnet ? { ...x, ipv4AddressesInUse: (x.ipv4AddressesInUse ?? 0) - 1 } : x)),
    };
    const loaded = worldFromData(older, clock);
    expect(describe(loaded)).toEqual(now);
    expect(free(loaded)).toBe(249);
    // Written before interfaces at all: the list is missing.
    const oldest = { ...older, networkInterfaces: undefined } as unknown as Record<string, unknown>;
    delete oldest.networkInterfaces;
    delete oldest.instances;
    assertWorldData(oldest, 'old.json');
    const fromOldest = worldFromData(oldest as unknown as WorldData, clock);
    expect(describe(fromOldest)).toEqual([[eni, 'vpc_endpoint', true, `VPC Endpoint Interface ${endpoint?.VpcEndpointId}`, '10.78.1.4']]);
  });
});
