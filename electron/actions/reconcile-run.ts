/** Before a run resumes: what of it already happened, from the audit log and from AWS.
 *
 * Two sources, in this order:
 * 1. Calls of the run the log marks interrupted (sent, or about to be, with no answer recorded)
 *    are checked in AWS (`recogniseCall`) and resolved in the log: `went-through` or
 *    `did-not-happen`. A step whose call went through counts as done.
 * 2. A step the run file shows as interrupted mid-step, whose last call the log records as `ok`
 *    (the answer was written, the run file not yet), counts as done too.
 * Every other unfinished step runs again, and its own checks (one live peering per pair of VPCs, a
 * route that already points at the peering, a duplicate rule) keep it from doing anything twice.
 */
import type { PeeringId } from '../../shared/model/ids';
import type { PeeringStatus } from '../../shared/model/topology';
import type { AuditRecord } from '../../shared/planning/audit-filter';
import { unresolvedInterrupted } from '../../shared/planning/audit-filter';
import type { PlanRun, StepRun } from '../../shared/planning/plan-run';
import { isStepFinished } from '../../shared/planning/plan-run';
import type { Recognition } from './recognise-call';

/** What the resume starts from. */
export interface Reconciled {
  /** Steps found done, by step id. */
  readonly steps: ReadonlyMap<string, Pick<StepRun, 'status' | 'message' | 'finishedAt' | 'requestId'>>;
  readonly peeringId?: PeeringId;
  readonly peeringStatus?: PeeringStatus;
  /** The transit gateway attachment an interrupted create made. */
  readonly attachmentId?: string;
  /** How many interrupted calls were checked in AWS. */
  readonly checked: number;
}

/** What reconciling needs from the executor. */
export interface ReconcileDeps {
  /** The run as it was when it stopped. */
  readonly previous: PlanRun;
  /** Every line the audit log holds for the run, in file order. */
  readonly lines: readonly AuditRecord[];
  /** Ask AWS about an interrupted call and write its resolution to the log. */
  resolve(call: AuditRecord): Promise<Recognition>;
  readonly now: () => string;
}

const STOPPED_MID_STEP = new Set<StepRun['status']>(['running', 'interrupted']);

/** The last line of a step that says how its call ended (DryRuns and intents aside). */
function lastAnswer(lines: readonly AuditRecord[], stepId: string): AuditRecord | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.stepId !== stepId || l.outcome === 'intent' || l.outcome === 'dry-run' || l.parameters.DryRun === true) continue;
    return l;
  }
  return undefined;
}

/** Check the run's interrupted calls in AWS, then read what the log says of the steps it stopped in. */
export async function reconcileRun(deps: ReconcileDeps): Promise<Reconciled> {
  const before = new Map(deps.previous.steps.map((s) => [s.stepId, s]));
  const steps = new Map<string, Pick<StepRun, 'status' | 'message' | 'finishedAt' | 'requestId'>>();
  let peeringId: PeeringId | undefined;
  let peeringStatus: PeeringStatus | undefined;
  let attachmentId: string | undefined;
  const open = (stepId: string | undefined): stepId is string => !!stepId && !steps.has(stepId) && !isStepFinished(before.get(stepId)?.status ?? 'pending');

  const interrupted = unresolvedInterrupted(deps.lines);
  for (const call of interrupted) {
    const found = await deps.resolve(call);
    if (found.outcome !== 'went-through') continue;
    if (call.action === 'CreateVpcPeeringConnection' && found.created?.[0]) peeringId = found.created[0] as PeeringId;
    if (call.action === 'CreateTransitGatewayVpcAttachment' && found.created?.[0]) attachmentId = found.created[0];
    if (found.peering) peeringStatus = found.peering.status;
    if (open(call.stepId)) {
      steps.set(call.stepId, { status: 'done', message: `${call.action} went through before Peerscape stopped. ${found.message}`, finishedAt: deps.now() });
    }
  }

  for (const s of deps.previous.steps) {
    if (!STOPPED_MID_STEP.has(s.status) || !open(s.stepId)) continue;
    const last = lastAnswer(deps.lines, s.stepId);
    if (last?.outcome !== 'ok') continue;
    if (last.action === 'CreateVpcPeeringConnection' && last.created?.[0]) peeringId = last.created[0] as PeeringId;
    if (last.action === 'CreateTransitGatewayVpcAttachment' && last.created?.[0]) attachmentId = last.created[0];
    steps.set(s.stepId, {
      status: 'done',
      message: `${last.action} went through before Peerscape stopped (the audit log has AWS's answer${last.created?.length ? `: ${last.created.join(', ')}` : ''}).`,
      finishedAt: deps.now(),
      ...(last.requestId ? { requestId: last.requestId } : {}),
    });
  }
  return { steps, ...(peeringId ? { peeringId } : {}), ...(peeringStatus ? { peeringStatus } : {}), ...(attachmentId ? { attachmentId } : {}), checked: interrupted.length };
}
