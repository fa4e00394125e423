/** Audit entries as readers see them, and the filters over them, shared by the audit log (Node)
 * and the audit panel (renderer).
 *
 * The file holds one line per event of a call (see `AuditOutcome`): an intent before the call is
 * sent, then its answer, or `interrupted` and later a resolution. Lines of one call share a
 * `callId`. Readers see every line except intents that a later line of their call answers: those
 * lines repeat everything the intent said, so nothing is lost and each call is listed once, while
 * a call still in flight (or one whose answer never came) stays visible.
 */
import { csvCell, csvRow } from '../export/syntax/csv';
import { isCheckEntry, type AuditEntry, type AuditOutcome } from './audit-entry';

/** An audit entry as written by Peerscape: the API's `AuditEntry` plus where in a plan it came from. */
export interface AuditRecord extends AuditEntry {
  /** Shared by every line of one call (absent in lines written before calls had ids). */
  readonly callId?: string;
  readonly planId?: string;
  readonly runId?: string;
  readonly stepId?: string;
  /** AWS request id of the call (for support cases). */
  readonly requestId?: string;
  /** The error's message, or what a resolution found (never a secret: masked before it is written). */
  readonly message?: string;
  /** Ids of what the call made in AWS (`pcx-…`, `sgr-…`), on `ok` and `went-through` lines. */
  readonly created?: readonly string[];
}

/** One page of entries, newest first (what `listAudit` returns). */
export interface AuditPage {
  readonly entries: readonly AuditRecord[];
  /** Entries in the file (as readers see them: answered intents are not counted). */
  readonly total: number;
  /** Entries that pass the filter (before the limit). */
  readonly matched: number;
  /** Lines that were not valid entries (a torn last line after a crash, hand edits). */
  readonly skippedLines: number;
  /** What a resume found for the interrupted calls of this page, by call id. */
  readonly resolved: Readonly<Record<string, 'went-through' | 'did-not-happen'>>;
  /** Interrupted calls in the whole log that no resume has checked yet. */
  readonly unresolved: number;
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
  readonly outcomes?: readonly AuditOutcome[];
  /** ISO 8601, inclusive. */
  readonly from?: string;
  /** ISO 8601, inclusive. */
  readonly to?: string;
  /** Case-insensitive text anywhere in the entry (ids, profile, ARN, parameters, error code). */
  readonly text?: string;
}

/** Outcomes that end a call as far as the write-ahead log is concerned (an intent is answered). */
const ANSWERS: ReadonlySet<AuditOutcome> = new Set(['ok', 'error', 'dry-run', 'interrupted']);
/** Outcomes that resolve an interrupted call. */
const RESOLUTIONS: ReadonlySet<AuditOutcome> = new Set(['went-through', 'did-not-happen']);

/** True for the outcomes a resume writes for an interrupted call. */
export function isResolution(outcome: AuditOutcome): boolean {
  return RESOLUTIONS.has(outcome);
}

/**
 * The lines a reader sees, in file order: intents that a later line of their call answers are
 * left out, and a check that older versions wrote as an error (a DryRun's answer) reads as the
 * check it was.
 */
export function foldAuditLines(lines: readonly AuditRecord[]): AuditRecord[] {
  const answered = new Set<string>();
  for (const l of lines) if (l.callId && l.outcome !== 'intent') answered.add(l.callId);
  return lines.filter((l) => l.outcome !== 'intent' || !l.callId || !answered.has(l.callId)).map(asCheckWhenDryRun);
}

/** An older DryRun line recorded as an error, as the check it was: refused, or (a placeholder peering not found) checked later. */
function asCheckWhenDryRun(line: AuditRecord): AuditRecord {
  if (line.outcome !== 'error' || !isCheckEntry(line)) return line;
  const notYet = /NotFound/.test(line.errorCode ?? '') && /pcx-0{17}/.test(JSON.stringify(line.parameters));
  if (!notYet) return { ...line, outcome: 'dry-run', check: 'refused' };
  const { errorCode: _code, ...rest } = line;
  return { ...rest, outcome: 'dry-run', check: 'checked-later', message: 'Checked with DryRun before the peering existed: AWS could judge this call only when it ran. Nothing was changed.' };
}

/** Intents no later line answers: calls sent (or about to be) whose answer was never written. */
export function danglingIntents(lines: readonly AuditRecord[]): AuditRecord[] {
  const answered = new Set<string>();
  for (const l of lines) if (l.callId && ANSWERS.has(l.outcome)) answered.add(l.callId);
  return lines.filter((l) => l.outcome === 'intent' && l.callId !== undefined && !answered.has(l.callId));
}

/** Interrupted calls that no resume has resolved yet (optionally of one run), oldest first. */
export function unresolvedInterrupted(lines: readonly AuditRecord[], runId?: string): AuditRecord[] {
  const resolved = new Set<string>();
  for (const l of lines) if (l.callId && RESOLUTIONS.has(l.outcome)) resolved.add(l.callId);
  return lines.filter((l) => l.outcome === 'interrupted' && l.callId !== undefined && !resolved.has(l.callId) && (runId === undefined || l.runId === runId));
}

/** What resumes found for interrupted calls, by call id. */
export function resolutionsOf(lines: readonly AuditRecord[]): Map<string, 'went-through' | 'did-not-happen'> {
  const found = new Map<string, 'went-through' | 'did-not-happen'>();
  for (const l of lines) if (l.callId && (l.outcome === 'went-through' || l.outcome === 'did-not-happen')) found.set(l.callId, l.outcome);
  return found;
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

/** Columns of the CSV export, in order. */
export const AUDIT_CSV_COLUMNS = [
  'time',
  'outcome',
  'check',
  'action',
  'profile',
  'accountId',
  'region',
  'callerArn',
  'errorCode',
  'message',
  'planId',
  'stepId',
  'requestId',
  'parameters',
  'callId',
  'runId',
  'created',
] as const;

/** The entries as CSV (RFC 4180 quoting, formula-safe cells), one row per entry, parameters as JSON. */
export function auditToCsv(entries: readonly AuditRecord[]): string {
  const cell = (v: unknown) => csvCell(v === undefined ? '' : typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(' ') : JSON.stringify(v));
  return [csvRow(AUDIT_CSV_COLUMNS.map(csvCell)), ...entries.map((e) => csvRow(AUDIT_CSV_COLUMNS.map((c) => cell(e[c]))))].join('\r\n') + '\r\n';
}
