/** The next step the inspector shows for a peering: the status's meaning and action from
 * `shared/planning/next-step.ts` (the same words as the checklist and the plans), plus what only
 * the graph knows, how complete the routes are and whether security groups admit the peer.
 */
import type { PeeringRoutes } from '../graph/derive';
import type { Account, Peering } from '../../shared/model/topology';
import type { Result } from '../../shared/core/result';
import type { PeeringChecklist } from '../../shared/planning/peering-checklist';
import { nextStep, nextStepContextOf, type NextActionKind, type NextStep as StatusStep } from '../../shared/planning/next-step';
import { awsCommandText, ec2Command } from '../../shared/words/aws-cli';

/** One next step: what it means, what to do, and a command when one helps. */
export interface NextStep {
  readonly meaning: string;
  readonly action: string;
  readonly command?: string;
  /** `done` when nothing is needed, `wait`, `act` when someone must do something, `gone` for final states. */
  readonly tone: 'done' | 'wait' | 'act' | 'gone';
}

const TONE_OF_ACTION: Record<NextActionKind, NextStep['tone']> = {
  accept: 'act',
  wait: 'wait',
  'finish-setup': 'act',
  recreate: 'gone',
  'clean-up': 'gone',
  none: 'done',
};

/**
 * The next step for `p`, given the accounts known locally (for the accepter's profile), its
 * routes, and VPC names. `statusStep`: the status's step as the checklist has it, worked out
 * from the whole snapshot (what still points at the peering, why it failed); without it, from
 * the peering alone.
 */
export function nextStepFor(
  p: Peering,
  accounts: readonly Account[],
  routes: PeeringRoutes | undefined,
  nameOf: (vpcId: string) => string = (id) => id,
  statusStep?: StatusStep,
  /** The clock an expiry is said relative to ("in 6 days"). */
  now: number = Date.now(),
): NextStep {
  const accepterProfiles = accounts.find((a) => a.id === p.accepter.accountId)?.profiles ?? [];
  if (p.status !== 'active') {
    const step = statusStep ?? nextStep(p.status, nextStepContextOf(p, accepterProfiles, { now }));
    // A peering that has ended stays grey, also when nothing is left to do about it.
    const tone = step.final ? 'gone' : TONE_OF_ACTION[step.actionKind];
    if (p.status !== 'pending-acceptance') return { tone, meaning: step.meaning, action: step.action };
    const profile = accepterProfiles[0];
    const accept = ec2Command('AcceptVpcPeeringConnection', { VpcPeeringConnectionId: p.id });
    const command = awsCommandText(accept, { region: p.accepter.region, ...(profile ? { profile } : {}) }, ['region', 'profile']);
    return { tone, meaning: step.meaning, action: step.action, command };
  }
  if (routes?.overall === 'nothing-to-route') {
    const empty = [routes.detail.requester, routes.detail.accepter].find((side) => side.note)?.note;
    return {
      tone: 'done',
      meaning: `Active. ${empty ?? 'A VPC has no subnets, so there is nothing to route.'}`,
      action: 'No action needed until that VPC has subnets; then route each side to the other.',
    };
  }
  if (!routes || routes.overall === 'both') {
    return { tone: 'done', meaning: 'Active: traffic can flow where routes and security groups allow it.', action: 'No action needed.' };
  }
  const lacking = [routes.detail.requester, routes.detail.accepter].filter((side) => side.summary === 'none' || side.summary === 'partial');
  if (lacking.length === 0) {
    return { tone: 'act', meaning: 'Active; the other side was not scanned, so its routes are unknown.', action: 'Check the routes in the unscanned account, or add a profile for it and rescan.' };
  }
  const where = lacking.map((side) => `${nameOf(side.vpcId)} (${side.summary === 'none' ? 'no routes' : 'some blocks unrouted'})`).join(' and ');
  return {
    tone: 'act',
    meaning: 'Active, but traffic cannot flow both ways yet.',
    action: `Add routes in ${where}: each route table that serves subnets sends every block of the other VPC to ${p.id}.`,
  };
}

/**
 * `nextStepFor`, corrected by the peering's checklist: a peering that ended with routes still
 * pointing at it points at the checklist's step that removes them; routed both ways is not
 * "nothing to do" while no security group of either VPC lets the other in, nor while neither VPC's
 * security groups were scanned. The VPC inspector's list and the peering inspector both say this, so they
 * never disagree about the same peering.
 */
export function nextStepWithChecklist(
  p: Peering,
  accounts: readonly Account[],
  routes: PeeringRoutes | undefined,
  checklist: Result<PeeringChecklist>,
  nameOf?: (vpcId: string) => string,
): NextStep {
  const routed = nextStepFor(p, accounts, routes, nameOf, checklist.ok ? checklist.value.next : undefined);
  const stale = checklist.ok ? checklist.value.items.find((i) => i.id === 'stale-routes' && i.state === 'todo') : undefined;
  if (stale?.action) {
    // Routes left pointing at a peering that ended: the checklist's own step removes them.
    const how = stale.action.kind === 'ask-other-side' ? `${stale.action.label}.` : `"${stale.action.label}" in the checklist removes the routes.`;
    return { ...routed, action: `${routed.action} ${how}` };
  }
  // With nothing to route, no rule is needed either (the checklist says so too).
  if (routed.tone !== 'done' || !checklist.ok || routes?.overall === 'nothing-to-route') return routed;
  const rules = checklist.value.items.find((i) => i.id === 'security-groups');
  if (rules?.state === 'todo') {
    return {
      tone: 'act',
      meaning: 'Active and routed both ways, but no security group of either VPC admits the other, so nothing gets through yet.',
      action: "Allow the peer VPC's CIDR (or, in one region, its security group) on the ports you need.",
    };
  }
  if (rules?.state === 'unknown') {
    return {
      tone: 'act',
      meaning: "Active and routed both ways; neither VPC's security groups were scanned, so whether they admit the other is unknown.",
      action: "Check that a security group on each side allows the peer VPC's CIDR on the ports you need; rescanning both accounts reads them.",
    };
  }
  return routed;
}
