/** Subnet calls through the real AWS SDK: CreateSubnet (ranges, zones, IPv6), DeleteSubnet, DescribeSubnets. */
import {
  DescribeAvailabilityZonesCommand,
  AssociateVpcCidrBlockCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

let sb: SandboxHandle;
let c: EC2Client;
let vpcId: string;
let v6Block: string;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  c = ec2(sb, 'sandbox-dev', 'eu-west-1');
  const v = await c.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16', AmazonProvidedIpv6CidrBlock: true }));
  vpcId = v.Vpc?.VpcId as string;
  await c.send(new AssociateVpcCidrBlockCommand({ VpcId: vpcId, CidrBlock: '10.51.0.0/16' }));
  const d = await c.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
  v6Block = d.Vpcs?.[0]?.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock as string;
});
afterAll(async () => sb.stop());

/** The zone id the test account's zone name stands for (the mapping differs per account). */
async function zoneIdOf(name: string): Promise<string> {
  const out = await c.send(new DescribeAvailabilityZonesCommand({ ZoneNames: [name] }));
  return out.AvailabilityZones?.[0]?.ZoneId as string;
}

const subnet = (cidr: string, extra: Record<string, unknown> = {}) => c.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, ...extra }));

function v6Subnet(n: number): string {
  const [head] = v6Block.split('::');
  const groups = (head as string).split(':');
  while (groups.length < 4) groups.push('0');
  groups[3] = (parseInt(groups[3] as string, 16) + n).toString(16);
  return `${groups.join(':')}::/64`;
}

