/** The audit log: every mutating AWS call Peerscape made, filterable and exportable.
 *
 * Props-driven: `client` is the API (`listAudit`, `exportAudit`), `onSave` saves an export (a
 * download in the browser, a save dialog in Electron). New entries arrive through `subscribe`
 * (`auditAppended`) and refresh the list.
 *
 * A plan's checks before it runs (DryRuns) are listed as checks, which changed nothing, never as
 * errors. A call Peerscape stopped in the middle of (written, no answer recorded) stands out as
 * *interrupted, outcome unknown* until the resume of its run asks AWS, whose answer is listed as
 * its own entry (found: went through, or not found: did not happen) and noted on the call.
 */
import { useCallback, useEffect, useState } from 'react';

import type { ApiError } from '../../../shared/core/result';
import type { AuditOutcome, CheckVerdict } from '../../../shared/planning/audit-entry';
import type { AuditExport, AuditPage, AuditRecord } from '../../../shared/planning/audit-filter';
import type { AuditClient, AuditFilterRequest } from './plan-client';
import './plan.css';
import { ErrorBox } from './ErrorBox';
import { AuditParams } from './AuditParams';
import { shownTime, timeAgo } from '../../util/time-ago';

/** Props of `AuditPanel`. */
export interface AuditPanelProps {
  readonly client: AuditClient;
  onSave(file: AuditExport): void;
  /** Subscribe to `auditAppended`; returns the unsubscribe function. */
  subscribe?(listener: () => void): () => void;
  /** Rows per page (default 200). */
  readonly limit?: number;
}

/** Actions Peerscape writes to the log. */
const ACTIONS = [
  'CreateVpcPeeringConnection',
  'AcceptVpcPeeringConnection',
  'RejectVpcPeeringConnection',
  'DeleteVpcPeeringConnection',
  'ModifyVpcPeeringConnectionOptions',
  'CreateRoute',
  'ReplaceRoute',
  'DeleteRoute',
  'AuthorizeSecurityGroupIngress',
  'RevokeSecurityGroupIngress',
  'AuthorizeSecurityGroupEgress',
  'RevokeSecurityGroupEgress',
  'CreateNetworkAclEntry',
] as const;

interface Draft {
  action: string;
  account: string;
  region: string;
  outcome: '' | AuditOutcome;
  from: string;
  to: string;
  text: string;
}

const EMPTY: Draft = { action: '', account: '', region: '', outcome: '', from: '', to: '', text: '' };

/** A day typed as `YYYY-MM-DD`: its first and last instants in local time, or `undefined` when it is not one. */
export function parseIsoDay(text: string): { readonly start: Date; readonly end: Date } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(year, month - 1, day);
  // 2026-02-31 rolls over to March: not a day.
  if (start.getFullYear() !== year || start.getMonth() !== month - 1 || start.getDate() !== day) return undefined;
  return { start, end: new Date(year, month - 1, day + 1, 0, 0, 0, -1) };
}

/** What is wrong with the typed dates, one sentence each (empty when they are fine or empty). */
export function dateProblems(d: Pick<Draft, 'from' | 'to'>): readonly string[] {
  const problems: string[] = [];
  const check = (label: string, text: string) => {
    if (text.trim() && !parseIsoDay(text)) problems.push(`${label} “${text.trim()}” is not a date in the form YYYY-MM-DD (for example ${EXAMPLE_DAY}).`);
  };
  check('From', d.from);
  check('To', d.to);
  const from = parseIsoDay(d.from);
  const to = parseIsoDay(d.to);
  if (problems.length === 0 && from && to && from.start > to.end) problems.push(`From ${d.from.trim()} is after To ${d.to.trim()}: swap them.`);
  return problems;
}

const EXAMPLE_DAY = '2026-12-07';

