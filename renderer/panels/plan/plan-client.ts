/** What the plan components need from the API: the peering-action methods and their progress event.
 *
 * The same shapes as the proposed API methods (`shared/planning/action-inputs.ts`), so the app
 * passes its `PeerscapeClient` once they are in the contract:
 * `{ ...client, onPlanProgressed: (l) => client.on('planProgressed', l) }`.
 */
import type { z } from 'zod';

import type { Result } from '../../../shared/core/result';
import type { AuditExport, AuditPage } from '../../../shared/planning/audit-filter';
import type { PeeringChecklist } from '../../../shared/planning/peering-checklist';
import type {
  auditFilterInput,
  exportAuditInput,
  listAuditInput,
  planCompletionInput,
  planPeeringInput,
  planRunInput,
  resumePlanInput,
} from '../../../shared/planning/action-inputs';
import type { PlanCli } from '../../../shared/planning/plan-cli';
import type { PlanRun, SavedRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan } from '../../../shared/planning/plan-types';

/** The request of `planPeering`, as the UI sends it. */
export type PlanPeeringRequest = z.input<typeof planPeeringInput>;
/** A stored plan and the user's edits. */
export type PlanRunRequest = z.input<typeof planRunInput>;
/** The audit filter as the UI sends it. */
export type AuditFilterRequest = z.input<typeof auditFilterInput>;

/** The plan methods and the run progress subscription. */
export interface PlanActionsClient {
  planPeering(input: PlanPeeringRequest): Promise<Result<PeeringPlan>>;
  planCompletion?(input: z.input<typeof planCompletionInput>): Promise<Result<PeeringPlan>>;
  getPlanCli(input: PlanRunRequest): Promise<Result<PlanCli>>;
  dryRunPlan(input: PlanRunRequest): Promise<Result<PlanRun>>;
  runPlan(input: PlanRunRequest): Promise<Result<PlanRun>>;
  resumePlan(input: z.input<typeof resumePlanInput>): Promise<Result<PlanRun>>;
  cancelPlanRun(input: { runId: string }): Promise<Result<{ cancelled: boolean }>>;
  /** Subscribe to `planProgressed`; returns the unsubscribe function. */
  onPlanProgressed(listener: (run: PlanRun) => void): () => void;
}

/** The checklist method. */
export interface ChecklistClient {
  getPeeringChecklist(input: { peeringId: string }): Promise<Result<PeeringChecklist>>;
}

/** The audit methods. */
export interface AuditClient {
  listAudit(input: z.input<typeof listAuditInput>): Promise<Result<AuditPage>>;
  exportAudit(input: z.input<typeof exportAuditInput>): Promise<Result<AuditExport>>;
}

/** The saved runs, for the list of unfinished runs: listing, discarding, and resuming them. */
export interface SavedRunsClient extends Pick<PlanActionsClient, 'resumePlan' | 'cancelPlanRun' | 'onPlanProgressed'> {
  listRuns(input: Record<string, never>): Promise<Result<readonly SavedRun[]>>;
  discardRun(input: { runId: string }): Promise<Result<{ discarded: boolean }>>;
}
