/** The audit log as a write-ahead journal of calls, the way the executor uses it.
 *
 * `begin` writes a call's intent and returns once it is on disk; only then may the call be sent.
 * Its answer is written after: `ok` (request id, what it created), `error` (AWS answered with an
 * error: nothing changed), or `interrupted` when no answer came (connection lost, timeout,
 * cancelled mid-call), whose outcome only AWS knows. A resume asks AWS about every interrupted
 * call of its run and writes `went-through` or `did-not-happen` with the same call id.
 */
import { randomUUID } from 'node:crypto';

import type { AuditRecord } from '../../shared/planning/audit-filter';
import type { AuditLog } from './audit-log';

/** The log operations the journal needs (an `AuditLog` has them). */
export type JournalLog = Pick<AuditLog, 'append' | 'unresolved' | 'linesOfRun' | 'path'>;

/** A call whose intent is on disk. */
export interface JournalCall {
  readonly callId: string;
  /** AWS answered with success. */
  ok(answer: { readonly requestId?: string; readonly created?: readonly string[] }): Promise<void>;
  /** AWS answered with an error: nothing changed. */
  failed(errorCode: string, message: string): Promise<void>;
  /** No answer came: the call may or may not have gone through. */
  unanswered(errorCode: string, message: string): Promise<void>;
}

/** The intent could not be written, so the call was not sent. */
export class AuditUnavailableError extends Error {
  constructor(
    readonly logPath: string,
    cause: unknown,
  ) {
    super(`The audit log ${logPath} cannot be written (${(cause as Error)?.message ?? String(cause)}), so the call was not sent.`, { cause });
    this.name = 'AuditUnavailableError';
  }
}

/** The journal over `log`. */
export interface CallJournal {
  /** A new call id (used in the call's tags before its intent is written). */
  newCallId(): string;
  /** Write and flush the intent; throws `AuditUnavailableError` when it cannot, and the call must not be sent. */
  begin(intent: Omit<AuditRecord, 'outcome' | 'time'> & { readonly callId: string }): Promise<JournalCall>;
  /** One line for a call that changes nothing (a DryRun); a failed write is not an error. */
  record(entry: Omit<AuditRecord, 'time'>): Promise<void>;
  /** Resolve an interrupted call with what AWS shows now. */
  resolve(call: AuditRecord, outcome: 'went-through' | 'did-not-happen', details: { readonly message: string; readonly created?: readonly string[] }): Promise<void>;
  /** Interrupted calls of `runId` that no resume has resolved yet. */
  unresolved(runId: string): Promise<AuditRecord[]>;
  /** Every line of `runId`, in file order. */
  linesOfRun(runId: string): Promise<AuditRecord[]>;
}

/** Build the journal; `now` stamps each line. */
export function createCallJournal(log: JournalLog, now: () => Date): CallJournal {
  const time = () => now().toISOString();
  // An answer that cannot be written leaves the intent unanswered: the next start marks it interrupted.
  const quietly = (p: Promise<unknown>): Promise<void> => p.then(() => undefined, () => undefined);
  return {
    newCallId: () => randomUUID(),
    async begin(intent) {
      const base: AuditRecord = { ...intent, time: time(), outcome: 'intent' };
      try {
        await log.append(base);
      } catch (e) {
        throw new AuditUnavailableError(log.path, e);
      }
      const answer = (extra: Partial<AuditRecord> & Pick<AuditRecord, 'outcome'>) => {
        const { message: _m, ...rest } = base;
        return quietly(log.append({ ...rest, time: time(), ...extra }));
      };
      return {
        callId: intent.callId,
        ok: ({ requestId, created }) => answer({ outcome: 'ok', ...(requestId ? { requestId } : {}), ...(created?.length ? { created: [...created] } : {}) }),
        failed: (errorCode, message) => answer({ outcome: 'error', errorCode, message }),
        unanswered: (errorCode, message) => answer({ outcome: 'interrupted', errorCode, message: `No answer from AWS (${message}): the call may or may not have gone through. Resume the run to ask AWS.` }),
      };
    },
    record(entry) {
      return quietly(log.append({ ...entry, time: time() } as AuditRecord));
    },
    async resolve(call, outcome, { message, created }) {
      const { errorCode: _e, requestId: _r, created: _c, ...rest } = call;
      await quietly(log.append({ ...rest, time: time(), outcome, message, ...(created?.length ? { created: [...created] } : {}) }));
    },
    unresolved: (runId) => log.unresolved(runId),
    linesOfRun: (runId) => log.linesOfRun(runId),
  };
}
