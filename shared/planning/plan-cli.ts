/** A plan as AWS CLI v2 commands a user can read, paste, or hand to the other account's owner.
 *
 * Flags come from the EC2 parameter names (the CLI kebab-cases them: `PeerVpcId` →
 * `--peer-vpc-id`); structures are passed as JSON, which every CLI structure flag accepts. The
 * new peering's id is captured from the create command with `--query` into `$PCX_ID`, and every
 * later command uses it. Debian's CLI 2.9 ignores `endpoint_url` in profiles (docs/toolchain.md), so
 * commands for profiles with a custom endpoint (sandbox, moto) carry `--endpoint-url`. Commands
 * come from the one builder (`shared/words/aws-cli.ts`), so every value is one shell word, and
 * comments stay one line whatever a name holds.
 */
import { sh, shellComment } from '../export/syntax/shell';
import { awsArgv, ec2Command, placeOptions, shellArgv, ShellVariable, spliceVariable } from '../words/aws-cli';
import { waitForPendingAcceptance } from '../words/peering-wait';
import { waitForAttachmentState } from '../words/tgw-wait';
import type { PeeringPlan, PlanStep } from './plan-types';
import { ATTACHMENT_ID_REF, PEERING_ID_REF } from './plan-types';

/** The shell variable holding the peering id. */
export const PEERING_ID_VAR = 'PCX_ID';

/** The shell variable holding a new transit gateway attachment's id. */
export const ATTACHMENT_ID_VAR = 'TGW_ATTACH_ID';

/** One command of the export. */
export interface CliCommand {
  /** The plan step it performs (`''` for lines that are no step: setting `$PCX_ID` of an existing peering, waiting before the accept). */
  readonly stepId: string;
  /** `# …` line: what it does, and who runs it. */
  readonly comment: string;
  readonly command: string;
}

/** A plan as AWS CLI commands and as one script (what `getPlanCli` returns). */
export interface PlanCli {
  readonly commands: readonly CliCommand[];
  readonly script: string;
}

/** Options of the export. */
export interface PlanCliOptions {
  /** Endpoint per profile (sandbox, moto, LocalStack); adds `--endpoint-url`. */
  readonly endpointUrls?: Readonly<Record<string, string>>;
  /** Include unticked steps too (default: only enabled ones). */
  readonly includeDisabled?: boolean;
  /** Use this id instead of `$PCX_ID` (handoff to the other side once the id is known). */
  readonly peeringId?: string;
  /** Use this id instead of `$TGW_ATTACH_ID` (handoff to the gateway's owner once the id is known). */
  readonly attachmentId?: string;
}

const splicePeeringId = spliceVariable(PEERING_ID_REF, new ShellVariable(PEERING_ID_VAR));
const spliceAttachmentId = spliceVariable(ATTACHMENT_ID_REF, new ShellVariable(ATTACHMENT_ID_VAR));

/** The CLI command of one step (without the `PCX_ID=$(…)` capture). */
export function stepToCliCommand(step: PlanStep, opts: { readonly endpointUrl?: string; readonly peeringId?: string; readonly attachmentId?: string } = {}): string {
  const { peeringId, attachmentId } = opts;
  // Text holding a reference gets the fixed id, or the variable's value spliced in.
  const word = (text: string) => {
    if (text.includes(ATTACHMENT_ID_REF)) return attachmentId ? text.split(ATTACHMENT_ID_REF).join(attachmentId) : spliceAttachmentId(text);
    return peeringId ? text.split(PEERING_ID_REF).join(peeringId) : splicePeeringId(text);
  };
  const command = ec2Command(step.action, step.params, { word });
  return shellArgv(awsArgv(command, { ...(step.profile ? { profile: step.profile } : {}), region: step.region, ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}) }));
}

function commentFor(n: number, step: PlanStep): string {
  const who = step.profile ? `profile ${step.profile}` : `account ${step.accountId}'s owner (no local profile)`;
  return `# ${shellComment(`${n}. ${step.title} [${who}, ${step.region}]`)}`;
}

