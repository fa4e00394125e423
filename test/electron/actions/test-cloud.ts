/** A cloud for the action tests: the sandbox (our EC2/STS) or moto (an independent one), with two
 * accounts, AWS config files in a temp folder, and small helpers to seed VPCs and read results
 * back through the real AWS SDK.
 *
 * moto: keys it did not issue act in 123456789012; STS AssumeRole into another account's role
 * gives keys acting there. Account B's temporary keys are written as a
 * static profile with a session token, so the SDK and Debian's AWS CLI 2.9 (which would send an
 * assume-role profile's STS call to real AWS) both use them as they are.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  AssociateRouteTableCommand,
  AssociateVpcCidrBlockCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

import { resolveProfileAccess } from '../../../electron/aws/credentials';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import type { Result } from '../../../shared/core/result';
import type { Topology } from '../../../shared/model/topology';
import { startMoto, type MotoHandle } from '../../support/moto';
import { startSandbox, type SandboxHandle } from '../../support/start-sandbox';
import type { ProfileAccess } from '../../../electron/aws/credentials';

/** One account of the test cloud, with keys for direct SDK calls. */
export interface CloudAccount {
  readonly profile: string;
  readonly accountId: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** A running test cloud. */
export interface TestCloud {
  readonly name: 'sandbox' | 'moto';
  readonly endpoint: string;
  /** AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE of the temp folder. */
  readonly env: Readonly<Record<string, string>>;
  readonly home: string;
  readonly a: CloudAccount;
  readonly b: CloudAccount;
  readonly sandbox?: SandboxHandle;
  /** The sandbox's clock (epoch ms); tests move it forward. */
  readonly clock?: { now: number };
  ec2(account: CloudAccount, region: string): EC2Client;
  accessForProfile(profile: string): Promise<Result<ProfileAccess>>;
  stop(): Promise<void>;
}

function writeFiles(home: string, endpoint: string, accounts: readonly CloudAccount[], region: string): Record<string, string> {
  const env = { AWS_CONFIG_FILE: join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') };
  writeFileSync(env.AWS_CONFIG_FILE, accounts.map((a) => `[profile ${a.profile}]\nregion = ${region}\nendpoint_url = ${endpoint}\n`).join('\n'));
  writeFileSync(
    env.AWS_SHARED_CREDENTIALS_FILE,
    accounts
      .map(
        (a) =>
          `[${a.profile}]\naws_access_key_id = ${a.credentials.accessKeyId}\naws_secret_access_key = ${a.credentials.secretAccessKey}\n` +
          (a.credentials.sessionToken ? `aws_session_token = ${a.credentials.sessionToken}\n` : ''),
      )
      .join('\n'),
    { mode: 0o600 },
  );
  return env;
}

function finish(name: TestCloud['name'], endpoint: string, a: CloudAccount, b: CloudAccount, stop: () => Promise<void>, extra: Partial<TestCloud> = {}): TestCloud {
  const home = mkdtempSync(join(tmpdir(), `peerscape-actions-${name}-`));
  const env = writeFiles(home, endpoint, [a, b], 'us-east-1');
  const clients = new Map<string, EC2Client>();
  return {
    name,
    endpoint,
    env,
    home,
    a,
    b,
    ...extra,
    ec2(account, region) {
      const key = `${account.profile}/${region}`;
      let c = clients.get(key);
      if (!c) {
        c = new EC2Client({ region, endpoint, credentials: account.credentials, maxAttempts: 2 });
        clients.set(key, c);
      }
      return c;
    },
    async accessForProfile(profile) {
      return (await resolveProfileAccess([profile], env, home)).get(profile)!;
    },
    stop,
  };
}

/** moto with account A (static keys) and B (222222222222, via AssumeRole); null when moto is missing (off CI). */
export async function startMotoCloud(): Promise<TestCloud | null> {
  const moto: MotoHandle | null = await startMoto();
  if (!moto) return null;
  const a: CloudAccount = { profile: 'moto-a', accountId: '123456789012', credentials: { accessKeyId: 'AKIAPEERSCAPEMOTO001', secretAccessKey: 'not-a-secret' } };
  const sts = new STSClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: a.credentials });
  const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/peerscape-actions', RoleSessionName: 'tests', DurationSeconds: 43_200 }));
  const c = assumed.Credentials!;
  const b: CloudAccount = {
    profile: 'moto-b',
    accountId: '222222222222',
    credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
  };
  return finish('moto', moto.endpoint, a, b, () => moto.stop());
}

/** The sandbox with its empty scenario (the demo's accounts, no resources) and a clock tests move. */
export async function startSandboxCloud(): Promise<TestCloud> {
  const clock = { now: Date.parse('2026-11-23T12:00:00.000Z') };
  const sb = await startSandbox({ scenario: 'empty', clock: () => clock.now });
  const [x, y] = sb.accounts;
  const acct = (s: typeof x): CloudAccount => ({ profile: s!.profile, accountId: s!.accountId, credentials: { accessKeyId: s!.accessKeyId, secretAccessKey: s!.secretAccessKey } });
  return finish('sandbox', sb.endpoint, acct(x), acct(y), () => sb.stop(), { sandbox: sb, clock });
}

let nextOctet = 10;

/** A fresh /16 for each VPC of a test file, so no two overlap. */
export function freshCidr(): string {
  nextOctet += 1;
  if (nextOctet > 250) throw new Error('out of test CIDRs: start a new cloud');
  return `10.${nextOctet}.0.0/16`;
}

/** What `seedVpc` made. */
export interface SeededVpc {
  readonly vpcId: string;
  readonly region: string;
  readonly account: CloudAccount;
  readonly cidr: string;
  readonly secondary?: string;
  readonly subnetIds: readonly string[];
  /** The table explicitly associated with the first subnet. */
  readonly explicitTableId: string;
  readonly mainTableId: string;
  readonly defaultGroupId: string;
}

