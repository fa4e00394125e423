/** AWS access of one run: each profile's credentials and identity, reads under the call scheduler,
 * and mutating calls written ahead to the audit log (`sendJournaled`).
 *
 * A profile is prepared once per run: its credentials resolve, STS says who it is, and that must
 * be the account its steps run in. Every call after that goes through the run's SDK clients and
 * call scheduler (retries on throttling), and is cancelled with the run.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';

import type { ApiError } from '../../../shared/core/result';
import type { CheckVerdict } from '../../../shared/planning/audit-entry';
import type { AuditRecord } from '../../../shared/planning/audit-filter';
import { isSameCall, stepCall } from '../../../shared/planning/plan-calls';
import type { ConflictDecision } from '../../../shared/planning/plan-run';
import type { PeeringPlan, PlanStep } from '../../../shared/planning/plan-types';
import type { Ec2ActionName, StepCallOf } from '../../../shared/planning/step-params';
import { AuditUnavailableError, createCallJournal, type CallJournal } from '../../audit/call-journal';
import { createAwsClients, type AwsClients } from '../../aws/aws-clients';
import { createCallScheduler, type CallScheduler } from '../../aws/call-scheduler';
import { explainCredentialFailure, type ProfileAccess } from '../../aws/credentials';
import { explainActionFailure, unwrapCallError } from '../action-errors';
import type { CallAnswer } from '../ec2-send';
import { recordCheck, sendJournaled, type CallPlace, type JournaledCallDeps } from '../journaled-call';
import type { ExecuteDeps } from './run-context';
import type { RunState } from './run-state';

interface Identity {
  readonly arn?: string;
  readonly account?: string;
}

/** A call the plan did not list (`planCalls`): it is never sent. */
export class UnlistedCallError extends Error {
  constructor(
    readonly step: PlanStep,
    readonly sent: { readonly action: string; readonly params: unknown },
  ) {
    super(`"${step.title}" tried to send ${sent.action}, which is not the call its plan listed`);
    this.name = 'UnlistedCallError';
  }
}

/** One EC2 client call of a read. */
type Ec2Read<T> = (client: ReturnType<AwsClients['ec2']>, signal: AbortSignal) => Promise<T>;

/** The run's AWS access. `close` when the run ends. */
export class RunCalls {
  private readonly access = new Map<string, ProfileAccess>();
  private readonly identity = new Map<string, Identity>();
  private readonly clients: AwsClients;
  private readonly scheduler: CallScheduler;
  readonly journal: CallJournal;

  constructor(
    private readonly plan: PeeringPlan,
    private readonly state: RunState,
    private readonly deps: ExecuteDeps,
    private readonly decisions: Readonly<Record<string, ConflictDecision>> = {},
  ) {
    this.clients = deps.clients ?? createAwsClients(8);
    this.scheduler = deps.scheduler ?? createCallScheduler({ maxConcurrentCalls: 8, maxAttempts: 4, callTimeoutMs: 30_000, retryBaseDelayMs: 200 });
    this.journal = createCallJournal(deps.audit, () => deps.now?.() ?? new Date());
  }

  close(): void {
    if (!this.deps.clients) this.clients.close();
  }

  private accessOf(profile: string): ProfileAccess {
    const a = this.access.get(profile);
    if (!a) throw new Error(`no access prepared for profile ${profile}`);
    return a;
  }

  /** Run a read (Describe*) under the scheduler; not audited. */
  read<T>(profile: string, region: string, action: string, fn: Ec2Read<T>): Promise<T> {
    const access = this.accessOf(profile);
    const account = this.identity.get(profile)?.account ?? profile;
    return this.scheduler.run(`${account}/${region}/${action}`, (signal) => fn(this.clients.ec2(access, region), signal), this.deps.signal);
  }

  /** What sending a journaled call needs from this run. */
  callDeps(): JournaledCallDeps {
    return {
      journal: this.journal,
      scheduler: this.scheduler,
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
      ec2: (profile, region) => this.clients.ec2(this.accessOf(profile), region),
      readAs: (profile, region) => (action, fn) => this.read(profile, region, action, fn),
      now: () => this.state.nowIso(),
    };
  }

  /**
   * Send a mutating call of `step` (or its DryRun), written ahead to the audit log. A call that is
   * not the one `planCalls` lists for the step (the list the user confirmed) is refused unsent.
   */
  async mutate<A extends Ec2ActionName>(step: PlanStep, call: StepCallOf<A>, dryRun: boolean): Promise<CallAnswer> {
    const listed = this.listedCall(step);
    if (!dryRun && (!listed || !isSameCall(call, listed))) throw new UnlistedCallError(step, call);
    try {
      return await sendJournaled(this.callDeps(), this.placeOf(step), call, dryRun);
    } catch (e) {
      // Remember which call failed (ReplaceRoute is sent for a CreateRoute step) for the explanation.
      if (e && typeof e === 'object') Object.assign(e, { peerscapeAction: call.action });
      throw e;
    }
  }

