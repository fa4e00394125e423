/** An organisation scan's progress as data: OUs, their accounts, each account's cells by region,
 * and the totals said per account, per OU and for the whole run.
 *
 * Cells are account × region (`<role>@<account>` as their profile) plus one account-wide cell
 * (`*`: the session and the account's region listing). An account whose account-wide cell failed
 * has no region cells: it counts as one failed account, not as cells.
 */
import type { DiscoveryCell } from '../../../shared/api/events';
import type { RegionCoverage } from '../../../shared/model/snapshot';

/** A drawn cell's state; `none` where the account has no cell for that region. */
export type OrgCellState = DiscoveryCell['state'] | 'none';

/** Counts of cells by state; `kept` counts failed cells whose earlier data the snapshot keeps. */
export interface OrgTotals {
  readonly cells: number;
  readonly done: number;
  readonly failed: number;
  /** Queued or running. */
  readonly running: number;
  readonly kept: number;
  /** Accounts whose account-wide step failed (no region could be scanned). */
  readonly accountsFailed: number;
}

/** One account's row. */
export interface OrgAccountRow {
  readonly id: string;
  readonly name?: string;
  /** The profile label its cells carry. */
  readonly label: string;
  /** The account-wide cell (session, region listing). */
  readonly wide?: DiscoveryCell;
  readonly cells: ReadonlyMap<string, DiscoveryCell>;
  /** `region` of its failed cells whose earlier data is kept → the time that data is from. */
  readonly keptFrom: ReadonlyMap<string, string>;
  readonly totals: OrgTotals;
}

/** One OU's group of accounts. */
export interface OrgGroup {
  /** `Workloads/Production`; `` for accounts directly under the root. */
  readonly ouPath: string;
  readonly accounts: readonly OrgAccountRow[];
  readonly totals: OrgTotals;
}

/** The grid of one organisation run. */
export interface OrgGrid {
  readonly regions: readonly string[];
  readonly groups: readonly OrgGroup[];
  readonly totals: OrgTotals;
  readonly accountCount: number;
}

const ZERO: OrgTotals = { cells: 0, done: 0, failed: 0, running: 0, kept: 0, accountsFailed: 0 };

function add(a: OrgTotals, b: OrgTotals): OrgTotals {
  return {
    cells: a.cells + b.cells,
    done: a.done + b.done,
    failed: a.failed + b.failed,
    running: a.running + b.running,
    kept: a.kept + b.kept,
    accountsFailed: a.accountsFailed + b.accountsFailed,
  };
}

/** The account id in a `<role>@<account>` label, or the label itself. */
function accountOfLabel(label: string): string {
  const at = label.lastIndexOf('@');
  return at >= 0 ? label.slice(at + 1) : label;
}

/** The grid of `cells`; `coverage` (the workspace snapshot's) says which failed cells keep earlier data. */
export function orgGridOf(cells: readonly DiscoveryCell[], coverage: readonly RegionCoverage[] = []): OrgGrid {
  const regions = [...new Set(cells.filter((c) => c.region !== '*').map((c) => c.region))].sort();
  const kept = new Map<string, string>();
  for (const c of coverage) if (c.keptFrom && c.accountId && c.region !== '*') kept.set(`${c.accountId}\u0000${c.region}`, c.keptFrom);

  interface Building {
    id: string;
    name?: string;
    label: string;
    ouPath: string;
    wide?: DiscoveryCell;
    cells: Map<string, DiscoveryCell>;
  }
  const accounts = new Map<string, Building>();
  for (const c of cells) {
    const id = c.accountId ?? accountOfLabel(c.profile);
    let a = accounts.get(id);
    if (!a) {
      a = { id, label: c.profile, ouPath: c.ouPath ?? '', cells: new Map() };
      accounts.set(id, a);
    }
    if (c.accountName) a.name = c.accountName;
    if (c.ouPath !== undefined) a.ouPath = c.ouPath;
    if (c.region === '*') a.wide = c;
    else a.cells.set(c.region, c);
  }

  const byOu = new Map<string, OrgAccountRow[]>();
  for (const a of accounts.values()) {
    let t = { ...ZERO };
    const keptFrom = new Map<string, string>();
    for (const c of a.cells.values()) {
      t.cells++;
      if (c.state === 'done') t.done++;
      else if (c.state === 'failed') {
        t.failed++;
        const from = kept.get(`${a.id}\u0000${c.region}`);
        if (from) {
          t.kept++;
          keptFrom.set(c.region, from);
        }
      } else if (c.state === 'queued' || c.state === 'running') t.running++;
    }
    if (a.wide?.state === 'failed') {
      t = { ...t, accountsFailed: 1 };
      // Its regions were never listed: every slice the snapshot keeps for it is kept data.
      for (const c of coverage) if (c.keptFrom && c.accountId === a.id && c.region !== '*' && !keptFrom.has(c.region)) keptFrom.set(c.region, c.keptFrom);
      t = { ...t, kept: keptFrom.size };
    } else if (a.wide && a.cells.size === 0 && (a.wide.state === 'queued' || a.wide.state === 'running')) {
      t = { ...t, running: 1, cells: 0 };
    }
    const row: OrgAccountRow = { id: a.id, label: a.label, cells: a.cells, keptFrom, totals: t, ...(a.name ? { name: a.name } : {}), ...(a.wide ? { wide: a.wide } : {}) };
    const list = byOu.get(a.ouPath) ?? [];
    list.push(row);
    byOu.set(a.ouPath, list);
  }

  const groups: OrgGroup[] = [...byOu.entries()]
    .sort(([x], [y]) => (x === '' ? -1 : y === '' ? 1 : x.localeCompare(y)))
    .map(([ouPath, rows]) => {
      rows.sort((x, y) => (x.name ?? x.id).localeCompare(y.name ?? y.id, undefined, { numeric: true }) || x.id.localeCompare(y.id));
      return { ouPath, accounts: rows, totals: rows.reduce((s, r) => add(s, r.totals), ZERO) };
    });
  return { regions, groups, totals: groups.reduce((s, g) => add(s, g.totals), ZERO), accountCount: accounts.size };
}

/** "52 of 68 cells done, 3 failed (2 kept from earlier), 13 running · 1 account failed". */
export function orgTotalsWords(t: OrgTotals): string {
  const parts = [`${t.done} of ${t.cells} cell${t.cells === 1 ? '' : 's'} done`];
  if (t.failed > 0) parts.push(`${t.failed} failed`);
  if (t.running > 0) parts.push(`${t.running} running`);
  if (t.kept > 0) parts.push(`${t.kept} kept from earlier`);
  const line = parts.join(', ');
  return t.accountsFailed > 0 ? `${line} · ${t.accountsFailed} account${t.accountsFailed === 1 ? '' : 's'} failed` : line;
}

/** An OU path as shown: the root's accounts under "Root". */
export function ouLabel(ouPath: string): string {
  return ouPath === '' ? 'Root' : ouPath;
}
