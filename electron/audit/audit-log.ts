/** The audit log: every mutating AWS call Peerscape makes, appended to a JSON-lines file.
 *
 * `audit.jsonl` in the app's data folder, written ahead: a call's intent (time, caller ARN,
 * profile, account, region, action, parameters, run and call ids) is flushed to disk before the
 * call is sent, and its answer (ok with the request id and what it created, or the error code)
 * after. Lines are never rewritten. When the log is opened, a call with an intent and no answer,
 * left by a process that died, gets an `interrupted` line: its outcome is unknown until a resume
 * asks AWS and writes the resolution (`went-through` or `did-not-happen`).
 *
 * A torn last line is skipped on reading (and counted), and the next append starts on a new line.
 * Never a secret: parameters pass through `sanitizeParameters` and messages through discovery's
 * `redact` before they are written.
 */
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import { AUDIT_OUTCOMES, type AuditEntry, type AuditOutcome } from '../../shared/planning/audit-entry';
import {
  auditToCsv,
  danglingIntents,
  foldAuditLines,
  matchesAuditFilter,
  resolutionsOf,
  unresolvedInterrupted,
  type AuditExport,
  type AuditFilter,
  type AuditPage,
  type AuditRecord,
} from '../../shared/planning/audit-filter';
import { redact } from '../aws/aws-errors';
import { appendDurably, endsMidLine, syncFolder } from './durable-file';

export type { AuditExport, AuditPage } from '../../shared/planning/audit-filter';

/** File name of the log inside the data folder. */
export const AUDIT_FILE_NAME = 'audit.jsonl';

/** What an `interrupted` line says. */
export const INTERRUPTED_MESSAGE =
  'Peerscape stopped after writing this call and before recording AWS\'s answer: it may or may not have gone through. Resume its run to ask AWS.';

/** Keys whose values are never written, whatever the call (credentials, tokens, signatures). */
const SECRET_KEY = /secret|password|passphrase|token|credential|authorization|signature|private.?key/i;

/** A copy of `value` with secret-looking keys replaced and access-key-looking text masked. */
export function sanitizeParameters(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(sanitizeParameters);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? '[redacted]' : sanitizeParameters(v);
    return out;
  }
  return value;
}

/** The log of one data folder. */
export interface AuditLog {
  readonly path: string;
  /** Append one entry (sanitised), flushed to disk before the promise resolves, then emit it; appends are written in call order. */
  append(entry: AuditRecord): Promise<AuditRecord>;
  /** Entries passing `filter`, newest first, at most `limit` (default 500). */
  list(filter?: AuditFilter, limit?: number): Promise<AuditPage>;
  /** Every entry passing `filter`, oldest first, as JSON lines or CSV. */
  exportEntries(filter: AuditFilter, format: 'jsonl' | 'csv', now: Date): Promise<AuditExport>;
  /** Every line of one run, in file order (intents included). */
  linesOfRun(runId: string): Promise<AuditRecord[]>;
  /** Interrupted calls no resume has resolved yet, of one run or of all, oldest first. */
  unresolved(runId?: string): Promise<AuditRecord[]>;
  /** Opening: marks calls a dead process left without an answer as interrupted (a line each).
   * Runs once, before anything else this log writes or reads; returns the calls it marked. */
  open(): Promise<readonly AuditRecord[]>;
}

/** What the log needs from its host. */
export interface AuditLogDeps {
  readonly dataDir: string;
  /** Called after each append (the API pushes it as `auditAppended`). */
  readonly emit?: (entry: AuditEntry) => void;
  /** The time of `interrupted` lines (default: now). */
  readonly now?: () => Date;
}

const OUTCOMES: ReadonlySet<string> = new Set<AuditOutcome>(AUDIT_OUTCOMES);

function isRecord(v: unknown): v is AuditRecord {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.time === 'string' &&
    typeof e.profile === 'string' &&
    typeof e.region === 'string' &&
    typeof e.action === 'string' &&
    typeof e.outcome === 'string' &&
    OUTCOMES.has(e.outcome) &&
    typeof e.parameters === 'object' &&
    e.parameters !== null &&
    (e.callId === undefined || typeof e.callId === 'string')
  );
}

