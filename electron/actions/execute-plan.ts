/** Run a plan against AWS: check every step with DryRun first, then run them in order with live
 * progress, stopping at the first failure with what was done and what was not.
 *
 * Every call goes through the discovery helper's credentials (`ProfileAccess`, with the profile's
 * endpoint), SDK clients and call scheduler (retries on throttling). Every mutating call is
 * written ahead to the audit log (`CallJournal`): its intent is on disk before it is sent, its
 * answer after; a call left without an answer is checked in AWS as soon as possible (at once, or
 * when the run resumes after a crash). DryRuns change nothing and get one line.
 *
 * Re-running is harmless: a peering that already exists between the two VPCs is reused, a route
 * that already points at the peering counts as done (one that points elsewhere is a conflict the
 * user decides: replace or skip), a duplicate rule counts as done, and cleanup of something
 * already gone counts as done. A run resumes from its own last state, after `reconcileRun` has
 * asked AWS about the calls its last attempt left without an answer.
 */
import { randomUUID } from 'node:crypto';

import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';

import type { ApiError, Result } from '../../shared/api/result';
import type { PeeringId } from '../../shared/model/ids';
import type { PeeringStatus } from '../../shared/model/topology';
import { buildHandoff } from '../../shared/planning/handoff';
import { nextStep } from '../../shared/planning/next-step';
import type { ConflictDecision, DryRunVerdict, PlanRun, RunOutcome, StepRun } from '../../shared/planning/plan-run';
import { isStepFinished, newRun } from '../../shared/planning/plan-run';
import type { Ec2ActionName, PeeringPlan, PlanStep, StepParams } from '../../shared/planning/plan-types';
import { needsPeeringId, resolvePeeringRef } from '../../shared/planning/plan-types';
import { unresolvedInterrupted, type AuditRecord } from '../../shared/planning/audit-filter';
import { AuditUnavailableError, createCallJournal, type CallJournal, type JournalLog } from '../audit/call-journal';
import { createAwsClients, type AwsClients } from '../aws/aws-clients';
import { messageOf } from '../aws/aws-errors';
import { createCallScheduler, type CallScheduler } from '../aws/call-scheduler';
import { explainCredentialFailure, type ProfileAccess } from '../aws/credentials';
import { actionErrorCode, explainActionFailure, isPeeringNotFound, unwrapCallError } from './action-errors';
import { describePeering, findLivePeering, findRoute, type CallAnswer, type PeeringView } from './ec2-actions';
import { reconcileRun } from './reconcile-run';
import { resolveCall, sendJournaled, type JournaledCallDeps } from './journaled-call';
import { systemClock, waitForAcceptance, type Clock } from './wait-for-acceptance';

/** A syntactically valid peering id for DryRuns of steps whose peering does not exist yet. */
export const DRY_RUN_PEERING_ID = 'pcx-00000000000000000';

/** What a run needs from its host. */
export interface ExecuteDeps {
  /** Credentials and endpoints of a profile (`resolveProfileAccess` of the discovery helper). */
  accessForProfile(profile: string): Promise<Result<ProfileAccess>>;
  /** Where every mutating call is written ahead (the audit log). */
  readonly audit: JournalLog;
  /** The run after each change (phase, step status, handoff). */
  onProgress?(run: PlanRun): void;
  /** Make the run durable; awaited when a step starts and when it ends, so a crash resumes from there. */
  checkpoint?(run: PlanRun): Promise<void>;
  /** Cancels the run between and during calls; the report says what was done. */
  readonly signal?: AbortSignal;
  now?(): Date;
  /** SDK clients (default: a fresh cache closed at the end). */
  readonly clients?: AwsClients;
  /** Retries and throttling buckets (default: one for this run). */
  readonly scheduler?: CallScheduler;
  readonly clock?: Clock;
  /** Waiting for the other side to accept: whether to wait at all, how often to look, how long. */
  readonly acceptance?: { readonly wait?: boolean; readonly pollIntervalMs?: number; readonly timeoutMs?: number };
  /** Waiting for AWS's own transitions (initiating-request, provisioning). */
  readonly settle?: { readonly intervalMs?: number; readonly timeoutMs?: number };
}

/** Options of one run. */
export interface ExecuteOptions {
  readonly runId?: string;
  /** Resume: steps finished in this run stay finished; the rest run again. */
  readonly previous?: PlanRun;
  /** Decisions about conflicting routes, by step id. */
  readonly decisions?: Readonly<Record<string, ConflictDecision>>;
  /** Only check (DryRun): change nothing. */
  readonly dryRunOnly?: boolean;
}

/** Default wait for the other side: look every 15 s for 10 minutes, then leave the run resumable. */
export const DEFAULT_ACCEPTANCE = { pollIntervalMs: 15_000, timeoutMs: 10 * 60_000 } as const;
const DEFAULT_SETTLE = { intervalMs: 1_000, timeoutMs: 60_000 } as const;

interface Identity {
  readonly arn?: string;
  readonly account?: string;
}

type StepResult = Pick<StepRun, 'status' | 'message' | 'error' | 'conflict' | 'requestId'> & { readonly stop?: boolean };

const STATE_CODES = new Set(['OperationNotPermitted', 'InvalidStateTransition', 'IncorrectState']);

