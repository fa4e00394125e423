/** VPC endpoints through the real AWS SDK: gateway endpoints and the routes they keep to their
 * service's prefix list, interface endpoints with a network interface per subnet, Modify/Delete/
 * Describe with AWS's errors, the region's endpoint services, and DeleteVpc held by endpoints. */
import {
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  type CreateVpcEndpointCommandInput,
  DeleteNetworkInterfaceCommand,
  DeleteRouteCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteRouteTableCommand,
  DeleteVpcCommand,
  DeleteVpcEndpointsCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DetachNetworkInterfaceCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  type EC2Client,
  ModifyVpcAttributeCommand,
  ModifyVpcEndpointCommand,
  ReplaceRouteCommand,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const NET = '111122223333';
let sb: SandboxHandle;
let net: EC2Client;
let s3List: string;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  net = ec2(sb, 'sandbox-network');
  s3List = (await net.send(new DescribeManagedPrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['com.amazonaws.us-east-1.s3'] }] }))).PrefixLists?.[0]
    ?.PrefixListId as string;
});
afterAll(async () => sb.stop());

async function createVpc(cidr: string): Promise<string> {
  return (await net.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
}

async function createTable(vpc: string): Promise<string> {
  return (await net.send(new CreateRouteTableCommand({ VpcId: vpc }))).RouteTable?.RouteTableId as string;
}

async function create(input: CreateVpcEndpointCommandInput): Promise<VpcEndpoint> {
  return (await net.send(new CreateVpcEndpointCommand(input))).VpcEndpoint as VpcEndpoint;
}

async function describeEndpoint(id: string): Promise<VpcEndpoint | undefined> {
  return (await net.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }))).VpcEndpoints?.[0];
}

async function endpointRoutes(rtb: string) {
  return ((await net.send(new DescribeRouteTablesCommand({ RouteTableIds: [rtb] }))).RouteTables?.[0]?.Routes ?? []).filter((r) => r.GatewayId?.startsWith('vpce-'));
}

