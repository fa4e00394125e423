/** The plan components' clients over the real actions service, with values passed through
 * structuredClone and inputs parsed by the zod schemas, as IPC and the contract would. */
import type { ActionsService } from '../../../electron/actions/actions-service';
import type { Result } from '../../../shared/core/result';
import {
  exportAuditInput,
  listAuditInput,
  planPeeringInput,
  planRunInput,
  resumePlanInput,
  runIdInput,
} from '../../../shared/planning/action-inputs';
import type { PlanRun } from '../../../shared/planning/plan-run';
import type { AuditClient, PlanActionsClient, SavedRunsClient } from '../../../renderer/panels/plan/plan-client';

function across<T>(p: Promise<Result<T>>): Promise<Result<T>> {
  return p.then((r) => structuredClone(r));
}

/** Listeners of `planProgressed`, fed by the service's deps. */
export class ProgressHub {
  private readonly listeners = new Set<(run: PlanRun) => void>();
  emit = (run: PlanRun): void => {
    const copy = structuredClone(run);
    for (const l of this.listeners) l(copy);
  };
  subscribe = (l: (run: PlanRun) => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
}

/** A `PlanActionsClient` over `service`. */
export function planClientOver(service: ActionsService, hub: ProgressHub): PlanActionsClient {
  return {
    planPeering: (i) => across(service.planPeering(planPeeringInput.parse(i))),
    getPlanCli: (i) => across(service.getPlanCli(planRunInput.parse(i))),
    dryRunPlan: (i) => across(service.dryRunPlan(planRunInput.parse(i))),
    runPlan: (i) => across(service.runPlan(planRunInput.parse(i))),
    resumePlan: (i) => across(service.resumePlan(resumePlanInput.parse(i))),
    cancelPlanRun: (i) => across(service.cancelPlanRun(runIdInput.parse(i))),
    onPlanProgressed: hub.subscribe,
  };
}

/** An `AuditClient` over `service`. */
export function auditClientOver(service: ActionsService): AuditClient {
  return {
    listAudit: (i) => across(service.listAudit(listAuditInput.parse(i))),
    exportAudit: (i) => across(service.exportAudit(exportAuditInput.parse(i))),
  };
}

/** A `SavedRunsClient` over `service`. */
export function savedRunsClientOver(service: ActionsService, hub: ProgressHub): SavedRunsClient {
  return {
    listRuns: () => across(service.listRuns()),
    discardRun: (i) => across(service.discardRun(runIdInput.parse(i))),
    resumePlan: (i) => across(service.resumePlan(resumePlanInput.parse(i))),
    cancelPlanRun: (i) => across(service.cancelPlanRun(runIdInput.parse(i))),
    onPlanProgressed: hub.subscribe,
  };
}
