/** The state of one run of a plan: what was checked, done, skipped, and what is left, step by step.
 *
 * A run is a value the executor updates and pushes as `planProgressed`; the same value is what a
 * resume starts from, so "stop at the first failure, show what was done and what was not, and
 * resume from there" needs nothing else.
 */
import type { ApiError } from '../core/result';
import type { PeeringId } from '../model/ids';
import type { Handoff } from './handoff';
import type { PeeringPlan } from './plan-types';

/** How the DryRun of one step went. */
export type DryRunVerdict =
  /** DryRunOperation: AWS says the call would succeed. */
  | 'would-succeed'
  /** Not sent: the step runs in an account with no local profile. */
  | 'other-side'
  /** The call depends on a peering that does not exist yet, so AWS cannot judge it now. */
  | 'checked-later'
  /** AWS says it is already in place (a route or rule that exists). */
  | 'already-done'
  /** Refused: no permission, bad credentials, or a resource that is gone. */
  | 'refused';

/** Where one step stands. */
export type StepRunStatus =
  | 'pending'
  | 'running'
  /** Changed AWS. */
  | 'done'
  /** Was already in place: nothing changed (idempotent re-run). */
  | 'already-done'
  /** Done by the other account's owner (seen by polling). */
  | 'done-by-other-side'
  /** Unticked by the user. */
  | 'disabled'
  /** Left alone by decision (a conflicting route the user chose to keep) or because it no longer applies. */
  | 'skipped'
  /** Needs the other account's owner (no local profile). */
  | 'other-side'
  /** A route for the destination points elsewhere: the user decides (replace or skip). */
  | 'conflict'
  | 'failed'
  /** Peerscape stopped while this step ran: a resume asks AWS what went through. */
  | 'interrupted'
  /** Not reached because the run stopped earlier. */
  | 'not-run';

/** A route that already exists with another target. */
export interface RouteConflict {
  readonly routeTableId: string;
  readonly destination: string;
  /** What the route points at now (`igw-…`, `pcx-…`, `tgw-…`). */
  readonly currentTarget: string;
  readonly currentState?: string;
}

/** What the user decided about a conflict. */
export type ConflictDecision = 'replace' | 'skip';

/** One step of a run. */
export interface StepRun {
  readonly stepId: string;
  readonly status: StepRunStatus;
  readonly dryRun?: DryRunVerdict;
  /** What happened, in words ("Created route …", "Route already points at pcx-…"). */
  readonly message?: string;
  /** Set when `status` is `failed` (or the DryRun refused). */
  readonly error?: ApiError;
  readonly conflict?: RouteConflict;
  /** AWS request id of the call that changed something (for support cases). */
  readonly requestId?: string;
  readonly finishedAt?: string;
}

/** Where a run is. */
export type RunPhase = 'checking' | 'dry-run' | 'running' | 'waiting-for-accepter' | 'finished';

/** How a run ended (or paused). */
export type RunOutcome =
  /** Every enabled step is done or was already in place. */
  | 'completed'
  /** Everything Peerscape could do is done; the other account's owner has steps left (see `handoff`). */
  | 'completed-with-handoff'
  /** The DryRun refused a step: nothing was changed. */
  | 'dry-run-failed'
  /** Only a DryRun was asked for, and it passed. */
  | 'dry-run-passed'
  /** A step failed; the steps before it are done, the rest are not. */
  | 'failed'
  /** A conflicting route needs a decision; resume with `replace` or `skip`. */
  | 'conflict'
  /** Stopped waiting for the other side to accept (time limit or cancelled); resume later. */
  | 'waiting-for-accepter'
  | 'cancelled'
  /** Peerscape stopped (quit, crash, power cut) during the run; a resume asks AWS what went through, then goes on. */
  | 'interrupted';

/** A run of a plan. */
export interface PlanRun {
  readonly runId: string;
  readonly planId: string;
  readonly phase: RunPhase;
  readonly outcome?: RunOutcome;
  /** Known once the create step ran (or from the plan). */
  readonly peeringId?: PeeringId;
  /** One entry per plan step, in plan order. */
  readonly steps: readonly StepRun[];
  /** What the other account's owner must do (console steps and CLI with ids filled in). */
  readonly handoff?: Handoff;
  /** The failure that stopped the run, naming what, where, and what to do. */
  readonly error?: ApiError;
  /** Status of the peering as last seen. */
  readonly peeringStatus?: string;
  /** The transit gateway attachment an attachment plan made, or acts on (known once its create ran). */
  readonly attachmentId?: string;
  /** Its state as last seen (`pendingAcceptance`, `available`, `deleting` …). */
  readonly attachmentState?: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
}

