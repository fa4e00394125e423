/** The peering actions as API methods: one function per method, parsed input in, `Result` out.
 *
 * Plans are made from the latest discovered topology (`loadTopology`), kept by id, and run with
 * `executePlan`; a run that waits for another account to accept goes on in the background (its
 * progress arrives as `planProgressed`) and this returns as soon as it is waiting, so the UI can
 * show what the other side must do. Wiring each method into `createMainApi` is one line.
 *
 * The runs themselves (saved after each step, read back when the service starts, resumed,
 * cancelled, listed, discarded) are `plan-runs.ts`'s.
 *
 * `createMainApi` exposes each method as is (inputs: shared/planning/action-inputs.ts), pushes
 * `planProgressed` and `auditAppended`, and rescans when a run changed AWS. Keep `loadTopology` returning the same object while the snapshot is unchanged: checklists
 * cache their route analysis per topology object.
 */
import { randomUUID } from 'node:crypto';

import type { AuditEntry } from '../../shared/planning/audit-entry';
import { fail, ok, type Result } from '../../shared/core/result';
import type { Topology } from '../../shared/model/topology';
import type {
  AcceptPeeringInput,
  DeletePeeringInput,
  ExportAuditInput,
  ListAuditInput,
  PeeringChecklistInput,
  PlanCompletionInput,
  PlanPathFixInput,
  PlanAttachmentDeletionInput,
  PlanAttachmentInput,
  PlanDeletionInput,
  PlanPeeringInput,
  PlanRejectionInput,
  PlanRunInput,
  RejectPeeringInput,
  ResumePlanInput,
  RunIdInput,
  StaleScopeInput,
} from '../../shared/planning/action-inputs';
import type { StaleLeftovers } from '../../shared/analysis/stale-rules';
import { planStaleCleanup } from '../../shared/planning/plan-stale-cleanup';
import { peeringChecklist, type PeeringChecklist } from '../../shared/planning/peering-checklist';
import { planToCliCommands, planToCliScript, type PlanCli } from '../../shared/planning/plan-cli';
import { planCompletion } from '../../shared/planning/plan-completion';
import { pathFixAnswer, planPathFix, type PathFixAnswer } from '../../shared/planning/plan-path-fix';
import { planDeletion, planRejection } from '../../shared/planning/plan-deletion';
import { planPeering } from '../../shared/planning/plan-peering';
import { planAttachment, planAttachmentDeletion } from '../../shared/planning/plan-attachment';
import type { PlanAndRun, PlanRun, SavedRun } from '../../shared/planning/plan-run';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import { profilesFromTopology, withDisabledSteps } from '../../shared/planning/plan-types';
import type { AuditExport, AuditPage } from '../../shared/planning/audit-filter';
import { createAuditLog, type AuditLog } from '../audit/audit-log';
import { resolveProfileAccess, type Env } from '../aws/credentials';
import { createPlanRuns, type PlanRunsDeps } from './plan-runs';
import { withLiveDnsAttributes } from './live-vpc-dns';
import { readStaleLeftovers } from './stale-leftovers';

/** What the service needs from its host (`createMainApi`'s deps). */
export interface ActionsServiceDeps extends PlanRunsDeps {
  /** The latest discovered topology (the workspace snapshot), or undefined before the first scan. */
  loadTopology(): Promise<Topology | undefined>;
  /** Push `auditAppended` (each mutating call). */
  auditAppended(entry: AuditEntry): void;
}

/** One function per API method. */
export interface ActionsService {
  planPeering(input: PlanPeeringInput): Promise<Result<PeeringPlan>>;
  planDeletion(input: PlanDeletionInput): Promise<Result<PeeringPlan>>;
  planAttachment(input: PlanAttachmentInput): Promise<Result<PeeringPlan>>;
  planAttachmentDeletion(input: PlanAttachmentDeletionInput): Promise<Result<PeeringPlan>>;
  planRejection(input: PlanRejectionInput): Promise<Result<PeeringPlan>>;
  planCompletion(input: PlanCompletionInput): Promise<Result<PeeringPlan>>;
  /** The changes that let a blocked pair talk, as a stored plan (or that nothing is missing). */
  planPathFix(input: PlanPathFixInput): Promise<Result<PathFixAnswer>>;
  getPeeringChecklist(input: PeeringChecklistInput): Promise<Result<PeeringChecklist>>;
  getStaleLeftovers(input: StaleScopeInput): Promise<Result<StaleLeftovers>>;
  planStaleCleanup(input: StaleScopeInput): Promise<Result<PeeringPlan>>;
  getPlanCli(input: PlanRunInput): Promise<Result<PlanCli>>;
  dryRunPlan(input: PlanRunInput): Promise<Result<PlanRun>>;
  runPlan(input: PlanRunInput): Promise<Result<PlanRun>>;
  resumePlan(input: ResumePlanInput): Promise<Result<PlanRun>>;
  cancelPlanRun(input: RunIdInput): Promise<Result<{ cancelled: boolean }>>;
  getPlanRun(input: RunIdInput): Promise<Result<PlanRun>>;
  /** Runs that can still be resumed (interrupted, stopped, waiting), newest first. */
  listRuns(): Promise<Result<readonly SavedRun[]>>;
  /** Forget a run that will not be resumed (its file goes; the audit log keeps its calls). */
  discardRun(input: RunIdInput): Promise<Result<{ discarded: boolean }>>;
  acceptPeering(input: AcceptPeeringInput): Promise<Result<PlanAndRun>>;
  rejectPeering(input: RejectPeeringInput): Promise<Result<PlanAndRun>>;
  deletePeering(input: DeletePeeringInput): Promise<Result<PlanAndRun>>;
  listAudit(input: ListAuditInput): Promise<Result<AuditPage>>;
  exportAudit(input: ExportAuditInput): Promise<Result<AuditExport>>;
  /** Cancel every run (app quit). */
  dispose(): void;
}