describe('gateway endpoints', () => {
  it("add a route to the service's prefix list in each route table, keep them through Modify and take them away when deleted", async () => {
    const vpc = await createVpc('10.50.0.0/16');
    const [a, b, c] = [await createTable(vpc), await createTable(vpc), await createTable(vpc)] as [string, string, string];
    const created = await create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [a, b], TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'Name', Value: 's3' }] }] });
    const id = created.VpcEndpointId as string;
    expect(id).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(created).toEqual({
      VpcEndpointId: id,
      VpcEndpointType: 'Gateway',
      VpcId: vpc,
      ServiceName: 'com.amazonaws.us-east-1.s3',
      State: 'available',
      PolicyDocument: '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
      RouteTableIds: [a, b],
      SubnetIds: [],
      Groups: [],
      PrivateDnsEnabled: false,
      RequesterManaged: false,
      NetworkInterfaceIds: [],
      DnsEntries: [],
      CreationTimestamp: created.CreationTimestamp,
      Tags: [{ Key: 'Name', Value: 's3' }],
      OwnerId: NET,
    });
    expect(await describeEndpoint(id)).toEqual(created);
    expect(await endpointRoutes(a)).toEqual([{ DestinationPrefixListId: s3List, GatewayId: id, Origin: 'CreateRoute', State: 'active' }]);
    expect(await endpointRoutes(b)).toHaveLength(1);
    // The route is the endpoint's: DeleteRoute and ReplaceRoute leave it alone.
    expect((await awsError(net.send(new DeleteRouteCommand({ RouteTableId: a, DestinationPrefixListId: s3List })))).code).toBe('InvalidParameterValue');
    expect((await awsError(net.send(new ReplaceRouteCommand({ RouteTableId: a, DestinationPrefixListId: s3List, GatewayId: 'igw-0123456789abcdef0' })))).code).toBe('InvalidParameterValue');
    // One route per prefix list in a table: a second S3 endpoint cannot take table a.
    expect(await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [a] }))).toMatchObject({
      code: 'InvalidParameter',
      message: `route table ${a} already has a route with destination-prefix-list-id ${s3List}`,
    });
    await net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, RemoveRouteTableIds: [a], AddRouteTableIds: [c] }));
    expect(await endpointRoutes(a)).toEqual([]);
    expect((await endpointRoutes(c)).map((r) => r.GatewayId)).toEqual([id]);
    expect((await describeEndpoint(id))?.RouteTableIds).toEqual([b, c]);
    const dynamo = await create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.dynamodb', VpcEndpointType: 'Gateway', RouteTableIds: [b] });
    expect((await endpointRoutes(b)).map((r) => [r.GatewayId, r.DestinationPrefixListId === s3List])).toEqual([
      [id, true],
      [dynamo.VpcEndpointId, false],
    ]);
    // DeleteVpc waits for the endpoints (after its extra tables are gone).
    for (const t of [a, b, c]) {
      for (const r of await endpointRoutes(t)) expect(r.State).toBe('active');
    }
    const unknown = 'vpce-0123456789abcdef0';
    const deleted = await net.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id, unknown] }));
    expect(deleted.Unsuccessful).toEqual([{ Error: { Code: 'InvalidVpcEndpoint.NotFound', Message: `The Vpc Endpoint Id '${unknown}' does not exist` }, ResourceId: unknown }]);
    expect(await endpointRoutes(b)).toHaveLength(1);
    expect(await endpointRoutes(c)).toEqual([]);
    expect(await awsError(describeEndpoint(id))).toMatchObject({ code: 'InvalidVpcEndpointId.NotFound', message: `The Vpc Endpoint Id '${id}' does not exist` });
    for (const t of [a, b, c]) await net.send(new DeleteRouteTableCommand({ RouteTableId: t }));
    expect(await awsError(net.send(new DeleteVpcCommand({ VpcId: vpc })))).toMatchObject({ code: 'DependencyViolation', message: `The vpc '${vpc}' has dependencies and cannot be deleted.` });
    expect((await net.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [dynamo.VpcEndpointId as string] }))).Unsuccessful).toEqual([]);
    await net.send(new DeleteVpcCommand({ VpcId: vpc }));
  });

  it('refuse what does not fit a gateway endpoint, in AWS words', async () => {
    const vpc = await createVpc('10.51.0.0/16');
    const other = await createTable(await createVpc('10.52.0.0/16'));
    const subnet = (await net.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.51.1.0/24', AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    expect(await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.ec2' }))).toMatchObject({
      code: 'InvalidParameter',
      message: 'Endpoint type (Gateway) does not match available service types ([Interface]).',
    });
    expect(await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', SubnetIds: [subnet] }))).toMatchObject({
      code: 'InvalidParameter',
      message: 'Subnet IDs are only supported for Interface and GatewayLoadBalancer type VPC Endpoints.',
    });
    expect(await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.nothing' }))).toMatchObject({
      code: 'InvalidServiceName',
      message: "The Vpc Endpoint Service 'com.amazonaws.us-east-1.nothing' does not exist",
    });
    expect((await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [other] }))).code).toBe('InvalidParameter');
    expect((await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: ['rtb-0123456789abcdef0'] }))).code).toBe('InvalidRouteTableID.NotFound');
    expect((await awsError(create({ VpcId: 'vpc-0123456789abcdef0', ServiceName: 'com.amazonaws.us-east-1.s3' }))).code).toBe('InvalidVpcID.NotFound');
    expect((await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', VpcEndpointType: 'GatewayLoadBalancer' }))).code).toBe('InvalidParameterValue');
    expect((await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', PolicyDocument: 'not json' }))).code).toBe('InvalidPolicyDocument');
    const dry = await awsError(create({ VpcId: vpc, ServiceName: 'com.amazonaws.us-east-1.s3', DryRun: true }));
    expect(dry).toMatchObject({ code: 'DryRunOperation', status: 412 });
    expect((await net.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).VpcEndpoints).toEqual([]);
  });
});

