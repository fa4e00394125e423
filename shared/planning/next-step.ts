/** What a peering's status means and what to do next, per status.
 *
 * The usual guidance per status (pending acceptance → accept in the VPC console; active → no
 * action; rejected → recreate if needed; expired → recreate; failed, e.g. on a CIDR overlap →
 * verify the VPC and account ids, then recreate), corrected where AWS's own lifecycle says
 * otherwise (AWS's "VPC peering connection lifecycle"): a
 * rejected or failed peering cannot be deleted and an expired one cannot be acted on at all, so
 * "delete and recreate" becomes "request a new one"; each of them disappears on its own after its
 * visibility period. Given what the snapshot shows (`nextStepContextIn`), an ended peering asks to
 * clean up only what still points at it, and nothing once nothing does; a failure names the
 * overlapping blocks that caused it rather than AWS's generic message.
 */
import { leftoverWords, peeringLeftovers } from '../analysis/peering-leftovers';
import { knownFailureCause } from '../analysis/peering-failure';
import { assertNever } from '../core/result';
import type { Peering, PeeringStatus, Topology } from '../model/topology';
import type { TimeContext } from '../words/time-words';
import { whenWords } from '../words/time-words';

/** Who can move the peering on from its status. */
export type NextActor = 'accepter' | 'requester' | 'either' | 'nobody' | 'aws';

/** The kind of the next action, for buttons. */
export type NextActionKind = 'accept' | 'wait' | 'finish-setup' | 'recreate' | 'clean-up' | 'none';

/** What to do next, in words. */
export interface NextStep {
  readonly status: PeeringStatus;
  /** The status as the UI shows it ("Pending acceptance"). */
  readonly label: string;
  /** What the status means. */
  readonly meaning: string;
  readonly actionKind: NextActionKind;
  /** The next step, one sentence with ids filled in when known. */
  readonly action: string;
  readonly actor: NextActor;
  /** True when nothing more can happen to this peering. */
  readonly final: boolean;
}

/** Ids that make the sentences concrete. */
export interface NextStepContext {
  readonly peeringId?: string;
  readonly requesterAccountId?: string;
  readonly accepterAccountId?: string;
  readonly accepterRegion?: string;
  readonly requesterVpcId?: string;
  readonly accepterVpcId?: string;
  /** AWS's status message (`failed`: the reason, e.g. overlapping CIDR blocks). */
  readonly statusMessage?: string;
  /** ISO 8601 expiry of a pending request. */
  readonly expirationTime?: string;
  /** How to word times: with `now`, an expiry is also said relative to it ("in 6 days"). */
  readonly times?: Partial<TimeContext>;
  /** Local profiles of the accepter's account (one-click accept when non-empty). */
  readonly accepterProfiles?: readonly string[];
  /**
   * How many routes and security-group rules still point at the peering in the snapshot;
   * undefined when that is unknown (a side was not scanned, or no snapshot was read).
   */
  readonly leftovers?: { readonly routes: number; readonly rules: number };
  /** The cause of a failure the snapshot shows ("10.0.0.0/16 in … overlaps …"), better than AWS's generic message. */
  readonly failureCause?: string;
}

/** Everything a peering tells `nextStep`, with the local profiles of its accepter's account. */
export function nextStepContextOf(peering: Peering, accepterProfiles: readonly string[], times?: Partial<TimeContext>): NextStepContext {
  return {
    peeringId: peering.id,
    requesterAccountId: peering.requester.accountId,
    accepterAccountId: peering.accepter.accountId,
    accepterRegion: peering.accepter.region,
    requesterVpcId: peering.requester.vpcId,
    accepterVpcId: peering.accepter.vpcId,
    ...(peering.statusMessage ? { statusMessage: peering.statusMessage } : {}),
    ...(peering.expirationTime ? { expirationTime: peering.expirationTime } : {}),
    accepterProfiles,
    ...(times ? { times } : {}),
  };
}

/** `nextStepContextOf`, plus what the snapshot tells: what still points at the peering, and why it failed. */
export function nextStepContextIn(topology: Topology, peering: Peering, accepterProfiles: readonly string[], times?: Partial<TimeContext>): NextStepContext {
  const leftovers = peeringLeftovers(topology, peering);
  const cause = peering.status === 'failed' ? knownFailureCause(topology, peering) : undefined;
  return {
    ...nextStepContextOf(peering, accepterProfiles, times),
    ...(leftovers.complete ? { leftovers: { routes: leftovers.routes.length, rules: leftovers.rules.length } } : {}),
    ...(cause ? { failureCause: cause.message } : {}),
  };
}

/** The clean-up sentence: what to remove, nothing when nothing is left, the general advice when that is unknown. */
function cleanUpWords(pcx: string, leftovers: NextStepContext['leftovers']): string {
  if (!leftovers) return `Remove the routes that still point at ${pcx} (they are blackholes).`;
  const what = leftoverWords(leftovers.routes, leftovers.rules);
  if (!what) return '';
  const why = leftovers.routes === 0 ? '' : leftovers.rules > 0 ? ' (the routes are blackholes)' : leftovers.routes === 1 ? ' (it is a blackhole)' : ' (they are blackholes)';
  return `Remove the ${what} that still point${leftovers.routes + leftovers.rules === 1 ? 's' : ''} at ${pcx}${why}.`;
}

/**
 * The action of a rejected or expired peering: nothing when nothing points at it any more; the
 * clean-up first when something does; otherwise (unknown) the way to request it again, and the
 * clean-up advice.
 */
