/** The live grid of an organisation scan: OUs, then accounts (name and id) with a cell per region,
 * per-account and per-OU totals and a total line; a failed cell says its cause and fix in its
 * tooltip, and choosing an account lists them below the grid.
 *
 * Large organisations stay responsive: OUs start collapsed beyond `COLLAPSE_ABOVE` accounts, and
 * only the rows in view (plus a margin) are rendered.
 */
import { useCallback, useMemo, useState } from 'react';
import type { UIEvent } from 'react';

import type { DiscoveryCell } from '../../../shared/api/events';
import type { RegionCoverage } from '../../../shared/model/snapshot';
import { shownTime } from '../../util/time-ago';
import { CommandText } from './CommandText';
import type { OrgAccountRow, OrgGroup, OrgTotals } from './org-grid';
import { orgGridOf, orgTotalsWords, ouLabel } from './org-grid';
import './organization.css';

/** OUs start collapsed when the organisation has more accounts than this. */
export const COLLAPSE_ABOVE = 40;
const ROW_HEIGHT = 24;
const VIEW_HEIGHT = 360;
const OVERSCAN = 6;

const STATE_WORDS: Record<DiscoveryCell['state'], string> = { queued: 'queued', running: 'scanning', done: 'done', failed: 'failed', cancelled: 'cancelled' };

type Row = { readonly kind: 'ou'; readonly group: OrgGroup; readonly open: boolean } | { readonly kind: 'account'; readonly account: OrgAccountRow };

function accountWords(a: OrgAccountRow): string {
  return a.name ? `${a.name} (${a.id})` : a.id;
}

function cellTitle(a: OrgAccountRow, region: string, c: DiscoveryCell | undefined): string {
  if (!c) return `${accountWords(a)} · ${region}: not scanned${a.wide?.state === 'failed' ? ' (the account failed before its regions were listed)' : ''}`;
  const cause = c.cause ? ` [${c.cause}]` : c.errorCode ? ` (${c.errorCode})` : '';
  const kept = a.keptFrom.get(region);
  return `${accountWords(a)} · ${region}: ${STATE_WORDS[c.state]}${cause}${c.message ? ` — ${c.message}` : ''}${kept ? ` — showing the data of ${shownTime(kept)}` : ''}`;
}

function TotalsCell({ t }: { t: OrgTotals }) {
  return (
    <span className="org-totals mono" title={orgTotalsWords(t)}>
      <span className="ok-text">{t.done}</span>/{t.cells}
      {t.failed > 0 && <span className="bad-text"> ✕{t.failed}</span>}
      {t.running > 0 && <span className="info-text"> …{t.running}</span>}
      {t.kept > 0 && <span className="warn-text"> ↺{t.kept}</span>}
    </span>
  );
}

