/** What is left pointing at deleted peerings, from one VPC or from both VPCs of one peering:
 * the stale security-group rules, read live with DescribeStaleSecurityGroups in each VPC's own
 * account (the call is per VPC and answered only to its owner), and the routes the snapshot
 * shows to peerings that ended or that AWS no longer lists.
 *
 * A VPC whose rules cannot be read (no local profile for its account, credentials that do not
 * resolve, a refused call) carries its own error; the other VPC's rules and every route stay.
 */
import { staleRoutesOfVpc, type StaleRoute } from '../../shared/analysis/peering-leftovers';
import type { StaleLeftovers, StaleRule, StaleVpcRules } from '../../shared/analysis/stale-rules';
import { indexTopology } from '../../shared/analysis/topology-index';
import { fail, ok, type ApiError, type Result } from '../../shared/core/result';
import type { AccountId, Region, VpcId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';
import type { StaleScope } from '../../shared/planning/plan-stale-cleanup';
import { profilesFromTopology } from '../../shared/planning/plan-types';
import { createAwsClients } from '../aws/aws-clients';
import { explainFailure } from '../aws/aws-errors';
import { resolveProfileAccess, type Env } from '../aws/credentials';
import { describeStaleRules } from '../aws/stale-groups';

/** One VPC to ask, and how to name it in an error ("the accepter of pcx-…"). */
interface VpcToAsk {
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly role?: string;
}

/** Where the AWS profiles are. */
export interface StaleReadDeps {
  readonly env: Env;
  readonly homeDir: string;
  /** How long one call may take (default 30 s). */
  readonly timeoutMs?: number;
}

function noProfile(v: VpcToAsk): ApiError {
  const whose = v.role ? `${v.vpcId} (${v.role})` : v.vpcId;
  return {
    code: 'unauthorized',
    message: `No local profile acts in account ${v.accountId}, so the stale rules of ${whose} cannot be read.`,
    fix: `Add a profile for account ${v.accountId} and rescan, or ask its owner to run: aws ec2 describe-stale-security-groups --vpc-id ${v.vpcId} --region ${v.region}`,
  };
}

/** The VPCs a scope covers, and the stale routes the snapshot shows for it. */
function scopeOf(topology: Topology, scope: StaleScope): Result<{ vpcs: VpcToAsk[]; routes: StaleRoute[] }> {
  const index = indexTopology(topology);
  if ('vpcId' in scope) {
    const vpc = index.vpcById.get(scope.vpcId);
    if (!vpc) return fail('not-found', `VPC ${scope.vpcId} is not in the scanned topology.`, 'Rescan its account and region, then try again.');
    return ok({ vpcs: [{ vpcId: vpc.id, accountId: vpc.accountId, region: vpc.region }], routes: staleRoutesOfVpc(index, vpc.id) });
  }
  const peering = index.peeringById.get(scope.peeringId);
  if (!peering) {
    return fail('not-found', `Peering ${scope.peeringId} is not in the scanned topology (AWS forgets a deleted peering after a while).`, 'Select one of its VPCs: its inspector lists what is left there.');
  }
  const sides = [
    { ...peering.requester, role: `the requester of ${peering.id}` },
    { ...peering.accepter, role: `the accepter of ${peering.id}` },
  ];
  return ok({
    vpcs: sides.map((s) => ({ vpcId: s.vpcId, accountId: s.accountId, region: s.region, role: s.role })),
    routes: sides.flatMap((s) => staleRoutesOfVpc(index, s.vpcId, peering.id)),
  });
}

/** What is left pointing at deleted peerings for `scope`. */
export async function readStaleLeftovers(topology: Topology, scope: StaleScope, deps: StaleReadDeps): Promise<Result<StaleLeftovers>> {
  const scoped = scopeOf(topology, scope);
  if (!scoped.ok) return scoped;
  const profiles = profilesFromTopology(topology.accounts);
  const names = [...new Set(scoped.value.vpcs.flatMap((v) => profiles[v.accountId]?.slice(0, 1) ?? []))];
  const access = await resolveProfileAccess(names, deps.env, deps.homeDir);
  const clients = createAwsClients(4);
  const timeoutMs = deps.timeoutMs ?? 30_000;
  try {
    const vpcs = await Promise.all(
      scoped.value.vpcs.map(async (v): Promise<StaleVpcRules> => {
        const base = { vpcId: v.vpcId, accountId: v.accountId, region: v.region };
        const profile = profiles[v.accountId]?.[0];
        if (!profile) return { ...base, rules: [], error: noProfile(v) };
        const a = access.get(profile);
        if (!a?.ok) {
          const why = a?.error.message ?? `profile "${profile}" could not be read`;
          return { ...base, profile, rules: [], error: { code: 'unauthorized', message: `The stale rules of ${v.vpcId} cannot be read: ${why}.`, fix: a?.error.fix ?? 'Check the AWS config files, then try again.' } };
        }
        try {
          const rules: StaleRule[] = await describeStaleRules(clients.ec2(a.value, v.region), v.vpcId, AbortSignal.timeout(timeoutMs));
          // A peering's inspector lists only what crossed that peering.
          const kept = 'peeringId' in scope ? rules.filter((r) => r.peeringId === scope.peeringId || (!r.peeringId && scoped.value.vpcs.some((o) => o.vpcId === r.peerVpcId && o.vpcId !== v.vpcId))) : rules;
          return { ...base, profile, rules: kept };
        } catch (e) {
          const failure = explainFailure(e, {
            profile,
            region: v.region,
            accountId: v.accountId,
            action: 'DescribeStaleSecurityGroups',
            ...(a.value.endpoints.ec2 ? { endpoint: a.value.endpoints.ec2 } : {}),
          });
          return {
            ...base,
            profile,
            rules: [],
            error: { code: `aws:${failure.errorCode}`, message: `The stale rules of ${v.vpcId} could not be read: ${failure.message}`, fix: `DescribeStaleSecurityGroups answers only the VPC's owner: check that profile "${profile}" acts in account ${v.accountId}, then select the VPC again.` },
          };
        }
      }),
    );
    return ok({ vpcs, routes: scoped.value.routes });
  } finally {
    clients.close();
  }
}
