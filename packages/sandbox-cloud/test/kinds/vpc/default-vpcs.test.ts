/** Default VPCs: every account has one in every region it has enabled unless the scenario says
 * otherwise, as AWS makes it; through the real AWS SDK and the AWS CLI. */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import {
  CreateDefaultVpcCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeAccountAttributesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeDhcpOptionsCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '../../../src';
import { DEFAULT_REGIONS } from '../../../src/regions';
import type { ScenarioInput } from '../../../src/scenarios';
import { startSandbox, type SandboxHandle } from '../../../src/testing/start-sandbox';
import { awsError, ec2 } from '../../clients';

const run = promisify(execFile);
const AWS2 = '/usr/bin/aws';

/** Two accounts, one with an opt-in region, one VPC of their own; `defaultVpcs` left unsaid. */
const ORG: ScenarioInput = {
  name: 'default-vpcs',
  accounts: [
    { id: '111111111111', profile: 'one', optInRegions: ['af-south-1'] },
    { id: '222222222222', profile: 'two' },
  ],
  vpcs: [{ key: 'own', account: 'one', region: 'us-east-1', cidr: '10.0.0.0/16', subnets: [{ key: 'own-a', cidr: '10.0.0.0/24', zone: 'a' }] }],
};

let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ scenario: ORG });
});
afterAll(async () => sb?.stop());

async function defaultVpcOf(c: EC2Client): Promise<Vpc | undefined> {
  const out = await c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  expect((out.Vpcs ?? []).length).toBeLessThanOrEqual(1);
  return out.Vpcs?.[0];
}

/** Every default VPC id of the sandbox, by `profile region`, visiting regions in `order`. */
async function defaultVpcIds(s: { endpoint: string } & Pick<SandboxHandle, 'accounts'>, order: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const region of order) {
    for (const who of ['one', 'two']) {
      const c = ec2(s as SandboxHandle, who, region);
      out[`${who} ${region}`] = (await defaultVpcOf(c))?.VpcId ?? 'none';
    }
  }
  return out;
}

