/** DHCP options sets through the real AWS SDK: each region's default set (and the VPCs that use
 * it), Create/Associate/Delete/DescribeDhcpOptions with filters, tags, pages and AWS's errors. */
import {
  AssociateDhcpOptionsCommand,
  CreateDhcpOptionsCommand,
  CreateVpcCommand,
  DeleteDhcpOptionsCommand,
  DeleteVpcCommand,
  DescribeDhcpOptionsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type NewDhcpConfiguration,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const NET = '111122223333';
let sb: SandboxHandle;
let net: EC2Client;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty' });
  net = ec2(sb, 'sandbox-network');
});
afterAll(async () => sb.stop());

async function createVpc(client: EC2Client, cidr: string): Promise<string> {
  return (await client.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId as string;
}

async function dhcpOf(client: EC2Client, vpcId: string): Promise<string> {
  return (await client.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs?.[0]?.DhcpOptionsId as string;
}

async function create(client: EC2Client, configurations: NewDhcpConfiguration[], tags?: Record<string, string>): Promise<string> {
  const out = await client.send(
    new CreateDhcpOptionsCommand({
      DhcpConfigurations: configurations,
      ...(tags ? { TagSpecifications: [{ ResourceType: 'dhcp-options', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) }] } : {}),
    }),
  );
  return out.DhcpOptions?.DhcpOptionsId as string;
}

describe("a region's default DHCP options set", () => {
  it('holds the domain name AWS gives the region and AmazonProvidedDNS, and new VPCs use it', async () => {
    const expectDefault = async (client: EC2Client, domain: string): Promise<string> => {
      const sets = (await client.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions ?? [];
      expect(sets).toEqual([
        {
          DhcpConfigurations: [
            { Key: 'domain-name', Values: [{ Value: domain }] },
            { Key: 'domain-name-servers', Values: [{ Value: 'AmazonProvidedDNS' }] },
          ],
          DhcpOptionsId: sets[0]?.DhcpOptionsId,
          OwnerId: NET,
        },
      ]);
      expect(sets[0]?.DhcpOptionsId).toMatch(/^dopt-[0-9a-f]{17}$/);
      return sets[0]?.DhcpOptionsId as string;
    };
    // A region where the account has no VPC has its default set all the same.
    const sydney = ec2(sb, 'sandbox-network', 'ap-southeast-2');
    await expectDefault(sydney, 'ap-southeast-2.compute.internal');
    const virginia = await expectDefault(net, 'ec2.internal');
    const vpc = await createVpc(net, '10.1.0.0/16');
    expect(await dhcpOf(net, vpc)).toBe(virginia);
    const dublin = ec2(sb, 'sandbox-network', 'eu-west-1');
    const euVpc = await createVpc(dublin, '10.2.0.0/16');
    expect(await dhcpOf(dublin, euVpc)).toBe(await expectDefault(dublin, 'eu-west-1.compute.internal'));
    // Each account has its own.
    const dev = ec2(sb, 'sandbox-dev');
    expect((await dev.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions?.map((d) => d.OwnerId)).toEqual(['777788889999']);
    expect((await dev.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions?.[0]?.DhcpOptionsId).not.toBe(virginia);
  });

  it('may be deleted when no VPC uses it, and the next new VPC gets a new one', async () => {
    const data = ec2(sb, 'sandbox-data', 'us-west-2');
    const vpc = await createVpc(data, '10.3.0.0/16');
    const first = await dhcpOf(data, vpc);
    await data.send(new AssociateDhcpOptionsCommand({ VpcId: vpc, DhcpOptionsId: 'default' }));
    expect(await dhcpOf(data, vpc)).toBe('default');
    await data.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: first }));
    expect((await data.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions).toEqual([]);
    const next = await createVpc(data, '10.4.0.0/16');
    const second = await dhcpOf(data, next);
    expect(second).not.toBe(first);
    expect((await data.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions?.map((d) => [d.DhcpOptionsId, d.DhcpConfigurations?.[0]?.Values])).toEqual([
      [second, [{ Value: 'us-west-2.compute.internal' }]],
    ]);
  });
});

describe('custom DHCP options sets', () => {
  it('are created with their options in key order and tags, associated, and deleted once no VPC uses them', async () => {
    const vpc = await createVpc(net, '10.5.0.0/16');
    const out = await net.send(
      new CreateDhcpOptionsCommand({
        DhcpConfigurations: [
          { Key: 'domain-name-servers', Values: ['10.5.0.2,10.5.0.3'] },
          { Key: 'domain-name', Values: ['corp.example'] },
          { Key: 'ntp-servers', Values: ['169.254.169.123', 'fd00:ec2::123'] },
          { Key: 'netbios-node-type', Values: ['2'] },
        ],
        TagSpecifications: [{ ResourceType: 'dhcp-options', Tags: [{ Key: 'Name', Value: 'corp' }] }],
      }),
    );
    const id = out.DhcpOptions?.DhcpOptionsId as string;
    expect(out.DhcpOptions).toEqual({
      DhcpConfigurations: [
        { Key: 'domain-name', Values: [{ Value: 'corp.example' }] },
        { Key: 'domain-name-servers', Values: [{ Value: '10.5.0.2' }, { Value: '10.5.0.3' }] },
        { Key: 'netbios-node-type', Values: [{ Value: '2' }] },
        { Key: 'ntp-servers', Values: [{ Value: '169.254.169.123' }, { Value: 'fd00:ec2::123' }] },
      ],
      DhcpOptionsId: id,
      OwnerId: NET,
      Tags: [{ Key: 'Name', Value: 'corp' }],
    });
    expect((await net.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [id] }))).DhcpOptions).toEqual([out.DhcpOptions]);
    await net.send(new AssociateDhcpOptionsCommand({ VpcId: vpc, DhcpOptionsId: id }));
    expect(await dhcpOf(net, vpc)).toBe(id);
    expect((await net.send(new DescribeVpcsCommand({ Filters: [{ Name: 'dhcp-options-id', Values: [id] }] }))).Vpcs?.map((v) => v.VpcId)).toEqual([vpc]);
    // AWS's words, from an AWS SDK's answer quoted in a bug report.
    const busy = await awsError(net.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: id })));
    expect(busy).toMatchObject({ code: 'DependencyViolation', message: `The dhcpOptions '${id}' has dependencies and cannot be deleted.` });
    await net.send(new DeleteVpcCommand({ VpcId: vpc }));
    await net.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: id }));
    const gone = await awsError(net.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [id] })));
    expect(gone).toMatchObject({ code: 'InvalidDhcpOptionID.NotFound', message: `The dhcpOption ID '${id}' does not exist` });
  });

  it('are filtered by id, option key and value, owner and tags, and paged', async () => {
    const hr = ec2(sb, 'sandbox-data', 'eu-central-1');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push(await create(hr, [{ Key: 'domain-name', Values: [`site${i}.example`] }], { Site: String(i) }));
    const count = async (Name: string, Values: string[]): Promise<number> => (await hr.send(new DescribeDhcpOptionsCommand({ Filters: [{ Name, Values }] }))).DhcpOptions?.length ?? 0;
    expect(await count('key', ['domain-name'])).toBe(7);
    expect(await count('value', ['site3.example'])).toBe(1);
    expect(await count('value', ['AmazonProvidedDNS'])).toBe(1);
    expect(await count('dhcp-options-id', [ids[0] as string, ids[1] as string])).toBe(2);
    expect(await count('owner-id', ['246813579024'])).toBe(7);
    expect(await count('tag:Site', ['4'])).toBe(1);
    expect(await count('tag-key', ['Site'])).toBe(6);
    expect((await awsError(count('colour', ['red']))).code).toBe('InvalidParameterValue');
    const p1 = await hr.send(new DescribeDhcpOptionsCommand({ MaxResults: 5 }));
    const p2 = await hr.send(new DescribeDhcpOptionsCommand({ MaxResults: 5, NextToken: p1.NextToken }));
    expect([p1.DhcpOptions?.length, p2.DhcpOptions?.length, p2.NextToken]).toEqual([5, 2, undefined]);
    expect((await awsError(hr.send(new DescribeDhcpOptionsCommand({ MaxResults: 4 })))).code).toBe('InvalidParameterValue');
  });

  it('refuse options AWS refuses, unknown and malformed ids, and change nothing on a dry run', async () => {
    const bad = async (configurations: NewDhcpConfiguration[]) => (await awsError(net.send(new CreateDhcpOptionsCommand({ DhcpConfigurations: configurations })))).code;
    expect(await bad([{ Key: 'domain-name-servers', Values: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'] }])).toBe('InvalidParameterValue');
    expect(await bad([{ Key: 'domain-name-servers', Values: ['dns.example'] }])).toBe('InvalidParameterValue');
    expect(await bad([{ Key: 'netbios-node-type', Values: ['3'] }])).toBe('InvalidParameterValue');
    expect(await bad([{ Key: 'ipv6-address-preferred-lease-time', Values: ['139'] }])).toBe('InvalidParameterValue');
    expect(await bad([{ Key: 'colour', Values: ['red'] }])).toBe('InvalidParameterValue');
    expect(await bad([{ Key: 'domain-name', Values: ['a.example'] }, { Key: 'domain-name', Values: ['b.example'] }])).toBe('InvalidParameterValue');
    expect(await bad([])).toBe('MissingParameter');
    expect((await awsError(net.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: 'dopt-zz' })))).code).toBe('InvalidDhcpOptionsId.Malformed');
    expect((await awsError(net.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: 'dopt-0123456789abcdef0' })))).code).toBe('InvalidDhcpOptionID.NotFound');
    const vpc = await createVpc(net, '10.6.0.0/16');
    expect((await awsError(net.send(new AssociateDhcpOptionsCommand({ VpcId: vpc, DhcpOptionsId: 'dopt-0123456789abcdef0' })))).code).toBe('InvalidDhcpOptionID.NotFound');
    expect((await awsError(net.send(new AssociateDhcpOptionsCommand({ VpcId: 'vpc-0123456789abcdef0', DhcpOptionsId: 'default' })))).code).toBe('InvalidVpcID.NotFound');
    // Another account's set is not the caller's.
    const theirs = await create(ec2(sb, 'sandbox-dev'), [{ Key: 'domain-name', Values: ['dev.example'] }]);
    expect((await awsError(net.send(new AssociateDhcpOptionsCommand({ VpcId: vpc, DhcpOptionsId: theirs })))).code).toBe('InvalidDhcpOptionID.NotFound');
    const before = (await net.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions?.length;
    const mine = await create(net, [{ Key: 'domain-name', Values: ['dry.example'] }]);
    for (const call of [
      () => net.send(new CreateDhcpOptionsCommand({ DhcpConfigurations: [{ Key: 'domain-name', Values: ['x.example'] }], DryRun: true })),
      () => net.send(new AssociateDhcpOptionsCommand({ VpcId: vpc, DhcpOptionsId: mine, DryRun: true })),
      () => net.send(new DeleteDhcpOptionsCommand({ DhcpOptionsId: mine, DryRun: true })),
      () => net.send(new DescribeDhcpOptionsCommand({ DryRun: true })),
    ]) {
      expect(await awsError(call())).toMatchObject({ code: 'DryRunOperation', status: 412 });
    }
    expect((await net.send(new DescribeDhcpOptionsCommand({}))).DhcpOptions?.length).toBe((before ?? 0) + 1);
    expect(await dhcpOf(net, vpc)).not.toBe(mine);
  });
});
