/** VPC calls through the real AWS SDK: CreateVpc, CreateDefaultVpc, DeleteVpc, DescribeVpcs (filters,
 * pagination), AssociateVpcCidrBlock / DisassociateVpcCidrBlock, Describe/ModifyVpcAttribute. */
import {
  AssociateVpcCidrBlockCommand,
  CreateDefaultVpcCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DisassociateVpcCidrBlockCommand,
  ModifyVpcAttributeCommand,
  type EC2Client,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

let sb: SandboxHandle;
let net: EC2Client;
let netEu: EC2Client;
let prod: EC2Client;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  net = ec2(sb, 'sandbox-network');
  netEu = ec2(sb, 'sandbox-network', 'eu-west-1');
  prod = ec2(sb, 'sandbox-prod');
});
afterAll(async () => sb.stop());

async function createVpc(client: EC2Client, cidr: string, name?: string): Promise<Vpc> {
  const out = await client.send(
    new CreateVpcCommand({ CidrBlock: cidr, ...(name ? { TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: name }] }] } : {}) }),
  );
  return out.Vpc as Vpc;
}

async function describeOne(client: EC2Client, id: string): Promise<Vpc> {
  return (await client.send(new DescribeVpcsCommand({ VpcIds: [id] }))).Vpcs?.[0] as Vpc;
}

describe('CreateVpc', () => {
  it('creates an available VPC with its main route table, default security group and tags', async () => {
    const v = await createVpc(net, '10.0.0.0/16', 'first');
    expect(v.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(v.State).toBe('pending');
    expect(v.OwnerId).toBe('111122223333');
    expect(v.Tags).toEqual([{ Key: 'Name', Value: 'first' }]);
    const d = await describeOne(net, v.VpcId as string);
    expect(d).toMatchObject({ State: 'available', CidrBlock: '10.0.0.0/16', IsDefault: false, InstanceTenancy: 'default' });
    expect(d.DhcpOptionsId).toMatch(/^dopt-/);
    expect(d.CidrBlockAssociationSet).toEqual([
      { AssociationId: expect.stringMatching(/^vpc-cidr-assoc-/), CidrBlock: '10.0.0.0/16', CidrBlockState: { State: 'associated' } },
    ]);
    const rt = await net.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [v.VpcId as string] }] }));
    expect(rt.RouteTables).toHaveLength(1);
    expect(rt.RouteTables?.[0]?.Associations?.[0]?.Main).toBe(true);
    expect(rt.RouteTables?.[0]?.Routes).toEqual([{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }]);
    const sg = await net.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [v.VpcId as string] }] }));
    expect(sg.SecurityGroups?.map((g) => g.GroupName)).toEqual(['default']);
  });

  it('normalises host bits and refuses bad blocks with AWS codes', async () => {
    expect((await createVpc(net, '10.9.3.4/16')).CidrBlock).toBe('10.9.0.0/16');
    expect((await awsError(createVpc(net, '10.0.0.0/8'))).code).toBe('InvalidVpc.Range');
    expect((await awsError(createVpc(net, '10.0.0.0/29'))).code).toBe('InvalidVpc.Range');
    const bad = await awsError(createVpc(net, 'ten.0.0.0/16'));
    expect(bad.code).toBe('InvalidParameterValue');
    expect(bad.message).toContain('ten.0.0.0/16');
    expect((await awsError(net.send(new CreateVpcCommand({})))).code).toBe('MissingParameter');
  });

  it('associates an Amazon-provided IPv6 /56 on request', async () => {
    const out = await net.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', AmazonProvidedIpv6CidrBlock: true }));
    const d = await describeOne(net, out.Vpc?.VpcId as string);
    const v6 = d.Ipv6CidrBlockAssociationSet?.[0];
    expect(v6?.Ipv6CidrBlock).toMatch(/^2600:1f[0-9a-f]{2}:.*\/56$/);
    expect(v6).toMatchObject({ Ipv6Pool: 'Amazon', NetworkBorderGroup: 'us-east-1', Ipv6CidrBlockState: { State: 'associated' } });
  });

  it('keeps state per account and region', async () => {
    const v = await createVpc(net, '10.2.0.0/16');
    expect((await awsError(netEu.send(new DescribeVpcsCommand({ VpcIds: [v.VpcId as string] })))).code).toBe('InvalidVpcID.NotFound');
    expect((await awsError(prod.send(new DescribeVpcsCommand({ VpcIds: [v.VpcId as string] })))).code).toBe('InvalidVpcID.NotFound');
  });
});