describe('default VPCs', () => {
  it('are in every region an account has enabled, opt-in regions included, and nowhere else', async () => {
    for (const region of DEFAULT_REGIONS) {
      for (const who of ['one', 'two']) expect((await defaultVpcOf(ec2(sb, who, region)))?.CidrBlock, `${who} ${region}`).toBe('172.31.0.0/16');
    }
    expect((await defaultVpcOf(ec2(sb, 'one', 'af-south-1')))?.IsDefault).toBe(true);
    expect((await awsError(ec2(sb, 'two', 'af-south-1').send(new DescribeVpcsCommand({})))).code).toBe('AuthFailure');
    // The scenario's own VPC sits beside the default one.
    const all = (await ec2(sb, 'one').send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    expect(all.map((v) => [v.CidrBlock, v.IsDefault]).sort()).toEqual([
      ['10.0.0.0/16', false],
      ['172.31.0.0/16', true],
    ]);
  });

  it('are made as AWS makes them: a default /20 subnet per zone, an internet route, default group, ACL and DHCP options', async () => {
    const c = ec2(sb, 'two', 'us-east-1');
    const v = (await defaultVpcOf(c)) as Vpc;
    expect(v).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available', OwnerId: '222222222222', InstanceTenancy: 'default' });
    const byVpc = [{ Name: 'vpc-id', Values: [v.VpcId as string] }];
    const subnets = (await c.send(new DescribeSubnetsCommand({ Filters: byVpc }))).Subnets ?? [];
    const zones = (await c.send(new DescribeAvailabilityZonesCommand({}))).AvailabilityZones ?? [];
    expect(zones).toHaveLength(6);
    expect(subnets.map((s) => [s.AvailabilityZone, s.AvailabilityZoneId]).sort()).toEqual(zones.map((z) => [z.ZoneName, z.ZoneId]).sort());
    expect(subnets.map((s) => s.CidrBlock).sort()).toEqual(['172.31.0.0/20', '172.31.16.0/20', '172.31.32.0/20', '172.31.48.0/20', '172.31.64.0/20', '172.31.80.0/20']);
    for (const s of subnets) expect(s).toMatchObject({ DefaultForAz: true, MapPublicIpOnLaunch: true, AvailableIpAddressCount: 4091 });

    const tables = (await c.send(new DescribeRouteTablesCommand({ Filters: byVpc }))).RouteTables ?? [];
    expect(tables).toHaveLength(1);
    expect(tables[0]?.Associations?.some((a) => a.Main)).toBe(true);
    const igwId = tables[0]?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId as string;
    expect(tables[0]?.Routes?.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.State])).toEqual([
      ['172.31.0.0/16', 'local', 'active'],
      ['0.0.0.0/0', igwId, 'active'],
    ]);
    const igws = (await c.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igwId] }))).InternetGateways ?? [];
    expect(igws[0]?.Attachments).toEqual([{ VpcId: v.VpcId, State: 'available' }]);

    const groups = (await c.send(new DescribeSecurityGroupsCommand({ Filters: byVpc }))).SecurityGroups ?? [];
    expect(groups.map((g) => g.GroupName)).toEqual(['default']);
    const acls = (await c.send(new DescribeNetworkAclsCommand({ Filters: byVpc }))).NetworkAcls ?? [];
    expect(acls.map((a) => [a.IsDefault, a.Associations?.length])).toEqual([[true, 6]]);
    const dhcp = (await c.send(new DescribeDhcpOptionsCommand({ DhcpOptionsIds: [v.DhcpOptionsId as string] }))).DhcpOptions ?? [];
    expect(dhcp[0]?.DhcpConfigurations?.find((x) => x.Key === 'domain-name')?.Values).toEqual([{ Value: 'ec2.internal' }]);

    const attrs = (await c.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }))).AccountAttributes;
    expect(attrs?.[0]?.AttributeValues).toEqual([{ AttributeValue: v.VpcId }]);
    // Two zones in us-west-1, so two default subnets.
    const west = ec2(sb, 'two', 'us-west-1');
    const westVpc = (await defaultVpcOf(west))?.VpcId as string;
    expect((await west.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [westVpc] }] }))).Subnets?.map((s) => s.CidrBlock).sort()).toEqual([
      '172.31.0.0/20',
      '172.31.16.0/20',
    ]);
  });

  it('have the same ids whichever region is visited first, and leave the ids of the scenario as they were', async () => {
    const forward = await defaultVpcIds(sb, ['eu-west-1', 'us-east-1', 'ap-south-1']);
    const other = await startSandbox({ scenario: ORG });
    try {
      const backward = await defaultVpcIds(other, ['ap-south-1', 'us-east-1', 'eu-west-1']);
      expect(backward).toEqual(forward);
      expect(new Set(Object.values(forward)).size).toBe(6);
      // Resources made after the first call in a region keep ids of their own sequence.
      const one = (await ec2(sb, 'one', 'sa-east-1').send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId;
      const two = (await ec2(other, 'one', 'sa-east-1').send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId;
      expect(two).toBe(one);
    } finally {
      await other.stop();
    }
    const none = await startSandbox({ scenario: { ...ORG, defaultVpcs: 'none' } });
    try {
      expect(none.server.refs).toEqual(sb.server.refs);
    } finally {
      await none.stop();
    }
  });

  it('can be deleted, stay deleted across a restart, and CreateDefaultVpc makes a new one', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'default-vpcs-')), 'state.json');
    let server: SandboxServer = await startSandboxServer({ scenario: ORG, stateFile: file });
    const client = (region: string) =>
      ec2({ endpoint: server.endpoint, accounts: server.accounts } as unknown as SandboxHandle, 'two', region);
    let gone: string;
    let kept: string;
    try {
      const c = client('eu-west-2');
      const v = (await defaultVpcOf(c))?.VpcId as string;
      gone = v;
      const byVpc = [{ Name: 'vpc-id', Values: [v] }];
      expect((await awsError(c.send(new DeleteVpcCommand({ VpcId: v })))).code).toBe('DependencyViolation');
      for (const s of (await c.send(new DescribeSubnetsCommand({ Filters: byVpc }))).Subnets ?? []) await c.send(new DeleteSubnetCommand({ SubnetId: s.SubnetId }));
      for (const g of (await c.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [v] }] }))).InternetGateways ?? []) {
        await c.send(new DetachInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId, VpcId: v }));
        await c.send(new DeleteInternetGatewayCommand({ InternetGatewayId: g.InternetGatewayId }));
      }
      await c.send(new DeleteVpcCommand({ VpcId: v }));
      expect(await defaultVpcOf(c)).toBeUndefined();
      expect((await c.send(new DescribeAccountAttributesCommand({ AttributeNames: ['default-vpc'] }))).AccountAttributes?.[0]?.AttributeValues).toEqual([
        { AttributeValue: 'none' },
      ]);
      kept = (await defaultVpcOf(client('eu-west-3')))?.VpcId as string;
    } finally {
      await server.close();
    }
    server = await startSandboxServer({ scenario: ORG, stateFile: file });
    try {
      expect(server.startedFrom).toBe('state-file');
      const c = client('eu-west-2');
      expect(await defaultVpcOf(c)).toBeUndefined();
      expect((await defaultVpcOf(client('eu-west-3')))?.VpcId).toBe(kept);
      // A region the first run never visited has the default VPC a fresh sandbox has there.
      const fresh = await startSandbox({ scenario: ORG });
      try {
        expect((await defaultVpcOf(client('eu-north-1')))?.VpcId).toBe((await defaultVpcOf(ec2(fresh, 'two', 'eu-north-1')))?.VpcId);
      } finally {
        await fresh.stop();
      }
      const made = (await c.send(new CreateDefaultVpcCommand({}))).Vpc?.VpcId as string;
      expect(made).not.toBe(gone);
      expect((await defaultVpcOf(c))?.VpcId).toBe(made);
      expect((await awsError(c.send(new CreateDefaultVpcCommand({})))).code).toBe('DefaultVpcAlreadyExists');
    } finally {
      await server.close();
    }
  });
});