class Runner {
  run: PlanRun;
  private peeringId: PeeringId | undefined;
  private peeringStatus: PeeringStatus | undefined;
  private readonly access = new Map<string, ProfileAccess>();
  private readonly identity = new Map<string, Identity>();
  private readonly clients: AwsClients;
  private readonly scheduler: CallScheduler;
  private readonly clock: Clock;
  private readonly journal: CallJournal;

  constructor(
    private readonly plan: PeeringPlan,
    private readonly deps: ExecuteDeps,
    private readonly opts: ExecuteOptions,
  ) {
    const started = this.nowIso();
    const prev = opts.previous;
    if (prev) {
      const byId = new Map(prev.steps.map((s) => [s.stepId, s]));
      this.run = {
        runId: prev.runId,
        planId: plan.id,
        phase: 'checking',
        ...(prev.peeringId ?? plan.peeringId ? { peeringId: (prev.peeringId ?? plan.peeringId)! } : {}),
        steps: plan.steps.map((s) => {
          const before = byId.get(s.id);
          if (before && isStepFinished(before.status)) return before;
          // Stays interrupted until the resume has asked AWS about it (reconcile).
          if (before?.status === 'interrupted' || before?.status === 'running') return { stepId: s.id, status: 'interrupted', ...(before.message ? { message: before.message } : {}) };
          return { stepId: s.id, status: s.enabled ? 'pending' : 'disabled' };
        }),
        startedAt: started,
      };
    } else {
      this.run = newRun(plan, opts.runId ?? randomUUID(), started);
    }
    this.peeringId = this.run.peeringId;
    this.clients = deps.clients ?? createAwsClients(8);
    this.scheduler = deps.scheduler ?? createCallScheduler({ maxConcurrentCalls: 8, maxAttempts: 4, callTimeoutMs: 30_000, retryBaseDelayMs: 200 });
    this.clock = deps.clock ?? systemClock;
    this.journal = createCallJournal(deps.audit, () => deps.now?.() ?? new Date());
  }

  close(): void {
    if (!this.deps.clients) this.clients.close();
  }

