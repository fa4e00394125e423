/** The DryRun before a run: every step that still needs work is sent with `DryRun`, and AWS's
 * answer says whether it would be allowed, is already in place, or can only be checked when it runs.
 * Each answer is recorded in the audit log as a check with that verdict, never as an error or a
 * change, and with the parameters the step will send (a new peering's id as a reference).
 */
import type { ApiError } from '../../../shared/core/result';
import type { PeeringId } from '../../../shared/model/ids';
import type { CheckVerdict } from '../../../shared/planning/audit-entry';
import type { PlanStep } from '../../../shared/planning/plan-types';
import { needsAttachmentId, needsPeeringId, resolveStepCall } from '../../../shared/planning/plan-types';
import { messageOf } from '../../aws/aws-errors';
import { actionErrorCode, isPeeringNotFound, unwrapCallError } from '../action-errors';
import type { CallAnswer } from '../ec2-send';
import { adoptLivePeering } from '../steps/create-peering';
import { adoptLiveAttachment } from '../steps/tgw-attachment';
import { STEP_HANDLERS } from '../steps';
import { isOwnStep, type RunContext } from './run-context';

/** A syntactically valid peering id for DryRuns of steps whose peering does not exist yet. */
export const DRY_RUN_PEERING_ID = 'pcx-00000000000000000';

/** A syntactically valid attachment id for DryRuns of steps whose attachment does not exist yet. */
export const DRY_RUN_ATTACHMENT_ID = 'tgw-attach-00000000000000000';

/** Errors that say the peering is not in the state the call needs: a state it may reach by the time the step runs. */
const STATE_CODES = new Set(['OperationNotPermitted', 'InvalidStateTransition', 'IncorrectState']);

function classify(ctx: RunContext, step: PlanStep, e: unknown, placeholder: boolean): CheckVerdict {
  const code = actionErrorCode(e);
  const handler = STEP_HANDLERS[step.kind];
  if (code === 'DryRunOperation') return 'would-succeed';
  if (isPeeringNotFound(code) && (placeholder || handler.findsPeeringWhenRun)) return 'checked-later';
  // A step on an attachment not made yet (or not yet visible to the gateway's owner).
  if (/^InvalidTransitGatewayAttachmentID\.NotFound$/.test(code) && (placeholder || handler.findsPeeringWhenRun)) return 'checked-later';
  if (STATE_CODES.has(code) && !placeholder) return 'checked-later';
  // Security-group references across a peering resolve only once it is active (VPC Peering
  // Guide, "Update your security groups to reference peer security groups").
  if (step.needsActive && ctx.state.peeringStatus !== 'active' && /\.NotFound$/.test(code)) return 'checked-later';
  if (handler.doneWhenDryRunSays?.includes(code)) return 'already-done';
  return 'refused';
}

/** What a check's line says, by verdict: AWS's error code only when the check refused the call. */
function checkDetails(verdict: CheckVerdict, e: unknown, placeholder: boolean): { errorCode?: string; message: string } {
  const code = actionErrorCode(e);
  switch (verdict) {
    case 'would-succeed':
      return { message: 'Checked with DryRun: AWS says this call would succeed. Nothing was changed.' };
    case 'already-done':
      return { message: `Checked with DryRun: already in place (${code}). Nothing was changed.` };
    case 'checked-later':
      return {
        message: placeholder
          ? 'Checked with DryRun before the peering exists: AWS can judge this call only when it runs. Nothing was changed.'
          : `Checked with DryRun: the peering is not in the state this call needs yet (${code}); it is checked again when it runs. Nothing was changed.`,
      };
    default:
      return { errorCode: code, message: `Checked with DryRun: AWS would refuse this call: ${messageOf(unwrapCallError(e))} Nothing was changed.` };
  }
}

