/** The DNS attributes of VPCs the snapshot left unknown, read live for a plan.
 *
 * Discovery reads a VPC's DNS support and DNS hostnames (DescribeVpcAttribute, two calls per VPC)
 * only when a peering of its account × region names it, so the two VPCs of a new peering usually
 * have neither. Planning one reads them here with a profile of each VPC's account; a failure
 * (no profile, a refused or silent call) leaves the attribute unknown, which the plan treats as not
 * blocking, and never stops the plan.
 */
import { DescribeVpcAttributeCommand, type EC2Client } from '@aws-sdk/client-ec2';

import type { VpcId } from '../../shared/model/ids';
import type { Topology, Vpc } from '../../shared/model/topology';
import type { ProfilesByAccount } from '../../shared/planning/plan-types';
import { createAwsClients } from '../aws/aws-clients';
import { resolveProfileAccess, type Env } from '../aws/credentials';

/** What the live read needs. */
export interface LiveDnsDeps {
  readonly env: Env;
  readonly homeDir: string;
  /** How long each VPC's reads may take before the attributes stay unknown (default 10 s). */
  readonly timeoutMs?: number;
}

/** One VPC to read, with the profile the caller chose for it (else its account's first). */
export interface LiveDnsVpc {
  readonly vpcId: VpcId;
  readonly profile?: string | undefined;
}

type DnsAttribute = 'enableDnsSupport' | 'enableDnsHostnames';
const ATTRIBUTES: readonly DnsAttribute[] = ['enableDnsSupport', 'enableDnsHostnames'];

async function readAttribute(ec2: EC2Client, vpcId: VpcId, name: DnsAttribute, abortSignal: AbortSignal): Promise<boolean | undefined> {
  try {
    const out = await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: name }), { abortSignal });
    return (name === 'enableDnsSupport' ? out.EnableDnsSupport : out.EnableDnsHostnames)?.Value;
  } catch {
    return undefined;
  }
}

/**
 * `topology` with the DNS attributes `vpcs` lack in it filled in from AWS where the reads
 * answer; the same topology when every attribute was known or nothing answered.
 */
export async function withLiveDnsAttributes(topology: Topology, vpcs: readonly LiveDnsVpc[], profiles: ProfilesByAccount, deps: LiveDnsDeps): Promise<Topology> {
  const wanted = vpcs.flatMap((w) => {
    const vpc = topology.vpcs.find((v) => v.id === w.vpcId);
    const missing = vpc ? ATTRIBUTES.filter((a) => vpc[a] === undefined) : [];
    const own = vpc ? (profiles[vpc.accountId] ?? []) : [];
    // A profile the plan will refuse (not one of the account's) reads nothing either.
    const profile = w.profile !== undefined ? own.find((p) => p === w.profile) : own[0];
    return vpc && profile && missing.length > 0 ? [{ vpc, missing, profile }] : [];
  });
  if (wanted.length === 0) return topology;
  // Config files that cannot be read leave the attributes unknown; the plan names profile problems itself.
  const access = await resolveProfileAccess([...new Set(wanted.map((w) => w.profile))], deps.env, deps.homeDir).catch(() => undefined);
  if (!access) return topology;
  const clients = createAwsClients(4);
  try {
    const read = await Promise.all(
      wanted.map(async ({ vpc, missing, profile }): Promise<[VpcId, Partial<Pick<Vpc, DnsAttribute>>]> => {
        const a = access.get(profile);
        if (!a?.ok) return [vpc.id, {}];
        try {
          const ec2 = clients.ec2(a.value, vpc.region);
          const signal = AbortSignal.timeout(deps.timeoutMs ?? 10_000);
          const values = await Promise.all(missing.map((name) => readAttribute(ec2, vpc.id, name, signal)));
          return [vpc.id, Object.fromEntries(missing.flatMap((name, i) => (values[i] === undefined ? [] : [[name, values[i]]])))];
        } catch {
          return [vpc.id, {}];
        }
      }),
    );
    const found = new Map(read.filter(([, attrs]) => Object.keys(attrs).length > 0));
    if (found.size === 0) return topology;
    return { ...topology, vpcs: topology.vpcs.map((v) => (found.has(v.id) ? { ...v, ...found.get(v.id) } : v)) };
  } finally {
    clients.close();
  }
}