describe('the scenario says where default VPCs are', () => {
  it("'none', a list of regions, or an account's own defaultVpcRegions", async () => {
    const s = await startSandbox({
      scenario: {
        ...ORG,
        defaultVpcs: { regions: ['eu-west-1', 'af-south-1'] },
        accounts: [ORG.accounts[0] as ScenarioInput['accounts'][number], { id: '222222222222', profile: 'two', defaultVpcRegions: ['us-west-2'] }],
      },
    });
    try {
      expect(await defaultVpcIds(s, ['us-east-1'])).toEqual({ 'one us-east-1': 'none', 'two us-east-1': 'none' });
      expect((await defaultVpcOf(ec2(s, 'one', 'eu-west-1')))?.CidrBlock).toBe('172.31.0.0/16');
      expect((await defaultVpcOf(ec2(s, 'one', 'af-south-1')))?.CidrBlock).toBe('172.31.0.0/16');
      expect(await defaultVpcOf(ec2(s, 'two', 'eu-west-1'))).toBeUndefined();
      expect((await defaultVpcOf(ec2(s, 'two', 'us-west-2')))?.CidrBlock).toBe('172.31.0.0/16');
    } finally {
      await s.stop();
    }
    const none = await startSandbox({ scenario: { ...ORG, defaultVpcs: 'none' } });
    try {
      expect(Object.values(await defaultVpcIds(none, DEFAULT_REGIONS))).toEqual(DEFAULT_REGIONS.flatMap(() => ['none', 'none']));
    } finally {
      await none.stop();
    }
    await expect(startSandbox({ scenario: { ...ORG, defaultVpcs: { regions: ['mars-1'] } } })).rejects.toThrow('defaultVpcs: unknown region "mars-1"');
    await expect(startSandbox({ scenario: { ...ORG, defaultVpcs: 'some' as 'none' } })).rejects.toThrow(/defaultVpcs/);
  });

  it('the empty organisation and generated ones say none', async () => {
    for (const scenario of ['empty', 'generated:accounts=2,regions=2,vpcs=1,seed=3']) {
      const s = await startSandbox({ scenario });
      try {
        const who = s.accounts[0]?.profile as string;
        expect(await defaultVpcOf(ec2(s, who, 'us-east-1')), scenario).toBeUndefined();
      } finally {
        await s.stop();
      }
    }
  });
});

describe.skipIf(!existsSync(AWS2) && !process.env.CI)('default VPCs through the AWS CLI', () => {
  it('lists the default VPC and the account attributes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'default-vpcs-cli-'));
    const files = await sb.writeAwsFiles(dir);
    const env = { ...process.env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_PAGER: '' };
    const aws = async (...args: string[]) => JSON.parse((await run(AWS2, ['--profile', 'two', '--region', 'ap-northeast-1', '--endpoint-url', sb.endpoint, '--output', 'json', 'ec2', ...args], { env })).stdout) as Record<string, unknown>;
    const vpcs = (await aws('describe-vpcs', '--filters', 'Name=is-default,Values=true')).Vpcs as Vpc[];
    expect(vpcs.map((v) => [v.CidrBlock, v.IsDefault])).toEqual([['172.31.0.0/16', true]]);
    const subnets = (await aws('describe-subnets', '--filters', `Name=vpc-id,Values=${vpcs[0]?.VpcId}`, 'Name=default-for-az,Values=true')).Subnets as { AvailabilityZone: string }[];
    expect(subnets.map((s) => s.AvailabilityZone).sort()).toEqual(['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d']);
    const attrs = (await aws('describe-account-attributes', '--attribute-names', 'default-vpc')).AccountAttributes as { AttributeValues: { AttributeValue: string }[] }[];
    expect(attrs[0]?.AttributeValues).toEqual([{ AttributeValue: vpcs[0]?.VpcId }]);
  });
});