describe('interface endpoints', () => {
  it('hold a network interface per subnet, one subnet per zone, with groups and private DNS when the VPC has DNS on', async () => {
    const vpc = await createVpc('10.60.0.0/16');
    const subnet = async (cidr: string, zone: string) =>
      (await net.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }))).Subnet?.SubnetId as string;
    const [s1, s2, s3] = [await subnet('10.60.1.0/24', 'us-east-1a'), await subnet('10.60.2.0/24', 'us-east-1b'), await subnet('10.60.3.0/24', 'us-east-1a')];
    const sg = (await net.send(new CreateSecurityGroupCommand({ GroupName: 'endpoints', Description: 'endpoints', VpcId: vpc }))).GroupId as string;
    const def = (await net.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }, { Name: 'group-name', Values: ['default'] }] }))).SecurityGroups?.[0]
      ?.GroupId as string;
    const base = { VpcId: vpc, VpcEndpointType: 'Interface' as const, ServiceName: 'com.amazonaws.us-east-1.ec2' };
    // Private DNS is on by default, and needs both DNS attributes.
    expect(await awsError(create({ ...base, SubnetIds: [s1] }))).toMatchObject({
      code: 'InvalidParameter',
      message: `Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC attributes set to true for ${vpc}`,
    });
    expect(await awsError(create({ ...base, SubnetIds: [s1, s3], PrivateDnsEnabled: false }))).toMatchObject({
      code: 'DuplicateSubnetsInSameZone',
      message: `Found another VPC endpoint subnet in the availability zone of ${s1}`,
    });
    expect(await awsError(create({ ...base, RouteTableIds: [await createTable(vpc)], PrivateDnsEnabled: false }))).toMatchObject({
      code: 'InvalidParameter',
      message: 'Route table IDs are only supported for Gateway type VPC Endpoint.',
    });
    const plain = await create({ ...base, ServiceName: 'com.amazonaws.us-east-1.sts', SubnetIds: [s1], PrivateDnsEnabled: false });
    expect(plain).toMatchObject({ State: 'pending', Groups: [{ GroupId: def, GroupName: 'default' }], PrivateDnsEnabled: false, IpAddressType: 'ipv4', DnsOptions: { DnsRecordIpType: 'ipv4' } });
    expect((await describeEndpoint(plain.VpcEndpointId as string))?.State).toBe('available');
    await net.send(new ModifyVpcAttributeCommand({ VpcId: vpc, EnableDnsHostnames: { Value: true } }));
    const ep = await create({ ...base, SubnetIds: [s1, s2], SecurityGroupIds: [sg] });
    const id = ep.VpcEndpointId as string;
    expect(ep.NetworkInterfaceIds).toHaveLength(2);
    for (const eni of ep.NetworkInterfaceIds ?? []) expect(eni).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(ep).toMatchObject({ VpcEndpointType: 'Interface', SubnetIds: [s1, s2], Groups: [{ GroupId: sg, GroupName: 'endpoints' }], PrivateDnsEnabled: true, RouteTableIds: [] });
    const names = ep.DnsEntries?.map((d) => d.DnsName) ?? [];
    expect(names[0]).toMatch(new RegExp(`^${id}-[0-9a-f]{8}\\.ec2\\.us-east-1\\.vpce\\.amazonaws\\.com$`));
    expect(names.slice(1)).toEqual([names[0]?.replace('.ec2.', '-us-east-1a.ec2.'), names[0]?.replace('.ec2.', '-us-east-1b.ec2.'), 'ec2.us-east-1.amazonaws.com']);
    // Modify: a subnet of a zone it has is refused; swap zones, add a group.
    expect((await awsError(net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, AddSubnetIds: [s3] })))).code).toBe('DuplicateSubnetsInSameZone');
    await net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, RemoveSubnetIds: [s1], AddSubnetIds: [s3], AddSecurityGroupIds: [def] }));
    const after = await describeEndpoint(id);
    expect(after).toMatchObject({ SubnetIds: [s2, s3], Groups: [{ GroupId: sg }, { GroupId: def }] });
    expect(after?.NetworkInterfaceIds?.[0]).toBe(ep.NetworkInterfaceIds?.[1]);
    expect(after?.NetworkInterfaceIds?.[1]).not.toBe(ep.NetworkInterfaceIds?.[0]);
    expect(await awsError(net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, AddRouteTableIds: [await createTable(vpc)] })))).toMatchObject({
      code: 'InvalidParameter',
      message: 'Route table IDs are only supported for Gateway type VPC Endpoint.',
    });
    await net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, PolicyDocument: '{"Statement":[]}' }));
    expect((await describeEndpoint(id))?.PolicyDocument).toBe('{"Statement":[]}');
    await net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, ResetPolicy: true }));
    expect((await describeEndpoint(id))?.PolicyDocument).toContain('"Principal":"*"');
    expect((await awsError(net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: 'vpce-0123456789abcdef0', ResetPolicy: true })))).code).toBe('InvalidVpcEndpointId.NotFound');
  });
});

