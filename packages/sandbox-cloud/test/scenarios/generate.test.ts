/** The deterministic generator: same arguments, same organisation; loadable; sizes checked. */
import { DescribeVpcPeeringConnectionsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { generateScenario, parseGeneratedName } from '../../src/scenarios/generate';
import { startSandbox } from '../../src/testing/start-sandbox';
import { ec2 } from '../clients';

describe('generateScenario', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const opts = { accounts: 3, regions: 4, vpcsPerRegion: 5, seed: 11 };
    expect(JSON.stringify(generateScenario(opts))).toBe(JSON.stringify(generateScenario(opts)));
    expect(JSON.stringify(generateScenario({ ...opts, seed: 12 }))).not.toBe(JSON.stringify(generateScenario(opts)));
  });

  it('makes accounts × regions × VPCs, with peerings, subnets, tables and groups', () => {
    const s = generateScenario({ accounts: 20, regions: 17, vpcsPerRegion: 10, seed: 1 });
    expect(s.accounts).toHaveLength(20);
    expect(s.vpcs).toHaveLength(3400);
    expect(new Set(s.vpcs?.map((v) => v.region)).size).toBe(17);
    expect(s.peerings?.length).toBeGreaterThan(1000);
    const statuses = new Set(s.peerings?.map((p) => p.status));
    expect([...statuses].sort()).toEqual(['active', 'deleted', 'failed', 'pending-acceptance', 'rejected']);
    expect(s.vpcs?.every((v) => v.subnets?.length === 2 && v.routeTables?.length === 2 && v.securityGroups?.length === 1)).toBe(true);
  });

  it('refuses sizes it cannot build, saying which flag is wrong', () => {
    expect(() => generateScenario({ accounts: 0, regions: 1, vpcsPerRegion: 1, seed: 1 })).toThrow(/--accounts/);
    expect(() => generateScenario({ accounts: 1, regions: 18, vpcsPerRegion: 1, seed: 1 })).toThrow(/--regions/);
    expect(() => generateScenario({ accounts: 200, regions: 17, vpcsPerRegion: 10, seed: 1 })).toThrow(/more than the 32000/);
    expect(() => parseGeneratedName('generated:accounts=x')).toThrow(/key=number/);
    expect(() => parseGeneratedName('generated:colour=1')).toThrow(/Unknown generated scenario option "colour"/);
    expect(parseGeneratedName('generated:seed=5,vpcs=2')).toEqual({ accounts: 3, regions: 3, vpcsPerRegion: 2, seed: 5 });
  });
});

describe('a generated organisation in the sandbox', () => {
  it('loads and answers with the statuses it asked for', async () => {
    const spec = { accounts: 3, regions: 2, vpcsPerRegion: 6, seed: 5 };
    const scenario = generateScenario(spec);
    const sb = await startSandbox({ scenario });
    try {
      let vpcs = 0;
      const statuses = new Map<string, string>();
      for (const a of sb.accounts) {
        for (const region of ['us-east-1', 'us-east-2']) {
          const c = ec2(sb, a.profile, region);
          vpcs += (await c.send(new DescribeVpcsCommand({}))).Vpcs?.length ?? 0;
          for (const p of (await c.send(new DescribeVpcPeeringConnectionsCommand({}))).VpcPeeringConnections ?? []) {
            statuses.set(p.VpcPeeringConnectionId as string, p.Status?.Code as string);
          }
        }
      }
      expect(vpcs).toBe(36);
      for (const p of scenario.peerings ?? []) {
        expect(statuses.get(sb.server.refs[`pcx:${p.key}`] as string)).toBe(p.status);
      }
    } finally {
      await sb.stop();
    }
  });
});
