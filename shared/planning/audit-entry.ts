/** One line of the audit log as the API shows it: the call, where it ran, and its outcome. The
 * planning layer's audit filters and the Node side's audit log build on it; the API's
 * `auditAppended` event carries it. */

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
