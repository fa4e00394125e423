/** Everything the Node side pushes to the UI, typed per event. */
import type { FailureCause, Snapshot, UnreadKind } from '../model/snapshot';
import type { WorkspaceUpdates } from './dto';
import type { AuditEntry } from '../planning/audit-entry';
import type { PlanRun } from '../planning/plan-run';
import type { ApiError } from '../core/result';

/** The state of one profile × region cell of a discovery run. */
export interface DiscoveryCell {
  readonly profile: string;
  readonly accountId?: string;
  /** `*` for profile-wide steps (identity, region listing). */
  readonly region: string;
  readonly state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  readonly counts?: Readonly<Record<string, number>>;
  /** Kinds a done cell could not read (its region still loaded), as the snapshot's coverage has them. */
  readonly unread?: readonly UnreadKind[];
  readonly errorCode?: string;
  readonly message?: string;
  /** Organisation scans: the account's name and OU path (`Workloads/Production`), and a failed cell's kind of failure. */
  readonly accountName?: string;
  readonly ouPath?: string;
  readonly cause?: FailureCause;
}

/** A discovery run moved forward. */
export interface DiscoveryProgress {
  readonly runId: string;
  readonly cells: readonly DiscoveryCell[];
  readonly finished: boolean;
  /** Set when the run could not start or ended as a whole (no profiles, bad request), with its fix. */
  readonly error?: ApiError;
}

/** Event name → payload. */
export interface PeerscapeEvents {
  discoveryProgressed: DiscoveryProgress;
  /** The workspace's snapshot changed: a region finished, a scan ended, or one was imported. */
  snapshotUpdated: Snapshot;
  auditAppended: AuditEntry;
  /** A plan run moved forward: a step started, finished or failed, or the run waits for the accepter. */
  planProgressed: PlanRun;
  /** Changes shown before a rescan confirmed them came or went; sent before the snapshot that shows them. */
  updatesChanged: WorkspaceUpdates;
}
