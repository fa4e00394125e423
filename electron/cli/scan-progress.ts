/** What `peerscape scan` prints while it runs: one rewritten summary line on a terminal, or one line per finished account for logs. */
import type { DiscoveryProgress } from '../../shared/api/events';
import { terminalText } from './terminal-text';

/** The one-line summary of a grid for a terminal. */
export function progressLine(p: DiscoveryProgress): string {
  const regionCells = p.cells.filter((c) => c.region !== '*');
  const profileCells = p.cells.filter((c) => c.region === '*');
  const count = (cells: typeof p.cells, state: string) => cells.filter((c) => c.state === state).length;
  const profilesReady = profileCells.filter((c) => c.state === 'done' || c.state === 'failed').length;
  const failed = count(p.cells, 'failed');
  return (
    `Scanning: profiles ${profilesReady}/${profileCells.length}` +
    ` · regions ${count(regionCells, 'done')}/${regionCells.length} done, ${count(regionCells, 'running')} running` +
    (failed ? ` · ${failed} failed` : '')
  );
}

/** The one-line summary of an organisation scan's grid: accounts entered, regions done, failures. */
export function organizationProgressLine(p: DiscoveryProgress): string {
  const accounts = p.cells.filter((c) => c.region === '*');
  const regionCells = p.cells.filter((c) => c.region !== '*');
  const count = (cells: typeof p.cells, state: string) => cells.filter((c) => c.state === state).length;
  const failed = count(p.cells, 'failed');
  return (
    `Scanning organisation: accounts ${accounts.filter((c) => c.state === 'done' || c.state === 'failed').length}/${accounts.length}` +
    ` · regions ${count(regionCells, 'done')}/${regionCells.length} done, ${count(regionCells, 'running')} running` +
    (failed ? ` · ${failed} failed` : '')
  );
}

/** One plain line per account once all its cells are final, for logs (no terminal to rewrite a line on). */
export function accountLines(p: DiscoveryProgress, reported: Set<string>): string[] {
  const byAccount = new Map<string, DiscoveryProgress['cells'][number][]>();
  for (const c of p.cells) if (c.accountId) byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c]);
  const lines: string[] = [];
  for (const [id, cells] of byAccount) {
    if (reported.has(id) || cells.some((c) => c.state === 'queued' || c.state === 'running')) continue;
    reported.add(id);
    const first = cells[0]!;
    const regions = cells.filter((c) => c.region !== '*');
    const failed = cells.filter((c) => c.state === 'failed').length;
    const about = [first.accountName, first.ouPath].filter(Boolean).join(', ');
    lines.push(terminalText(`Account ${id}${about ? ` (${about})` : ''}: ${regions.filter((c) => c.state === 'done').length}/${regions.length} regions${failed ? `, ${failed} failed` : ''}`));
  }
  return lines;
}