describe('secondary blocks', () => {
  it('adds a secondary IPv4 block and its local route to every table', async () => {
    const v = await createVpc(net, '10.3.0.0/16');
    const out = await net.send(new AssociateVpcCidrBlockCommand({ VpcId: v.VpcId, CidrBlock: '10.4.0.0/16' }));
    expect(out.CidrBlockAssociation).toMatchObject({ CidrBlock: '10.4.0.0/16', CidrBlockState: { State: 'associating' } });
    const d = await describeOne(net, v.VpcId as string);
    expect(d.CidrBlockAssociationSet?.map((a) => a.CidrBlock)).toEqual(['10.3.0.0/16', '10.4.0.0/16']);
    const rt = await net.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [v.VpcId as string] }] }));
    expect(rt.RouteTables?.[0]?.Routes?.map((r) => r.DestinationCidrBlock)).toEqual(['10.3.0.0/16', '10.4.0.0/16']);
  });

  it('refuses overlapping, restricted and surplus blocks', async () => {
    const v = await createVpc(net, '10.5.0.0/16');
    const id = v.VpcId as string;
    expect((await awsError(net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, CidrBlock: '10.5.128.0/17' })))).code).toBe('InvalidVpc.Range');
    const restricted = await awsError(net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, CidrBlock: '192.168.0.0/16' })));
    expect(restricted.code).toBe('InvalidVpc.Range');
    expect(restricted.message).toContain('restricted');
    await net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, CidrBlock: '100.64.0.0/16' }));
    for (const c of ['10.6.0.0/16', '10.7.0.0/16', '10.8.0.0/16']) await net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, CidrBlock: c }));
    // AWS's wording, word for word (the VPC id unquoted), decided by moto 5.2.1's text.
    expect(await awsError(net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, CidrBlock: '10.10.0.0/16' })))).toMatchObject({
      code: 'CidrLimitExceeded',
      message: `This network ${id} has met its maximum number of allowed CIDRs: 5`,
      status: 400,
    });
    expect((await awsError(net.send(new AssociateVpcCidrBlockCommand({ VpcId: id })))).code).toBe('MissingParameter');
  });

  it('gives a VPC one Amazon-provided IPv6 /56 per network border group', async () => {
    const id = (await net.send(new CreateVpcCommand({ CidrBlock: '10.12.0.0/16', AmazonProvidedIpv6CidrBlock: true }))).Vpc?.VpcId as string;
    const second = await awsError(net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, AmazonProvidedIpv6CidrBlock: true })));
    expect(second).toMatchObject({ code: 'CidrLimitExceeded', message: `This network ${id} has met its maximum number of allowed CIDRs: 1` });
    // Naming the region's own border group is the same group.
    const named = await awsError(net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, AmazonProvidedIpv6CidrBlock: true, Ipv6CidrBlockNetworkBorderGroup: 'us-east-1' })));
    expect(named.code).toBe('CidrLimitExceeded');
    // Another border group (a Local Zone's) gets its own block.
    const lz = await net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, AmazonProvidedIpv6CidrBlock: true, Ipv6CidrBlockNetworkBorderGroup: 'us-east-1-bos-1' }));
    expect(lz.Ipv6CidrBlockAssociation).toMatchObject({ NetworkBorderGroup: 'us-east-1-bos-1', Ipv6Pool: 'Amazon' });
    // Once the first is gone, the region's group may have one again.
    const first = (await net.send(new DescribeVpcsCommand({ VpcIds: [id] }))).Vpcs?.[0]?.Ipv6CidrBlockAssociationSet?.find((a) => a.NetworkBorderGroup === 'us-east-1');
    await net.send(new DisassociateVpcCidrBlockCommand({ AssociationId: first?.AssociationId }));
    const again = await net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, AmazonProvidedIpv6CidrBlock: true }));
    expect(again.Ipv6CidrBlockAssociation?.NetworkBorderGroup).toBe('us-east-1');
  });

  it('disassociates a secondary block, never the primary, never one holding subnets', async () => {
    const v = await createVpc(net, '10.11.0.0/16');
    const id = v.VpcId as string;
    const sec = await net.send(new AssociateVpcCidrBlockCommand({ VpcId: id, CidrBlock: '10.12.0.0/16' }));
    const primary = v.CidrBlockAssociationSet?.[0]?.AssociationId as string;
    expect((await awsError(net.send(new DisassociateVpcCidrBlockCommand({ AssociationId: primary })))).code).toBe('OperationNotPermitted');
    const subnet = await net.send(new CreateSubnetCommand({ VpcId: id, CidrBlock: '10.12.0.0/24' }));
    const assoc = sec.CidrBlockAssociation?.AssociationId as string;
    expect((await awsError(net.send(new DisassociateVpcCidrBlockCommand({ AssociationId: assoc })))).code).toBe('DependencyViolation');
    await net.send(new DeleteSubnetCommand({ SubnetId: subnet.Subnet?.SubnetId }));
    const out = await net.send(new DisassociateVpcCidrBlockCommand({ AssociationId: assoc }));
    expect(out.CidrBlockAssociation?.CidrBlockState?.State).toBe('disassociating');
    expect((await describeOne(net, id)).CidrBlockAssociationSet).toHaveLength(1);
    expect((await awsError(net.send(new DisassociateVpcCidrBlockCommand({ AssociationId: 'vpc-cidr-assoc-0123456789abcdef0' })))).code).toBe(
      'InvalidVpcCidrBlockAssociationID.NotFound',
    );
  });
});