/** A plan and its run, what the one-click actions (accept, reject, delete) return. */
export interface PlanAndRun {
  readonly plan: PeeringPlan;
  readonly run: PlanRun;
}

/** A run kept in the data folder (`runs/<runId>.json`), as `listRuns` returns it. */
export interface SavedRun {
  readonly plan: PeeringPlan;
  readonly run: PlanRun;
  /** When the run file was last written. */
  readonly savedAt: string;
  /** True while this app is running it (or waiting for the accepter) now. */
  readonly active: boolean;
  /** Calls of this run that the audit log marks interrupted and no resume has checked in AWS yet. */
  readonly unresolvedCalls: number;
}

/** Outcomes after which a run has nothing left to do. */
export const FINISHED_OUTCOMES: readonly RunOutcome[] = ['completed', 'completed-with-handoff', 'dry-run-passed'];

/**
 * True when a run may be resumed: it stopped (failure, conflict, waiting, cancelled), was
 * interrupted, or a resume of it stopped at its checks. A run whose first DryRun refused a step
 * changed nothing and is finished.
 */
export function isRunUnfinished(run: PlanRun): boolean {
  if (run.phase !== 'finished' || run.outcome === undefined) return true;
  if (FINISHED_OUTCOMES.includes(run.outcome)) return false;
  if (run.outcome === 'dry-run-failed') return run.steps.some((s) => isStepFinished(s.status) || s.status === 'interrupted');
  return true;
}

/** A run read back after Peerscape stopped in the middle of it: finished as `interrupted`, its running steps marked so. */
export function asInterrupted(run: PlanRun, at: string): PlanRun {
  if (run.phase === 'finished') return run;
  return {
    ...run,
    phase: 'finished',
    outcome: 'interrupted',
    steps: run.steps.map((s) => (s.status === 'running' ? { ...s, status: 'interrupted', message: 'Peerscape stopped while this step ran.' } : s)),
    error: {
      code: 'unavailable',
      message: 'Peerscape stopped during this run, so some calls may or may not have reached AWS.',
      fix: 'Resume it: Peerscape first asks AWS what went through (nothing is done twice), records it in the audit log, then goes on.',
    },
    finishedAt: at,
  };
}

/** Step statuses that count as finished for dependencies and resume. */
export const FINISHED_STEP_STATUSES: readonly StepRunStatus[] = ['done', 'already-done', 'done-by-other-side', 'skipped'];

/** True when a step in `status` needs no more work. */
export function isStepFinished(status: StepRunStatus): boolean {
  return FINISHED_STEP_STATUSES.includes(status);
}

/** A fresh run: every step pending (or disabled when unticked). */
export function newRun(plan: PeeringPlan, runId: string, startedAt: string): PlanRun {
  return {
    runId,
    planId: plan.id,
    phase: 'checking',
    ...(plan.peeringId ? { peeringId: plan.peeringId } : {}),
    ...(plan.transitGateway?.attachmentId ? { attachmentId: plan.transitGateway.attachmentId } : {}),
    steps: plan.steps.map((s) => ({ stepId: s.id, status: s.enabled ? 'pending' : 'disabled' })),
    startedAt,
  };
}

/** What a run changed and what it did not, in words, for the report after a stop. */
export interface RunSummary {
  readonly changed: readonly string[];
  readonly alreadyInPlace: readonly string[];
  readonly notDone: readonly string[];
  readonly otherSide: readonly string[];
}

/** Sort a run's steps into changed / already in place / not done / the other side's, using the plan's titles. */
export function summariseRun(plan: PeeringPlan, run: PlanRun): RunSummary {
  const title = new Map(plan.steps.map((s) => [s.id, s.title]));
  const pick = (pred: (s: StepRun) => boolean) => run.steps.filter(pred).map((s) => title.get(s.stepId) ?? s.stepId);
  return {
    changed: pick((s) => s.status === 'done'),
    alreadyInPlace: pick((s) => s.status === 'already-done' || s.status === 'done-by-other-side'),
    notDone: pick((s) => ['pending', 'running', 'failed', 'conflict', 'interrupted', 'not-run'].includes(s.status)),
    otherSide: pick((s) => s.status === 'other-side'),
  };
}