/** The filter the API takes, from the form (days are local days, both ends included); call it once `dateProblems` is empty. */
export function toAuditFilter(d: Draft): AuditFilterRequest {
  const from = parseIsoDay(d.from)?.start.toISOString();
  const to = parseIsoDay(d.to)?.end.toISOString();
  return {
    ...(d.action ? { actions: [d.action] } : {}),
    ...(d.account.trim() ? { accountIds: [d.account.trim()] } : {}),
    ...(d.region.trim() ? { regions: [d.region.trim()] } : {}),
    ...(d.outcome ? { outcomes: [d.outcome] } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(d.text.trim() ? { text: d.text.trim() } : {}),
  };
}

/** The outcomes the filter offers, in words. */
const OUTCOME_LABELS: readonly (readonly [AuditOutcome, string])[] = [
  ['ok', 'ok'],
  ['error', 'error'],
  ['dry-run', 'check (DryRun, changed nothing)'],
  ['interrupted', 'interrupted'],
  ['went-through', 'found: went through'],
  ['did-not-happen', 'not found: did not happen'],
  ['intent', 'in flight'],
];

type Resolution = 'went-through' | 'did-not-happen';

/** What a check (a DryRun before a run) found, in words: it changed nothing whatever it found. */
const CHECK_WORDS: Record<CheckVerdict, string> = {
  'would-succeed': 'would succeed',
  'already-done': 'already in place',
  'checked-later': 'checked when it runs',
  refused: 'would be refused',
};

function OutcomeCell({ e, resolution }: { e: AuditRecord; resolution?: Resolution }) {
  switch (e.outcome) {
    case 'error':
      return <span className="bad-text">{e.errorCode ?? 'error'}</span>;
    case 'dry-run':
      return (
        <span className={`audit-check check-${e.check ?? 'would-succeed'}`} title={e.message}>
          check: {CHECK_WORDS[e.check ?? 'would-succeed']}
        </span>
      );
    case 'intent':
      return <span className="muted">in flight…</span>;
    case 'interrupted':
      return (
        <span className="audit-interrupted" title={e.message}>
          <strong>interrupted</strong>: {resolution ? (resolution === 'went-through' ? 'found later: went through' : 'found later: did not happen') : 'outcome unknown'}
        </span>
      );
    case 'went-through':
      return <span className="ok-text">found in AWS: went through</span>;
    case 'did-not-happen':
      return <span className="muted">not found: did not happen</span>;
    default:
      return <>ok</>;
  }
}

function Row({ e, resolution }: { e: AuditRecord; resolution?: Resolution }) {
  return (
    <tr className={`audit-row outcome-${e.outcome}`} data-outcome={e.outcome}>
      <td className="small" title={e.time}>
        {shownTime(e.time, { seconds: true })}
        <span className="muted audit-time-relative">{timeAgo(e.time)}</span>
      </td>
      <td>
        <OutcomeCell e={e} {...(resolution ? { resolution } : {})} />
      </td>
      <td className="mono small">{e.action}</td>
      <td className="small">
        {e.profile}
        <div className="mono muted">{e.accountId}</div>
      </td>
      <td className="mono small">{e.region}</td>
      <td className="small audit-params" title={e.callerArn}>
        <AuditParams parameters={e.parameters} />
        {e.created?.length ? <div>Created {e.created.join(', ')}</div> : null}
        {e.message ? <div className="muted">{e.message}</div> : null}
      </td>
    </tr>
  );
}

/** Filter form, table and export buttons. */
export function AuditPanel({ client, onSave, subscribe, limit = 200 }: AuditPanelProps) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [page, setPage] = useState<AuditPage | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [exporting, setExporting] = useState(false);

  const problems = dateProblems(draft);
  const load = useCallback(async () => {
    // Until the dates read, the list stays as it was; the form says what to fix.
    if (dateProblems(draft).length > 0) return;
    const r = await client.listAudit({ filter: toAuditFilter(draft), limit });
    if (r.ok) {
      setPage(r.value);
      setError(undefined);
    } else setError(r.error);
  }, [client, draft, limit]);

  useEffect(() => {
    const t = setTimeout(() => void load(), 150);
    return () => clearTimeout(t);
  }, [load]);
  useEffect(() => (subscribe ? subscribe(() => void load()) : undefined), [subscribe, load]);

  async function exportAs(format: 'jsonl' | 'csv') {
    setExporting(true);
    try {
      if (dateProblems(draft).length > 0) return;
      const r = await client.exportAudit({ filter: toAuditFilter(draft), format });
      if (r.ok) onSave(r.value);
      else setError(r.error);
    } finally {
      setExporting(false);
    }
  }

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const unknown = page?.unresolved ?? 0;
  return (
    <section className="audit-panel" aria-label="Audit log" data-testid="audit-panel">
      <form className="audit-filter" role="search" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <select aria-label="Action" value={draft.action} onChange={(e) => set({ action: e.currentTarget.value })}>
          <option value="">All actions</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
        <select aria-label="Outcome" value={draft.outcome} onChange={(e) => set({ outcome: e.currentTarget.value as Draft['outcome'] })}>
          <option value="">All outcomes</option>
          {OUTCOME_LABELS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <input aria-label="Account" placeholder="Account id" value={draft.account} onChange={(e) => set({ account: e.currentTarget.value })} />
        <input aria-label="Region" placeholder="Region" value={draft.region} onChange={(e) => set({ region: e.currentTarget.value })} />
        <input aria-label="From" placeholder="From YYYY-MM-DD" inputMode="numeric" size={14} value={draft.from} aria-invalid={problems.some((p) => p.startsWith('From'))} aria-describedby={problems.length ? 'audit-date-problems' : undefined} onChange={(e) => set({ from: e.currentTarget.value })} />
        <input aria-label="To" placeholder="To YYYY-MM-DD" inputMode="numeric" size={14} value={draft.to} aria-invalid={problems.some((p) => p.includes('To'))} aria-describedby={problems.length ? 'audit-date-problems' : undefined} onChange={(e) => set({ to: e.currentTarget.value })} />
        <input aria-label="Search" type="search" placeholder="Search ids, profiles, errors…" value={draft.text} onChange={(e) => set({ text: e.currentTarget.value })} />
        <button type="button" className="ghost" onClick={() => setDraft(EMPTY)}>
          Clear
        </button>
        {problems.length > 0 && (
          <p id="audit-date-problems" className="audit-date-error" role="alert" data-testid="audit-date-error">
            {problems.join(' ')}
          </p>
        )}
      </form>
      <div className="button-row">
        <button type="button" disabled={exporting || problems.length > 0} onClick={() => void exportAs('jsonl')}>
          Export JSON lines
        </button>
        <button type="button" disabled={exporting || problems.length > 0} onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        {page && (
          <span className="muted small" role="status" data-testid="audit-count">
            {page.matched === page.total ? `${page.total} call${page.total === 1 ? '' : 's'}` : `${page.matched} of ${page.total} calls`}
            {page.entries.length < page.matched ? ` (newest ${page.entries.length} shown)` : ''}
            {unknown > 0 ? `; ${unknown} interrupted, outcome unknown until resumed` : ''}
            {page.skippedLines > 0 ? `; ${page.skippedLines} unreadable line${page.skippedLines === 1 ? '' : 's'} skipped` : ''}
          </span>
        )}
      </div>
      {error && (
        <ErrorBox error={error} />
      )}
      {page && page.entries.length === 0 ? (
        <p className="muted">{page.total === 0 ? 'No changes yet: every call Peerscape makes to AWS will be listed here.' : 'No call matches the filter.'}</p>
      ) : (
        page && (
          <table className="audit-table" aria-label="Audit entries">
            <thead>
              <tr>
                <th>Time</th>
                <th>Outcome</th>
                <th>Action</th>
                <th>Profile</th>
                <th>Region</th>
                <th>Parameters</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((e, i) => (
                <Row key={`${e.time}:${e.callId ?? e.stepId ?? ''}:${i}`} e={e} {...(e.outcome === 'interrupted' && e.callId && page.resolved[e.callId] ? { resolution: page.resolved[e.callId]! } : {})} />
              ))}
            </tbody>
          </table>
        )
      )}
    </section>
  );
}