describe('DescribeVpcs', () => {
  let ids: string[];
  beforeAll(async () => {
    ids = [];
    for (let i = 0; i < 12; i++) {
      const v = await createVpc(prod, `10.${100 + i}.0.0/16`, i % 3 === 0 ? `web-${i}` : `db-${i}`);
      ids.push(v.VpcId as string);
    }
    await prod.send(new AssociateVpcCidrBlockCommand({ VpcId: ids[1], CidrBlock: '10.200.0.0/16' }));
    await prod.send(new AssociateVpcCidrBlockCommand({ VpcId: ids[2], AmazonProvidedIpv6CidrBlock: true }));
  });
  const count = async (filters: { Name: string; Values: string[] }[]): Promise<number> =>
    (await prod.send(new DescribeVpcsCommand({ Filters: filters }))).Vpcs?.length ?? 0;

  it('filters by the documented names', async () => {
    expect(await count([{ Name: 'vpc-id', Values: [ids[0] as string, ids[5] as string] }])).toBe(2);
    expect(await count([{ Name: 'cidr', Values: ['10.101.0.0/16'] }])).toBe(1);
    expect(await count([{ Name: 'cidr', Values: ['10.200.0.0/16'] }])).toBe(0);
    expect(await count([{ Name: 'cidr-block-association.cidr-block', Values: ['10.200.0.0/16'] }])).toBe(1);
    expect(await count([{ Name: 'ipv6-cidr-block-association.ipv6-pool', Values: ['Amazon'] }])).toBe(1);
    expect(await count([{ Name: 'is-default', Values: ['false'] }])).toBe(12);
    expect(await count([{ Name: 'owner-id', Values: ['444455556666'] }])).toBe(12);
    expect(await count([{ Name: 'state', Values: ['available'] }])).toBe(12);
    expect(await count([{ Name: 'tag:Name', Values: ['web-*'] }])).toBe(4);
    expect(await count([{ Name: 'tag:Name', Values: ['db-1?'] }])).toBe(2);
    expect(await count([{ Name: 'tag-key', Values: ['Name'] }])).toBe(12);
    expect(await count([{ Name: 'tag:Name', Values: ['web-*'] }, { Name: 'cidr', Values: ['10.100.0.0/16'] }])).toBe(1);
    const unknown = await awsError(prod.send(new DescribeVpcsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
    expect(unknown).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
    expect(unknown.message).toContain('colour');
  });

  it('pages with MaxResults and NextToken, without repeats or gaps', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await prod.send(new DescribeVpcsCommand({ MaxResults: 5, NextToken: token }));
      seen.push(...(out.Vpcs ?? []).map((v) => v.VpcId as string));
      token = out.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...ids].sort());
    expect((await awsError(prod.send(new DescribeVpcsCommand({ MaxResults: 4 })))).code).toBe('InvalidParameterValue');
    expect((await awsError(prod.send(new DescribeVpcsCommand({ MaxResults: 1001 })))).code).toBe('InvalidParameterValue');
    expect((await awsError(prod.send(new DescribeVpcsCommand({ NextToken: 'garbage' })))).code).toBe('InvalidPaginationToken');
  });

  it('names unknown and malformed ids', async () => {
    const one = await awsError(prod.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0123456789abcdef0'] })));
    expect(one).toMatchObject({ code: 'InvalidVpcID.NotFound', message: "The vpc ID 'vpc-0123456789abcdef0' does not exist" });
    expect((await awsError(prod.send(new DescribeVpcsCommand({ VpcIds: ['subnet-0123'] })))).code).toBe('InvalidVpcID.Malformed');
  });
});

