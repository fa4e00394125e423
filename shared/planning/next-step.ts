/** What a peering's status means and what to do next, per status.
 *
 * The usual guidance per status (pending acceptance → accept in the VPC console; active → no
 * action; rejected → recreate if needed; expired → recreate; failed, e.g. on a CIDR overlap →
 * verify the VPC and account ids, then recreate), corrected where AWS's own lifecycle says
 * otherwise ("VPC peering connection lifecycle", summarised in docs/ec2-peering-semantics.md): a
 * rejected or failed peering cannot be deleted and an expired one cannot be acted on at all, so
 * "delete and recreate" becomes "request a new one"; each of them disappears on its own after its
 * visibility period.
 */
import { assertNever } from '../core/result';
import type { Peering, PeeringStatus } from '../model/topology';
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

/** The next step for a peering in `status`; `ctx` fills in ids, accounts and regions. */
export function nextStep(status: PeeringStatus, ctx: NextStepContext = {}): NextStep {
  const pcx = ctx.peeringId ?? 'the peering';
  const acc = ctx.accepterAccountId ? `account ${ctx.accepterAccountId}` : 'the accepter account';
  const inRegion = ctx.accepterRegion ? ` in ${ctx.accepterRegion}` : " in the accepter VPC's region";
  const pair = ctx.requesterVpcId && ctx.accepterVpcId ? ` between ${ctx.requesterVpcId} and ${ctx.accepterVpcId}` : '';
  const cleanUp = `Remove the routes that still point at ${pcx} (they are blackholes).`;
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
        action: `Wait until it is deleted. ${cleanUp}`,
        actor: 'aws',
        final: false,
      };
    case 'deleted':
      return {
        status,
        label: 'Deleted',
        meaning: 'Deleted by one of its owners; it disappears from view after 2 hours (2 days for the other side).',
        actionKind: 'clean-up',
        action: `${cleanUp} Request a new peering${pair} if the VPCs should talk again.`,
        actor: 'nobody',
        final: true,
      };
    case 'rejected':
      return {
        status,
        label: 'Rejected',
        meaning: `${acc.charAt(0).toUpperCase()}${acc.slice(1)} rejected the request. AWS does not let anyone accept or delete a rejected peering; it disappears after 2 days (2 hours for the accepter).`,
        actionKind: 'recreate',
        action: `Agree with the owner of ${acc} first, then request a new peering${pair} if it is still needed. ${cleanUp}`,
        actor: 'requester',
        final: true,
      };
    case 'expired':
      return {
        status,
        label: 'Expired',
        meaning: 'Nobody accepted the request within 7 days. Nobody can act on an expired peering; it disappears after 2 days.',
        actionKind: 'recreate',
        action: `Request the peering${pair} again and have ${acc} accept it${inRegion} within 7 days. ${cleanUp}`,
        actor: 'requester',
        final: true,
      };
    case 'failed':
      return {
        status,
        label: 'Failed',
        meaning: `AWS could not establish the peering${ctx.statusMessage ? `: ${ctx.statusMessage}` : ''}. A failed peering cannot be accepted, rejected or deleted; it disappears after 2 hours.`,
        actionKind: 'recreate',
        action: `Verify the peer VPC id and account id${ctx.accepterVpcId ? ` (${ctx.accepterVpcId}${ctx.accepterAccountId ? ` in ${ctx.accepterAccountId}` : ''})` : ''} and that no CIDR blocks overlap, then request a new peering.`,
        actor: 'requester',
        final: true,
      };
    default:
      return assertNever(status);
  }
}
