/** What one kind of step does when it runs, and what its DryRun's errors mean. */
import type { PlanStepKind } from '../../../shared/planning/plan-types';
import type { OwnStep, RunContext, StepResult } from '../run/run-context';

/** The handler of steps of kind `K`. */
export interface StepHandler<K extends PlanStepKind> {
  /** Run the step: the reads that make running it again harmless, its call, and what it waits for. */
  run(step: OwnStep<K>, ctx: RunContext): Promise<StepResult>;
  /** Error codes of its DryRun that mean its change is already in place. */
  readonly doneWhenDryRunSays?: readonly string[];
  /** Its DryRun not finding the peering is checked again when it runs (the peering may be gone, or not yet visible to this account). */
  readonly findsPeeringWhenRun?: boolean;
}

/** Its request id, when AWS gave one. */
export function requestIdOf(answer: { readonly requestId?: string }): { requestId?: string } {
  return answer.requestId ? { requestId: answer.requestId } : {};
}