describe('DeleteVpc', () => {
  it('refuses while a subnet remains, then deletes the VPC, its main table and default group', async () => {
    const v = await createVpc(net, '10.20.0.0/16');
    const id = v.VpcId as string;
    const s = await net.send(new CreateSubnetCommand({ VpcId: id, CidrBlock: '10.20.1.0/24' }));
    const blocked = await awsError(net.send(new DeleteVpcCommand({ VpcId: id })));
    expect(blocked).toMatchObject({ code: 'DependencyViolation', message: `The vpc '${id}' has dependencies and cannot be deleted.` });
    await net.send(new DeleteSubnetCommand({ SubnetId: s.Subnet?.SubnetId }));
    await net.send(new DeleteVpcCommand({ VpcId: id }));
    expect((await awsError(net.send(new DescribeVpcsCommand({ VpcIds: [id] })))).code).toBe('InvalidVpcID.NotFound');
    const rt = await net.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [id] }] }));
    expect(rt.RouteTables).toEqual([]);
    expect((await awsError(net.send(new DeleteVpcCommand({ VpcId: id })))).code).toBe('InvalidVpcID.NotFound');
  });
});

describe('VPC attributes', () => {
  it('reads and changes DNS support and hostnames, one attribute per call', async () => {
    const id = (await createVpc(net, '10.21.0.0/16')).VpcId as string;
    const support = await net.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute: 'enableDnsSupport' }));
    expect(support.EnableDnsSupport?.Value).toBe(true);
    const hostnames = await net.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute: 'enableDnsHostnames' }));
    expect(hostnames.EnableDnsHostnames?.Value).toBe(false);
    await net.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsHostnames: { Value: true } }));
    expect((await net.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute: 'enableDnsHostnames' }))).EnableDnsHostnames?.Value).toBe(true);
    // AWS names both attributes (its answer as SDK bug reports quote it).
    const both = await awsError(net.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsHostnames: { Value: true }, EnableDnsSupport: { Value: true } })));
    expect(both).toMatchObject({ code: 'InvalidParameterCombination', message: 'Fields for multiple attribute types specified: enableDnsHostnames, enableDnsSupport' });
    expect((await awsError(net.send(new ModifyVpcAttributeCommand({ VpcId: id })))).code).toBe('MissingParameter');
    const badAttr = await awsError(net.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute: 'colour' as never })));
    expect(badAttr.code).toBe('InvalidParameterValue');
  });

  it('enables DNS hostnames only while DNS support is on', async () => {
    const id = (await createVpc(net, '10.22.0.0/16')).VpcId as string;
    const attr = async (Attribute: 'enableDnsSupport' | 'enableDnsHostnames') => {
      const out = await net.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute }));
      return (Attribute === 'enableDnsSupport' ? out.EnableDnsSupport : out.EnableDnsHostnames)?.Value;
    };
    await net.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsSupport: { Value: false } }));
    expect(await attr('enableDnsSupport')).toBe(false);
    const refused = await awsError(net.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsHostnames: { Value: true } })));
    expect(refused).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
    expect(refused.message).toContain('DNS support');
    expect(await attr('enableDnsHostnames')).toBe(false);
    // Turning hostnames off is always allowed; on again once DNS support is back.
    await net.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsHostnames: { Value: false } }));
    await net.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsSupport: { Value: true } }));
    await net.send(new ModifyVpcAttributeCommand({ VpcId: id, EnableDnsHostnames: { Value: true } }));
    expect([await attr('enableDnsSupport'), await attr('enableDnsHostnames')]).toEqual([true, true]);
    expect((await awsError(net.send(new DescribeVpcAttributeCommand({ VpcId: 'vpc-0123456789abcdef0', Attribute: 'enableDnsSupport' })))).code).toBe('InvalidVpcID.NotFound');
  });
});

