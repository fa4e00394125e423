/** What a run needs from its host, its options, and what the parts of one run share. */
import type { Result } from '../../../shared/core/result';
import type { ConflictDecision, PlanRun, StepRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan, PlanStep, PlanStepKind } from '../../../shared/planning/plan-types';
import type { JournalLog } from '../../audit/call-journal';
import type { AwsClients } from '../../aws/aws-clients';
import type { CallScheduler } from '../../aws/call-scheduler';
import type { ProfileAccess } from '../../aws/credentials';
import type { Clock } from '../wait-for-acceptance';
import type { PeeringWatch } from './peering-watch';
import type { RunCalls } from './run-calls';
import type { RunState } from './run-state';

/** What a run needs from its host. */
export interface ExecuteDeps {
  /** Credentials and endpoints of a profile (`resolveProfileAccess` of `electron/aws/credentials.ts`). */
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

/** Default wait for AWS's own transitions: look every second for a minute. */
export const DEFAULT_SETTLE = { intervalMs: 1_000, timeoutMs: 60_000 } as const;

/** How a step ended; `stop` ends the run there. */
export type StepResult = Pick<StepRun, 'status' | 'message' | 'error' | 'conflict' | 'requestId'> & { readonly stop?: boolean };

/** A step this run sends itself: one with a local profile. */
export type OwnStep<K extends PlanStepKind = PlanStepKind> = PlanStep<K> & { readonly profile: string };

/** True when the run sends `step` itself: it has a local profile. */
export function isOwnStep<S extends PlanStep>(step: S): step is S & { readonly profile: string } {
  return !!step.profile;
}

/** The parts of one run, as the step handlers, the DryRun, the resume and the hand-off use them. */
export interface RunContext {
  readonly plan: PeeringPlan;
  readonly deps: ExecuteDeps;
  readonly opts: ExecuteOptions;
  /** The run's state: steps, phase, the peering's id and status; every change is reported. */
  readonly state: RunState;
  /** AWS access: profiles, reads, and mutating calls written ahead to the audit log. */
  readonly calls: RunCalls;
  /** The peering's status as AWS shows it, waiting out its transitions. */
  readonly peering: PeeringWatch;
  readonly clock: Clock;
}