/** A VPC with two subnets: the first in its own route table, the second on the main table. */
export async function seedVpc(
  cloud: TestCloud,
  account: CloudAccount,
  region: string,
  opts: { ipv6?: boolean; secondary?: boolean; dnsHostnames?: boolean } = {},
): Promise<SeededVpc> {
  const ec2 = cloud.ec2(account, region);
  const cidr = freshCidr();
  const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr, ...(opts.ipv6 ? { AmazonProvidedIpv6CidrBlock: true } : {}) }))).Vpc!;
  const vpcId = vpc.VpcId!;
  let secondary: string | undefined;
  if (opts.secondary) {
    secondary = freshCidr();
    await ec2.send(new AssociateVpcCidrBlockCommand({ VpcId: vpcId, CidrBlock: secondary }));
  }
  if (opts.dnsHostnames) await ec2.send(new ModifyVpcAttributeCommand({ VpcId: vpcId, EnableDnsHostnames: { Value: true } }));
  const base = cidr.split('.').slice(0, 2).join('.');
  const subnetIds: string[] = [];
  for (const n of [1, 2]) {
    const s = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `${base}.${n}.0/24` }));
    subnetIds.push(s.Subnet!.SubnetId!);
  }
  const table = await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }));
  const explicitTableId = table.RouteTable!.RouteTableId!;
  await ec2.send(new AssociateRouteTableCommand({ RouteTableId: explicitTableId, SubnetId: subnetIds[0]! }));
  const tables = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  const main = (tables.RouteTables ?? []).find((t) => t.VpcId === vpcId && t.Associations?.some((x) => x.Main));
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  const def = (groups.SecurityGroups ?? []).find((g) => g.VpcId === vpcId && g.GroupName === 'default');
  return {
    vpcId,
    region,
    account,
    cidr,
    ...(secondary ? { secondary } : {}),
    subnetIds,
    explicitTableId,
    mainTableId: main!.RouteTableId!,
    defaultGroupId: def!.GroupId!,
  };
}

/** An internet gateway attached to a seeded VPC (a route can target only a gateway its VPC has). */
export async function attachInternetGateway(cloud: TestCloud, v: SeededVpc): Promise<string> {
  const ec2 = cloud.ec2(v.account, v.region);
  const igw = (await ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: v.vpcId }));
  return igw;
}

/** The IPv6 block AWS gave a VPC (after `seedVpc(..., { ipv6: true })`). */
export async function ipv6Of(cloud: TestCloud, v: SeededVpc): Promise<string | undefined> {
  const out = await cloud.ec2(v.account, v.region).send(new DescribeVpcsCommand({ VpcIds: [v.vpcId] }));
  return out.Vpcs?.[0]?.Ipv6CidrBlockAssociationSet?.find((b) => b.Ipv6CidrBlock)?.Ipv6CidrBlock;
}

/** Scan both accounts in `regions` with the real discovery and return the topology. */
export async function discover(cloud: TestCloud, regions: readonly string[]): Promise<Topology> {
  const r = await runDiscovery({ profiles: [cloud.a.profile, cloud.b.profile], regions }, { env: cloud.env, homeDir: cloud.home, now: () => new Date(), source: cloud.name });
  if (!r.ok) throw new Error(`discovery failed: ${r.error.message}`);
  const failed = r.value.coverage.filter((c) => c.state !== 'complete');
  if (failed.length) throw new Error(`discovery cells failed: ${failed.map((c) => `${c.profile}/${c.region}: ${c.message}`).join('; ')}`);
  return r.value.topology;
}

/** Every route of `vpcId` as `table destination → target (state)`. */
export async function routesOf(cloud: TestCloud, v: SeededVpc): Promise<{ table: string; destination: string; target: string; state?: string }[]> {
  const out = await cloud.ec2(v.account, v.region).send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [v.vpcId] }] }));
  return (out.RouteTables ?? [])
    .filter((t) => t.VpcId === v.vpcId)
    .flatMap((t) =>
      (t.Routes ?? []).map((r) => ({
        table: t.RouteTableId!,
        destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? '?',
        target: r.VpcPeeringConnectionId ?? r.TransitGatewayId ?? r.GatewayId ?? '?',
        ...(r.State ? { state: r.State } : {}),
      })),
    );
}

/** The routes of `v` that point at `pcx`, as `table dest` strings, sorted. */
export async function routesToPeering(cloud: TestCloud, v: SeededVpc, pcx: string): Promise<string[]> {
  return (await routesOf(cloud, v))
    .filter((r) => r.target === pcx)
    .map((r) => `${r.table} ${r.destination}`)
    .sort();
}

/** A peering's status as `account` sees it from `region`. */
export async function peeringStatus(cloud: TestCloud, account: CloudAccount, region: string, pcx: string): Promise<string | undefined> {
  try {
    const out = await cloud.ec2(account, region).send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [pcx] }));
    return out.VpcPeeringConnections?.find((p) => p.VpcPeeringConnectionId === pcx)?.Status?.Code;
  } catch {
    return undefined;
  }
}

/** A clock for the executor that never waits: `sleep` moves time (and the sandbox's clock) forward. */
export function fastClock(cloud?: TestCloud): { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> } {
  let t = cloud?.clock?.now ?? Date.parse('2026-11-23T12:00:00.000Z');
  return {
    now: () => t,
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      t += ms;
      if (cloud?.clock) cloud.clock.now += ms;
      await new Promise((r) => setImmediate(r));
      signal?.throwIfAborted();
    },
  };
}
