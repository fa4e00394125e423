/** The audit log: every mutating AWS call Peerscape makes, appended to a JSON-lines file.
 *
 * One line per call (time, caller ARN, profile, account, region, action, parameters, outcome or
 * error code), in `audit.jsonl` of the app's data folder. Append-only: lines are never rewritten,
 * so a crash loses at most the line being written, and a torn last line is skipped on reading
 * (and counted). Never a secret: parameters pass through `sanitizeParameters` and messages
 * through the discovery helper's `redact` before they are written.
 */
import { createReadStream } from 'node:fs';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

import type { AuditEntry } from '../../shared/api/events';
import { auditToCsv, matchesAuditFilter, type AuditExport, type AuditFilter, type AuditPage, type AuditRecord } from '../../shared/planning/audit-filter';

export type { AuditExport, AuditPage } from '../../shared/planning/audit-filter';
import { redact } from '../discovery/aws-errors';

/** File name of the log inside the data folder. */
export const AUDIT_FILE_NAME = 'audit.jsonl';

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
  /** Append one entry (sanitised) and emit it; appends are written in call order. */
  append(entry: AuditRecord): Promise<AuditRecord>;
  /** Entries passing `filter`, newest first, at most `limit` (default 500). */
  list(filter?: AuditFilter, limit?: number): Promise<AuditPage>;
  /** Every entry passing `filter`, oldest first, as JSON lines or CSV. */
  exportEntries(filter: AuditFilter, format: 'jsonl' | 'csv', now: Date): Promise<AuditExport>;
}

/** What the log needs from its host. */
export interface AuditLogDeps {
  readonly dataDir: string;
  /** Called after each append (the API pushes it as `auditAppended`). */
  readonly emit?: (entry: AuditEntry) => void;
}

function isRecord(v: unknown): v is AuditRecord {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.time === 'string' &&
    typeof e.profile === 'string' &&
    typeof e.region === 'string' &&
    typeof e.action === 'string' &&
    (e.outcome === 'ok' || e.outcome === 'error' || e.outcome === 'dry-run') &&
    typeof e.parameters === 'object' &&
    e.parameters !== null
  );
}

/** Open (lazily create) the audit log in `deps.dataDir`. */
export function createAuditLog(deps: AuditLogDeps): AuditLog {
  const path = join(deps.dataDir, AUDIT_FILE_NAME);
  let tail: Promise<unknown> = Promise.resolve();

  async function readAll(): Promise<{ entries: AuditRecord[]; skipped: number }> {
    await tail.catch(() => undefined);
    const entries: AuditRecord[] = [];
    let skipped = 0;
    let stream;
    try {
      stream = createReadStream(path, { encoding: 'utf8' });
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() === '') continue;
        try {
          const v: unknown = JSON.parse(line);
          if (isRecord(v)) entries.push(v);
          else skipped += 1;
        } catch {
          skipped += 1;
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0 };
      throw e;
    } finally {
      stream?.destroy();
    }
    return { entries, skipped };
  }

  return {
    path,
    append(entry) {
      const clean: AuditRecord = {
        ...entry,
        parameters: sanitizeParameters(entry.parameters) as AuditRecord['parameters'],
        ...(entry.message !== undefined ? { message: redact(entry.message) } : {}),
      };
      const write = tail.then(async () => {
        await mkdir(deps.dataDir, { recursive: true });
        await appendFile(path, JSON.stringify(clean) + '\n', { encoding: 'utf8', mode: 0o600 });
      });
      // The chain keeps appends in order; one failed write must not block the next ones.
      tail = write.catch(() => undefined);
      return write.then(() => {
        deps.emit?.(clean);
        return clean;
      });
    },
    async list(filter = {}, limit = 500) {
      const { entries, skipped } = await readAll();
      const matched = entries.filter((e) => matchesAuditFilter(e, filter));
      return { entries: matched.reverse().slice(0, Math.max(0, limit)), total: entries.length, matched: matched.length, skippedLines: skipped };
    },
    async exportEntries(filter, format, now) {
      const { entries } = await readAll();
      const matched = entries.filter((e) => matchesAuditFilter(e, filter));
      const stamp = now.toISOString().replace(/[:.]/g, '-');
      const content = format === 'csv' ? auditToCsv(matched) : matched.map((e) => JSON.stringify(e)).join('\n') + (matched.length ? '\n' : '');
      return { filename: `peerscape-audit-${stamp}.${format === 'csv' ? 'csv' : 'jsonl'}`, content, count: matched.length };
    },
  };
}