/** An endpoint that ignored DryRun made the change: the step counts as done (and a create's peering is the run's). */
function adoptIgnoredDryRun(ctx: RunContext, step: PlanStep, answer: CallAnswer): void {
  const { state } = ctx;
  const note = 'The endpoint ignored DryRun and made this change during the check (AWS never does); counted as done.';
  if (step.kind === 'create-tgw-vpc-attachment') {
    const id = (answer.output.TransitGatewayVpcAttachment as { TransitGatewayAttachmentId?: string } | undefined)?.TransitGatewayAttachmentId;
    if (id) {
      state.attachmentId = id;
      state.run = { ...state.run, attachmentId: id };
    }
    state.setStep(step.id, { dryRun: 'would-succeed', status: 'done', message: `Created ${id ?? 'the attachment'}. ${note}`, finishedAt: state.nowIso() });
    return;
  }
  if (step.kind === 'create') {
    const pcx = (answer.output.VpcPeeringConnection as { VpcPeeringConnectionId?: string } | undefined)?.VpcPeeringConnectionId;
    if (pcx) {
      state.peeringId = pcx as PeeringId;
      state.run = { ...state.run, peeringId: state.peeringId };
    }
    state.setStep(step.id, { dryRun: 'would-succeed', status: 'done', message: `Created ${pcx ?? 'the peering'}. ${note}`, finishedAt: state.nowIso() });
    return;
  }
  state.setStep(step.id, { dryRun: 'would-succeed', status: 'done', message: note, finishedAt: state.nowIso() });
}

/** DryRun `steps` in order; returns the first refusal (every refused step carries its own). */
export async function dryRunSteps(ctx: RunContext, steps: readonly PlanStep[]): Promise<ApiError | undefined> {
  const { state } = ctx;
  state.update({ phase: 'dry-run' });
  let firstError: ApiError | undefined;
  // The id known before the DryRun: a create that an endpoint wrongly ran must not make the
  // later DryRuns real calls too.
  const knownId = state.peeringId;
  const knownAttachment = state.attachmentId;
  const applied: string[] = [];
  for (const step of steps) {
    ctx.deps.signal?.throwIfAborted();
    if (!step.enabled) continue;
    if (!isOwnStep(step)) {
      state.setStep(step.id, { dryRun: 'other-side' });
      continue;
    }
    if (step.kind === 'create' && (state.peeringId || (await adoptLivePeering(step, ctx)))) {
      state.setStep(step.id, { dryRun: 'already-done' });
      continue;
    }
    if (step.kind === 'create-tgw-vpc-attachment' && (state.attachmentId || (await adoptLiveAttachment(step, ctx)))) {
      state.setStep(step.id, { dryRun: 'already-done' });
      continue;
    }
    const placeholder = (!knownId && needsPeeringId(step.params)) || (!knownAttachment && needsAttachmentId(step.params));
    // The check's line names the call as the step will send it: a new peering's or attachment's id stays a reference.
    const checked = resolveStepCall(step, knownId, knownAttachment);
    try {
      const call = resolveStepCall(step, knownId ?? (placeholder ? DRY_RUN_PEERING_ID : undefined), knownAttachment ?? (placeholder ? DRY_RUN_ATTACHMENT_ID : undefined));
      const answer = await ctx.calls.mutate(step, call, true);
      // AWS always answers a DryRun with an error (DryRunOperation when allowed). A success means
      // the endpoint ignored DryRun and made the change (moto 5.2.1 does for peering and route
      // calls): the audit log has it as `ok`, and the step counts as done.
      applied.push(step.title);
      adoptIgnoredDryRun(ctx, step, answer);
    } catch (e) {
      if (ctx.deps.signal?.aborted) throw e;
      const verdict = classify(ctx, step, e, placeholder);
      await ctx.calls.check(step, checked, verdict, checkDetails(verdict, e, placeholder));
      if (verdict === 'refused') {
        let error = ctx.calls.explainFailure(step, e, true);
        if (applied.length > 0) {
          error = { ...error, fix: error.fix.replace('Nothing was changed', `Nothing else was changed (the endpoint ignored DryRun for: ${applied.join('; ')})`) };
        }
        firstError ??= error;
        state.setStep(step.id, { dryRun: 'refused', error });
      } else {
        state.setStep(step.id, { dryRun: verdict });
      }
    }
  }
  return firstError;
}