describe('CreateSubnet', () => {
  it('creates a subnet with AWS fields filled in', async () => {
    const out = await subnet('10.50.0.0/24', { AvailabilityZone: 'eu-west-1b', TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'b' }] }] });
    const s = out.Subnet;
    expect(s?.SubnetId).toMatch(/^subnet-[0-9a-f]{17}$/);
    expect(s).toMatchObject({
      VpcId: vpcId,
      CidrBlock: '10.50.0.0/24',
      AvailabilityZone: 'eu-west-1b',
      AvailabilityZoneId: await zoneIdOf('eu-west-1b'),
      AvailableIpAddressCount: 251,
      DefaultForAz: false,
      MapPublicIpOnLaunch: false,
      OwnerId: '777788889999',
      Tags: [{ Key: 'Name', Value: 'b' }],
    });
    expect(s?.SubnetArn).toBe(`arn:aws:ec2:eu-west-1:777788889999:subnet/${s?.SubnetId}`);
  });

  it('accepts a zone id, a secondary block and an IPv6 /64', async () => {
    const zoneC = await zoneIdOf('eu-west-1c');
    expect((await subnet('10.50.1.0/24', { AvailabilityZoneId: zoneC })).Subnet).toMatchObject({ AvailabilityZone: 'eu-west-1c', AvailabilityZoneId: zoneC });
    expect((await subnet('10.51.0.0/20')).Subnet?.CidrBlock).toBe('10.51.0.0/20');
    const v6 = await subnet('10.50.2.0/24', { Ipv6CidrBlock: v6Subnet(1) });
    expect(v6.Subnet?.Ipv6CidrBlockAssociationSet?.[0]?.Ipv6CidrBlock).toBe(v6Subnet(1));
    const native = await c.send(new CreateSubnetCommand({ VpcId: vpcId, Ipv6Native: true, Ipv6CidrBlock: v6Subnet(2) }));
    expect(native.Subnet?.CidrBlock).toBeUndefined();
    expect(native.Subnet?.Ipv6Native).toBe(true);
  });

  it('refuses blocks outside the VPC, too small or overlapping, and unknown zones', async () => {
    expect((await awsError(subnet('10.99.0.0/24'))).code).toBe('InvalidSubnet.Range');
    expect((await awsError(subnet('10.50.9.0/29'))).code).toBe('InvalidSubnet.Range');
    const conflict = await awsError(subnet('10.50.0.128/25'));
    expect(conflict).toMatchObject({ code: 'InvalidSubnet.Conflict', message: "The CIDR '10.50.0.128/25' conflicts with another subnet" });
    expect((await awsError(subnet('10.50.8.0/24', { Ipv6CidrBlock: v6Subnet(1) }))).code).toBe('InvalidSubnet.Conflict');
    expect((await awsError(subnet('10.50.8.0/24', { Ipv6CidrBlock: '2001:db8::/64' }))).code).toBe('InvalidSubnet.Range');
    const zone = await awsError(subnet('10.50.8.0/24', { AvailabilityZone: 'us-east-1a' }));
    expect(zone.code).toBe('InvalidParameterValue');
    expect(zone.message).toContain('eu-west-1a');
    expect((await awsError(c.send(new CreateSubnetCommand({ VpcId: vpcId })))).code).toBe('MissingParameter');
    expect((await awsError(c.send(new CreateSubnetCommand({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.0.0/24' })))).code).toBe('InvalidVpcID.NotFound');
  });
});

describe('the fields the current API adds to subnets', () => {
  it("answers AWS's defaults for an IPv4 subnet and for an IPv6-only one, on create and describe", async () => {
    const v4 = (await subnet('10.50.30.0/24')).Subnet;
    const defaults = {
      MapCustomerOwnedIpOnLaunch: false,
      EnableDns64: false,
      Ipv6Native: false,
      AssignIpv6AddressOnCreation: false,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
      BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
    };
    expect(v4).toMatchObject(defaults);
    const seen = (await c.send(new DescribeSubnetsCommand({ SubnetIds: [v4?.SubnetId as string] }))).Subnets?.[0];
    expect(seen).toMatchObject(defaults);
    // Outposts, local network interfaces and Elastic VMware Service are absent, as on AWS for ordinary subnets.
    for (const absent of ['EnableLniAtDeviceIndex', 'OutpostArn', 'CustomerOwnedIpv4Pool', 'Type'] as const) expect(seen?.[absent]).toBeUndefined();
    const v6 = (await c.send(new CreateSubnetCommand({ VpcId: vpcId, Ipv6Native: true, Ipv6CidrBlock: v6Subnet(30) }))).Subnet;
    expect(v6).toMatchObject({
      Ipv6Native: true,
      AssignIpv6AddressOnCreation: true,
      AvailableIpAddressCount: 0,
      PrivateDnsNameOptionsOnLaunch: { HostnameType: 'resource-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    });
    const vpc = (await c.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs?.[0];
    expect(vpc?.BlockPublicAccessStates).toEqual({ InternetGatewayBlockMode: 'off' });
  });
});

describe('CreateSubnet with Ipv6Native', () => {
  // Codes and messages decided by moto 5.2.1's AWS-verified checks; the differential test
  // compares them with moto.
  it('checks the IPv6 source before anything about IPv4, with its own codes and messages', async () => {
    // No IPv6 block given: refused even though the IPv4 block also conflicts with a subnet.
    const noSource = await awsError(c.send(new CreateSubnetCommand({ VpcId: vpcId, Ipv6Native: true, CidrBlock: '10.50.0.0/24' })));
    expect(noSource).toMatchObject({ code: 'MissingParameter', message: "Either 'ipv6CidrBlock' or 'ipv6IpamPoolId' should be provided." });
    expect(await awsError(c.send(new CreateSubnetCommand({ VpcId: vpcId, Ipv6Native: true })))).toMatchObject({ code: 'MissingParameter', message: noSource.message });
    // The same on a VPC that does not exist: the parameters are checked first.
    expect((await awsError(c.send(new CreateSubnetCommand({ VpcId: 'vpc-0123456789abcdef0', Ipv6Native: true })))).code).toBe('MissingParameter');
    // With an IPv6 block, an IPv4 block is refused as a combination, before its conflict is looked at.
    const both = await awsError(c.send(new CreateSubnetCommand({ VpcId: vpcId, Ipv6Native: true, Ipv6CidrBlock: v6Subnet(31), CidrBlock: '10.50.0.0/24' })));
    expect(both).toMatchObject({
      code: 'InvalidParameterCombination',
      message: 'When specifying ipv4 parameters, cidrBlock or ipv4IpamPoolId, you cannot set ipv6Native to true.',
    });
  });

  it('refuses an IPv6 block in a VPC without one before the IPv4 block is checked', async () => {
    const plain = (await c.send(new CreateVpcCommand({ CidrBlock: '10.70.0.0/16' }))).Vpc?.VpcId as string;
    await c.send(new CreateSubnetCommand({ VpcId: plain, CidrBlock: '10.70.0.0/24' }));
    const native = await awsError(c.send(new CreateSubnetCommand({ VpcId: plain, Ipv6Native: true, Ipv6CidrBlock: '2600:1f18:7cb4:2e01::/64' })));
    expect(native).toMatchObject({ code: 'InvalidSubnet.Range', message: "The IPv6 CIDR '2600:1f18:7cb4:2e01::/64' is invalid." });
    // A dual-stack request whose IPv4 block conflicts: the missing IPv6 range decides.
    const dual = await awsError(c.send(new CreateSubnetCommand({ VpcId: plain, CidrBlock: '10.70.0.0/24', Ipv6CidrBlock: '2600:1f18:7cb4:2e01::/64' })));
    expect(dual).toMatchObject({ code: 'InvalidSubnet.Range', message: native.message });
  });
});

describe('DescribeSubnets filter aliases', () => {
  it('accepts the camelCase names the API reference lists beside the kebab-case ones', async () => {
    const v = (await c.send(new CreateVpcCommand({ CidrBlock: '10.80.0.0/16' }))).Vpc?.VpcId as string;
    const a = (await c.send(new CreateSubnetCommand({ VpcId: v, CidrBlock: '10.80.1.0/24', AvailabilityZone: 'eu-west-1a' }))).Subnet?.SubnetId;
    const zoneC = await zoneIdOf('eu-west-1c');
    const b = (await c.send(new CreateSubnetCommand({ VpcId: v, CidrBlock: '10.80.2.0/24', AvailabilityZoneId: zoneC }))).Subnet?.SubnetId;
    const ids = async (Name: string, Values: string[]): Promise<string[]> =>
      ((await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [v] }, { Name, Values }] }))).Subnets ?? []).map((s) => s.SubnetId as string).sort();
    const pairs: [string, string, string[]][] = [
      ['availability-zone', 'availabilityZone', ['eu-west-1a']],
      ['availability-zone-id', 'availabilityZoneId', [zoneC]],
      ['cidr-block', 'cidrBlock', ['10.80.2.0/24']],
      ['cidr-block', 'cidr', ['10.80.1.0/24']],
      ['default-for-az', 'defaultForAz', ['false']],
    ];
    for (const [kebab, camel, values] of pairs) {
      const expected = await ids(kebab, values);
      expect(expected.length, kebab).toBeGreaterThan(0);
      expect(await ids(camel, values), camel).toEqual(expected);
    }
    expect(await ids('availabilityZone', ['eu-west-1a'])).toEqual([a]);
    expect(await ids('availabilityZoneId', [zoneC])).toEqual([b]);
    // The filters on the fields the sandbox now answers.
    expect(await ids('enable-dns64', ['false'])).toEqual([a, b].sort());
    expect(await ids('private-dns-name-options-on-launch.hostname-type', ['ip-name'])).toEqual([a, b].sort());
    expect(await ids('outpost-arn', ['*'])).toEqual([]);
    expect((await awsError(c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'availabilityzone', Values: ['eu-west-1a'] }] })))).code).toBe('InvalidParameterValue');
  });
});

