/** DescribeRegions and DescribeAvailabilityZones through the real AWS SDK, with opt-in regions. */
import { DescribeAccountAttributesCommand, DescribeAvailabilityZonesCommand, DescribeRegionsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { awsError, ec2 } from '../clients';

let sb: SandboxHandle;

beforeAll(async () => {
  sb = await startSandbox({
    scenario: {
      name: 'regions',
      accounts: [
        { id: '111111111111', profile: 'plain' },
        { id: '222222222222', profile: 'opted', optInRegions: ['af-south-1'] },
      ],
    },
  });
});
afterAll(async () => sb.stop());

describe('DescribeRegions', () => {
  it('lists the 17 default regions, plus the opt-in regions an account enabled', async () => {
    const plain = await ec2(sb, 'plain').send(new DescribeRegionsCommand({}));
    expect(plain.Regions).toHaveLength(17);
    expect(plain.Regions?.find((r) => r.RegionName === 'eu-west-1')).toEqual({
      Endpoint: 'ec2.eu-west-1.amazonaws.com',
      RegionName: 'eu-west-1',
      OptInStatus: 'opt-in-not-required',
    });
    const opted = await ec2(sb, 'opted').send(new DescribeRegionsCommand({}));
    expect(opted.Regions?.find((r) => r.RegionName === 'af-south-1')?.OptInStatus).toBe('opted-in');
    const all = await ec2(sb, 'plain').send(new DescribeRegionsCommand({ AllRegions: true }));
    expect(all.Regions?.find((r) => r.RegionName === 'af-south-1')?.OptInStatus).toBe('not-opted-in');
  });

  it('filters by name and refuses unknown names', async () => {
    const c = ec2(sb, 'plain');
    const out = await c.send(new DescribeRegionsCommand({ Filters: [{ Name: 'region-name', Values: ['eu-*'] }] }));
    expect(out.Regions?.map((r) => r.RegionName).sort()).toEqual(['eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-2', 'eu-west-3']);
    expect((await c.send(new DescribeRegionsCommand({ RegionNames: ['us-west-2'] }))).Regions?.length).toBe(1);
    expect((await awsError(c.send(new DescribeRegionsCommand({ RegionNames: ['mars-north-1'] })))).code).toBe('InvalidParameterValue');
    expect((await awsError(c.send(new DescribeRegionsCommand({ DryRun: true })))).code).toBe('DryRunOperation');
  });

  it('answers AuthFailure in an opt-in region the account did not enable', async () => {
    expect((await awsError(ec2(sb, 'plain', 'af-south-1').send(new DescribeVpcsCommand({})))).code).toBe('AuthFailure');
    // An enabled opt-in region has the account's default VPC, as every enabled region does.
    expect((await ec2(sb, 'opted', 'af-south-1').send(new DescribeVpcsCommand({}))).Vpcs?.map((v) => v.IsDefault)).toEqual([true]);
  });
});

/** Zone name → zone id as `c`'s account sees the region. */
async function zoneIds(c: ReturnType<typeof ec2>): Promise<Map<string, string>> {
  const out = await c.send(new DescribeAvailabilityZonesCommand({}));
  return new Map((out.AvailabilityZones ?? []).map((z) => [z.ZoneName as string, z.ZoneId as string]));
}

describe('DescribeAvailabilityZones', () => {
  it("lists the region's real zones, each name mapped to one zone id, filterable", async () => {
    const c = ec2(sb, 'plain', 'ap-southeast-2');
    const out = await c.send(new DescribeAvailabilityZonesCommand({}));
    expect(out.AvailabilityZones?.map((z) => [z.ZoneName, z.State, z.RegionName, z.ZoneType])).toEqual([
      ['ap-southeast-2a', 'available', 'ap-southeast-2', 'availability-zone'],
      ['ap-southeast-2b', 'available', 'ap-southeast-2', 'availability-zone'],
      ['ap-southeast-2c', 'available', 'ap-southeast-2', 'availability-zone'],
    ]);
    expect(out.AvailabilityZones?.map((z) => z.ZoneId).sort()).toEqual(['apse2-az1', 'apse2-az2', 'apse2-az3']);
    const b = out.AvailabilityZones?.[1]?.ZoneId as string;
    const one = await c.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-id', Values: [b] }] }));
    expect(one.AvailabilityZones?.map((z) => z.ZoneName)).toEqual(['ap-southeast-2b']);
    expect((await c.send(new DescribeAvailabilityZonesCommand({ ZoneIds: [b] }))).AvailabilityZones?.map((z) => z.ZoneName)).toEqual(['ap-southeast-2b']);
    expect((await awsError(c.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1a'] })))).code).toBe('InvalidParameterValue');
  });

  it('has as many zones per region as AWS: six in us-east-1, four in us-west-2, two in us-west-1', async () => {
    const counts: Record<string, [string[], string[]]> = {
      'us-east-1': [['a', 'b', 'c', 'd', 'e', 'f'], ['use1-az1', 'use1-az2', 'use1-az3', 'use1-az4', 'use1-az5', 'use1-az6']],
      'us-west-2': [['a', 'b', 'c', 'd'], ['usw2-az1', 'usw2-az2', 'usw2-az3', 'usw2-az4']],
      'us-west-1': [['a', 'b'], ['usw1-az1', 'usw1-az3']],
      'ap-northeast-1': [['a', 'c', 'd'], ['apne1-az1', 'apne1-az2', 'apne1-az4']],
      'eu-west-1': [['a', 'b', 'c'], ['euw1-az1', 'euw1-az2', 'euw1-az3']],
    };
    for (const [region, [letters, ids]] of Object.entries(counts)) {
      const zones = await zoneIds(ec2(sb, 'plain', region));
      expect([...zones.keys()], region).toEqual(letters.map((l) => `${region}${l}`));
      expect([...zones.values()].sort(), region).toEqual(ids);
    }
  });

  it('maps zone names to zone ids per account, the same on every call', async () => {
    const plain = await zoneIds(ec2(sb, 'plain', 'us-east-1'));
    const opted = await zoneIds(ec2(sb, 'opted', 'us-east-1'));
    expect([...plain.keys()]).toEqual([...opted.keys()]);
    expect([...plain.values()]).not.toEqual([...opted.values()]);
    expect(await zoneIds(ec2(sb, 'plain', 'us-east-1'))).toEqual(plain);
    // us-east-1a of one account is another zone name in the other: the zone id is what they share.
    const physical = plain.get('us-east-1a') as string;
    expect([...opted.entries()].find(([, id]) => id === physical)?.[0]).not.toBe('us-east-1a');
  });
});

describe('DescribeAccountAttributes', () => {
  /** The answer as `name → values`. */
  async function attributes(c: ReturnType<typeof ec2>, names?: ('supported-platforms' | 'default-vpc')[]): Promise<[string, string[]][]> {
    const out = await c.send(new DescribeAccountAttributesCommand(names ? { AttributeNames: names } : {}));
    return (out.AccountAttributes ?? []).map((a) => [a.AttributeName as string, (a.AttributeValues ?? []).map((v) => v.AttributeValue as string)]);
  }

  it("answers AWS's six attributes, the region's default VPC among them, and filters by name", async () => {
    const c = ec2(sb, 'plain', 'eu-west-1');
    const defaultVpc = (await c.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }))).Vpcs?.[0]?.VpcId;
    expect(await attributes(c)).toEqual([
      ['vpc-max-security-groups-per-interface', ['5']],
      ['max-instances', ['20']],
      ['supported-platforms', ['VPC']],
      ['default-vpc', [defaultVpc ?? 'none']],
      ['max-elastic-ips', ['5']],
      ['vpc-max-elastic-ips', ['5']],
    ]);
    expect(await attributes(c, ['default-vpc'])).toEqual([['default-vpc', [defaultVpc ?? 'none']]]);
    expect(await attributes(c, ['supported-platforms', 'default-vpc'])).toHaveLength(2);
    const wrong = await awsError(c.send(new DescribeAccountAttributesCommand({ AttributeNames: ['max-instances' as 'default-vpc'] })));
    expect(wrong.code).toBe('InvalidParameterValue');
    expect(wrong.message).toContain('supported-platforms, default-vpc');
    expect((await awsError(c.send(new DescribeAccountAttributesCommand({ DryRun: true })))).code).toBe('DryRunOperation');
  });
});
