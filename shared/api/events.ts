/** Everything the Node side pushes to the UI, typed per event. */
import type { Snapshot } from '../model/snapshot';
import type { PlanRun } from '../planning/plan-run';
import type { ApiError } from './result';

/** The state of one profile × region cell of a discovery run. */
export interface DiscoveryCell {
  readonly profile: string;
  readonly accountId?: string;
  /** `*` for profile-wide steps (identity, region listing). */
  readonly region: string;
  readonly state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  readonly counts?: Readonly<Record<string, number>>;
  readonly errorCode?: string;
  readonly message?: string;
}

/** A discovery run moved forward. */
export interface DiscoveryProgress {
  readonly runId: string;
  readonly cells: readonly DiscoveryCell[];
  readonly finished: boolean;
  /** Set when the run could not start or ended as a whole (no profiles, bad request), with its fix. */
  readonly error?: ApiError;
}

/**
 * What one line of the audit log says about its call.
 *
 * A mutating call writes `intent` (flushed to disk) before it is sent and `ok` or `error` once AWS
 * answered. A call with an intent and no answer (the app stopped, or the answer was lost) is
 * marked `interrupted`: its outcome is unknown until a resume asks AWS, which writes
 * `went-through` or `did-not-happen`. DryRuns change nothing and write only `dry-run` (or `ok`
 * when an endpoint ignored DryRun).
 */
export type AuditOutcome = 'intent' | 'ok' | 'error' | 'dry-run' | 'interrupted' | 'went-through' | 'did-not-happen';

/** Every outcome, in the order a call goes through them. */
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['intent', 'ok', 'error', 'dry-run', 'interrupted', 'went-through', 'did-not-happen'];

/** One mutating AWS call, as written to the audit log (never a secret). */
export interface AuditEntry {
  readonly time: string;
  readonly callerArn?: string;
  readonly profile: string;
  readonly accountId?: string;
  readonly region: string;
  readonly action: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly outcome: AuditOutcome;
  readonly errorCode?: string;
}

/** Event name → payload. */
export interface PeerscapeEvents {
  discoveryProgressed: DiscoveryProgress;
  /** The workspace's snapshot changed: a region finished, a scan ended, or one was imported. */
  snapshotUpdated: Snapshot;
  auditAppended: AuditEntry;
  /** A plan run moved forward: a step started, finished or failed, or the run waits for the accepter. */
  planProgressed: PlanRun;
}
