/** Loading scenarios through the EC2 actions: what AWS would refuse, the loader refuses too, naming the entry to fix. */
import { DescribeVpcPeeringConnectionsCommand } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';

import { startSandboxServer } from '../../src/index';
import { resolveScenario } from '../../src/scenarios';
import { accountKeys, loadScenario } from '../../src/scenarios/load';
import { parseScenario, type ScenarioInput } from '../../src/scenarios/scenario';
import { World } from '../../src/state/world';
import { startSandbox } from '../../src/testing/start-sandbox';
import { ec2 } from '../clients';

const accounts = [
  { id: '111111111111', profile: 'one' },
  { id: '222222222222', profile: 'two' },
];

function load(s: Omit<ScenarioInput, 'name' | 'accounts'> & { accounts?: ScenarioInput['accounts'] }): () => void {
  return () => loadScenario(new World(() => Date.parse('2026-01-01T00:00:00Z'), { scenario: 't', seed: 't' }), parseScenario({ name: 't', accounts, ...s }));
}

describe('the scenario format', () => {
  it('validates shape with every problem and its path', () => {
    expect(() => parseScenario({ name: 'x', accounts: [] })).toThrow(/at least one account/);
    expect(() => parseScenario({ name: 'x', accounts: [{ id: '12', profile: 'p' }] })).toThrow(/12 digits[\s\S]*accounts/);
    expect(() =>
      parseScenario({ name: 'x', accounts, vpcs: [{ key: 'v', account: 'one', region: 'us-east-1', cidr: '10.0.0.0/16', routeTables: [{ key: 'r', routes: [{ destination: '1.0.0.0/8' }] }] }] }),
    ).toThrow(/exactly one target/);
  });

  it('resolves names, generated specs and files, and refuses unknown names', () => {
    expect(resolveScenario('demo').name).toBe('demo');
    expect(resolveScenario('empty').vpcs).toEqual([]);
    expect(resolveScenario('generated:accounts=2,regions=1,vpcs=3,seed=4').vpcs).toHaveLength(6);
    expect(() => resolveScenario('nope')).toThrow(/Unknown scenario "nope"/);
    expect(() => resolveScenario('/does/not/exist.json')).toThrow(/Cannot read scenario file/);
  });

  it('derives stable keys from the account id unless the scenario gives them', () => {
    const k = accountKeys({ id: '111111111111', profile: 'one' });
    expect(k).toEqual(accountKeys({ id: '111111111111', profile: 'renamed' }));
    expect(k.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(accountKeys({ id: '111111111111', profile: 'one', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 's'.repeat(40) }).accessKeyId).toBe('AKIAAAAAAAAAAAAAAAAA');
  });
});

describe('loading refuses what AWS would refuse', () => {
  const vpc = (key: string, account: string, cidr: string, region = 'us-east-1') => ({ key, account, region, cidr });

  it('names an unknown account', () => {
    expect(load({ vpcs: [vpc('v', 'three', '10.0.0.0/16')] })).toThrow(/vpc v: unknown account "three"/);
  });

  it('refuses a failed peering between VPCs that do not overlap', () => {
    expect(
      load({ vpcs: [vpc('a', 'one', '10.0.0.0/16'), vpc('b', 'two', '10.1.0.0/16')], peerings: [{ key: 'p', requester: 'a', accepter: 'b', status: 'failed' }] }),
    ).toThrow(/peering p: wanted status failed but the sandbox reached pending-acceptance/);
  });

  it('refuses an active peering between overlapping VPCs', () => {
    expect(
      load({ vpcs: [vpc('a', 'one', '10.0.0.0/16'), vpc('b', 'two', '10.0.0.0/16')], peerings: [{ key: 'p', requester: 'a', accepter: 'b', status: 'active' }] }),
    ).toThrow(/peering p: wanted status active but AWS fails the request: the two VPCs have overlapping CIDR blocks/);
  });

  it('refuses a rule referencing a group that is not peered', () => {
    expect(
      load({
        vpcs: [
          { ...vpc('a', 'one', '10.0.0.0/16'), securityGroups: [{ key: 'ga', name: 'ga', ingress: [{ protocol: 'tcp', fromPort: 1, toPort: 1, group: 'gb' }] }] },
          { ...vpc('b', 'two', '10.1.0.0/16'), securityGroups: [{ key: 'gb', name: 'gb' }] },
        ],
      }),
    ).toThrow(/security group ga ingress rule 1: AuthorizeSecurityGroupIngress was refused: InvalidGroup.NotFound/);
  });

  it('refuses deleting on a same-region peering and a route into a failed one', () => {
    expect(
      load({ vpcs: [vpc('a', 'one', '10.0.0.0/16'), vpc('b', 'two', '10.1.0.0/16')], peerings: [{ key: 'p', requester: 'a', accepter: 'b', status: 'deleting' }] }),
    ).toThrow(/inter-region/);
    expect(
      load({
        vpcs: [
          { ...vpc('a', 'one', '10.0.0.0/16'), routeTables: [{ key: 'm', main: true, routes: [{ destination: '10.0.0.0/8', peering: 'p' }] }] },
          vpc('b', 'two', '10.0.0.0/16'),
        ],
        peerings: [{ key: 'p', requester: 'a', accepter: 'b', status: 'failed' }],
      }),
    ).toThrow(/route table m route to 10.0.0.0\/8: CreateRoute was refused: InvalidVpcPeeringConnectionID.NotFound/);
  });

  it('names gateways by key: a route to a gateway the scenario does not declare, or one of another VPC, is refused', () => {
    const subnet = { key: 's', cidr: '10.0.1.0/24' };
    expect(load({ vpcs: [{ ...vpc('a', 'one', '10.0.0.0/16'), routeTables: [{ key: 'm', main: true, routes: [{ destination: '0.0.0.0/0', gateway: 'igw-0123456789abcdef0' }] }] }] })).toThrow(
      /route table m route to 0.0.0.0\/0: "igw-0123456789abcdef0" is not the key of a gateway of this kind \(declare it as an internetGateway or vpnGateway of a VPC and name it by its key\)/,
    );
    expect(
      load({
        vpcs: [
          { ...vpc('a', 'one', '10.0.0.0/16'), internetGateway: { key: 'gw' } },
          { ...vpc('b', 'one', '10.1.0.0/16'), routeTables: [{ key: 'm', main: true, routes: [{ destination: '0.0.0.0/0', gateway: 'gw' }] }] },
        ],
      }),
    ).toThrow(/route table m route to 0.0.0.0\/0: CreateRoute was refused: InvalidParameterValue: route table rtb-\w+ and network gateway igw-\w+ belong to different networks/);
    expect(load({ vpcs: [{ ...vpc('a', 'one', '10.0.0.0/16'), subnets: [subnet], natGateways: [{ key: 'n', subnet: 's' }] }] })).toThrow(
      /NAT gateway n: a public NAT gateway needs an internet gateway on its VPC/,
    );
    expect(load({ vpcs: [{ ...vpc('a', 'one', '10.0.0.0/16'), subnets: [subnet], natGateways: [{ key: 'n', subnet: 'other', connectivity: 'private' }] }] })).toThrow(
      /NAT gateway n: "other" is not a subnet key of VPC a/,
    );
  });

  it('refuses a key used twice', () => {
    expect(load({ vpcs: [vpc('a', 'one', '10.0.0.0/16'), vpc('a', 'one', '10.1.0.0/16')] })).toThrow(/the key "a" is used twice/);
  });
});

describe('statuses are reached by real transitions', () => {
  it('lets an expired request expire on the clock: created a week ago, expired, visible two days', async () => {
    const now = Date.parse('2026-05-01T00:00:00Z');
    const sb = await startSandbox({
      scenario: {
        name: 'expiry',
        accounts,
        vpcs: [
          { key: 'a', account: 'one', region: 'us-east-1', cidr: '10.0.0.0/16' },
          { key: 'b', account: 'two', region: 'us-east-1', cidr: '10.1.0.0/16' },
        ],
        peerings: [{ key: 'p', requester: 'a', accepter: 'b', status: 'expired' }],
      },
      clock: () => now,
    });
    try {
      const p = (await ec2(sb, 'two').send(new DescribeVpcPeeringConnectionsCommand({}))).VpcPeeringConnections?.[0];
      expect(p?.Status?.Code).toBe('expired');
      const rec = sb.server.exportState().peerings[0];
      expect(rec?.createdAt).toBeLessThan(now - 7 * 24 * 3_600_000);
    } finally {
      await sb.stop();
    }
  });

  it('loads the same scenario into the same ids', async () => {
    const a = await startSandboxServer({ scenario: 'generated:accounts=2,regions=2,vpcs=3,seed=9' });
    const b = await startSandboxServer({ scenario: 'generated:accounts=2,regions=2,vpcs=3,seed=9' });
    try {
      expect(a.refs).toEqual(b.refs);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
