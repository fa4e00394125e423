/** The state of one run: its steps and phase, the peering it made or acts on, and each change
 * reported (`onProgress`) and saved (`checkpoint`).
 */
import type { ApiError } from '../../../shared/core/result';
import type { PeeringId } from '../../../shared/model/ids';
import type { PeeringStatus } from '../../../shared/model/topology';
import type { PlanRun, RunOutcome, StepRun } from '../../../shared/planning/plan-run';
import { resolveStepCall } from '../../../shared/planning/plan-types';
import type { Ec2ActionName, StepCallOf } from '../../../shared/planning/step-params';
import type { ExecuteDeps } from './run-context';

/** One run's state. Every change that the UI shows goes through `update` or `setStep`. */
export class RunState {
  /** The peering the run made, adopted or acts on (also in `run` once reported). */
  peeringId: PeeringId | undefined;
  /** Its last status seen in AWS. */
  peeringStatus: PeeringStatus | undefined;
  /** The transit gateway attachment the run made, adopted or acts on (also in `run` once reported). */
  attachmentId: string | undefined;

  constructor(
    public run: PlanRun,
    private readonly deps: Pick<ExecuteDeps, 'onProgress' | 'checkpoint' | 'now'>,
  ) {
    this.peeringId = run.peeringId;
    this.attachmentId = run.attachmentId;
  }

  nowIso(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  emit(): void {
    this.deps.onProgress?.(this.run);
  }

  update(patch: Partial<PlanRun>): void {
    this.run = { ...this.run, ...patch };
    this.emit();
  }

  /** Change one step; `quiet` leaves the report to the next change. */
  setStep(stepId: string, patch: Partial<StepRun>, quiet = false): void {
    this.run = { ...this.run, steps: this.run.steps.map((s) => (s.stepId === stepId ? { ...s, ...patch } : s)) };
    if (!quiet) this.emit();
  }

  stepRun(stepId: string): StepRun {
    return this.run.steps.find((s) => s.stepId === stepId)!;
  }

  /** Take `id` as the run's peering and report it (with its status when known). */
  adoptPeering(id: string, status?: PeeringStatus): void {
    this.peeringId = id as PeeringId;
    if (status) this.peeringStatus = status;
    this.update({ peeringId: this.peeringId, ...(status ? { peeringStatus: status } : {}) });
  }

  /** Take `id` as the run's transit gateway attachment and report it (with its state when known). */
  adoptAttachment(id: string, state?: string): void {
    this.attachmentId = id;
    this.update({ attachmentId: id, ...(state ? { attachmentState: state } : {}) });
  }

  /** The call with the peering's and the attachment's ids filled in, once the run knows them. */
  resolved<A extends Ec2ActionName>(call: StepCallOf<A>): StepCallOf<A> {
    return resolveStepCall(call, this.peeringId, this.attachmentId);
  }

  /** Make the run durable. A run file that could not be written is not the run's failure. */
  async checkpoint(): Promise<void> {
    try {
      await this.deps.checkpoint?.(this.run);
    } catch {
      // The audit log is the record of what AWS did; a run file that could not be written only
      // means a crash now would resume from an earlier step, whose checks find what is done.
    }
  }

  /** End the run: steps still running, or pending when it did not complete, did not run. */
  finish(outcome: RunOutcome, error?: ApiError): PlanRun {
    const steps = this.run.steps.map((s): StepRun => {
      if (outcome === 'dry-run-failed' || outcome === 'dry-run-passed') return s;
      if (s.status === 'running' || (s.status === 'pending' && outcome !== 'completed')) return { ...s, status: 'not-run' };
      return s;
    });
    this.run = { ...this.run, steps };
    return this.finishKeepingPending(outcome, error);
  }

  /** End the run leaving its steps as they are (a run that waits keeps its pending steps for the resume). */
  finishKeepingPending(outcome: RunOutcome, error?: ApiError): PlanRun {
    this.run = {
      ...this.run,
      phase: 'finished',
      outcome,
      ...(error ? { error } : {}),
      ...(this.peeringId ? { peeringId: this.peeringId } : {}),
      ...(this.peeringStatus ? { peeringStatus: this.peeringStatus } : {}),
      ...(this.attachmentId ? { attachmentId: this.attachmentId } : {}),
      finishedAt: this.nowIso(),
    };
    this.emit();
    return this.run;
  }
}
