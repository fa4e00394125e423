/** One mutating EC2 call, written ahead to the audit log: the intent is on disk before the call is
 * sent, the answer after, and a call left without an answer is checked in AWS.
 *
 * Outcomes: AWS's success is `ok` (with the request id and the ids it created); a 4xx to the only
 * attempt is `error` (nothing changed); anything else (no answer, a timeout, a server error, an
 * error after retries, when an earlier attempt may have gone through) is `interrupted`, and when
 * AWS already shows the call went through, that is recorded at once and the call counts as
 * answered. A DryRun changes nothing: its answer goes back to the check that sent it, which records
 * it as a check (`recordCheck`); only an endpoint that ignored DryRun and made the change gets an
 * `ok` line here.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';

import type { CheckVerdict } from '../../shared/planning/audit-entry';
import type { AuditRecord } from '../../shared/planning/audit-filter';
import type { Ec2ActionName, StepCallOf } from '../../shared/planning/step-params';
import type { CallJournal } from '../audit/call-journal';
import { messageOf } from '../aws/aws-errors';
import { CallFailedError, type CallScheduler } from '../aws/call-scheduler';
import { actionErrorCode, unwrapCallError } from './action-errors';
import { sendEc2Action, type CallAnswer } from './ec2-send';
import { recogniseCall, withCallTags, type ReadAs, type Recognition } from './recognise-call';

/** What sending needs from the run. */
export interface JournaledCallDeps {
  readonly journal: CallJournal;
  readonly scheduler: CallScheduler;
  readonly signal?: AbortSignal;
  /** The EC2 client of a profile in a region. */
  ec2(profile: string, region: string): EC2Client;
  /** A read (Describe…) with a profile in a region, under the scheduler. */
  readAs(profile: string, region: string): ReadAs;
  now(): string;
}

/** Where a call goes and which run and step it belongs to (the audit line's context). */
export interface CallPlace {
  readonly profile: string;
  readonly callerArn?: string;
  readonly accountId: string;
  readonly region: string;
  readonly planId: string;
  readonly runId: string;
  readonly stepId: string;
}

/** Ids a call made: the peering of a create (an accept answers with the peering too, but made none), the rules of an authorize. */
function createdBy(action: Ec2ActionName, answer: CallAnswer): string[] {
  const made = action === 'CreateVpcPeeringConnection' ? (answer.output.VpcPeeringConnection as { VpcPeeringConnectionId?: string } | undefined) : undefined;
  const pcx = made?.VpcPeeringConnectionId;
  const attachment =
    action === 'CreateTransitGatewayVpcAttachment' ? (answer.output.TransitGatewayVpcAttachment as { TransitGatewayAttachmentId?: string } | undefined)?.TransitGatewayAttachmentId : undefined;
  const rules = Array.isArray(answer.output.SecurityGroupRules) ? (answer.output.SecurityGroupRules as { SecurityGroupRuleId?: string }[]) : [];
  return [...(pcx ? [pcx] : []), ...(attachment ? [attachment] : []), ...rules.flatMap((r) => (r.SecurityGroupRuleId ? [r.SecurityGroupRuleId] : []))];
}

/** True when AWS answered with an error that means nothing changed: a 4xx to the only attempt. */
function answeredWithoutChange(e: unknown): boolean {
  if (e instanceof CallFailedError && e.attempts > 1) return false;
  const status = (unwrapCallError(e) as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 400 && status < 500;
}

/** Ask AWS about a call whose outcome is unknown, and write the resolution. */
export async function resolveCall(deps: JournaledCallDeps, call: AuditRecord): Promise<Recognition> {
  const found = await recogniseCall(call, deps.readAs(call.profile, call.region));
  await deps.journal.resolve(call, found.outcome, { message: found.message, ...(found.created ? { created: found.created } : {}) });
  return found;
}

/**
 * Right after a call got no answer: when AWS already shows it went through, record that. Otherwise
 * leave it interrupted for the resume (a read so soon after the call may not show it yet, so "did
 * not happen" is not written now).
 */
async function resolveNow(deps: JournaledCallDeps, call: AuditRecord): Promise<Recognition | undefined> {
  if (deps.signal?.aborted) return undefined;
  try {
    const found = await recogniseCall(call, deps.readAs(call.profile, call.region));
    if (found.outcome !== 'went-through') return undefined;
    await deps.journal.resolve(call, found.outcome, { message: found.message, ...(found.created ? { created: found.created } : {}) });
    return found;
  } catch {
    return undefined;
  }
}

/** A check's line: what a DryRun of `call` found; never an error, as nothing changed. */
export async function recordCheck(
  deps: Pick<JournaledCallDeps, 'journal'>,
  place: CallPlace,
  call: { readonly action: string; readonly params: object },
  check: CheckVerdict,
  details: { readonly errorCode?: string; readonly message: string },
): Promise<void> {
  await deps.journal.record({
    ...(place.callerArn ? { callerArn: place.callerArn } : {}),
    profile: place.profile,
    accountId: place.accountId,
    region: place.region,
    action: call.action,
    parameters: { ...call.params, DryRun: true },
    planId: place.planId,
    runId: place.runId,
    stepId: place.stepId,
    callId: deps.journal.newCallId(),
    outcome: 'dry-run',
    check,
    ...(details.errorCode ? { errorCode: details.errorCode } : {}),
    message: details.message,
  });
}

/** Send `call` (or its DryRun) and write it to the audit log, whatever the outcome. Throws the call's error. */
export async function sendJournaled<A extends Ec2ActionName>(deps: JournaledCallDeps, place: CallPlace, call: StepCallOf<A>, dryRun: boolean): Promise<CallAnswer> {
  const callId = deps.journal.newCallId();
  const sent = withCallTags(call, place.runId, callId);
  const { action } = sent;
  const base = {
    ...(place.callerArn ? { callerArn: place.callerArn } : {}),
    profile: place.profile,
    accountId: place.accountId,
    region: place.region,
    action,
    parameters: dryRun ? { ...sent.params, DryRun: true } : sent.params,
    planId: place.planId,
    runId: place.runId,
    stepId: place.stepId,
    callId,
  };
  // The call is not sent unless its intent is on disk (`begin` throws otherwise).
  const begun = dryRun ? undefined : await deps.journal.begin(base);
  try {
    const answer = await deps.scheduler.run(
      `${place.accountId}/${place.region}/${action}`,
      (signal) => sendEc2Action(deps.ec2(place.profile, place.region), sent, { dryRun, abortSignal: signal }),
      deps.signal,
    );
    const done = { ...(answer.requestId ? { requestId: answer.requestId } : {}), created: createdBy(action, answer) };
    if (begun) await begun.ok(done);
    else await deps.journal.record({ ...base, outcome: 'ok', ...done });
    return answer;
  } catch (e) {
    // A DryRun's answer is the check's, recorded by the check with its verdict (`recordCheck`).
    if (!begun) throw e;
    const code = actionErrorCode(e);
    const message = messageOf(unwrapCallError(e));
    if (answeredWithoutChange(e)) {
      await begun.failed(code, message);
    } else {
      await begun.unanswered(code, message);
      const found = await resolveNow(deps, { ...base, time: deps.now(), outcome: 'interrupted' });
      if (found) {
        const made = found.created?.[0];
        if (!made) return { output: {} };
        return { output: made.startsWith('tgw-attach-') ? { TransitGatewayVpcAttachment: { TransitGatewayAttachmentId: made } } : { VpcPeeringConnection: { VpcPeeringConnectionId: made } } };
      }
    }
    throw e;
  }
}
