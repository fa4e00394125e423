/** A saved discovery result: the topology plus what was and was not scanned. */
import type { AccountId, Region } from './ids';
import type { Organization } from './organization';
import type { Topology } from './topology';
import { TOPOLOGY_SCHEMA_VERSION } from './topology';

/** How one profile × region cell of a scan ended. */
export interface RegionCoverage {
  readonly profile: string;
  /** Known once the profile's identity resolved. */
  readonly accountId?: AccountId;
  /** `*` when the profile failed before any region was known (e.g. bad credentials). */
  readonly region: Region | '*';
  readonly state: 'complete' | 'failed' | 'cancelled';
  /** AWS error code (`AuthFailure`, `OptInRequired`, `RequestLimitExceeded`, …) when failed. */
  readonly errorCode?: string;
  /** A sentence saying what went wrong and how to fix it. */
  readonly message?: string;
  /** Resource counts when complete. */
  readonly counts?: Readonly<Record<string, number>>;
  /**
   * Kinds a complete cell could not read (their lists hold nothing of this cell), each with the
   * error and what to do: the kinds added after the first snapshot version (network ACLs,
   * gateways, …) do not fail the region they are missing from, so its VPCs still load.
   */
  readonly unread?: readonly UnreadKind[];
  /**
   * Why a failed cell failed, as a kind the UI and CLI can group by (organisation scans:
   * `role-missing`, `scp-denied`, `identity-denied`, `region-disabled`, `sts-region-disabled`,
   * `session-expired`, `throttled`, `unanswered`, `other`).
   */
  readonly cause?: FailureCause;
  /**
   * Set on a failed cell whose data is an earlier scan's, kept because this scan could not read
   * it: the ISO 8601 time of that earlier scan.
   */
  readonly keptFrom?: string;
}

/** Kinds of failure of one account × region cell. */
export const FAILURE_CAUSES = [
  'role-missing',
  'scp-denied',
  'identity-denied',
  'region-disabled',
  'sts-region-disabled',
  'session-expired',
  'throttled',
  'unanswered',
  'other',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

/** A kind one cell could not read. */
export interface UnreadKind {
  /** The kind's key in `Topology` (`networkAcls`, …). */
  readonly kind: string;
  readonly errorCode: string;
  /** A sentence saying what went wrong and how to fix it. */
  readonly message: string;
}

/** A topology as of one scan, with the cells it covers. */
export interface Snapshot {
  readonly schemaVersion: typeof TOPOLOGY_SCHEMA_VERSION;
  /** ISO 8601 time the scan finished. */
  readonly takenAt: string;
  /** Where the data came from: `aws` or `sandbox:<scenario>`. */
  readonly source: string;
  readonly topology: Topology;
  readonly coverage: readonly RegionCoverage[];
  /** The organisation an organisation scan read (absent for profile scans and older snapshots). */
  readonly organization?: Organization;
}

/** Cells of `snapshot` that did not load, so nobody mistakes a failed region for an empty one. */
export function missingCoverage(snapshot: Snapshot): readonly RegionCoverage[] {
  return snapshot.coverage.filter((c) => c.state !== 'complete');
}
