/** What to do next for a peering in each status (after the seeds' status table, checked against
 * "VPC peering connection lifecycle" in the Amazon VPC Peering Guide).
 */
import type { PeeringRoutes } from '../graph/derive';
import type { Account, Peering } from '../../shared/model/topology';
import type { Result } from '../../shared/api/result';
import { assertNever } from '../../shared/api/result';
import type { PeeringChecklist } from '../../shared/planning/peering-checklist';

/** One next step: what it means, what to do, and a command when one helps. */
export interface NextStep {
  readonly meaning: string;
  readonly action: string;
  readonly command?: string;
  /** `done` when nothing is needed, `wait`, `act` when someone must do something, `gone` for final states. */
  readonly tone: 'done' | 'wait' | 'act' | 'gone';
}

/** The next step for `p`, given the accounts known locally (for the accepter's profile), its routes, and VPC names. */
export function nextStepFor(
  p: Peering,
  accounts: readonly Account[],
  routes: PeeringRoutes | undefined,
  nameOf: (vpcId: string) => string = (id) => id,
): NextStep {
  const accepterProfiles = accounts.find((a) => a.id === p.accepter.accountId)?.profiles ?? [];
  const profile = accepterProfiles[0];
  switch (p.status) {
    case 'initiating-request':
      return { tone: 'wait', meaning: 'AWS is creating the request.', action: 'Wait a minute and rescan: it becomes pending acceptance, or failed.' };
    case 'pending-acceptance':
      return {
        tone: 'act',
        meaning: `Waiting for account ${p.accepter.accountId} to accept${p.expirationTime ? ` (expires ${p.expirationTime.slice(0, 10)})` : ' (within 7 days)'}.`,
        action: profile
          ? `Accept it as account ${p.accepter.accountId} in ${p.accepter.region} (profile ${profile}): VPC console → Peering connections → Actions → Accept request.`
          : `Ask the owner of account ${p.accepter.accountId} to accept it in ${p.accepter.region}: VPC console → Peering connections → Actions → Accept request.`,
        command: `aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id ${p.id} --region ${p.accepter.region}${profile ? ` --profile ${profile}` : ''}`,
      };
    case 'provisioning':
      return { tone: 'wait', meaning: 'Accepted; AWS is making it active.', action: 'Wait a moment and rescan, then add routes on both sides.' };
    case 'active':
      if (!routes || routes.overall === 'both') {
        return { tone: 'done', meaning: 'Active: traffic can flow where routes and security groups allow it.', action: 'No action needed.' };
      }
      {
        const lacking = [routes.detail.requester, routes.detail.accepter].filter((side) => side.summary === 'none' || side.summary === 'partial');
        const where = lacking.map((side) => `${nameOf(side.vpcId)} (${side.summary === 'none' ? 'no routes' : 'some blocks unrouted'})`).join(' and ');
        return {
          tone: 'act',
          meaning:
            lacking.length === 0 ? 'Active; the other side was not scanned, so its routes are unknown.' : 'Active, but traffic cannot flow both ways yet.',
          action:
            lacking.length === 0
              ? `Check the routes in the unscanned account, or add a profile for it and rescan.`
              : `Add routes in ${where}: each route table that serves subnets sends every block of the other VPC to ${p.id}.`,
        };
      }
    case 'rejected':
      return {
        tone: 'gone',
        meaning: 'The accepter rejected the request.',
        action: 'Create a new request if it is still needed; a rejected request cannot be deleted and disappears after a few days.',
      };
    case 'expired':
      return { tone: 'gone', meaning: 'Nobody accepted it within 7 days.', action: 'Create a new request and have the accepter act within a week.' };
    case 'failed':
      return {
        tone: 'gone',
        meaning: `AWS could not establish it${p.statusMessage ? `: ${p.statusMessage}` : ''}.`,
        action: 'Verify the VPC id and account id and that the CIDR blocks do not overlap, then request it again.',
      };
    case 'deleting':
      return { tone: 'wait', meaning: 'Being deleted.', action: 'Wait and rescan.' };
    case 'deleted':
      return { tone: 'gone', meaning: 'Deleted.', action: 'Remove routes that still point to it: they are blackholes now.' };
    default:
      return assertNever(p.status);
  }
}

/**
 * `nextStepFor`, corrected by the peering's checklist: routed both ways is not "nothing to do"
 * while no security group of either VPC lets the other in. The VPC inspector's list and the
 * peering inspector both say this, so they never disagree about the same peering.
 */
export function nextStepWithChecklist(
  p: Peering,
  accounts: readonly Account[],
  routes: PeeringRoutes | undefined,
  checklist: Result<PeeringChecklist>,
  nameOf?: (vpcId: string) => string,
): NextStep {
  const routed = nextStepFor(p, accounts, routes, nameOf);
  const rulesMissing = routed.tone === 'done' && checklist.ok && checklist.value.items.some((i) => i.id === 'security-groups' && i.state === 'todo');
  if (!rulesMissing) return routed;
  return {
    tone: 'act',
    meaning: 'Active and routed both ways, but no security group of either VPC admits the other, so nothing gets through yet.',
    action: "Allow the peer VPC's CIDR (or, in one region, its security group) on the ports you need.",
  };
}
