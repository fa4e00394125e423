/** Network interfaces through the real AWS SDK: addresses (the lowest free one after the four AWS
 * reserves, named ones checked as AWS checks them, secondary and IPv6 addresses), the subnet's
 * free-address count, groups, Describe filters and pages, attribute changes, attachment to an
 * instance, and the deletions an interface holds up, with AWS's codes and words. */
import {
  AttachNetworkInterfaceCommand,
  CreateNetworkInterfaceCommand,
  type CreateNetworkInterfaceCommandInput,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteNetworkInterfaceCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInstancesCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DetachNetworkInterfaceCommand,
  type EC2Client,
  type Filter,
  ModifyNetworkInterfaceAttributeCommand,
  type NetworkInterface,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatAddress, formatCidr, parseCidr, type Cidr } from '../../../src/cidr';
import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

let sb: SandboxHandle;
let c: EC2Client;
let vpcCounter = 0;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  c = ec2(sb, 'sandbox-network');
});
afterAll(async () => sb.stop());

/** A fresh VPC 10.<n>.0.0/16 with a subnet 10.<n>.1.0/<prefix> in us-east-1a; `block(third)` is
 * another /24 of the VPC. */
async function network(prefix = 24): Promise<{ vpc: string; subnet: string; base: string; block: (third: number) => string }> {
  const n = 100 + vpcCounter++;
  const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: `10.${n}.0.0/16` }))).Vpc?.VpcId as string;
  const subnet = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.${n}.1.0/${prefix}`, AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
  return { vpc, subnet, base: `10.${n}.1`, block: (third) => `10.${n}.${third}.0/24` };
}

async function create(input: CreateNetworkInterfaceCommandInput): Promise<NetworkInterface> {
  return (await c.send(new CreateNetworkInterfaceCommand(input))).NetworkInterface as NetworkInterface;
}

async function freeCount(subnet: string): Promise<number | undefined> {
  return (await c.send(new DescribeSubnetsCommand({ SubnetIds: [subnet] }))).Subnets?.[0]?.AvailableIpAddressCount;
}

async function ids(filters: Filter[]): Promise<string[]> {
  return ((await c.send(new DescribeNetworkInterfacesCommand({ Filters: filters }))).NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId as string);
}

async function launch(subnet: string): Promise<string> {
  const r = await c.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1, SubnetId: subnet }));
  return r.Instances?.[0]?.InstanceId as string;
}

describe('CreateNetworkInterface', () => {
  it("takes the subnet's lowest free address after the four AWS reserves, and the count of free addresses follows", async () => {
    const { vpc, subnet, base } = await network();
    expect(await freeCount(subnet)).toBe(251);
    const first = await create({ SubnetId: subnet, Description: 'first' });
    expect(first).toMatchObject({
      PrivateIpAddress: `${base}.4`,
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: `${base}.4`, PrivateDnsName: `ip-${base.replaceAll('.', '-')}-4.ec2.internal` }],
      PrivateDnsName: `ip-${base.replaceAll('.', '-')}-4.ec2.internal`,
      Status: 'available',
      SubnetId: subnet,
      VpcId: vpc,
      AvailabilityZone: 'us-east-1a',
      InterfaceType: 'interface',
      Description: 'first',
      SourceDestCheck: true,
      RequesterManaged: false,
      OwnerId: '111122223333',
      Ipv6Addresses: [],
    });
    expect(first.NetworkInterfaceId).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(first.MacAddress).toMatch(/^[0-9a-f]{1}[26ae](:[0-9a-f]{2}){5}$/);
    // With no group named, the VPC's default group.
    expect(first.Groups?.map((g) => g.GroupName)).toEqual(['default']);
    const second = await create({ SubnetId: subnet, SecondaryPrivateIpAddressCount: 2 });
    expect(second.PrivateIpAddresses?.map((a) => [a.PrivateIpAddress, a.Primary])).toEqual([
      [`${base}.5`, true],
      [`${base}.6`, false],
      [`${base}.7`, false],
    ]);
    expect(await freeCount(subnet)).toBe(247);
    await c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: first.NetworkInterfaceId }));
    expect(await freeCount(subnet)).toBe(248);
    // The freed address is the lowest free one again.
    expect((await create({ SubnetId: subnet })).PrivateIpAddress).toBe(`${base}.4`);
  });

  it('checks a named address as AWS does: well formed, in the subnet, not reserved, not in use', async () => {
    const { subnet, base } = await network();
    const named = await create({ SubnetId: subnet, PrivateIpAddress: `${base}.50`, PrivateIpAddresses: [{ PrivateIpAddress: `${base}.51`, Primary: false }] });
    expect(named.PrivateIpAddresses?.map((a) => [a.PrivateIpAddress, a.Primary])).toEqual([
      [`${base}.50`, true],
      [`${base}.51`, false],
    ]);
    const refused = async (address: string) => {
      const e = await awsError(c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet, PrivateIpAddress: address })));
      return [e.code, e.message];
    };
    expect(await refused('10.250.0.9')).toEqual(['InvalidParameterValue', "Address does not fall within the subnet's address range"]);
    for (const reserved of [`${base}.0`, `${base}.1`, `${base}.3`, `${base}.255`]) {
      expect(await refused(reserved)).toEqual(['InvalidParameterValue', "Address is in subnet's reserved address range"]);
    }
    expect(await refused(`${base}.51`)).toEqual(['InvalidIPAddress.InUse', 'The specified address is already in use.']);
    expect(await refused('not-an-address')).toEqual(['InvalidParameterValue', 'invalid value for parameter address: not-an-address']);
    // The lowest free address skips the named ones only where they are.
    expect((await create({ SubnetId: subnet })).PrivateIpAddress).toBe(`${base}.4`);
  });

  it('refuses an interface when the subnet is full (a /28 has 11 addresses to give), as AWS words it', async () => {
    const { subnet } = await network(28);
    expect(await freeCount(subnet)).toBe(11);
    await create({ SubnetId: subnet, SecondaryPrivateIpAddressCount: 10 });
    expect(await freeCount(subnet)).toBe(0);
    const e = await awsError(c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet })));
    expect([e.code, e.message]).toEqual(['InvalidParameterValue', "There aren't sufficient free Ipv4 addresses or prefixes"]);
  });

  it("gives IPv6 addresses from the subnet's IPv6 block when asked, and only where there is one", async () => {
    const vpc = (await c.send(new CreateVpcCommand({ CidrBlock: '10.90.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).Vpc;
    const block = parseCidr(vpc?.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock as string) as Cidr;
    // The VPC's first two /64s, and addresses of the first.
    const slash64 = (k: bigint) => formatCidr({ family: 6, network: block.network + (k << 64n), prefixLength: 64 });
    const at = (n: bigint) => formatAddress(6, block.network + n);
    const dual = (await c.send(new CreateSubnetCommand({ VpcId: vpc?.VpcId, CidrBlock: '10.90.1.0/24', Ipv6CidrBlock: slash64(0n) }))).Subnet?.SubnetId as string;
    const only6 = (await c.send(new CreateSubnetCommand({ VpcId: vpc?.VpcId, Ipv6Native: true, Ipv6CidrBlock: slash64(1n) }))).Subnet;
    const v6 = await create({ SubnetId: dual, Ipv6AddressCount: 2 });
    expect(v6.PrivateIpAddress).toBe('10.90.1.4');
    expect(v6.Ipv6Addresses?.map((a) => a.Ipv6Address)).toEqual([at(4n), at(5n)]);
    const named = await create({ SubnetId: dual, Ipv6Addresses: [{ Ipv6Address: at(0xabcn) }] });
    expect(named.Ipv6Addresses?.map((a) => a.Ipv6Address)).toEqual([at(0xabcn)]);
    expect((await awsError(c.send(new CreateNetworkInterfaceCommand({ SubnetId: dual, Ipv6Addresses: [{ Ipv6Address: at(0xabcn) }] })))).code).toBe(
      'InvalidIPAddress.InUse',
    );
    const both = await awsError(c.send(new CreateNetworkInterfaceCommand({ SubnetId: dual, Ipv6AddressCount: 1, Ipv6Addresses: [{ Ipv6Address: at(0x99n) }] })));
    expect([both.code, both.message]).toEqual(['InvalidParameterCombination', 'IPv6 addresses and IPv6 address count may not be specified on the same request']);
    // An IPv6-only subnet's interfaces have one IPv6 address and no IPv4 one.
    const native = await create({ SubnetId: only6?.SubnetId as string });
    expect(native.PrivateIpAddress).toBeUndefined();
    expect(native.PrivateIpAddresses).toEqual([]);
    expect(native.Ipv6Addresses?.length).toBe(1);
    expect(native.Ipv6Native).toBe(true);
    const { subnet: v4only } = await network();
    const none = await awsError(c.send(new CreateNetworkInterfaceCommand({ SubnetId: v4only, Ipv6AddressCount: 1 })));
    expect(none.code).toBe('InvalidParameterValue');
    expect(none.message).toContain('has no IPv6 CIDR block');
  });

  it('takes groups of its own VPC only, and names them', async () => {
    const { vpc, subnet } = await network();
    const { vpc: other } = await network();
    const web = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId as string;
    const elsewhere = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'elsewhere', Description: 'x', VpcId: other }))).GroupId as string;
    expect((await create({ SubnetId: subnet, Groups: [web] })).Groups).toEqual([{ GroupId: web, GroupName: 'web' }]);
    const foreign = await awsError(c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet, Groups: [elsewhere] })));
    expect([foreign.code, foreign.message]).toEqual(['InvalidParameter', `Security group ${elsewhere} and subnet ${subnet} belong to different networks.`]);
    expect((await awsError(c.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet, Groups: ['sg-0123456789abcdef0'] })))).code).toBe('InvalidGroup.NotFound');
    expect((await awsError(c.send(new CreateNetworkInterfaceCommand({ SubnetId: 'subnet-0123456789abcdef0' })))).code).toBe('InvalidSubnetID.NotFound');
  });

  it('keeps its tags, and the tag actions find it', async () => {
    const { subnet } = await network();
    const n = await create({ SubnetId: subnet, TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'db' }] }] });
    expect(n.TagSet).toEqual([{ Key: 'Name', Value: 'db' }]);
    await c.send(new CreateTagsCommand({ Resources: [n.NetworkInterfaceId as string], Tags: [{ Key: 'Team', Value: 'data' }] }));
    const tags = await c.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [n.NetworkInterfaceId as string] }] }));
    expect(tags.Tags?.map((t) => [t.Key, t.Value, t.ResourceType])).toEqual([
      ['Name', 'db', 'network-interface'],
      ['Team', 'data', 'network-interface'],
    ]);
  });
});

describe('DescribeNetworkInterfaces', () => {
  it("filters by AWS's names and pages", async () => {
    const { vpc, subnet, base } = await network();
    const web = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId as string;
    const a = await create({ SubnetId: subnet, Groups: [web], TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Role', Value: 'a' }] }] });
    const b = await create({ SubnetId: subnet, SecondaryPrivateIpAddressCount: 1, InterfaceType: 'efa' });
    const instance = await launch(subnet);
    const attached = (await ids([{ Name: 'attachment.instance-id', Values: [instance] }]))[0] as string;
    const all = [a.NetworkInterfaceId, b.NetworkInterfaceId, attached].sort();
    expect((await ids([{ Name: 'subnet-id', Values: [subnet] }])).sort()).toEqual(all);
    expect((await ids([{ Name: 'vpc-id', Values: [vpc] }])).sort()).toEqual(all);
    expect(await ids([{ Name: 'group-id', Values: [web] }])).toEqual([a.NetworkInterfaceId]);
    expect(await ids([{ Name: 'vpc-id', Values: [vpc] }, { Name: 'private-ip-address', Values: [`${base}.4`] }])).toEqual([a.NetworkInterfaceId]);
    // A secondary address is one of the interface's addresses.
    expect(await ids([{ Name: 'vpc-id', Values: [vpc] }, { Name: 'addresses.private-ip-address', Values: [`${base}.6`] }])).toEqual([b.NetworkInterfaceId]);
    expect(await ids([{ Name: 'vpc-id', Values: [vpc] }, { Name: 'status', Values: ['in-use'] }])).toEqual([attached]);
    expect(await ids([{ Name: 'vpc-id', Values: [vpc] }, { Name: 'interface-type', Values: ['efa'] }])).toEqual([b.NetworkInterfaceId]);
    expect(await ids([{ Name: 'tag:Role', Values: ['a'] }])).toEqual([a.NetworkInterfaceId]);
    expect((await awsError(c.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })))).code).toBe('InvalidParameterValue');
    const unknown = await awsError(c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-0123456789abcdef0'] })));
    expect([unknown.code, unknown.message]).toEqual(['InvalidNetworkInterfaceID.NotFound', "The networkInterface ID 'eni-0123456789abcdef0' does not exist"]);
    expect((await awsError(c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-nope'] })))).code).toBe('InvalidNetworkInterfaceID.Malformed');
  });

  it('pages with MaxResults and NextToken, each interface once', async () => {
    const { subnet } = await network();
    for (let i = 0; i < 7; i++) await create({ SubnetId: subnet });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await c.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'subnet-id', Values: [subnet] }], MaxResults: 5, NextToken: token }));
      seen.push(...(out.NetworkInterfaces ?? []).map((n) => n.NetworkInterfaceId as string));
      token = out.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(7);
  });
});

describe('ModifyNetworkInterfaceAttribute', () => {
  it('replaces the groups and sets the source/destination check, one attribute per call', async () => {
    const { vpc, subnet } = await network();
    const { vpc: other } = await network();
    const web = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId as string;
    const db = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'db', Description: 'db', VpcId: vpc }))).GroupId as string;
    const elsewhere = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: 'x', VpcId: other }))).GroupId as string;
    const id = (await create({ SubnetId: subnet })).NetworkInterfaceId as string;
    const seen = async () => (await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces?.[0];
    await c.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, Groups: [web, db] }));
    expect((await seen())?.Groups?.map((g) => g.GroupName)).toEqual(['web', 'db']);
    await c.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, SourceDestCheck: { Value: false } }));
    expect((await seen())?.SourceDestCheck).toBe(false);
    await c.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, Description: { Value: 'router' } }));
    expect((await seen())?.Description).toBe('router');
    const two = await awsError(c.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, Groups: [web], SourceDestCheck: { Value: true } })));
    expect([two.code, two.message]).toEqual(['InvalidParameterCombination', 'Fields for multiple attribute types specified: groupSet, sourceDestCheck']);
    expect((await awsError(c.send(new ModifyNetworkInterfaceAttributeCommand({ NetworkInterfaceId: id, Groups: [elsewhere] })))).code).toBe('InvalidParameter');
    expect((await seen())?.Groups?.map((g) => g.GroupName)).toEqual(['web', 'db']);
  });
});

describe('Attach, Detach and DeleteNetworkInterface', () => {
  it('attaches to an instance of the VPC and zone at a free device index, detaches, and deletes only when detached', async () => {
    const { subnet } = await network();
    const instance = await launch(subnet);
    const id = (await create({ SubnetId: subnet })).NetworkInterfaceId as string;
    const attached = await c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: id, InstanceId: instance, DeviceIndex: 1 }));
    expect(attached.AttachmentId).toMatch(/^eni-attach-[0-9a-f]{17}$/);
    const seen = async () => (await c.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }))).NetworkInterfaces?.[0];
    expect(await seen()).toMatchObject({
      Status: 'in-use',
      Attachment: { AttachmentId: attached.AttachmentId, InstanceId: instance, DeviceIndex: 1, DeleteOnTermination: false, Status: 'attached', InstanceOwnerId: '111122223333' },
    });
    const described = (await c.send(new DescribeInstancesCommand({ InstanceIds: [instance] }))).Reservations?.[0]?.Instances?.[0];
    expect(described?.NetworkInterfaces?.map((n) => [n.Attachment?.DeviceIndex, n.NetworkInterfaceId === id])).toEqual([
      [0, false],
      [1, true],
    ]);
    const busy = await awsError(c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id })));
    expect([busy.code, busy.message]).toEqual(['InvalidParameterValue', `Network interface '${id}' is currently in use.`]);
    const again = await awsError(c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: id, InstanceId: instance, DeviceIndex: 2 })));
    expect([again.code, again.message]).toEqual(['InvalidNetworkInterface.InUse', `Interface: [${id}] in use.`]);
    const other = (await create({ SubnetId: subnet })).NetworkInterfaceId as string;
    const taken = await awsError(c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: other, InstanceId: instance, DeviceIndex: 1 })));
    expect([taken.code, taken.message]).toEqual(['InvalidParameterValue', `Instance '${instance}' already has an interface attached at device index '1'.`]);
    const primaryAttachment = described?.NetworkInterfaces?.[0]?.Attachment?.AttachmentId as string;
    const primary = await awsError(c.send(new DetachNetworkInterfaceCommand({ AttachmentId: primaryAttachment })));
    expect([primary.code, primary.message]).toEqual(['OperationNotPermitted', 'The network interface at device index 0 and networkCard index 0 cannot be detached.']);
    await c.send(new DetachNetworkInterfaceCommand({ AttachmentId: attached.AttachmentId }));
    expect((await seen())?.Status).toBe('available');
    expect((await seen())?.Attachment).toBeUndefined();
    expect((await awsError(c.send(new DetachNetworkInterfaceCommand({ AttachmentId: attached.AttachmentId })))).code).toBe('InvalidAttachmentID.NotFound');
    await c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id }));
    expect((await awsError(c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id })))).code).toBe('InvalidNetworkInterfaceID.NotFound');
  });

  it('attaches only to an instance in its own VPC and Availability Zone', async () => {
    const { vpc, subnet, block } = await network();
    const instance = await launch(subnet);
    const zoneB = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: block(2), AvailabilityZone: 'us-east-1b' }))).Subnet?.SubnetId as string;
    const far = (await create({ SubnetId: zoneB })).NetworkInterfaceId as string;
    const zone = await awsError(c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: far, InstanceId: instance, DeviceIndex: 1 })));
    expect(zone.code).toBe('InvalidParameterValue');
    expect(zone.message).toContain('Availability Zone');
    // Another subnet of the same zone and VPC is fine.
    const near = (await c.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: block(3), AvailabilityZone: 'us-east-1a' }))).Subnet?.SubnetId as string;
    await c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: (await create({ SubnetId: near })).NetworkInterfaceId, InstanceId: instance, DeviceIndex: 1 }));
    const { subnet: foreignSubnet } = await network();
    const foreign = (await create({ SubnetId: foreignSubnet })).NetworkInterfaceId as string;
    const vpcs = await awsError(c.send(new AttachNetworkInterfaceCommand({ NetworkInterfaceId: foreign, InstanceId: instance, DeviceIndex: 2 })));
    expect(vpcs.code).toBe('InvalidParameterValue');
    expect(vpcs.message).toContain('VPC');
  });
});

describe('what an interface holds up', () => {
  it('refuses DeleteSubnet, DeleteSecurityGroup and DeleteVpc while an interface uses them, in AWS words', async () => {
    const { vpc, subnet } = await network();
    const web = (await c.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpc }))).GroupId as string;
    const id = (await create({ SubnetId: subnet, Groups: [web] })).NetworkInterfaceId as string;
    const subnetRefused = await awsError(c.send(new DeleteSubnetCommand({ SubnetId: subnet })));
    expect([subnetRefused.code, subnetRefused.message]).toEqual(['DependencyViolation', `The subnet '${subnet}' has dependencies and cannot be deleted.`]);
    const groupRefused = await awsError(c.send(new DeleteSecurityGroupCommand({ GroupId: web })));
    expect([groupRefused.code, groupRefused.message]).toEqual(['DependencyViolation', `resource ${web} has a dependent object`]);
    const vpcRefused = await awsError(c.send(new DeleteVpcCommand({ VpcId: vpc })));
    expect([vpcRefused.code, vpcRefused.message]).toEqual(['DependencyViolation', `The vpc '${vpc}' has dependencies and cannot be deleted.`]);
    // A DryRun is refused the same way.
    expect((await awsError(c.send(new DeleteSubnetCommand({ SubnetId: subnet, DryRun: true })))).code).toBe('DependencyViolation');
    await c.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id }));
    await c.send(new DeleteSecurityGroupCommand({ GroupId: web }));
    await c.send(new DeleteSubnetCommand({ SubnetId: subnet }));
    await c.send(new DeleteVpcCommand({ VpcId: vpc }));
  });
});
