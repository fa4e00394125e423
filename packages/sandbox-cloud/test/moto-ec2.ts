/** What the EC2 differential tests (moto-differential-*.test.ts but the organizations, RAM, STS and
 * transit gateway ones) share: the same scenario runs through the real SDK against the sandbox and
 * against moto 5.2.1 (an independent EC2/STS implementation); their normalised answers must agree.
 *
 * Accounts: moto acts in 123456789012 for keys it did not issue, and STS AssumeRole into
 * `arn:aws:iam::<acct>:role/x` gives keys that act in <acct>; the
 * sandbox's scenario has the same two accounts and the same AssumeRole. Where moto departs from
 * AWS, the test names the AWS documentation page and asserts that the
 * sandbox follows AWS. Off CI a missing moto skips these tests with a message; on CI
 * (`CI` set) they fail.
 *
 * Each file's tests run in `describeWithVpcs`, against their own moto and sandbox, which start with
 * the same five VPCs; a test may build on what an earlier test of its file made.
 */
import {
  CreateVpcCommand,
  EC2Client,
  type DhcpOptions,
  type NetworkAclEntry,
  type NetworkInterface,
  type SecurityGroupRule,
  type VpcPeeringConnection,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe } from 'vitest';

import { motoMissingReason } from '../src/testing/moto';
import { named, startDifferentialPair, type DifferentialPair, type Target } from './moto-targets';

const missing = motoMissingReason();
if (missing && !process.env.CI) console.warn(`moto differential tests skipped: ${missing}`);

/**
 * A describe block (skipped off CI without moto) whose tests get `targets`, the sandbox and moto,
 * each started with the same VPCs: a1, a2 (A, us-east-1), a3 (A, eu-west-1), b1 and the
 * overlapping b2 (B). The array is filled before the first test runs.
 */
export function describeWithVpcs(title: string, tests: (targets: readonly Target[]) => void): void {
  describe.skipIf(Boolean(missing) && !process.env.CI)(title, () => {
    let pair: DifferentialPair | undefined;
    const targets: Target[] = [];

    beforeAll(async () => {
      pair = await startDifferentialPair('differential');
      targets.push(...pair.targets);
      // The same VPCs in both: a1, a2 (A, us-east-1), a3 (A, eu-west-1), b1 and the overlapping b2 (B).
      for (const t of targets) {
        const make = async (client: EC2Client, key: string, cidr: string) => {
          const id = (await client.send(new CreateVpcCommand({ CidrBlock: cidr, TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: key }] }] }))).Vpc
            ?.VpcId as string;
          t.names.set(id, key);
        };
        await make(t.a(), 'a1', '10.0.0.0/16');
        await make(t.a(), 'a2', '10.1.0.0/16');
        await make(t.a('eu-west-1'), 'a3', '10.3.0.0/16');
        await make(t.b(), 'b1', '10.2.0.0/16');
        await make(t.b(), 'b2', '10.0.128.0/17');
      }
    });
    afterAll(async () => {
      await pair?.stop();
    });

    tests(targets);
  });
}

/** The real id of the resource named `key` in a target. */
export const idOf = (t: Target, key: string): string => [...t.names].find(([, n]) => n === key)?.[0] as string;

/** The error code and HTTP status of a call that must fail. */
export async function codeAndStatus(p: Promise<unknown>): Promise<{ code: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    return { code: (e as Error).name, status: (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode };
  }
  return { code: 'no error', status: 200 };
}

/** A network ACL entry as `direction number action protocol block [ports]`. */
export function aclRule(e: NetworkAclEntry): string {
  const ports = e.PortRange ? ` ${e.PortRange.From}-${e.PortRange.To}` : '';
  return `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction} ${e.Protocol} ${e.CidrBlock ?? e.Ipv6CidrBlock}${ports}`;
}

export function normalisePeering(t: Target, p: VpcPeeringConnection | undefined): Record<string, unknown> {
  return {
    status: p?.Status?.Code,
    requester: [p?.RequesterVpcInfo?.OwnerId, named(t, p?.RequesterVpcInfo?.VpcId), p?.RequesterVpcInfo?.Region],
    accepter: [p?.AccepterVpcInfo?.OwnerId, named(t, p?.AccepterVpcInfo?.VpcId), p?.AccepterVpcInfo?.Region],
    requesterCidr: p?.RequesterVpcInfo?.CidrBlock,
  };
}

/** A rule without its ids and ARN, for comparing answers. */
export function normaliseRule(t: Target, r: SecurityGroupRule | undefined): Record<string, unknown> {
  return {
    group: named(t, r?.GroupId),
    egress: r?.IsEgress,
    protocol: r?.IpProtocol,
    ports: [r?.FromPort, r?.ToPort],
    cidr: r?.CidrIpv4,
    description: r?.Description,
    tags: r?.Tags,
  };
}

/** A network interface without its ids and addresses, for comparing answers. */
export function normaliseInterface(t: Target, n: NetworkInterface | undefined): Record<string, unknown> {
  return {
    status: n?.Status,
    subnet: named(t, n?.SubnetId),
    vpc: named(t, n?.VpcId),
    zone: n?.AvailabilityZone,
    groups: n?.Groups?.map((g) => g.GroupName),
    type: n?.InterfaceType,
    description: n?.Description,
    sourceDestCheck: n?.SourceDestCheck,
    tags: n?.TagSet,
    owner: n?.OwnerId,
  };
}

/** A DHCP options set's options, in key order. */
export function normaliseDhcp(d: DhcpOptions | undefined): [string | undefined, (string | undefined)[]][] {
  return (d?.DhcpConfigurations ?? [])
    .map((c): [string | undefined, (string | undefined)[]] => [c.Key, (c.Values ?? []).map((v) => v.Value)])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
}
