/** Filters over audit entries, shared by the audit log (Node) and the audit panel (renderer). */
import type { AuditEntry } from '../api/events';

/** An audit entry as written by Peerscape: the API's `AuditEntry` plus where in a plan it came from. */
export interface AuditRecord extends AuditEntry {
  readonly planId?: string;
  readonly runId?: string;
  readonly stepId?: string;
  /** AWS request id of the call (for support cases). */
  readonly requestId?: string;
  /** The error's message (never a secret: masked before it is written). */
  readonly message?: string;
}

/** One page of entries, newest first (what `listAudit` returns). */
export interface AuditPage {
  readonly entries: readonly AuditRecord[];
  /** Entries in the file. */
  readonly total: number;
  /** Entries that pass the filter (before the limit). */
  readonly matched: number;
  /** Lines that were not valid entries (a torn last line after a crash, hand edits). */
  readonly skippedLines: number;
}

/** An export, ready to save (what `exportAudit` returns). */
export interface AuditExport {
  readonly filename: string;
  readonly content: string;
  readonly count: number;
}

/** Which entries to show; every field narrows, absent fields do not. */
export interface AuditFilter {
  readonly actions?: readonly string[];
  readonly accountIds?: readonly string[];
  readonly regions?: readonly string[];
  readonly outcomes?: readonly AuditEntry['outcome'][];
  /** ISO 8601, inclusive. */
  readonly from?: string;
  /** ISO 8601, inclusive. */
  readonly to?: string;
  /** Case-insensitive text anywhere in the entry (ids, profile, ARN, parameters, error code). */
  readonly text?: string;
}

function within(list: readonly string[] | undefined, value: string | undefined): boolean {
  return !list || list.length === 0 || (value !== undefined && list.includes(value));
}

/** True when `entry` passes `filter`. */
export function matchesAuditFilter(entry: AuditRecord, filter: AuditFilter): boolean {
  if (!within(filter.actions, entry.action)) return false;
  if (!within(filter.accountIds, entry.accountId)) return false;
  if (!within(filter.regions, entry.region)) return false;
  if (!within(filter.outcomes, entry.outcome)) return false;
  const t = Date.parse(entry.time);
  if (filter.from && !(t >= Date.parse(filter.from))) return false;
  if (filter.to && !(t <= Date.parse(filter.to))) return false;
  const text = filter.text?.trim().toLowerCase();
  if (text && !JSON.stringify(entry).toLowerCase().includes(text)) return false;
  return true;
}

/** The entries as CSV (RFC 4180 quoting), one row per entry, parameters as JSON. */
export function auditToCsv(entries: readonly AuditRecord[]): string {
  const cols = ['time', 'outcome', 'action', 'profile', 'accountId', 'region', 'callerArn', 'errorCode', 'message', 'planId', 'stepId', 'requestId', 'parameters'] as const;
  const cell = (v: unknown): string => {
    const s = v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [cols.join(','), ...entries.map((e) => cols.map((c) => cell(e[c])).join(','))].join('\r\n') + '\r\n';
}