/** The grid of an organisation run's `cells`; `coverage` is the workspace snapshot's (kept data). */
export function OrganizationGrid({ cells, coverage }: { cells: readonly DiscoveryCell[]; coverage?: readonly RegionCoverage[] }) {
  const grid = useMemo(() => orgGridOf(cells, coverage), [cells, coverage]);
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [chosen, setChosen] = useState<string | undefined>();
  const [scrollTop, setScrollTop] = useState(0);
  const collapsedByDefault = grid.accountCount > COLLAPSE_ABOVE && grid.groups.length > 1;

  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const g of grid.groups) {
      const open = toggled.get(g.ouPath) ?? !collapsedByDefault;
      out.push({ kind: 'ou', group: g, open });
      if (open) for (const a of g.accounts) out.push({ kind: 'account', account: a });
    }
    return out;
  }, [grid, toggled, collapsedByDefault]);

  const toggle = useCallback(
    (ouPath: string, open: boolean) => setToggled((m) => new Map(m).set(ouPath, !open)),
    [],
  );
  const onScroll = useCallback((e: UIEvent<HTMLDivElement>) => setScrollTop(e.currentTarget.scrollTop), []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const columns = `minmax(150px, 1fr) repeat(${grid.regions.length}, 14px) 92px`;
  const chosenAccount = chosen ? grid.groups.flatMap((g) => g.accounts).find((a) => a.id === chosen) : undefined;

  return (
    <div className="org-progress" data-testid="org-grid">
      <div className="small muted" aria-live="polite" data-testid="org-progress-count">
        {orgTotalsWords(grid.totals)} · {grid.accountCount} account{grid.accountCount === 1 ? '' : 's'} × {grid.regions.length} region{grid.regions.length === 1 ? '' : 's'}
      </div>
      <div className="org-scroll-x">
        <div role="table" aria-label="Organization scan progress" aria-rowcount={rows.length + 1} className="org-table">
          <div role="row" className="org-row org-head" style={{ gridTemplateColumns: columns }}>
            <span role="columnheader">OU / account</span>
            {grid.regions.map((r) => (
              <span role="columnheader" key={r} className="org-region mono" title={r}>
                {r}
              </span>
            ))}
            <span role="columnheader" title="done/cells, ✕ failed, … running, ↺ kept from earlier">
              cells
            </span>
          </div>
          <div className="org-body" style={{ maxHeight: VIEW_HEIGHT }} onScroll={onScroll} data-testid="org-grid-body">
            <div style={{ height: rows.length * ROW_HEIGHT, position: 'relative' }}>
              {rows.slice(first, last).map((row, i) => {
                const top = (first + i) * ROW_HEIGHT;
                if (row.kind === 'ou') {
                  const g = row.group;
                  return (
                    <div role="row" key={`ou:${g.ouPath}`} className="org-row org-ou" style={{ top, gridTemplateColumns: columns }} data-ou={g.ouPath}>
                      <span role="rowheader" className="org-ou-name" style={{ gridColumn: `1 / span ${grid.regions.length + 1}` }}>
                        <button type="button" className="link org-ou-toggle" aria-expanded={row.open} onClick={() => toggle(g.ouPath, row.open)}>
                          {row.open ? '▾' : '▸'} {ouLabel(g.ouPath)}
                        </button>{' '}
                        <span className="muted small">
                          {g.accounts.length} account{g.accounts.length === 1 ? '' : 's'}
                          {g.totals.accountsFailed > 0 && <span className="bad-text"> · {g.totals.accountsFailed} failed</span>}
                        </span>
                      </span>
                      <span role="cell">
                        <TotalsCell t={g.totals} />
                      </span>
                    </div>
                  );
                }
                const a = row.account;
                const wideFailed = a.wide?.state === 'failed';
                return (
                  <div
                    role="row"
                    key={`a:${a.id}`}
                    className={`org-row org-account${chosen === a.id ? ' chosen' : ''}`}
                    style={{ top, gridTemplateColumns: columns }}
                    data-account={a.id}
                  >
                    <span role="rowheader" className="org-account-name">
                      <button
                        type="button"
                        className={`link${wideFailed ? ' bad-text' : ''}`}
                        onClick={() => setChosen((c) => (c === a.id ? undefined : a.id))}
                        title={wideFailed ? `${accountWords(a)}: ${a.wide?.message ?? 'failed'}` : `${accountWords(a)}: show its failures`}
                        aria-pressed={chosen === a.id}
                      >
                        {a.name ?? a.id}
                      </button>{' '}
                      {a.name && <span className="muted mono small">{a.id}</span>}
                    </span>
                    {grid.regions.map((r) => {
                      const c = a.cells.get(r);
                      const state = c?.state ?? 'none';
                      return (
                        <span
                          role="cell"
                          key={r}
                          className={`org-cell cell-${state}${a.keptFrom.has(r) ? ' cell-kept' : ''}`}
                          data-state={state}
                          data-region={r}
                          {...(c?.cause ? { 'data-cause': c.cause } : {})}
                          title={cellTitle(a, r, c)}
                        />
                      );
                    })}
                    <span role="cell">
                      <TotalsCell t={a.totals} />
                    </span>
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      </div>
      {chosenAccount && <AccountFailures account={chosenAccount} onClose={() => setChosen(undefined)} />}
    </div>
  );
}

/** A chosen account's failures: the account-wide step and each failed region, with cause and fix. */
function AccountFailures({ account, onClose }: { account: OrgAccountRow; onClose: () => void }) {
  const failed = [...(account.wide?.state === 'failed' ? [account.wide] : []), ...[...account.cells.values()].filter((c) => c.state === 'failed')];
  return (
    <section className="org-failures" aria-label={`Failures of ${accountWords(account)}`} data-testid="org-account-failures">
      <div className="section-head">
        <strong>{accountWords(account)}</strong>
        <button type="button" className="link small" onClick={onClose}>
          close
        </button>
      </div>
      {failed.length === 0 ? (
        <p className="muted small">No failed cell.</p>
      ) : (
        <ul className="plain problems">
          {failed.map((c) => {
            const kept = account.keptFrom.get(c.region);
            return (
              <li key={c.region} data-cause={c.cause ?? ''}>
                <strong>{c.region === '*' ? 'account (session, regions)' : c.region}</strong>
                {c.cause ? ` [${c.cause}]` : c.errorCode ? ` (${c.errorCode})` : ''}: <CommandText text={c.message ?? 'failed'} />
                {kept && <span className="warn-text"> The graph shows this cell as of {shownTime(kept)}.</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