  /** The call the plan lists for the step with `step`'s id (the plan's own step, ticked), if any. */
  private listedCall(step: PlanStep) {
    const own = this.plan.steps.find((s) => s.id === step.id);
    return own?.enabled ? stepCall(own, this.state.peeringId, this.decisions[own.id], this.state.attachmentId) : undefined;
  }

  /** Record what the check (DryRun) of `step` found: a check, never an error or a change. */
  check(step: PlanStep, call: { readonly action: string; readonly params: object }, verdict: CheckVerdict, details: { readonly errorCode?: string; readonly message: string }): Promise<void> {
    return recordCheck({ journal: this.journal }, this.placeOf(step), call, verdict, details);
  }

  /** Where a call of `step` goes and which run it belongs to (its audit lines' context). */
  private placeOf(step: PlanStep): CallPlace {
    const profile = step.profile!;
    const callerArn = this.identity.get(profile)?.arn;
    return { profile, ...(callerArn ? { callerArn } : {}), accountId: step.accountId, region: step.region, planId: this.plan.id, runId: this.state.run.runId, stepId: step.id };
  }

  /** What a failed call of `step` means, with the account, region and endpoint, and what to do. */
  explainFailure(step: PlanStep, e: unknown, dryRun = false): ApiError {
    if (e instanceof AuditUnavailableError) {
      return {
        code: 'unavailable',
        message: `${step.title}: ${e.message}`,
        fix: 'Free some space or fix the permissions of the data folder, then resume. Every step before this one is done and recorded.',
      };
    }
    if (e instanceof UnlistedCallError) {
      const listed = this.listedCall(step);
      return {
        code: 'internal',
        message: `${step.title}: Peerscape refused to send ${e.sent.action}, which is not the call this step listed${listed ? ` (${listed.action})` : ''}. Nothing was sent for it.`,
        fix: 'This is a fault in Peerscape: make the plan again from the diagram and report it if it repeats. The steps before this one are done.',
      };
    }
    const endpoint = step.profile ? this.access.get(step.profile)?.endpoints.ec2 : undefined;
    const action = (e as { peerscapeAction?: string } | undefined)?.peerscapeAction ?? step.action;
    return explainActionFailure(e, { step, profile: step.profile ?? '?', accountId: step.accountId, region: step.region, action, dryRun, ...(endpoint ? { endpoint } : {}) });
  }

  /**
   * Prepare each profile (profile → the account it must act in): credentials, then STS's answer of
   * who it is, which must be that account. Returns why one cannot be used; nothing is changed.
   */
  async prepareProfiles(wanted: ReadonlyMap<string, string>): Promise<ApiError | undefined> {
    for (const [profile, accountId] of wanted) {
      if (this.access.has(profile)) continue;
      const r = await this.deps.accessForProfile(profile);
      if (!r.ok) return { code: r.error.code, message: `Profile "${profile}" (for account ${accountId}) cannot be used: ${r.error.message}`, fix: `${r.error.fix} Nothing was changed.` };
      this.access.set(profile, r.value);
      try {
        const who = await this.scheduler.run(
          `${accountId}/${r.value.region}/GetCallerIdentity`,
          (signal) => this.clients.sts(r.value, r.value.region).send(new GetCallerIdentityCommand({}), { abortSignal: signal }),
          this.deps.signal,
        );
        this.identity.set(profile, { ...(who.Arn ? { arn: who.Arn } : {}), ...(who.Account ? { account: who.Account } : {}) });
        if (who.Account && who.Account !== accountId) {
          return {
            code: 'unauthorized',
            message: `Profile "${profile}" acts in account ${who.Account} (${who.Arn ?? 'unknown caller'}), but its steps run in account ${accountId}.`,
            fix: `Choose a profile of account ${accountId}, or rescan so Peerscape learns which account each profile belongs to. Nothing was changed.`,
          };
        }
      } catch (e) {
        if (this.deps.signal?.aborted) throw e;
        const f = explainCredentialFailure(r.value, unwrapCallError(e), 30_000);
        return {
          code: `aws:${f.errorCode}`,
          message: `Profile "${profile}" (for account ${accountId}) could not sign in to STS in ${r.value.region}${r.value.endpoints.sts ? ` at ${r.value.endpoints.sts}` : ''}: ${f.message}`,
          fix: 'Fix the profile, then run the plan again. Nothing was changed.',
        };
      }
    }
    return undefined;
  }
}

/**
 * The profiles a run needs, each with the account it must act in: those of the steps that still
 * need work, those that sent the calls to check, and the one that watches for the other side.
 */
export function profilesToPrepare(steps: readonly PlanStep[], calls: readonly AuditRecord[], watcher: { readonly profile: string; readonly accountId: string } | undefined): Map<string, string> {
  const wanted = new Map<string, string>();
  for (const s of steps) if (s.profile && s.enabled) wanted.set(s.profile, s.accountId);
  // Interrupted calls are checked with the profile that sent them.
  for (const c of calls) if (c.accountId && !wanted.has(c.profile)) wanted.set(c.profile, c.accountId);
  if (watcher && !wanted.has(watcher.profile)) wanted.set(watcher.profile, watcher.accountId);
  return wanted;
}
