/** Discovery end to end against moto (an EC2/STS implementation nobody here wrote): real SDK, real shared config files. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  AcceptVpcPeeringConnectionCommand,
  AssociateVpcCidrBlockCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcPeeringConnectionCommand,
  DescribeRouteTablesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDiscoveryRuns } from '../../../electron/discovery/discovery-runs';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import type { DiscoveryProgress } from '../../../shared/api/events';
import type { Snapshot } from '../../../shared/model/snapshot';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';
import { motoMissingReason, startMoto, type MotoHandle } from '../../support/moto';

const motoMissing = motoMissingReason();
const onCi = Boolean(process.env.CI);
if (motoMissing && !onCi) console.warn(`skipping the moto discovery tests: ${motoMissing}`);

// moto: keys it did not issue act in 123456789012; AssumeRole into another account's role gives
// keys acting there.
const ACCOUNT_A = '123456789012';
const ACCOUNT_B = '222222222222';

describe.skipIf(Boolean(motoMissing) && !onCi)('runDiscovery against moto', () => {
  let moto: MotoHandle;
  let home: string;
  let env: Record<string, string>;
  let seeded: { vpcA: string; vpcB: string; pcx: string; sg: string; subnet: string };

  beforeAll(async () => {
    // startMoto throws on CI when moto is missing; off CI this block is skipped instead.
    const started = await startMoto();
    if (!started) throw new Error(`moto is missing: ${motoMissing}`);
    moto = started;
    home = mkdtempSync(join(tmpdir(), 'peerscape-moto-'));
    env = { AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
    // endpoint_url only in the files: discovery must read it per profile (docs/toolchain.md).
    writeFileSync(
      env.AWS_CONFIG_FILE!,
      [
        '[profile base]',
        'region = us-east-1',
        `endpoint_url = ${moto.endpoint}`,
        '',
        '[profile base-again]',
        'region = us-east-1',
        `endpoint_url = ${moto.endpoint}`,
        '',
        '[profile second]',
        `role_arn = arn:aws:iam::${ACCOUNT_B}:role/peerscape-read`,
        'source_profile = base',
        'region = eu-west-1',
        `endpoint_url = ${moto.endpoint}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE!,
      ['[base]', 'aws_access_key_id = AKIAMOTOBASE0001', 'aws_secret_access_key = not-a-secret-1', '', '[base-again]', 'aws_access_key_id = AKIAMOTOBASE0002', 'aws_secret_access_key = not-a-secret-2', ''].join('\n'),
    );
    seeded = await seed(moto.endpoint);
  });

  afterAll(async () => {
    await moto?.stop();
  });

  async function scan(extra: { onProgress?: (p: DiscoveryProgress) => void } = {}): Promise<Snapshot> {
    const r = await runDiscovery(
      { profiles: ['base', 'base-again', 'second'], regions: ['us-east-1', 'eu-west-1'] },
      { env, homeDir: home, now: () => new Date('2026-11-23T12:00:00Z'), source: 'moto', ...extra },
    );
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it('finds both accounts, the second through an assume-role profile, and remembers both profiles of the first', async () => {
    const s = await scan();
    expect(s.topology.accounts).toEqual([
      { id: ACCOUNT_A, profiles: ['base', 'base-again'] },
      { id: ACCOUNT_B, profiles: ['second'] },
    ]);
    expect(s.coverage.filter((c) => c.state !== 'complete')).toEqual([]);
    const scanned = s.coverage.filter((c) => c.region !== '*').map((c) => `${c.accountId}/${c.region}`).sort();
    expect(scanned).toEqual([`${ACCOUNT_A}/eu-west-1`, `${ACCOUNT_A}/us-east-1`, `${ACCOUNT_B}/eu-west-1`, `${ACCOUNT_B}/us-east-1`]);
    expect(parseSnapshot(JSON.stringify(s)).ok).toBe(true);
  });

  it('keeps every CIDR association of a VPC, primary first, IPv6 included', async () => {
    const s = await scan();
    const vpc = s.topology.vpcs.find((v) => v.id === seeded.vpcA);
    expect(vpc?.accountId).toBe(ACCOUNT_A);
    expect(vpc?.region).toBe('us-east-1');
    expect(vpc?.name).toBe('app');
    expect(vpc?.cidrBlocks.map((b) => [b.cidr, b.family, b.primary])).toEqual([
      ['10.1.0.0/16', 'ipv4', true],
      ['10.2.0.0/16', 'ipv4', false],
      [expect.stringMatching(/::\/56$/), 'ipv6', false],
    ]);
    expect(s.topology.subnets.find((x) => x.id === seeded.subnet)).toMatchObject({ vpcId: seeded.vpcA, cidr: '10.1.1.0/24' });
  });

  it('merges a cross-account, cross-region peering seen from both accounts into one edge', async () => {
    const s = await scan();
    const peerings = s.topology.peerings.filter((p) => p.id === seeded.pcx);
    expect(peerings).toHaveLength(1);
    expect(peerings[0]).toMatchObject({
      status: 'active',
      requester: { accountId: ACCOUNT_A, vpcId: seeded.vpcA, region: 'us-east-1', cidrBlocks: ['10.1.0.0/16'] },
      accepter: { accountId: ACCOUNT_B, vpcId: seeded.vpcB, region: 'eu-west-1', cidrBlocks: ['10.9.0.0/16'] },
    });
    const table = s.topology.routeTables.find((t) => t.vpcId === seeded.vpcA && t.main);
    expect(table?.routes).toContainEqual({
      destination: '10.9.0.0/16',
      target: { kind: 'peering', peeringId: seeded.pcx },
      state: 'active',
      origin: 'CreateRoute',
    });
    expect(table?.routes).toContainEqual({ destination: '10.1.0.0/16', target: { kind: 'local' }, state: 'active', origin: 'CreateRouteTable' });
  });

  it('flattens security-group rules to one peer each, group references included', async () => {
    const s = await scan();
    const sg = s.topology.securityGroups.find((g) => g.id === seeded.sg);
    expect(sg?.ingress).toEqual([
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '10.9.0.0/16' }, description: 'from b', ruleId: expect.stringMatching(/^sgr-/) },
      { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'group', groupId: seeded.sg }, ruleId: expect.stringMatching(/^sgr-/) },
    ]);
    expect(new Set(sg?.ingress.map((r) => r.ruleId)).size).toBe(2);
    expect(sg?.egress).toContainEqual({ protocol: '-1', peer: { kind: 'cidr', cidr: '0.0.0.0/0' }, ruleId: expect.stringMatching(/^sgr-/) });
  });

  it('reports a profile × region grid that ends with every cell done and counts', async () => {
    const events: DiscoveryProgress[] = [];
    await scan({ onProgress: (p) => events.push(p) });
    const last = events.at(-1)!;
    expect(last.finished).toBe(true);
    expect(events.slice(0, -1).every((e) => !e.finished)).toBe(true);
    expect(new Set(events.map((e) => e.runId)).size).toBe(1);
    const cell = last.cells.find((c) => c.profile === 'second' && c.region === 'eu-west-1');
    expect(cell).toMatchObject({ state: 'done', accountId: ACCOUNT_B, counts: { peerings: 1 } });
    // Whichever of the two profiles of account A answered first scans it; the other says so.
    const rows = last.cells.filter((c) => (c.profile === 'base' || c.profile === 'base-again') && c.region === '*');
    expect(rows.map((c) => [c.state, c.accountId])).toEqual([
      ['done', ACCOUNT_A],
      ['done', ACCOUNT_A],
    ]);
    const twin = rows.find((c) => c.message !== undefined);
    const scanner = rows.find((c) => c !== twin)!;
    expect(twin?.message).toBe(`Account ${ACCOUNT_A} is scanned through profile "${scanner.profile}".`);
    expect(last.cells.filter((c) => c.profile === twin?.profile && c.region !== '*')).toEqual([]);
    expect(events[0]!.cells.every((c) => c.state === 'queued' && c.region === '*')).toBe(true);
  });

  it('stops promptly when cancelled, keeping what finished and marking the rest cancelled', async () => {
    const runs = createDiscoveryRuns({ env, homeDir: home, now: () => new Date() });
    // Every enabled region: moto builds each region's default VPC on first use, so this is slow.
    let cancelledAt = 0;
    const run = runs.start(
      { profiles: ['base'] },
      {
        onProgress: (p) => {
          if (!cancelledAt && p.cells.some((c) => c.region !== '*' && c.state === 'done')) {
            cancelledAt = performance.now();
            expect(runs.cancel(run.runId)).toBe(true);
          }
        },
      },
    );
    expect(runs.active()).toEqual([run.runId]);
    const r = await run.done;
    const stoppedAfterMs = performance.now() - cancelledAt;
    expect(stoppedAfterMs).toBeLessThan(1000);
    if (!r.ok) throw new Error(r.error.message);
    const states = new Set(r.value.coverage.filter((c) => c.region !== '*').map((c) => c.state));
    expect(states).toEqual(new Set(['complete', 'cancelled']));
    const cancelled = r.value.coverage.find((c) => c.state === 'cancelled');
    expect(cancelled?.message).toContain('scan again');
    expect(runs.active()).toEqual([]);
    expect(runs.cancel(run.runId)).toBe(false);
  });
});

async function seed(endpoint: string) {
  const a = new EC2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIAMOTOSEED0001', secretAccessKey: 'x' } });
  // Keys for account B come from moto's STS, as the assume-role profile will get them.
  const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const sts = new STSClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIAMOTOSEED0001', secretAccessKey: 'x' } });
  const role = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT_B}:role/seed`, RoleSessionName: 'seed' }));
  const c = role.Credentials!;
  const b = new EC2Client({
    region: 'eu-west-1',
    endpoint,
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
  });
  const vpcA = (
    await a.send(
      new CreateVpcCommand({
        CidrBlock: '10.1.0.0/16',
        AmazonProvidedIpv6CidrBlock: true,
        TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'app' }] }],
      }),
    )
  ).Vpc!.VpcId!;
  await a.send(new AssociateVpcCidrBlockCommand({ VpcId: vpcA, CidrBlock: '10.2.0.0/16' }));
  const subnet = (await a.send(new CreateSubnetCommand({ VpcId: vpcA, CidrBlock: '10.1.1.0/24' }))).Subnet!.SubnetId!;
  const vpcB = (await b.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
  const pcx = (
    await a.send(new CreateVpcPeeringConnectionCommand({ VpcId: vpcA, PeerVpcId: vpcB, PeerOwnerId: ACCOUNT_B, PeerRegion: 'eu-west-1' }))
  ).VpcPeeringConnection!.VpcPeeringConnectionId!;
  // The accepter account accepts in the accepter VPC's region, as AWS requires.
  await b.send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: pcx }));
  const sg = (await a.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'web', VpcId: vpcA }))).GroupId!;
  await a.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: sg,
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.9.0.0/16', Description: 'from b' }],
          UserIdGroupPairs: [{ GroupId: sg, UserId: ACCOUNT_A }],
        },
      ],
    }),
  );
  const main = (await a.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcA] }] }))).RouteTables![0]!;
  await a.send(new CreateRouteCommand({ RouteTableId: main.RouteTableId, DestinationCidrBlock: '10.9.0.0/16', VpcPeeringConnectionId: pcx }));
  return { vpcA, vpcB, pcx, sg, subnet };
}
