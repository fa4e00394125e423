/** DescribeRegions and DescribeAvailabilityZones through the real AWS SDK, with opt-in regions. */
import { DescribeAvailabilityZonesCommand, DescribeRegionsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
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
    expect((await ec2(sb, 'opted', 'af-south-1').send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
  });
});

describe('DescribeAvailabilityZones', () => {
  it('lists three zones with AWS zone ids, filterable', async () => {
    const c = ec2(sb, 'plain', 'ap-southeast-2');
    const out = await c.send(new DescribeAvailabilityZonesCommand({}));
    expect(out.AvailabilityZones?.map((z) => [z.ZoneName, z.ZoneId, z.State])).toEqual([
      ['ap-southeast-2a', 'apse2-az1', 'available'],
      ['ap-southeast-2b', 'apse2-az2', 'available'],
      ['ap-southeast-2c', 'apse2-az3', 'available'],
    ]);
    const one = await c.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-id', Values: ['apse2-az2'] }] }));
    expect(one.AvailabilityZones?.map((z) => z.ZoneName)).toEqual(['ap-southeast-2b']);
    expect((await awsError(c.send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1a'] })))).code).toBe('InvalidParameterValue');
  });
});