function endedAction(ctx: NextStepContext, pcx: string, cleanUp: string, recreate: string): Pick<NextStep, 'actionKind' | 'action'> {
  if (!ctx.leftovers) return { actionKind: 'recreate', action: `${recreate} ${cleanUp}` };
  if (!cleanUp) return { actionKind: 'none', action: `Nothing to do: no route or rule points at ${pcx}, and AWS removes it from view on its own.` };
  return { actionKind: 'clean-up', action: `${cleanUp} ${recreate}` };
}

/** The next step for a peering in `status`; `ctx` fills in ids, accounts and regions. */
export function nextStep(status: PeeringStatus, ctx: NextStepContext = {}): NextStep {
  const pcx = ctx.peeringId ?? 'the peering';
  const acc = ctx.accepterAccountId ? `account ${ctx.accepterAccountId}` : 'the accepter account';
  const inRegion = ctx.accepterRegion ? ` in ${ctx.accepterRegion}` : " in the accepter VPC's region";
  const pair = ctx.requesterVpcId && ctx.accepterVpcId ? ` between ${ctx.requesterVpcId} and ${ctx.accepterVpcId}` : '';
  const cleanUp = cleanUpWords(pcx, ctx.leftovers);
  // Known to have nothing left pointing at it: an ended peering then asks for nothing.
  const nothingLeft = ctx.leftovers !== undefined && cleanUp === '';
  const then = (first: string, second: string) => [first, second].filter(Boolean).join(' ');
  switch (status) {
    case 'initiating-request':
      return {
        status,
        label: 'Initiating request',
        meaning: 'AWS is checking the request; it becomes pending acceptance or fails within seconds.',
        actionKind: 'wait',
        action: 'Wait a few seconds and refresh.',
        actor: 'aws',
        final: false,
      };
    case 'pending-acceptance': {
      const profiles = ctx.accepterProfiles ?? [];
      const expires = ctx.expirationTime ? ` before it expires ${whenWords(ctx.expirationTime, ctx.times)}` : ' within 7 days';
      return {
        status,
        label: 'Pending acceptance',
        meaning: `Waiting for ${acc} to accept the request${inRegion}.`,
        actionKind: 'accept',
        action:
          profiles.length > 0
            ? `Accept ${pcx} with profile ${profiles[0]}${inRegion}${expires}.`
            : `Ask the owner of ${acc} to accept ${pcx}${inRegion}${expires}: VPC console → Peering connections → select it → Actions → Accept request.`,
        actor: 'accepter',
        final: false,
      };
    }
    case 'provisioning':
      return {
        status,
        label: 'Provisioning',
        meaning: 'Accepted; AWS is making it active.',
        actionKind: 'wait',
        action: 'Wait a few seconds; routes can be added meanwhile.',
        actor: 'aws',
        final: false,
      };
    case 'active':
      return {
        status,
        label: 'Active',
        meaning: 'Peering established: traffic can flow where routes and security groups allow it.',
        actionKind: 'finish-setup',
        action: 'No action needed on the peering itself; make sure both sides route to it and security groups allow the traffic (see the checklist).',
        actor: 'either',
        final: false,
      };
    case 'deleting':
      return {
        status,
        label: 'Deleting',
        meaning: 'An inter-region peering is being deleted.',
        actionKind: 'wait',
        action: then('Wait until it is deleted.', cleanUp),
        actor: 'aws',
        final: false,
      };
    case 'deleted':
      return {
        status,
        label: 'Deleted',
        meaning: 'Deleted by one of its owners; it disappears from view after 2 hours (2 days for the other side).',
        actionKind: nothingLeft ? 'none' : 'clean-up',
        action: nothingLeft ? `Nothing to do: no route or rule points at ${pcx} any more.` : `${cleanUp} Request a new peering${pair} if the VPCs should talk again.`,
        actor: 'nobody',
        final: true,
      };
    case 'rejected':
      return {
        status,
        label: 'Rejected',
        meaning: `${acc.charAt(0).toUpperCase()}${acc.slice(1)} rejected the request. AWS does not let anyone accept or delete a rejected peering; it disappears after 2 days (2 hours for the accepter).`,
        ...endedAction(ctx, pcx, cleanUp, `Agree with the owner of ${acc} first, then request a new peering${pair} if it is still needed.`),
        actor: 'requester',
        final: true,
      };
    case 'expired':
      return {
        status,
        label: 'Expired',
        meaning: 'Nobody accepted the request within 7 days. Nobody can act on an expired peering; it disappears after 2 days.',
        ...endedAction(ctx, pcx, cleanUp, `Request the peering${pair} again and have ${acc} accept it${inRegion} within 7 days.`),
        actor: 'requester',
        final: true,
      };
    case 'failed': {
      const why = ctx.failureCause ?? ctx.statusMessage;
      const recreate = ctx.failureCause
        ? 'Overlapping blocks can never be peered: re-address one of the VPCs (or disassociate the overlapping secondary block), then request a new peering.'
        : `Verify the peer VPC id and account id${ctx.accepterVpcId ? ` (${ctx.accepterVpcId}${ctx.accepterAccountId ? ` in ${ctx.accepterAccountId}` : ''})` : ''} and that no CIDR blocks overlap, then request a new peering.`;
      return {
        status,
        label: 'Failed',
        meaning: `AWS could not establish the peering${why ? `: ${why}` : ''}. A failed peering cannot be accepted, rejected or deleted; it disappears after 2 hours.`,
        actionKind: cleanUp && ctx.leftovers ? 'clean-up' : 'recreate',
        action: then(cleanUp && ctx.leftovers ? cleanUp : '', recreate),
        actor: 'requester',
        final: true,
      };
    }
    default:
      return assertNever(status);
  }
}