describe("interface endpoints' network interfaces", () => {
  it('are requester-managed vpc_endpoint interfaces with the endpoint\'s groups and an address of the subnet, made and removed with the endpoint and its subnets', async () => {
    const vpc = await createVpc('10.61.0.0/16');
    const subnet = async (cidr: string, zone: string) =>
      (await net.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: cidr, AvailabilityZone: zone }))).Subnet?.SubnetId as string;
    const [s1, s2] = [await subnet('10.61.1.0/24', 'us-east-1a'), await subnet('10.61.2.0/24', 'us-east-1b')];
    const sg = (await net.send(new CreateSecurityGroupCommand({ GroupName: 'endpoints', Description: 'endpoints', VpcId: vpc }))).GroupId as string;
    const other = (await net.send(new CreateSecurityGroupCommand({ GroupName: 'other', Description: 'other', VpcId: vpc }))).GroupId as string;
    const free = async (id: string) => (await net.send(new DescribeSubnetsCommand({ SubnetIds: [id] }))).Subnets?.[0]?.AvailableIpAddressCount;
    expect(await free(s1)).toBe(251);
    const ep = await create({ VpcId: vpc, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.sts', SubnetIds: [s1], SecurityGroupIds: [sg], PrivateDnsEnabled: false });
    const id = ep.VpcEndpointId as string;
    const [eni1] = ep.NetworkInterfaceIds as [string];
    const inVpc = async () =>
      ((await net.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).NetworkInterfaces ?? []).sort((a, b) =>
        (a.AvailabilityZone as string) < (b.AvailabilityZone as string) ? -1 : 1,
      );
    const [n1] = await inVpc();
    expect(n1).toMatchObject({
      NetworkInterfaceId: eni1,
      Description: `VPC Endpoint Interface ${id}`,
      InterfaceType: 'vpc_endpoint',
      RequesterManaged: true,
      RequesterId: '727180483921',
      Status: 'in-use',
      SubnetId: s1,
      VpcId: vpc,
      AvailabilityZone: 'us-east-1a',
      Groups: [{ GroupId: sg, GroupName: 'endpoints' }],
      PrivateIpAddress: '10.61.1.4',
      Attachment: { DeviceIndex: 1, InstanceOwnerId: 'amazon-aws', Status: 'attached', DeleteOnTermination: false },
    });
    expect(n1?.Attachment?.AttachmentId).toMatch(/^ela-attach-[0-9a-f]{17}$/);
    expect(n1?.Attachment?.InstanceId).toBeUndefined();
    expect(await free(s1)).toBe(250);
    const managed = await net.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'requester-managed', Values: ['true'] }, { Name: 'interface-type', Values: ['vpc_endpoint'] }] }));
    expect(managed.NetworkInterfaces?.map((n) => n.NetworkInterfaceId)).toContain(eni1);

    // AWS holds it: the caller can neither delete nor detach it, nor delete its subnet or group.
    expect(await awsError(net.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eni1 })))).toMatchObject({
      code: 'InvalidParameterValue',
      message: `Network interface '${eni1}' is currently in use.`,
    });
    expect(await awsError(net.send(new DetachNetworkInterfaceCommand({ AttachmentId: n1?.Attachment?.AttachmentId })))).toMatchObject({
      code: 'OperationNotPermitted',
      message: "You are not allowed to manage 'ela-attach' attachments.",
    });
    expect(await awsError(net.send(new DeleteSubnetCommand({ SubnetId: s1 })))).toMatchObject({
      code: 'DependencyViolation',
      message: `The subnet '${s1}' has dependencies and cannot be deleted.`,
    });
    expect(await awsError(net.send(new DeleteSecurityGroupCommand({ GroupId: sg })))).toMatchObject({ code: 'DependencyViolation', message: `resource ${sg} has a dependent object` });

    // AddSubnetIds makes one, groups follow the endpoint, RemoveSubnetIds removes one.
    await net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, AddSubnetIds: [s2], AddSecurityGroupIds: [other] }));
    const [, eni2] = (await describeEndpoint(id))?.NetworkInterfaceIds as [string, string];
    expect((await inVpc()).map((n) => [n.NetworkInterfaceId, n.SubnetId, n.PrivateIpAddress, n.Groups?.map((g) => g.GroupId)])).toEqual([
      [eni1, s1, '10.61.1.4', [sg, other]],
      [eni2, s2, '10.61.2.4', [sg, other]],
    ]);
    await net.send(new ModifyVpcEndpointCommand({ VpcEndpointId: id, RemoveSubnetIds: [s1], RemoveSecurityGroupIds: [sg] }));
    expect((await inVpc()).map((n) => [n.NetworkInterfaceId, n.Groups?.map((g) => g.GroupId)])).toEqual([[eni2, [other]]]);
    expect(await free(s1)).toBe(251);
    await net.send(new DeleteSubnetCommand({ SubnetId: s1 }));
    await net.send(new DeleteSecurityGroupCommand({ GroupId: sg }));

    // The endpoint takes its interfaces along.
    await net.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [id] }));
    expect(await inVpc()).toEqual([]);
    expect((await awsError(net.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni2] })))).code).toBe('InvalidNetworkInterfaceID.NotFound');
    await net.send(new DeleteSubnetCommand({ SubnetId: s2 }));
    await net.send(new DeleteSecurityGroupCommand({ GroupId: other }));
  });
});