describe('CreateDefaultVpc', () => {
  it('creates 172.31.0.0/16 with a default subnet per zone and an internet route, once', async () => {
    const dev = ec2(sb, 'sandbox-dev', 'eu-west-1');
    const out = await dev.send(new CreateDefaultVpcCommand({}));
    expect(out.Vpc).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true });
    const subnets = await dev.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }));
    expect(subnets.Subnets?.map((s) => s.CidrBlock).sort()).toEqual(['172.31.0.0/20', '172.31.16.0/20', '172.31.32.0/20']);
    const rt = await dev.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [out.Vpc?.VpcId as string] }] }));
    expect(rt.RouteTables?.[0]?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId).toMatch(/^igw-/);
    expect((await dev.send(new DescribeVpcAttributeCommand({ VpcId: out.Vpc?.VpcId, Attribute: 'enableDnsHostnames' }))).EnableDnsHostnames?.Value).toBe(true);
    expect((await awsError(dev.send(new CreateDefaultVpcCommand({})))).code).toBe('DefaultVpcAlreadyExists');
  });
});

describe('DryRun', () => {
  it('answers DryRunOperation for every VPC call that takes DryRun, and changes nothing', async () => {
    const id = (await createVpc(net, '10.30.0.0/16')).VpcId as string;
    const before = (await net.send(new DescribeVpcsCommand({}))).Vpcs?.length;
    for (const call of [
      () => net.send(new CreateVpcCommand({ CidrBlock: '10.31.0.0/16', DryRun: true })),
      () => net.send(new DeleteVpcCommand({ VpcId: id, DryRun: true })),
      () => net.send(new DescribeVpcsCommand({ DryRun: true })),
      () => net.send(new DescribeVpcAttributeCommand({ VpcId: id, Attribute: 'enableDnsSupport', DryRun: true })),
      () => ec2(sb, 'sandbox-data', 'us-west-2').send(new CreateDefaultVpcCommand({ DryRun: true })),
    ]) {
      expect(await awsError(call())).toMatchObject({ code: 'DryRunOperation', status: 412 });
    }
    expect((await net.send(new DescribeVpcsCommand({}))).Vpcs?.length).toBe(before);
    // Validation comes first: a dry run of a bad request still names the problem.
    expect((await awsError(net.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/8', DryRun: true })))).code).toBe('InvalidVpc.Range');
  });
});