function clean(entry: AuditRecord): AuditRecord {
  return {
    ...entry,
    parameters: sanitizeParameters(entry.parameters) as AuditRecord['parameters'],
    ...(entry.message !== undefined ? { message: redact(entry.message) } : {}),
  };
}

/** Open (lazily create) the audit log in `deps.dataDir`. */
export function createAuditLog(deps: AuditLogDeps): AuditLog {
  const path = join(deps.dataDir, AUDIT_FILE_NAME);
  let opened: Promise<readonly AuditRecord[]> | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  let folderSynced = false;

  async function readLines(): Promise<{ lines: AuditRecord[]; skipped: number }> {
    const lines: AuditRecord[] = [];
    let skipped = 0;
    let stream;
    try {
      stream = createReadStream(path, { encoding: 'utf8' });
      const reader = createInterface({ input: stream, crlfDelay: Infinity });
      for await (const line of reader) {
        if (line.trim() === '') continue;
        try {
          const v: unknown = JSON.parse(line);
          if (isRecord(v)) lines.push(v);
          else skipped += 1;
        } catch {
          skipped += 1;
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], skipped: 0 };
      throw e;
    } finally {
      stream?.destroy();
    }
    return { lines, skipped };
  }

  async function writeLine(entry: AuditRecord): Promise<void> {
    await mkdir(deps.dataDir, { recursive: true });
    // A torn last line (a write cut short) stays one unreadable line instead of swallowing this one.
    const mend = (await endsMidLine(path)) ? '\n' : '';
    await appendDurably(path, mend + JSON.stringify(entry) + '\n');
    if (!folderSynced) {
      // The first line of a new file: its name must reach the disk too.
      await syncFolder(deps.dataDir);
      folderSynced = true;
    }
  }

  /** Queue `job` after every earlier write; one failed write must not block the next ones. */
  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = tail.then(job);
    tail = run.catch(() => undefined);
    return run;
  }

  async function recover(): Promise<readonly AuditRecord[]> {
    const { lines } = await readLines();
    const marked: AuditRecord[] = [];
    for (const intent of danglingIntents(lines)) {
      const line: AuditRecord = clean({ ...intent, time: (deps.now?.() ?? new Date()).toISOString(), outcome: 'interrupted', message: INTERRUPTED_MESSAGE });
      await writeLine(line);
      deps.emit?.(line);
      marked.push(line);
    }
    return marked;
  }

  function open(): Promise<readonly AuditRecord[]> {
    opened ??= enqueue(recover);
    return opened;
  }

  /** Every line, after opening and after the writes queued so far. */
  async function readAll(): Promise<{ lines: AuditRecord[]; skipped: number }> {
    await open().catch(() => undefined);
    await tail;
    return readLines();
  }

  return {
    path,
    open,
    append(entry) {
      const line = clean(entry);
      void open().catch(() => undefined);
      return enqueue(async () => {
        await writeLine(line);
        deps.emit?.(line);
        return line;
      });
    },
    async list(filter = {}, limit = 500) {
      const { lines, skipped } = await readAll();
      const entries = foldAuditLines(lines);
      const matched = entries.filter((e) => matchesAuditFilter(e, filter));
      const shown = matched.reverse().slice(0, Math.max(0, limit));
      const found = resolutionsOf(lines);
      const resolved: Record<string, 'went-through' | 'did-not-happen'> = {};
      for (const e of shown) if (e.outcome === 'interrupted' && e.callId && found.has(e.callId)) resolved[e.callId] = found.get(e.callId)!;
      return { entries: shown, total: entries.length, matched: matched.length, skippedLines: skipped, resolved, unresolved: unresolvedInterrupted(lines).length };
    },
    async exportEntries(filter, format, now) {
      const { lines } = await readAll();
      const matched = foldAuditLines(lines).filter((e) => matchesAuditFilter(e, filter));
      const stamp = now.toISOString().replace(/[:.]/g, '-');
      const content = format === 'csv' ? auditToCsv(matched) : matched.map((e) => JSON.stringify(e)).join('\n') + (matched.length ? '\n' : '');
      return { filename: `peerscape-audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`, content, count: matched.length };
    },
    async linesOfRun(runId) {
      return (await readAll()).lines.filter((l) => l.runId === runId);
    },
    async unresolved(runId) {
      return unresolvedInterrupted((await readAll()).lines, runId);
    },
  };
}