/** The plan's enabled steps as AWS CLI commands, in order. */
export function planToCliCommands(plan: PeeringPlan, opts: PlanCliOptions = {}): readonly CliCommand[] {
  const steps = plan.steps.filter((s) => s.enabled || opts.includeDisabled);
  const fixedId = opts.peeringId ?? plan.peeringId;
  const out: CliCommand[] = [];
  const createRuns = steps.some((s) => s.kind === 'create');
  const usesRef = steps.some((s) => JSON.stringify(s.params).includes(PEERING_ID_REF));
  if (!createRuns && usesRef && !fixedId) {
    out.push({ stepId: '', comment: '# The id of the existing peering (the create step is unticked)', command: `${PEERING_ID_VAR}=pcx-REPLACE-ME` });
  }
  const fixedAttachment = opts.attachmentId ?? plan.transitGateway?.attachmentId;
  const attachmentCreated = steps.some((s) => s.kind === 'create-tgw-vpc-attachment');
  const usesAttachmentRef = steps.some((s) => JSON.stringify(s.params).includes(ATTACHMENT_ID_REF));
  if (!attachmentCreated && usesAttachmentRef && !fixedAttachment) {
    out.push({ stepId: '', comment: '# The id of the existing attachment (the create step is unticked)', command: `${ATTACHMENT_ID_VAR}=tgw-attach-REPLACE-ME` });
  }
  let waitedAvailable = false;
  steps.forEach((step, i) => {
    const endpointUrl = step.profile ? opts.endpointUrls?.[step.profile] : undefined;
    // A new attachment is accepted once it waits for it, and associated or propagated once it is available.
    if (attachmentCreated && !fixedAttachment) {
      if (step.kind === 'accept-tgw-vpc-attachment') out.push(waitForAttachment(step, endpointUrl, ['pendingAcceptance', 'available']));
      if ((step.kind === 'associate-tgw-route-table' || step.kind === 'enable-tgw-propagation') && !waitedAvailable) {
        waitedAvailable = true;
        out.push(waitForAttachment(step, endpointUrl, ['available']));
      }
    }
    // A request made by this script is accepted only once the accepter's region lists it as pending-acceptance.
    if (step.kind === 'accept' && createRuns && !fixedId) out.push(waitBeforeAccept(step, endpointUrl));
    const base = stepToCliCommand(step, { ...(endpointUrl ? { endpointUrl } : {}), ...(fixedId ? { peeringId: fixedId } : {}), ...(fixedAttachment ? { attachmentId: fixedAttachment } : {}) });
    const command =
      step.kind === 'create' && !fixedId
        ? `${PEERING_ID_VAR}=$(${base} --query VpcPeeringConnection.VpcPeeringConnectionId --output text)`
        : step.kind === 'create-tgw-vpc-attachment' && !fixedAttachment
          ? `${ATTACHMENT_ID_VAR}=$(${base} --query TransitGatewayVpcAttachment.TransitGatewayAttachmentId --output text)`
          : base;
    out.push({ stepId: step.id, comment: commentFor(i + 1, step), command });
  });
  return out;
}

function waitBeforeAccept(step: PlanStep, endpointUrl: string | undefined): CliCommand {
  const place = placeOptions({ ...(step.profile ? { profile: step.profile } : {}), region: step.region, ...(endpointUrl ? { endpointUrl } : {}) });
  const [comment, ...lines] = waitForPendingAcceptance({ peering: new ShellVariable(PEERING_ID_VAR), aws: sh`aws`, place, prefix: 'PCX_' });
  return { stepId: '', comment: comment!, command: lines.join('\n') };
}

function waitForAttachment(step: PlanStep, endpointUrl: string | undefined, states: readonly string[]): CliCommand {
  const place = placeOptions({ ...(step.profile ? { profile: step.profile } : {}), region: step.region, ...(endpointUrl ? { endpointUrl } : {}) });
  const [comment, ...lines] = waitForAttachmentState({ attachment: new ShellVariable(ATTACHMENT_ID_VAR), states, aws: sh`aws`, place, prefix: 'TGW_' });
  return { stepId: '', comment: comment!, command: lines.join('\n') };
}

/** The commands as one POSIX shell script (stops at the first failing command). */
export function planToCliScript(plan: PeeringPlan, opts: PlanCliOptions = {}): string {
  const lines = ['#!/bin/sh', `# ${shellComment(plan.title)}`, '# Generated by Peerscape. Stops at the first failing command (set -e).', 'set -e', ''];
  for (const c of planToCliCommands(plan, opts)) lines.push(c.comment, c.command, '');
  return lines.join('\n');
}
