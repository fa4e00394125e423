/** What the other account's owner must do when no local profile acts for them: console steps and CLI.
 *
 * The console steps are the VPC console's own: open the VPC console in the region where the VPC
 * is, Peering Connections, select the request, Actions → Accept Request; then Route Tables →
 * Edit routes → Add route with the peer CIDR and the pcx target, and security groups allowing
 * the peer CIDR. Ids are filled in.
 */
import type { PeeringPlan, PlanStep } from './plan-types';
import { planToCliCommands, type CliCommand } from './plan-cli';
import { isIpv6Cidr } from './plan-steps';

/** Instructions for the owner of one account. */
export interface Handoff {
  readonly accountId: string;
  readonly region: string;
  /** The peering's id, or the transit gateway attachment's for an attachment plan. */
  readonly peeringId: string;
  /** Steps in the AWS console, in order. */
  readonly consoleSteps: readonly string[];
  /** The same as AWS CLI commands, with the ids filled in. */
  readonly cliCommands: readonly CliCommand[];
  /** The plan steps they cover. */
  readonly stepIds: readonly string[];
}

/**
 * Instructions for the steps of `plan` that no local profile can run (`profile` unset), once the
 * peering id is known: accept, routes in their tables, their security-group rules, DNS.
 */
export function buildHandoff(plan: PeeringPlan, peeringId: string, stepIds?: readonly string[]): Handoff | undefined {
  const wanted = stepIds ? new Set(stepIds) : undefined;
  const candidates = plan.steps.filter((s) => s.enabled && !s.profile && (!wanted || wanted.has(s.id)));
  const first = candidates[0];
  if (!first) return undefined;
  // One owner per handoff: the account of the first such step (in practice always the accepter's).
  const steps = candidates.filter((s) => s.accountId === first.accountId);
  const accountId = first.accountId;
  const region = first.region;
  const requester = plan.requester;
  const consoleSteps: string[] = [`Sign in to account ${accountId} and open the VPC console in ${region} (the region of ${sideOf(plan, first).vpcId}).`];
  const accept = steps.find((s) => s.kind === 'accept');
  if (accept) {
    consoleSteps.push(
      `Go to Peering connections, select ${peeringId} (requested by account ${requester.accountId} for ${requester.vpcId}), then choose Actions → Accept request.`,
    );
  }
  const routes = steps.filter((s) => s.kind === 'create-route');
  const byTable = new Map<string, string[]>();
  for (const r of routes) {
    const t = r.target?.routeTableId ?? '?';
    byTable.set(t, [...(byTable.get(t) ?? []), r.target?.destination ?? '?']);
  }
  for (const [table, dests] of byTable) {
    consoleSteps.push(
      `Go to Route tables, select ${table}, choose Edit routes, and for ${dests.join(', ')} add a route with that destination and target "Peering connection" ${peeringId}; save.`,
    );
  }
  for (const r of steps.filter((s) => s.kind === 'authorize-ingress')) {
    consoleSteps.push(`Go to Security groups, select ${r.target?.groupId ?? '?'}, choose Edit inbound rules, and add: ${ruleWords(r)}; save.`);
  }
  for (const d of steps.filter((s) => s.kind === 'modify-options')) {
    consoleSteps.push(
      `Go to Peering connections, select ${peeringId}, choose Actions → Edit DNS settings, and allow DNS resolution from the peer VPC for ${d.target?.vpcId ?? 'your VPC'}; save.`,
    );
  }
  for (const s of steps.filter((x) => x.kind === 'reject' || x.kind === 'delete-route' || x.kind === 'revoke-ingress' || x.kind === 'revoke-egress' || x.kind === 'delete')) {
    consoleSteps.push(`${s.title}.`);
  }
  const sub: PeeringPlan = { ...plan, peeringId: peeringId as PeeringPlan['peeringId'], steps };
  return {
    accountId,
    region,
    peeringId,
    consoleSteps,
    cliCommands: planToCliCommands(sub, { peeringId }),
    stepIds: steps.map((s) => s.id),
  };
}

function sideOf(plan: PeeringPlan, step: PlanStep) {
  return step.side === 'requester' ? plan.requester : plan.accepter;
}

function ruleWords(step: PlanStep): string {
  if (step.kind !== 'authorize-ingress' && step.kind !== 'revoke-ingress') return step.title;
  return step.params.IpPermissions
    .map((perm) => {
      const proto = perm.IpProtocol === '-1' ? 'All traffic' : perm.IpProtocol.toUpperCase();
      const ports = perm.FromPort === undefined ? '' : perm.FromPort === perm.ToPort ? ` port ${perm.FromPort}` : ` ports ${perm.FromPort}-${String(perm.ToPort)}`;
      const sources = [
        ...(perm.IpRanges ?? []).map((r) => r.CidrIp),
        ...(perm.Ipv6Ranges ?? []).map((r) => r.CidrIpv6),
        ...(perm.UserIdGroupPairs ?? []).map((g) => (g.UserId ? `${g.UserId}/${g.GroupId}` : g.GroupId)),
      ];
      return `${proto}${ports} from ${sources.join(', ')}${sources.some(isIpv6Cidr) ? ' (IPv6 included)' : ''}`;
    })
    .join('; ');
}

/**
 * Instructions for the transit gateway owner's steps of an attachment plan that no local profile
 * can run (accept, associate, propagate), once the attachment's id is known. The console steps are
 * the VPC console's (Transit gateway attachments → Actions → Accept; Transit gateway route tables
 * → Associations / Propagations → Create).
 */
export function buildAttachmentHandoff(plan: PeeringPlan, attachmentId: string, stepIds?: readonly string[]): Handoff | undefined {
  const wanted = stepIds ? new Set(stepIds) : undefined;
  const steps = plan.steps.filter((s) => s.enabled && !s.profile && (!wanted || wanted.has(s.id)));
  const first = steps[0];
  if (!first) return undefined;
  const consoleSteps: string[] = [`Sign in to account ${first.accountId} and open the VPC console in ${first.region}.`];
  for (const s of steps) {
    if (s.kind === 'accept-tgw-vpc-attachment') {
      consoleSteps.push(`Go to Transit gateway attachments, select ${attachmentId} (VPC ${plan.requester.vpcId} of account ${plan.requester.accountId}), then choose Actions → Accept transit gateway attachment.`);
    } else if (s.kind === 'associate-tgw-route-table') {
      consoleSteps.push(`Go to Transit gateway route tables, select ${s.params.TransitGatewayRouteTableId}, open Associations → Create association, and choose ${attachmentId}.`);
    } else if (s.kind === 'enable-tgw-propagation') {
      consoleSteps.push(`Go to Transit gateway route tables, select ${s.params.TransitGatewayRouteTableId}, open Propagations → Create propagation, and choose ${attachmentId}.`);
    } else {
      consoleSteps.push(`${s.title}.`);
    }
  }
  const sub: PeeringPlan = { ...plan, steps };
  return {
    accountId: first.accountId,
    region: first.region,
    peeringId: attachmentId,
    consoleSteps,
    cliCommands: planToCliCommands(sub, { attachmentId }),
    stepIds: steps.map((s) => s.id),
  };
}