describe('DescribeSubnets and DeleteSubnet', () => {
  it('filters, pages and deletes', async () => {
    for (let i = 0; i < 6; i++) await subnet(`10.50.${100 + i}.0/24`, { TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Tier', Value: 'app' }] }] });
    const count = async (Name: string, Values: string[]): Promise<number> =>
      (await c.send(new DescribeSubnetsCommand({ Filters: [{ Name, Values }] }))).Subnets?.length ?? 0;
    expect(await count('tag:Tier', ['app'])).toBe(6);
    expect(await count('vpc-id', [vpcId])).toBeGreaterThanOrEqual(10);
    expect(await count('cidr-block', ['10.50.100.0/24'])).toBe(1);
    expect(await count('availability-zone', ['eu-west-1b'])).toBeGreaterThanOrEqual(1);
    expect(await count('ipv6-cidr-block-association.ipv6-cidr-block', [v6Subnet(1)])).toBe(1);
    expect(await count('available-ip-address-count', ['251'])).toBeGreaterThanOrEqual(6);
    const page1 = await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Tier', Values: ['app'] }], MaxResults: 5 }));
    expect(page1.Subnets).toHaveLength(5);
    const page2 = await c.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Tier', Values: ['app'] }], MaxResults: 5, NextToken: page1.NextToken }));
    expect(page2.Subnets).toHaveLength(1);
    expect(page2.NextToken).toBeUndefined();
    const id = page2.Subnets?.[0]?.SubnetId as string;
    expect((await awsError(c.send(new DeleteSubnetCommand({ SubnetId: id, DryRun: true })))).code).toBe('DryRunOperation');
    await c.send(new DeleteSubnetCommand({ SubnetId: id }));
    expect((await awsError(c.send(new DescribeSubnetsCommand({ SubnetIds: [id] })))).code).toBe('InvalidSubnetID.NotFound');
    expect((await awsError(c.send(new DeleteSubnetCommand({ SubnetId: 'subnet-xyz' })))).code).toBe('InvalidSubnetID.Malformed');
    expect((await awsError(c.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.50.200.0/24', DryRun: true })))).code).toBe('DryRunOperation');
    expect((await awsError(c.send(new DescribeSubnetsCommand({ DryRun: true })))).code).toBe('DryRunOperation');
  });

  it('rotates the zone when none is given', async () => {
    const v = await c.send(new CreateVpcCommand({ CidrBlock: '10.60.0.0/16' }));
    const zones: string[] = [];
    for (let i = 0; i < 3; i++) {
      zones.push((await c.send(new CreateSubnetCommand({ VpcId: v.Vpc?.VpcId, CidrBlock: `10.60.${i}.0/24` }))).Subnet?.AvailabilityZone as string);
    }
    expect(zones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });
});