describe('DescribeVpcEndpoints', () => {
  it('filters by VPC, service, type, state, id and tags, and pages', async () => {
    const c = ec2(sb, 'sandbox-data', 'eu-west-1');
    const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc?.VpcId as string;
    const ids: string[] = [];
    for (const service of ['s3', 'dynamodb']) {
      const e = await c.send(
        new CreateVpcEndpointCommand({ VpcId: vpc, ServiceName: `com.amazonaws.eu-west-1.${service}`, TagSpecifications: [{ ResourceType: 'vpc-endpoint', Tags: [{ Key: 'svc', Value: service }] }] }),
      );
      ids.push(e.VpcEndpoint?.VpcEndpointId as string);
    }
    const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: '10.70.1.0/24', AvailabilityZone: 'eu-west-1a' }))).Subnet?.SubnetId as string;
    ids.push(
      (await c.send(new CreateVpcEndpointCommand({ VpcId: vpc, VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.eu-west-1.ssm', SubnetIds: [subnet], PrivateDnsEnabled: false })))
        .VpcEndpoint?.VpcEndpointId as string,
    );
    const count = async (Name: string, Values: string[]) => (await c.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name, Values }] }))).VpcEndpoints?.length ?? 0;
    expect(await count('vpc-id', [vpc])).toBe(3);
    expect(await count('service-name', ['com.amazonaws.eu-west-1.s3'])).toBe(1);
    expect(await count('vpc-endpoint-type', ['Gateway'])).toBe(2);
    expect(await count('vpc-endpoint-type', ['Interface'])).toBe(1);
    expect(await count('vpc-endpoint-state', ['available'])).toBe(3);
    expect(await count('vpc-endpoint-id', [ids[0] as string])).toBe(1);
    expect(await count('tag:svc', ['dynamodb'])).toBe(1);
    expect((await awsError(count('colour', ['red']))).code).toBe('InvalidParameterValue');
    const p1 = await c.send(new DescribeVpcEndpointsCommand({ MaxResults: 2 }));
    const p2 = await c.send(new DescribeVpcEndpointsCommand({ MaxResults: 2, NextToken: p1.NextToken }));
    expect([p1.VpcEndpoints?.length, p2.VpcEndpoints?.length, p2.NextToken]).toEqual([2, 1, undefined]);
    expect((await awsError(c.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ['vpce-zz'] })))).code).toBe('InvalidVpcEndpointId.Malformed');
    // The caller's own endpoints only.
    expect((await ec2(sb, 'sandbox-network', 'eu-west-1').send(new DescribeVpcEndpointsCommand({}))).VpcEndpoints).toEqual([]);
  });
});