const MAX_PLANS = 200;

/** Build the service. */
export function createActionsService(deps: ActionsServiceDeps): ActionsService {
  const audit: AuditLog = createAuditLog({ dataDir: deps.dataDir, emit: deps.auditAppended, now: deps.now });
  const runs = createPlanRuns(deps, audit);
  const plans = new Map<string, PeeringPlan>();
  const env = (): Env => (typeof deps.env === 'function' ? deps.env() : deps.env);

  async function topology(): Promise<Result<Topology>> {
    const t = await deps.loadTopology();
    return t ? ok(t) : fail('not-found', 'There is no scan yet, so there is nothing to plan from.', 'Refresh (or open the sandbox) to scan your accounts first.');
  }

  function remember(plan: PeeringPlan): PeeringPlan {
    const stored = { ...plan, id: `${plan.purpose}-${randomUUID()}` };
    plans.set(stored.id, stored);
    // Oldest plans go first; runs keep their own copy.
    while (plans.size > MAX_PLANS) plans.delete(plans.keys().next().value as string);
    return stored;
  }

  async function makePlan(build: (t: Topology) => Result<PeeringPlan>): Promise<Result<PeeringPlan>> {
    const t = await topology();
    if (!t.ok) return t;
    const p = build(t.value);
    return p.ok ? ok(remember(p.value)) : p;
  }

  function storedPlan(planId: string, disabled: readonly string[] | undefined): Result<PeeringPlan> {
    const plan = plans.get(planId);
    if (!plan) return fail('not-found', `Plan ${planId} is not known (plans are kept until the app quits).`, 'Make the plan again from the diagram.');
    if (!disabled) return ok(plan);
    const { plan: edited, unknown } = withDisabledSteps(plan, disabled);
    if (unknown.length) return fail('invalid-input', `Plan ${planId} has no step ${unknown.join(', ')}.`, 'Untick steps of this plan only.');
    return ok(edited);
  }

  async function planAndRun(p: Result<PeeringPlan>): Promise<Result<PlanAndRun>> {
    if (!p.ok) return p;
    const r = await runs.run(p.value);
    return r.ok ? ok({ plan: p.value, run: r.value }) : r;
  }

  return {
    async planPeering(input) {
      const t = await topology();
      if (!t.ok) return t;
      const profiles = profilesFromTopology(t.value.accounts);
      // The DNS warning needs both VPCs' DNS attributes, which discovery reads only for peered VPCs.
      const live = await withLiveDnsAttributes(
        t.value,
        [
          { vpcId: input.requesterVpcId, profile: input.requesterProfile },
          { vpcId: input.accepterVpcId, profile: input.accepterProfile },
        ],
        profiles,
        { env: env(), homeDir: deps.homeDir },
      );
      const p = planPeering(live, input, profiles);
      return p.ok ? ok(remember(p.value)) : p;
    },

    async planDeletion({ peeringId, withoutCleanup, staleRoutesOnly }) {
      return makePlan((t) => planDeletion(t, peeringId, profilesFromTopology(t.accounts), { ...(withoutCleanup ? { withoutCleanup } : {}), ...(staleRoutesOnly ? { staleRoutesOnly } : {}) }));
    },

    async planAttachment(input) {
      return makePlan((t) => planAttachment(t, input, profilesFromTopology(t.accounts)));
    },

    async planAttachmentDeletion({ attachmentId, withoutRoutes }) {
      return makePlan((t) => planAttachmentDeletion(t, attachmentId, profilesFromTopology(t.accounts), withoutRoutes ? { withoutRoutes } : {}));
    },

    async planRejection({ peeringId, profile }) {
      return makePlan((t) => planRejection(t, peeringId, profilesFromTopology(t.accounts), profile ? { profile } : {}));
    },

    async planCompletion({ peeringId, ...opts }) {
      return makePlan((t) => planCompletion(t, peeringId, profilesFromTopology(t.accounts), opts));
    },

    async planPathFix({ from, to, protocol, port, sourceSecurityGroupIds, destinationSecurityGroupIds }) {
      const t = await topology();
      if (!t.ok) return t;
      const request = {
        from,
        to,
        ...(protocol ? { protocol } : {}),
        ...(port !== undefined ? { port } : {}),
        ...(sourceSecurityGroupIds ? { sourceSecurityGroupIds } : {}),
        ...(destinationSecurityGroupIds ? { destinationSecurityGroupIds } : {}),
      };
      const fix = planPathFix(t.value, request, profilesFromTopology(t.value.accounts));
      if (!fix.ok) return fix;
      const answer = pathFixAnswer(fix.value);
      return ok(answer.status === 'plan' ? { ...answer, plan: remember(answer.plan) } : answer);
    },

    async getPeeringChecklist({ peeringId }) {
      const t = await topology();
      return t.ok ? peeringChecklist(t.value, peeringId) : t;
    },

    async getStaleLeftovers(scope) {
      const t = await topology();
      return t.ok ? readStaleLeftovers(t.value, scope, { env: env(), homeDir: deps.homeDir }) : t;
    },

    async planStaleCleanup(scope) {
      const t = await topology();
      if (!t.ok) return t;
      // The rules are read again: the plan revokes what AWS reports now, not what a panel showed.
      const leftovers = await readStaleLeftovers(t.value, scope, { env: env(), homeDir: deps.homeDir });
      if (!leftovers.ok) return leftovers;
      const p = planStaleCleanup(t.value, scope, leftovers.value, profilesFromTopology(t.value.accounts));
      return p.ok ? ok(remember(p.value)) : p;
    },

    async getPlanCli({ planId, disabledStepIds }) {
      const p = storedPlan(planId, disabledStepIds);
      if (!p.ok) return p;
      const profiles = [...new Set(p.value.steps.flatMap((s) => (s.profile ? [s.profile] : [])))];
      const access = await resolveProfileAccess(profiles, env(), deps.homeDir);
      const endpointUrls: Record<string, string> = {};
      for (const [name, a] of access) if (a.ok && a.value.endpoints.ec2) endpointUrls[name] = a.value.endpoints.ec2;
      return ok({ commands: planToCliCommands(p.value, { endpointUrls }), script: planToCliScript(p.value, { endpointUrls }) });
    },

    async dryRunPlan({ planId, disabledStepIds }) {
      const p = storedPlan(planId, disabledStepIds);
      if (!p.ok) return p;
      return ok(await runs.dryRun(p.value));
    },

    async runPlan({ planId, disabledStepIds, decisions }) {
      const p = storedPlan(planId, disabledStepIds);
      return p.ok ? runs.run(p.value, decisions) : p;
    },

    resumePlan: (input) => runs.resume(input),
    cancelPlanRun: ({ runId }) => runs.cancel(runId),
    getPlanRun: ({ runId }) => runs.get(runId),
    listRuns: () => runs.list(),
    discardRun: ({ runId }) => runs.discard(runId),

    async acceptPeering({ peeringId, profile }) {
      const t = await topology();
      if (!t.ok) return t;
      // The accept alone: routes are their own step, with their own list of calls.
      const p = planCompletion(t.value, peeringId, profilesFromTopology(t.value.accounts), { accept: true, withoutRoutes: true, ...(profile ? { accepterProfile: profile } : {}) });
      if (p.ok && !p.value.steps.some((s) => s.kind === 'accept' && s.profile)) {
        return fail(
          'unauthorized',
          `No local profile acts in account ${p.value.accepter.accountId}, which must accept ${peeringId}.`,
          'Send its owner the steps from the peering checklist, or add a profile for that account and rescan.',
        );
      }
      return planAndRun(p.ok ? ok(remember(p.value)) : p);
    },

    async rejectPeering({ peeringId, profile }) {
      const t = await topology();
      if (!t.ok) return t;
      const p = planRejection(t.value, peeringId, profilesFromTopology(t.value.accounts), profile ? { profile } : {});
      return planAndRun(p.ok ? ok(remember(p.value)) : p);
    },

    async deletePeering({ peeringId, cleanup, disabledStepIds }) {
      const t = await topology();
      if (!t.ok) return t;
      const p = planDeletion(t.value, peeringId, profilesFromTopology(t.value.accounts), cleanup ? {} : { withoutCleanup: true });
      if (!p.ok) return p;
      const edited = disabledStepIds ? withDisabledSteps(p.value, disabledStepIds).plan : p.value;
      return planAndRun(ok(remember(edited)));
    },

    async listAudit({ filter, limit }) {
      try {
        return ok(await audit.list(filter, limit));
      } catch (e) {
        return fail('unavailable', `The audit log ${audit.path} cannot be read: ${(e as Error).message}`, 'Check the permissions of the data folder.');
      }
    },

    async exportAudit({ filter, format }) {
      try {
        return ok(await audit.exportEntries(filter, format, deps.now()));
      } catch (e) {
        return fail('unavailable', `The audit log ${audit.path} cannot be read: ${(e as Error).message}`, 'Check the permissions of the data folder.');
      }
    },

    dispose() {
      runs.dispose();
    },
  };
}
