/** The Reach tab: for one port, what a VPC (or an account) reaches and what blocks the rest, or the
 * account × account matrix of the whole estate; each exportable as CSV and Markdown. The row
 * tints the canvas (graph/view-state.ts). Semantics in docs/estate-reach.md.
 */
import { useMemo } from 'react';

import type { ReachEntry, ReachRollUp, ReachRow, ReachSource, ReachTraffic } from '../../shared/analysis/estate-reach';
import { entryReasonWords, REASON_LABELS, trafficWords } from '../../shared/analysis/estate-reach';
import { accountName } from '../../shared/diagram/names';
import { reachRollUpCsv, reachRollUpMarkdown, reachRowCsv, reachRowMarkdown } from '../../shared/export/estate-reach';
import { accountLabel } from '../../shared/export/labels';
import type { AccountId, VpcId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';
import { reachRollUpOf, reachRowOf } from '../graph/derive';
import { vpcName } from '../graph/kinds/inspector-parts';
import type { ReachQuery } from '../store/app-state';
import { useAppStore } from '../store/store-context';
import { saveFile } from '../util/save-file';
import { TrafficFields } from './TrafficFields';

/** How many entries the list shows before summing up the rest (the exports hold them all). */
const LIST_LIMIT = 200;

const DEFAULT_TRAFFIC: ReachTraffic = { protocol: 'tcp', port: 443 };

function fileStem(q: ReachQuery): string {
  const traffic = trafficWords(q.traffic).replace(/[^a-z0-9]+/gi, '-');
  if (q.view === 'matrix' || !q.source) return `reach-${traffic}-accounts`;
  return `reach-${traffic}-from-${q.source.kind === 'vpc' ? q.source.vpcId : q.source.accountId}`;
}

function sourceValue(source: ReachSource | undefined): string {
  if (!source) return '';
  return source.kind === 'vpc' ? `vpc:${source.vpcId}` : `account:${source.accountId}`;
}

function SourcePicker({ topology, source, onChange }: { topology: Topology; source?: ReachSource; onChange: (s: ReachSource) => void }) {
  const accounts = useMemo(() => [...new Set(topology.vpcs.map((v) => v.accountId))].sort(), [topology]);
  const vpcs = useMemo(() => [...topology.vpcs].sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id)), [topology]);
  return (
    <label className="reach-source">
      From{' '}
      <select
        aria-label="From"
        value={sourceValue(source)}
        onChange={(e) => {
          const [kind, id] = e.target.value.split(/:(.*)/s) as [string, string];
          if (kind === 'vpc') onChange({ kind: 'vpc', vpcId: id as VpcId });
          else if (kind === 'account') onChange({ kind: 'account', accountId: id as AccountId });
        }}
      >
        <option value="" disabled>
          Choose a VPC or account
        </option>
        <optgroup label="VPCs">
          {vpcs.map((v) => (
            <option key={v.id} value={`vpc:${v.id}`}>
              {v.name ? `${v.name} (${v.id})` : v.id}
            </option>
          ))}
        </optgroup>
        <optgroup label="Accounts">
          {accounts.map((a) => (
            <option key={a} value={`account:${a}`}>
              account {accountLabel(topology.accounts.find((x) => x.id === a), a)}
            </option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

function EntryItem({ topology, entry, fromAccount, traffic }: { topology: Topology; entry: ReachEntry; fromAccount: boolean; traffic: ReachTraffic }) {
  const fixReachEntry = useAppStore((s) => s.fixReachEntry);
  const tone = entry.verdict === 'reachable' ? 'ok' : entry.verdict === 'blocked' ? 'bad' : 'warn';
  return (
    <li className={`finding reach-entry ${tone}`} data-reach-to={entry.to} data-reach-verdict={entry.verdict} data-reach-reason={entry.reason ?? ''}>
      <div className="reach-entry-head">
        <strong>{vpcName(topology, entry.to)}</strong>
        <span className="muted small mono">{entry.toAccountId}</span>
        <span className={`badge ${tone === 'ok' ? 'kind-static' : tone === 'bad' ? 'bad' : 'kind-unknown'}`}>{entry.verdict === 'reachable' ? 'reachable' : entry.reason ? entryReasonWords(entry) : 'undetermined'}</span>
      </div>
      {entry.transitGatewayIds && entry.transitGatewayIds.length > 0 && (
        <span className="small muted" data-testid="reach-gateways">
          via {entry.transitGatewayIds.map((id) => topology.transitGateways.find((g) => g.id === id)?.name ?? id).join(' → ')}
        </span>
      )}
      {fromAccount && <span className="small muted">from {vpcName(topology, entry.from)}</span>}
      <span className="small">{entry.message}</span>
      {entry.fix && <span className="small muted finding-fix">{entry.fix}</span>}
      {entry.verdict === 'blocked' && (
        <button
          type="button"
          className="small-button reach-fix"
          onClick={() => fixReachEntry({ from: entry.from, to: entry.to, traffic })}
          title={`Plan the changes that let ${trafficWords(traffic)} from ${vpcName(topology, entry.from)} reach ${vpcName(topology, entry.to)}`}
        >
          Fix…
        </button>
      )}
    </li>
  );
}

function RowView({ topology, row, traffic }: { topology: Topology; row: ReachRow; traffic: ReachTraffic }) {
  const groups: { title: string; entries: readonly ReachEntry[] }[] = [
    { title: 'Reachable', entries: row.entries.filter((e) => e.verdict === 'reachable') },
    { title: 'Undetermined', entries: row.entries.filter((e) => e.verdict === 'undetermined') },
    { title: 'Blocked', entries: row.entries.filter((e) => e.verdict === 'blocked') },
  ];
  let shown = 0;
  return (
    <div data-testid="reach-row">
      <p className="small" data-testid="reach-summary">
        {row.entries.length.toLocaleString()} connected VPC{row.entries.length === 1 ? '' : 's'}: <strong className="ok-text">{row.reachable.toLocaleString()} reachable</strong>,{' '}
        <strong className="bad-text">{row.blocked.toLocaleString()} blocked</strong>
        {row.undetermined > 0 ? `, ${row.undetermined.toLocaleString()} undetermined` : ''}.
      </p>
      {row.entries.length === 0 && <p className="muted small">No VPC is connected to it by a live peering.</p>}
      {groups.map((g) => {
        if (g.entries.length === 0) return null;
        const room = Math.max(0, LIST_LIMIT - shown);
        const list = g.entries.slice(0, room);
        shown += list.length;
        return (
          <section key={g.title} aria-label={g.title}>
            <h4>
              {g.title} ({g.entries.length.toLocaleString()})
            </h4>
            <ul className="plain findings-list">
              {list.map((e) => (
                <EntryItem key={e.to} topology={topology} entry={e} fromAccount={row.source.kind === 'account'} traffic={traffic} />
              ))}
            </ul>
            {list.length < g.entries.length && <p className="muted small">… and {(g.entries.length - list.length).toLocaleString()} more: export the list for all.</p>}
          </section>
        );
      })}
    </div>
  );
}

/** An account id that may break between its groups of four digits (and copies as the plain id). */
function AccountId({ id }: { id: string }) {
  const groups = id.match(/.{1,4}/g) ?? [id];
  return (
    <>
      {groups.map((g, i) => (
        <span key={i}>
          {g}
          {i < groups.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}

function cellTone(reachable: number, blocked: number): string {
  if (blocked === 0) return 'all-ok';
  return reachable === 0 ? 'all-bad' : 'mixed';
}

function MatrixView({ topology, roll, onPick }: { topology: Topology; roll: ReachRollUp; onPick: (accountId: AccountId) => void }) {
  const names = new Map(topology.accounts.map((a) => [a.id as string, accountName(a)]));
  const cells = new Map(roll.cells.map((c) => [`${c.fromAccountId}>${c.toAccountId}`, c]));
  return (
    <div data-testid="reach-matrix">
      <p className="small">
        {(roll.reachable + roll.blocked + roll.undetermined).toLocaleString()} connected VPC pairs: <strong className="ok-text">{roll.reachable.toLocaleString()} reachable</strong>,{' '}
        <strong className="bad-text">{roll.blocked.toLocaleString()} blocked</strong>. Each cell: reachable / blocked from the row's account to the column's, and the commonest reason.
      </p>
      <div className="reach-matrix-scroll">
        <table className="reach-matrix">
          <thead>
            <tr>
              <th scope="col">from \ to</th>
              {roll.accountIds.map((a) => (
                <th key={a} scope="col" className="mono" title={names.get(a) ? `${names.get(a)} (${a})` : a}>
                  {names.get(a) && <div className="reach-account-name">{names.get(a)}</div>}
                  <AccountId id={a} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {roll.accountIds.map((from) => (
              <tr key={from}>
                <th scope="row">
                  <button type="button" className="link mono" onClick={() => onPick(from)} title={`Show what account ${names.get(from) ? `${names.get(from)} (${from})` : from} reaches`} aria-label={from}>
                    {names.get(from) && <div className="reach-account-name">{names.get(from)}</div>}
                    <AccountId id={from} />
                  </button>
                </th>
                {roll.accountIds.map((to) => {
                  const c = cells.get(`${from}>${to}`);
                  if (!c) {
                    return (
                      <td key={to} className="reach-cell empty" title="No connected VPCs">
                        ·
                      </td>
                    );
                  }
                  return (
                    <td
                      key={to}
                      className={`reach-cell ${cellTone(c.reachable, c.blocked)}`}
                      data-reach-cell={`${from}>${to}`}
                      title={`${c.reachable} reachable, ${c.blocked} blocked${c.undetermined ? `, ${c.undetermined} undetermined` : ''}${c.commonestReason ? `; commonest: ${REASON_LABELS[c.commonestReason]}` : ''}`}
                    >
                      <span className="reach-count">
                        <span className="ok-text">{c.reachable}</span> / <span className="bad-text">{c.blocked}</span>
                      </span>
                      {c.commonestReason && <span className="reach-reason">{REASON_LABELS[c.commonestReason]}</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The Reach tab. */
export function ReachPanel() {
  const topology = useAppStore((s) => s.snapshot?.topology);
  const selection = useAppStore((s) => s.selection);
  const reach = useAppStore((s) => s.reach);
  const openReach = useAppStore((s) => s.openReach);
  const closeReach = useAppStore((s) => s.closeReach);
  if (!topology) return <p className="muted">Nothing to analyse yet: open the sandbox, scan, or import a snapshot.</p>;
  const selected = selection.vpcIds[selection.vpcIds.length - 1];
  const query: ReachQuery = reach ?? { view: 'row', traffic: DEFAULT_TRAFFIC, ...(selected ? { source: { kind: 'vpc' as const, vpcId: selected } } : {}) };
  const ask = (change: Partial<ReachQuery>) => openReach({ ...query, ...change });
  const row = query.view === 'row' && query.source ? reachRowOf(topology, { source: query.source, traffic: query.traffic }) : undefined;
  const roll = query.view === 'matrix' ? reachRollUpOf(topology, query.traffic) : undefined;
  const stem = fileStem(query);
  const exportAs = (format: 'csv' | 'md') => {
    if (roll) saveFile(`${stem}.${format}`, format === 'csv' ? reachRollUpCsv(roll) : reachRollUpMarkdown(roll), format === 'csv' ? 'text/csv' : 'text/markdown');
    else if (row?.ok) saveFile(`${stem}.${format}`, format === 'csv' ? reachRowCsv(row.value, topology) : reachRowMarkdown(row.value, topology), format === 'csv' ? 'text/csv' : 'text/markdown');
  };
  const canExport = roll !== undefined || row?.ok === true;
  return (
    <section aria-label="Reach" data-testid="reach-panel" className="reach-panel">
      <div className="section-head">
        <h2>Reach on {trafficWords(query.traffic)}</h2>
        {reach && (
          <button type="button" className="small" onClick={closeReach} title="Close the reach view and clear the canvas's tint">
            Clear
          </button>
        )}
      </div>
      <div className="reach-views" role="group" aria-label="Reach view">
        <button type="button" aria-pressed={query.view === 'row'} onClick={() => ask({ view: 'row' })}>
          From a VPC or account
        </button>
        <button type="button" aria-pressed={query.view === 'matrix'} onClick={() => ask({ view: 'matrix' })}>
          Account × account
        </button>
      </div>
      <TrafficFields traffic={query.traffic} onChange={(traffic) => ask({ traffic })} />
      {query.view === 'row' && <SourcePicker topology={topology} {...(query.source ? { source: query.source } : {})} onChange={(source) => ask({ source })} />}
      {canExport && (
        <div className="reach-export" role="group" aria-label="Export">
          <button type="button" onClick={() => exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => exportAs('md')}>
            Export Markdown
          </button>
        </div>
      )}
      {query.view === 'row' && !query.source && <p className="muted small">Choose the VPC or account the traffic starts from, or select a VPC on the canvas.</p>}
      {row && !row.ok && (
        <p className="bad-text small" role="alert">
          {row.error.message} {row.error.fix}
        </p>
      )}
      {row?.ok && <RowView topology={topology} row={row.value} traffic={query.traffic} />}
      {roll && <MatrixView topology={topology} roll={roll} onPick={(accountId) => ask({ view: 'row', source: { kind: 'account', accountId } })} />}
    </section>
  );
}