  private nowIso(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private emit(): void {
    this.deps.onProgress?.(this.run);
  }

  private update(patch: Partial<PlanRun>): void {
    this.run = { ...this.run, ...patch };
    this.emit();
  }

  private setStep(stepId: string, patch: Partial<StepRun>, quiet = false): void {
    this.run = { ...this.run, steps: this.run.steps.map((s) => (s.stepId === stepId ? { ...s, ...patch } : s)) };
    if (!quiet) this.emit();
  }

  private stepRun(stepId: string): StepRun {
    return this.run.steps.find((s) => s.stepId === stepId)!;
  }

  private finish(outcome: RunOutcome, error?: ApiError): PlanRun {
    const steps = this.run.steps.map((s): StepRun => {
      if (outcome === 'dry-run-failed' || outcome === 'dry-run-passed') return s;
      if (s.status === 'running' || (s.status === 'pending' && outcome !== 'completed')) return { ...s, status: 'not-run' };
      return s;
    });
    this.run = {
      ...this.run,
      steps,
      phase: 'finished',
      outcome,
      ...(error ? { error } : {}),
      ...(this.peeringId ? { peeringId: this.peeringId } : {}),
      ...(this.peeringStatus ? { peeringStatus: this.peeringStatus } : {}),
      finishedAt: this.nowIso(),
    };
    this.emit();
    return this.run;
  }

  // ---- calls -------------------------------------------------------------------------------

  private accessOf(profile: string): ProfileAccess {
    const a = this.access.get(profile);
    if (!a) throw new Error(`no access prepared for profile ${profile}`);
    return a;
  }

  /** Run a read (Describe*) under the scheduler; not audited. */
  private read<T>(profile: string, region: string, action: string, fn: (c: ReturnType<AwsClients['ec2']>, signal: AbortSignal) => Promise<T>): Promise<T> {
    const access = this.accessOf(profile);
    const account = this.identity.get(profile)?.account ?? profile;
    return this.scheduler.run(`${account}/${region}/${action}`, (signal) => fn(this.clients.ec2(access, region), signal), this.deps.signal);
  }

  /** What sending a journaled call needs from this run. */
  private callDeps(): JournaledCallDeps {
    return {
      journal: this.journal,
      scheduler: this.scheduler,
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
      ec2: (profile, region) => this.clients.ec2(this.accessOf(profile), region),
      readAs: (profile, region) => (action, fn) => this.read(profile, region, action, fn),
      now: () => this.nowIso(),
    };
  }

  /** Send a mutating call (or its DryRun), written ahead to the audit log (`sendJournaled`). */
  private async mutate(step: PlanStep, action: Ec2ActionName, params: StepParams, dryRun: boolean): Promise<CallAnswer> {
    const profile = step.profile!;
    const callerArn = this.identity.get(profile)?.arn;
    const place = { profile, ...(callerArn ? { callerArn } : {}), accountId: step.accountId, region: step.region, planId: this.plan.id, runId: this.run.runId, stepId: step.id };
    try {
      return await sendJournaled(this.callDeps(), place, action, params, dryRun);
    } catch (e) {
      // Remember which call failed (ReplaceRoute is sent for a CreateRoute step) for the explanation.
      if (e && typeof e === 'object') Object.assign(e, { peerscapeAction: action });
      throw e;
    }
  }

  private fail(step: PlanStep, e: unknown, dryRun = false): ApiError {
    if (e instanceof AuditUnavailableError) {
      return {
        code: 'unavailable',
        message: `${step.title}: ${e.message}`,
        fix: 'Free some space or fix the permissions of the data folder, then resume. Every step before this one is done and recorded.',
      };
    }
    const endpoint = step.profile ? this.access.get(step.profile)?.endpoints.ec2 : undefined;
    const action = (e as { peerscapeAction?: string } | undefined)?.peerscapeAction ?? step.action;
    return explainActionFailure(e, { step, profile: step.profile ?? '?', accountId: step.accountId, region: step.region, action, dryRun, ...(endpoint ? { endpoint } : {}) });
  }

  private params(step: PlanStep, fallbackId?: string): StepParams {
    const id = this.peeringId ?? fallbackId;
    return id ? resolvePeeringRef(step.params, id) : step.params;
  }

  private async view(profile: string, region: string, id: string): Promise<PeeringView | undefined> {
    return this.read(profile, region, 'DescribeVpcPeeringConnections', (c, s) => describePeering(c, id, s));
  }

  /** Poll until `done(view)` or the settle time runs out; returns the last view. */
  private async settle(profile: string, region: string, id: string, done: (v: PeeringView | undefined) => boolean): Promise<PeeringView | undefined> {
    const intervalMs = this.deps.settle?.intervalMs ?? DEFAULT_SETTLE.intervalMs;
    const deadline = this.clock.now() + (this.deps.settle?.timeoutMs ?? DEFAULT_SETTLE.timeoutMs);
    let v = await this.view(profile, region, id);
    while (!done(v) && this.clock.now() < deadline) {
      await this.clock.sleep(intervalMs, this.deps.signal);
      v = await this.view(profile, region, id);
    }
    if (v) this.peeringStatus = v.status;
    return v;
  }

  // ---- preparation ---------------------------------------------------------------------------

  /** Steps that still need work, in plan order. */
  private work(): PlanStep[] {
    return this.plan.steps.filter((s) => {
      const r = this.stepRun(s.id);
      return !isStepFinished(r.status) && (s.enabled || s.kind === 'accept');
    });
  }

  private brokenDependency(): ApiError | undefined {
    const byId = new Map(this.plan.steps.map((s) => [s.id, s]));
    for (const s of this.plan.steps) {
      if (!s.enabled || isStepFinished(this.stepRun(s.id).status)) continue;
      for (const d of s.dependsOn) {
        const dep = byId.get(d);
        if (!dep || dep.enabled || dep.kind === 'accept' || isStepFinished(this.stepRun(d).status)) continue;
        if (dep.kind === 'create' && this.peeringId) continue;
        return {
          code: 'invalid-input',
          message: `"${s.title}" needs "${dep.title}", which is unticked.`,
          fix: `Tick "${dep.title}" again, or untick "${s.title}" too. Nothing was changed.`,
        };
      }
    }
    return undefined;
  }

  /** The profile that can watch the peering's status while the other side accepts. */
  private watcherProfile(): { profile: string; region: string } | undefined {
    if (this.plan.requester.profile) return { profile: this.plan.requester.profile, region: this.plan.requester.region };
    if (this.plan.accepter.profile) return { profile: this.plan.accepter.profile, region: this.plan.accepter.region };
    return undefined;
  }

  private async prepareProfiles(steps: readonly PlanStep[], calls: readonly AuditRecord[] = []): Promise<ApiError | undefined> {
    const wanted = new Map<string, string>(); // profile → account it must act in
    for (const s of steps) if (s.profile && s.enabled) wanted.set(s.profile, s.accountId);
    // Interrupted calls are checked with the profile that sent them.
    for (const c of calls) if (c.accountId && !wanted.has(c.profile)) wanted.set(c.profile, c.accountId);
    const watcher = this.watcherProfile();
    if (watcher && !wanted.has(watcher.profile)) {
      const acct = watcher.profile === this.plan.requester.profile ? this.plan.requester.accountId : this.plan.accepter.accountId;
      wanted.set(watcher.profile, acct);
    }
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

  // ---- resume after an interruption -----------------------------------------------------------

  private async checkpoint(): Promise<void> {
    try {
      await this.deps.checkpoint?.(this.run);
    } catch {
      // The audit log is the record of what AWS did; a run file that could not be written only
      // means a crash now would resume from an earlier step, whose checks find what is done.
    }
  }

  /** Ask AWS about the calls the last attempt left unanswered, and take over what the log says was done. */
  private async reconcile(lines: readonly AuditRecord[]): Promise<ApiError | undefined> {
    const previous = this.opts.previous;
    if (!previous) return undefined;
    let found;
    try {
      found = await reconcileRun({ previous, lines, resolve: (c) => resolveCall(this.callDeps(), c), now: () => this.nowIso() });
    } catch (e) {
      if (this.deps.signal?.aborted) throw e;
      return {
        code: 'unavailable',
        message: `Peerscape could not ask AWS what this run's interrupted calls did: ${messageOf(unwrapCallError(e))}`,
        fix: 'Check the connection and the profile, then resume again. Nothing was sent.',
      };
    }
    if (found.peeringId) this.peeringId = found.peeringId;
    if (found.peeringStatus) this.peeringStatus = found.peeringStatus;
    for (const [stepId, patch] of found.steps) this.setStep(stepId, patch, true);
    for (const s of this.run.steps) {
      if (s.status !== 'interrupted') continue;
      const step = this.plan.steps.find((p) => p.id === s.stepId);
      this.setStep(s.stepId, { status: step?.enabled ? 'pending' : 'disabled', message: 'Peerscape stopped while this step ran, and nothing of it is known to have gone through: it runs again (its checks find anything already in place).' }, true);
    }
    this.update({ ...(this.peeringId ? { peeringId: this.peeringId } : {}), ...(this.peeringStatus ? { peeringStatus: this.peeringStatus } : {}) });
    if (found.steps.size > 0) await this.checkpoint();
    return undefined;
  }

  // ---- dry run -------------------------------------------------------------------------------

  private classifyDryRun(step: PlanStep, e: unknown, placeholder: boolean): DryRunVerdict {
    const code = actionErrorCode(e);
    if (code === 'DryRunOperation') return 'would-succeed';
    if (isPeeringNotFound(code) && (placeholder || step.kind === 'delete' || step.kind === 'accept' || step.kind === 'reject')) return 'checked-later';
    if (STATE_CODES.has(code) && !placeholder) return 'checked-later';
    // Security-group references across a peering resolve only once it is active (VPC Peering
    // Guide, "Update your security groups to reference peer security groups").
    if (step.needsActive && this.peeringStatus !== 'active' && /\.NotFound$/.test(code)) return 'checked-later';
    if (step.kind === 'delete-route' && code === 'InvalidRoute.NotFound') return 'already-done';
    if (step.kind === 'revoke-ingress' && code === 'InvalidPermission.NotFound') return 'already-done';
    if (step.kind === 'create-route' && code === 'RouteAlreadyExists') return 'already-done';
    // One live peering per pair of VPCs: the run reuses it.
    if (step.kind === 'create' && code === 'VpcPeeringConnectionAlreadyExists') return 'already-done';
    if (step.kind === 'authorize-ingress' && code === 'InvalidPermission.Duplicate') return 'already-done';
    return 'refused';
  }

  private async dryRun(steps: readonly PlanStep[]): Promise<ApiError | undefined> {
    this.update({ phase: 'dry-run' });
    let firstError: ApiError | undefined;
    // The id known before the DryRun: a create that an endpoint wrongly ran must not make the
    // later DryRuns real calls too.
    const knownId = this.peeringId;
    const applied: string[] = [];
    for (const step of steps) {
      this.deps.signal?.throwIfAborted();
      if (!step.enabled) continue;
      if (!step.profile) {
        this.setStep(step.id, { dryRun: 'other-side' });
        continue;
      }
      if (step.kind === 'create' && (this.peeringId || (await this.adoptExisting(step)))) {
        this.setStep(step.id, { dryRun: 'already-done' });
        continue;
      }
      const placeholder = !knownId && needsPeeringId(step.params);
      try {
        const params = knownId ? resolvePeeringRef(step.params, knownId) : placeholder ? resolvePeeringRef(step.params, DRY_RUN_PEERING_ID) : step.params;
        const answer = await this.mutate(step, step.action, params, true);
        // AWS always answers a DryRun with an error (DryRunOperation when allowed). A success means
        // the endpoint ignored DryRun and made the change (moto 5.2.1 does for peering and route
        // calls): the audit log has it as `ok`, and the step counts as done.
        applied.push(step.title);
        this.adoptIgnoredDryRun(step, answer);
      } catch (e) {
        if (this.deps.signal?.aborted) throw e;
        const verdict = this.classifyDryRun(step, e, placeholder);
        if (verdict === 'refused') {
          let error = this.fail(step, e, true);
          if (applied.length > 0) {
            error = { ...error, fix: error.fix.replace('Nothing was changed', `Nothing else was changed (the endpoint ignored DryRun for: ${applied.join('; ')})`) };
          }
          firstError ??= error;
          this.setStep(step.id, { dryRun: 'refused', error });
        } else {
          this.setStep(step.id, { dryRun: verdict });
        }
      }
    }
    return firstError;
  }

  private adoptIgnoredDryRun(step: PlanStep, answer: CallAnswer): void {
    const note = 'The endpoint ignored DryRun and made this change during the check (AWS never does); counted as done.';
    if (step.kind === 'create') {
      const pcx = (answer.output.VpcPeeringConnection as { VpcPeeringConnectionId?: string } | undefined)?.VpcPeeringConnectionId;
      if (pcx) {
        this.peeringId = pcx as PeeringId;
        this.run = { ...this.run, peeringId: this.peeringId };
      }
      this.setStep(step.id, { dryRun: 'would-succeed', status: 'done', message: `Created ${pcx ?? 'the peering'}. ${note}`, finishedAt: this.nowIso() });
      return;
    }
    this.setStep(step.id, { dryRun: 'would-succeed', status: 'done', message: note, finishedAt: this.nowIso() });
  }

  // ---- step handlers -------------------------------------------------------------------------

  /** A live peering between the step's VPCs, adopted as this run's (AWS allows one per pair). */
  private async adoptExisting(step: PlanStep): Promise<PeeringView | undefined> {
    const vpcId = String(step.params.VpcId);
    const peerVpcId = String(step.params.PeerVpcId);
    const existing = await this.read(step.profile!, step.region, 'DescribeVpcPeeringConnections', (c, s) => findLivePeering(c, vpcId, peerVpcId, s));
    if (existing) {
      this.peeringId = existing.id as PeeringId;
      this.peeringStatus = existing.status;
      this.update({ peeringId: this.peeringId, peeringStatus: existing.status });
    }
    return existing;
  }

  private async runCreate(step: PlanStep): Promise<StepResult> {
    const profile = step.profile!;
    const vpcId = String(step.params.VpcId);
    const peerVpcId = String(step.params.PeerVpcId);
    if (this.peeringId) return { status: 'already-done', message: `${this.peeringId} from ${vpcId} to ${peerVpcId} already exists: reusing it.` };
    const existing = await this.adoptExisting(step);
    if (existing) return { status: 'already-done', message: `${existing.id} from ${vpcId} to ${peerVpcId} already exists (${existing.status}): reusing it.` };
    let answer: CallAnswer;
    try {
      answer = await this.mutate(step, step.action, step.params, false);
    } catch (e) {
      if (actionErrorCode(e) === 'VpcPeeringConnectionAlreadyExists') {
        const again = await this.read(profile, step.region, 'DescribeVpcPeeringConnections', (c, s) => findLivePeering(c, vpcId, peerVpcId, s));
        if (again) {
          this.peeringId = again.id as PeeringId;
          this.update({ peeringId: this.peeringId, peeringStatus: again.status });
          return { status: 'already-done', message: `${again.id} already exists (${again.status}): reusing it.` };
        }
      }
      throw e;
    }
    const pcx = (answer.output.VpcPeeringConnection as { VpcPeeringConnectionId?: string } | undefined)?.VpcPeeringConnectionId;
    if (!pcx) throw Object.assign(new Error('CreateVpcPeeringConnection answered without a peering id'), { name: 'InvalidResponse' });
    this.peeringId = pcx as PeeringId;
    this.update({ peeringId: this.peeringId });
    // AWS checks the request (overlaps, the peer VPC) while it is initiating-request, then makes it
    // pending-acceptance or failed (VPC peering lifecycle).
    const v = await this.settle(profile, step.region, pcx, (x) => !!x && x.status !== 'initiating-request');
    if (v?.status === 'failed') {
      const n = nextStep('failed', { peeringId: pcx, ...(v.message ? { statusMessage: v.message } : {}), accepterVpcId: peerVpcId });
      return {
        status: 'failed',
        stop: true,
        requestId: answer.requestId ?? '',
        error: { code: 'aws:failed', message: `${step.title}: AWS made ${pcx} fail in account ${step.accountId}, ${step.region}: ${n.meaning}`, fix: n.action },
      };
    }
    return { status: 'done', message: `Created ${pcx} (${v?.status ?? 'requested'}).`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
  }

  private async runAccept(step: PlanStep): Promise<StepResult> {
    const pcx = this.peeringId!;
    const profile = step.profile!;
    let v = await this.settle(profile, step.region, pcx, (x) => !!x && x.status !== 'initiating-request');
    if (!v) {
      return {
        status: 'failed',
        stop: true,
        error: {
          code: 'not-found',
          message: `${step.title}: account ${step.accountId} does not see ${pcx} in ${step.region}.`,
          fix: `Check that the accepter VPC is in ${step.region} and belongs to ${step.accountId}; rescan, then resume.`,
        },
      };
    }
    if (v.status === 'active') return { status: 'already-done', message: `${pcx} is already active.` };
    if (v.status === 'provisioning') {
      v = await this.settle(profile, step.region, pcx, (x) => x?.status === 'active');
      return { status: 'already-done', message: `${pcx} was already accepted (${v?.status ?? 'provisioning'}).` };
    }
    if (v.status !== 'pending-acceptance') return this.finalStatus(step, pcx, v);
    const answer = await this.mutate(step, step.action, this.params(step), false);
    v = await this.settle(profile, step.region, pcx, (x) => x?.status === 'active' || (!!x && !['pending-acceptance', 'provisioning'].includes(x.status)));
    if (v && v.status !== 'active' && v.status !== 'provisioning' && v.status !== 'pending-acceptance') return this.finalStatus(step, pcx, v);
    return { status: 'done', message: `Accepted ${pcx} as account ${step.accountId} in ${step.region} (${v?.status ?? 'accepted'}).`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
  }

  private finalStatus(step: PlanStep, pcx: string, v: PeeringView): StepResult {
    const n = nextStep(v.status, { peeringId: pcx, accepterAccountId: this.plan.accepter.accountId, accepterRegion: this.plan.accepter.region, ...(v.message ? { statusMessage: v.message } : {}) });
    this.peeringStatus = v.status;
    return { status: 'failed', stop: true, error: { code: 'conflict', message: `${step.title}: ${pcx} is ${v.status}. ${n.meaning}`, fix: n.action } };
  }

  private async runRoute(step: PlanStep): Promise<StepResult> {
    const pcx = this.peeringId!;
    const profile = step.profile!;
    const table = String(step.params.RouteTableId);
    const dest = String(step.params.DestinationCidrBlock ?? step.params.DestinationIpv6CidrBlock);
    for (let attempt = 0; attempt < 2; attempt++) {
      const current = await this.read(profile, step.region, 'DescribeRouteTables', (c, s) => findRoute(c, table, dest, s));
      if (current?.target === pcx) return { status: 'already-done', message: `${table} already routes ${dest} to ${pcx}.` };
      if (current) {
        const decision = this.opts.decisions?.[step.id];
        if (decision === 'skip') return { status: 'skipped', message: `Kept ${dest} → ${current.target} in ${table}, as decided.` };
        if (decision === 'replace') {
          const answer = await this.mutate(step, 'ReplaceRoute', this.params(step), false);
          return { status: 'done', message: `Replaced ${dest} → ${current.target} with ${pcx} in ${table}.`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
        }
        return {
          status: 'conflict',
          stop: true,
          conflict: { routeTableId: table, destination: dest, currentTarget: current.target, ...(current.state ? { currentState: current.state } : {}) },
          message: `${table} already routes ${dest} to ${current.target}${current.state === 'blackhole' ? ' (blackhole)' : ''}: replace it with ${pcx}, or skip this route?`,
        };
      }
      try {
        const answer = await this.mutate(step, step.action, this.params(step), false);
        return { status: 'done', message: `Routed ${dest} → ${pcx} in ${table}.`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
      } catch (e) {
        // Someone added the route between our read and our call: look again once.
        if (actionErrorCode(e) !== 'RouteAlreadyExists' || attempt > 0) throw e;
      }
    }
    throw new Error('unreachable');
  }

  private async ensureActive(step: PlanStep): Promise<StepResult | undefined> {
    if (this.peeringStatus === 'active') return undefined;
    const v = await this.settle(step.profile!, step.region, this.peeringId!, (x) => x?.status === 'active' || (!!x && x.status !== 'provisioning'));
    if (v?.status === 'active') return undefined;
    return {
      status: 'failed',
      stop: true,
      error: {
        code: 'conflict',
        message: `${step.title}: AWS allows this only on an active peering, and ${this.peeringId} is ${v?.status ?? 'not visible'} in account ${step.accountId}, ${step.region}.`,
        fix: v?.status === 'pending-acceptance' ? `Have ${this.plan.accepter.accountId} accept it first, then resume.` : 'Rescan and follow the peering\'s checklist.',
      },
    };
  }

  private async runAuthorize(step: PlanStep): Promise<StepResult> {
    if (step.needsActive) {
      const blocked = await this.ensureActive(step);
      if (blocked) return blocked;
    }
    try {
      const answer = await this.mutate(step, step.action, this.params(step), false);
      return { status: 'done', message: `Added the rule to ${String(step.params.GroupId)}.`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidPermission.Duplicate') return { status: 'already-done', message: `${String(step.params.GroupId)} already has the rule.` };
      throw e;
    }
  }

  private async runModify(step: PlanStep): Promise<StepResult> {
    const blocked = await this.ensureActive(step);
    if (blocked) return blocked;
    const answer = await this.mutate(step, step.action, this.params(step), false);
    return { status: 'done', message: `Set the ${step.side} side's DNS option on ${this.peeringId}.`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
  }

  private async runDelete(step: PlanStep): Promise<StepResult> {
    const pcx = String(step.params.VpcPeeringConnectionId);
    const v = await this.view(step.profile!, step.region, pcx);
    if (!v || v.status === 'deleted' || v.status === 'deleting') return { status: 'already-done', message: `${pcx} is already ${v?.status ?? 'gone'}.` };
    if (v.status === 'failed' || v.status === 'rejected' || v.status === 'expired') {
      return { status: 'skipped', message: `${pcx} is ${v.status}: ${nextStep(v.status).meaning}` };
    }
    try {
      const answer = await this.mutate(step, step.action, step.params, false);
      this.peeringStatus = 'deleted';
      return { status: 'done', message: `Deleted ${pcx}.`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
    } catch (e) {
      if (isPeeringNotFound(actionErrorCode(e))) return { status: 'already-done', message: `${pcx} is already gone.` };
      throw e;
    }
  }

  private async runDeleteRoute(step: PlanStep): Promise<StepResult> {
    const table = String(step.params.RouteTableId);
    const dest = String(step.params.DestinationCidrBlock ?? step.params.DestinationIpv6CidrBlock);
    const pcx = String(step.cleanup?.params.VpcPeeringConnectionId ?? this.peeringId);
    const current = await this.read(step.profile!, step.region, 'DescribeRouteTables', (c, s) => findRoute(c, table, dest, s));
    if (!current) return { status: 'already-done', message: `${table} has no route for ${dest} any more.` };
    if (current.target !== pcx) return { status: 'skipped', message: `${dest} in ${table} now points at ${current.target}, not ${pcx}: left alone.` };
    try {
      const answer = await this.mutate(step, step.action, step.params, false);
      return { status: 'done', message: `Removed ${dest} → ${pcx} from ${table}.`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidRoute.NotFound') return { status: 'already-done', message: `${table} has no route for ${dest} any more.` };
      throw e;
    }
  }

  private async runRevoke(step: PlanStep): Promise<StepResult> {
    try {
      const answer = await this.mutate(step, step.action, step.params, false);
      const unknown = answer.output.UnknownIpPermissions;
      if (Array.isArray(unknown) && unknown.length > 0) return { status: 'already-done', message: `${String(step.params.GroupId)} no longer has the rule.` };
      return { status: 'done', message: `Revoked the rule from ${String(step.params.GroupId)}.`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidPermission.NotFound') return { status: 'already-done', message: `${String(step.params.GroupId)} no longer has the rule.` };
      throw e;
    }
  }

  private async runReject(step: PlanStep): Promise<StepResult> {
    const pcx = String(step.params.VpcPeeringConnectionId);
    const v = await this.view(step.profile!, step.region, pcx);
    if (v?.status === 'rejected') return { status: 'already-done', message: `${pcx} is already rejected.` };
    if (!v || v.status !== 'pending-acceptance') {
      const n = v ? nextStep(v.status, { peeringId: pcx }) : undefined;
      return {
        status: 'failed',
        stop: true,
        error: {
          code: 'conflict',
          message: `${step.title}: only a request pending acceptance can be rejected, and ${pcx} is ${v?.status ?? 'not visible'} to account ${step.accountId} in ${step.region}.`,
          fix: n ? n.action : 'Rescan and check the peering id and region.',
        },
      };
    }
    const answer = await this.mutate(step, step.action, step.params, false);
    this.peeringStatus = 'rejected';
    return { status: 'done', message: `Rejected ${pcx}.`, ...(answer.requestId ? { requestId: answer.requestId } : {}) };
  }

  private runStep(step: PlanStep): Promise<StepResult> {
    switch (step.kind) {
      case 'create':
        return this.runCreate(step);
      case 'accept':
        return this.runAccept(step);
      case 'create-route':
        return this.runRoute(step);
      case 'authorize-ingress':
        return this.runAuthorize(step);
      case 'modify-options':
        return this.runModify(step);
      case 'delete':
        return this.runDelete(step);
      case 'delete-route':
        return this.runDeleteRoute(step);
      case 'revoke-ingress':
        return this.runRevoke(step);
      case 'reject':
        return this.runReject(step);
    }
  }

  // ---- the other side ------------------------------------------------------------------------

  /** The plan as the other side sees it: an unticked accept is theirs too. */
  private handoffPlan(): PeeringPlan {
    return {
      ...this.plan,
      steps: this.plan.steps.map((s) => {
        if (s.kind === 'accept' && !s.enabled) {
          const { profile: _p, ...rest } = s;
          return { ...rest, enabled: true };
        }
        return s;
      }),
    };
  }

  private otherSideIds(): string[] {
    return this.plan.steps.filter((s) => (s.enabled && !s.profile) || (s.kind === 'accept' && !s.enabled)).map((s) => s.id);
  }

  /** Acceptance by the other side: hand over what they must do, then watch the status. */
  private async awaitOtherSide(step: PlanStep): Promise<'accepted' | 'stopped'> {
    const pcx = this.peeringId!;
    const handoff = buildHandoff(this.handoffPlan(), pcx, this.otherSideIds());
    const watcher = this.watcherProfile();
    const acceptedMessage = `Account ${step.accountId} accepted ${pcx}.`;
    if (watcher) {
      // They may have accepted already (a resumed run): then there is nothing to wait for.
      const now = await this.view(watcher.profile, watcher.region, pcx).catch(() => undefined);
      if (now?.status === 'provisioning') await this.settle(watcher.profile, watcher.region, pcx, (v) => v?.status !== 'provisioning');
      if (now?.status === 'active' || this.peeringStatus === 'active') {
        this.peeringStatus = 'active';
        this.setStep(step.id, { status: 'done-by-other-side', message: acceptedMessage, finishedAt: this.nowIso() }, true);
        this.update({ peeringStatus: 'active', ...(handoff ? { handoff } : {}) });
        return 'accepted';
      }
    }
    this.setStep(step.id, { status: 'other-side', message: `Waiting for account ${step.accountId} to accept ${pcx} in ${step.region}.` }, true);
    this.update({ phase: 'waiting-for-accepter', ...(handoff ? { handoff } : {}) });
    if (!watcher) return 'stopped';
    // Without waiting, still look once: the other side may have accepted since the last run.
    const wait = this.deps.acceptance?.wait ?? true;
    const result = await waitForAcceptance({
      peeringId: pcx,
      poll: (signal) => this.read(watcher.profile, watcher.region, 'DescribeVpcPeeringConnections', (c, s) => describePeering(c, pcx, signal ?? s)),
      intervalMs: this.deps.acceptance?.pollIntervalMs ?? DEFAULT_ACCEPTANCE.pollIntervalMs,
      timeoutMs: wait ? (this.deps.acceptance?.timeoutMs ?? DEFAULT_ACCEPTANCE.timeoutMs) : 0,
      clock: this.clock,
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
      onPoll: (v) => {
        if (v && v.status !== this.run.peeringStatus) this.update({ peeringStatus: v.status });
      },
    });
    if (result.status) this.peeringStatus = result.status;
    if (result.outcome === 'active') {
      this.setStep(step.id, { status: 'done-by-other-side', message: acceptedMessage, finishedAt: this.nowIso() }, true);
      this.update({ phase: 'running' });
      return 'accepted';
    }
    if (result.next) {
      this.setStep(step.id, {
        status: 'failed',
        error: { code: 'conflict', message: `${pcx} is ${result.status}: ${result.next.meaning}`, fix: result.next.action },
      });
    }
    return 'stopped';
  }

  // ---- the run -------------------------------------------------------------------------------

  async execute(): Promise<PlanRun> {
    this.emit();
    const broken = this.brokenDependency();
    if (broken) return this.finish('failed', broken);
    let lines: AuditRecord[] = [];
    if (this.opts.previous) {
      try {
        lines = await this.journal.linesOfRun(this.run.runId);
      } catch (e) {
        return this.finish('dry-run-failed', {
          code: 'unavailable',
          message: `The audit log ${this.deps.audit.path} cannot be read (${(e as Error).message}), so Peerscape cannot tell what this run already did.`,
          fix: 'Fix the permissions of the data folder, then resume. Nothing was sent.',
        });
      }
    }
    const unanswered = unresolvedInterrupted(lines);
    const prepared = await this.prepareProfiles(this.work(), unanswered);
    if (prepared) return this.finish('dry-run-failed', prepared);
    const unknown = await this.reconcile(lines);
    if (unknown) return this.finish('dry-run-failed', unknown);
    const refused = await this.dryRun(this.work());
    if (refused) return this.finish('dry-run-failed', refused);
    if (this.opts.dryRunOnly) return this.finish('dry-run-passed');

    this.update({ phase: 'running' });
    for (const step of this.plan.steps) {
      if (this.deps.signal?.aborted) return this.finish('cancelled');
      const state = this.stepRun(step.id);
      if (isStepFinished(state.status)) continue;
      const theirs = step.kind === 'accept' && (!step.enabled || !step.profile);
      if (!step.enabled && !theirs) continue;
      if (!step.profile || theirs) {
        if (step.kind === 'accept') {
          if (!this.peeringId) return this.finish('failed', { code: 'invalid-input', message: 'There is no peering to accept yet.', fix: 'Tick the create step, then run again.' });
          const outcome = await this.awaitOtherSide(step);
          if (outcome === 'stopped') {
            const failed = this.stepRun(step.id);
            if (failed.status === 'failed' && failed.error) return this.finish('failed', failed.error);
            if (this.deps.signal?.aborted) return this.finishWaiting(true);
            return this.finishWaiting(false);
          }
          continue;
        }
        this.setStep(step.id, { status: 'other-side', message: `Account ${step.accountId} must do this (no local profile).` });
        continue;
      }
      this.setStep(step.id, { status: 'running' });
      await this.checkpoint();
      let result: StepResult;
      try {
        result = await this.runStep(step);
      } catch (e) {
        if (this.deps.signal?.aborted) {
          this.setStep(step.id, { status: 'pending' }, true);
          return this.finish('cancelled');
        }
        result = { status: 'failed', stop: true, error: this.fail(step, e) };
      }
      const { stop, ...patch } = result;
      this.setStep(step.id, { ...patch, finishedAt: this.nowIso() });
      if (result.status === 'conflict') {
        return this.finish('conflict', {
          code: 'conflict',
          message: result.message ?? `${step.title}: a route for that destination points elsewhere.`,
          fix: 'Choose "Replace" to point it at the peering, or "Skip" to keep it, then resume. The steps before this one are done.',
        });
      }
      if (stop) return this.finish('failed', result.error);
      // A stopped run is saved as it finishes; one that goes on is saved before its next step.
      await this.checkpoint();
    }
    const others = this.run.steps.filter((s) => s.status === 'other-side');
    if (others.length > 0 && this.peeringId) {
      const handoff = this.run.handoff ?? buildHandoff(this.handoffPlan(), this.peeringId, others.map((s) => s.stepId));
      this.run = { ...this.run, ...(handoff ? { handoff } : {}) };
      return this.finish('completed-with-handoff');
    }
    return this.finish('completed');
  }

  private finishWaiting(cancelled: boolean): PlanRun {
    // Steps the other side owns stay theirs; ours that wait on the acceptance stay pending for the resume.
    this.run = {
      ...this.run,
      steps: this.run.steps.map((s) => {
        const step = this.plan.steps.find((p) => p.id === s.stepId)!;
        if (s.status === 'pending' && step.enabled && !step.profile) return { ...s, status: 'other-side' };
        return s;
      }),
    };
    const runOutcome: RunOutcome = cancelled ? 'cancelled' : 'waiting-for-accepter';
    const error: ApiError = {
      code: cancelled ? 'cancelled' : 'unavailable',
      message: `${this.peeringId} is waiting for account ${this.plan.accepter.accountId} to accept it in ${this.plan.accepter.region} (status ${this.peeringStatus ?? 'pending-acceptance'}).`,
      fix: 'Send them the steps below; resume the run once they have accepted (Peerscape continues with the remaining steps).',
    };
    return this.finishKeepingPending(runOutcome, error);
  }

  private finishKeepingPending(outcome: RunOutcome, error: ApiError): PlanRun {
    this.run = {
      ...this.run,
      phase: 'finished',
      outcome,
      error,
      ...(this.peeringId ? { peeringId: this.peeringId } : {}),
      ...(this.peeringStatus ? { peeringStatus: this.peeringStatus } : {}),
      finishedAt: this.nowIso(),
    };
    this.emit();
    return this.run;
  }
}

/**
 * Run `plan`: prepare each profile (credentials and identity, which must match the step's
 * account), DryRun every step that still needs work, then run them in order. Returns the run,
 * which is also what `opts.previous` takes to resume it.
 */
export async function executePlan(plan: PeeringPlan, deps: ExecuteDeps, opts: ExecuteOptions = {}): Promise<PlanRun> {
  const runner = new Runner(plan, deps, opts);
  try {
    return await runner.execute();
  } catch (e) {
    if (deps.signal?.aborted) {
      const run = runner.run;
      return {
        ...run,
        phase: 'finished',
        outcome: 'cancelled',
        steps: run.steps.map((s) => (s.status === 'running' ? { ...s, status: 'pending' } : s)),
        error: { code: 'cancelled', message: 'The run was cancelled.', fix: 'Resume it to continue from where it stopped; the steps marked done are done.' },
        finishedAt: (deps.now?.() ?? new Date()).toISOString(),
      };
    }
    throw e;
  } finally {
    runner.close();
  }
}
