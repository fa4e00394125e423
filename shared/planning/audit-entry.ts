/** One line of the audit log as the API shows it: the call, where it ran, and its outcome. The
 * planning layer's audit filters and the Node side's audit log build on it; the API's
 * `auditAppended` event carries it. */

/**
 * What one line of the audit log says about its call.
 *
 * A mutating call writes `intent` (flushed to disk) before it is sent and `ok` or `error` once AWS
 * answered. A call with an intent and no answer (the app stopped, or the answer was lost) is
 * marked `interrupted`: its outcome is unknown until a resume asks AWS, which writes
 * `went-through` or `did-not-happen`. A plan's checks before it runs (DryRuns) change nothing:
 * each writes one `dry-run` line with its `check` verdict, never an error (or `ok` when an endpoint
 * ignored DryRun and made the change).
 */
export type AuditOutcome = 'intent' | 'ok' | 'error' | 'dry-run' | 'interrupted' | 'went-through' | 'did-not-happen';

/** Every outcome, in the order a call goes through them. */
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['intent', 'ok', 'error', 'dry-run', 'interrupted', 'went-through', 'did-not-happen'];

/** What a check (a DryRun before a run) found; only `refused` stops the run. */
export type CheckVerdict = 'would-succeed' | 'already-done' | 'checked-later' | 'refused';

/** One mutating AWS call, or the check of one, as written to the audit log (never a secret). */
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
  /** Set on `dry-run` lines: what the check found. */
  readonly check?: CheckVerdict;
}

/** True when `entry` is a check that changed nothing: a `dry-run` line, or an older line that recorded a DryRun's answer as an error. */
export function isCheckEntry(entry: Pick<AuditEntry, 'outcome' | 'parameters'>): boolean {
  return entry.outcome === 'dry-run' || (entry.outcome === 'error' && entry.parameters.DryRun === true);
}