describe('DescribeVpcEndpointServices', () => {
  it("lists the region's AWS services with their endpoint types, filtered and paged", async () => {
    const all = await net.send(new DescribeVpcEndpointServicesCommand({}));
    for (const s of ['s3', 'dynamodb', 'ec2', 'sts', 'ssm']) expect(all.ServiceNames).toContain(`com.amazonaws.us-east-1.${s}`);
    const s3 = (all.ServiceDetails ?? []).filter((d) => d.ServiceName === 'com.amazonaws.us-east-1.s3');
    expect(s3.map((d) => d.ServiceType?.[0]?.ServiceType)).toEqual(['Gateway', 'Interface']);
    const ec2Service = all.ServiceDetails?.find((d) => d.ServiceName === 'com.amazonaws.us-east-1.ec2');
    expect(ec2Service).toMatchObject({
      ServiceType: [{ ServiceType: 'Interface' }],
      AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f'],
      Owner: 'amazon',
      BaseEndpointDnsNames: ['ec2.us-east-1.vpce.amazonaws.com'],
      PrivateDnsName: 'ec2.us-east-1.amazonaws.com',
      VpcEndpointPolicySupported: true,
      AcceptanceRequired: false,
    });
    expect(ec2Service?.ServiceId).toMatch(/^vpce-svc-[0-9a-f]{17}$/);
    const gateways = await net.send(new DescribeVpcEndpointServicesCommand({ Filters: [{ Name: 'service-type', Values: ['Gateway'] }] }));
    expect(gateways.ServiceNames).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    const named = await net.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.sts'] }));
    expect(named.ServiceDetails?.map((d) => d.ServiceName)).toEqual(['com.amazonaws.us-east-1.sts']);
    expect((await awsError(net.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.us-east-1.nothing'] })))).code).toBe('InvalidServiceName');
    const p1 = await net.send(new DescribeVpcEndpointServicesCommand({ MaxResults: 5 }));
    const p2 = await net.send(new DescribeVpcEndpointServicesCommand({ MaxResults: 100, NextToken: p1.NextToken }));
    expect((p1.ServiceDetails?.length ?? 0) + (p2.ServiceDetails?.length ?? 0)).toBe(all.ServiceDetails?.length);
    expect(p2.NextToken).toBeUndefined();
    const dublin = await ec2(sb, 'sandbox-network', 'eu-west-1').send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ['com.amazonaws.eu-west-1.s3'] }));
    expect(dublin.ServiceDetails?.[0]?.AvailabilityZones?.[0]).toBe('eu-west-1a');
  });
});
