/** The discovery progress grid: a row per region (its full code and place), a column per profile,
 * a cell per pair, and above it how many of them are done.
 */
import type { DiscoveryCell } from '../../shared/api/events';
import { kindList } from '../../shared/model/unread';
import { regionLocation } from './aws-regions';
import type { ProgressGrid as Grid } from './progress-grid';
import { gridSizeWords, progressGridOf } from './progress-grid';
import './discovery.css';

const CELL_WORDS: Record<DiscoveryCell['state'], string> = {
  queued: 'queued',
  running: 'scanning',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

/** "12 of 68 cells done · 4 profiles × 17 regions", with failures and cells read in part when there are some. */
export function progressWords(grid: Grid): string {
  let partly = 0;
  for (const p of grid.profiles) for (const r of grid.regions) if (partlyRead(grid.cell(p, r))) partly++;
  const part = partly > 0 ? ` (${partly} not read in full)` : '';
  return `${grid.done} of ${grid.total} cells done${part}${grid.failed > 0 ? `, ${grid.failed} failed` : ''} · ${gridSizeWords(grid)}`;
}

function cellTitle(grid: Grid, profile: string, region: string): string {
  const c = grid.cell(profile, region);
  if (c.state === 'none') return `${profile} · ${region}: not scanned`;
  const s = c.source!;
  const counts = s.counts ? Object.entries(s.counts).map(([k, n]) => `${n} ${k}`).join(', ') : '';
  const via = c.scannedBy ? ` through ${c.scannedBy}` : '';
  const unread = s.unread?.length ? ` — could not read ${kindList(s.unread.map((u) => u.kind))} (${[...new Set(s.unread.map((u) => u.errorCode))].join(', ')})` : '';
  return `${profile} · ${region}: ${CELL_WORDS[s.state]}${via}${s.errorCode ? ` (${s.errorCode})` : ''}${s.message ? ` — ${s.message}` : ''}${unread}${counts ? ` — ${counts}` : ''}`;
}

/** True for a done cell that could not read some kinds: it loaded, but not all of it. */
function partlyRead(c: ReturnType<Grid['cell']>): boolean {
  return c.state === 'done' && (c.source?.unread?.length ?? 0) > 0;
}

/** The grid of a run's cells. */
export function ProgressGrid({ cells }: { cells: readonly DiscoveryCell[] }) {
  const grid = progressGridOf(cells);
  return (
    <div className="progress">
      <div className="small muted" aria-live="polite" data-testid="progress-count">
        {progressWords(grid)}
      </div>
      <div className="progress-scroll">
        <table className="progress-grid" aria-label="Discovery progress">
          <thead>
            <tr>
              <th scope="col">Region</th>
              {grid.profiles.map((p) => {
                const wide = grid.profileCells.get(p);
                return (
                  <th key={p} scope="col" className={`progress-profile${wide ? ` cell-${wide.state}` : ''}`} title={wide?.message ? `${p}: ${wide.message}` : p}>
                    {p}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {grid.regions.map((r) => (
              <tr key={r}>
                <th scope="row" className="progress-region">
                  <span className="mono">{r}</span> <span className="muted">{regionLocation(r) ?? ''}</span>
                </th>
                {grid.profiles.map((p) => {
                  const c = grid.cell(p, r);
                  const partly = partlyRead(c);
                  return (
                    <td
                      key={p}
                      className={`cell cell-${c.state}${partly ? ' cell-partly' : ''}`}
                      title={cellTitle(grid, p, r)}
                      data-state={c.state}
                      {...(partly ? { 'data-unread': c.source!.unread!.map((u) => u.kind).join(' ') } : {})}
                    >
                      <span className="cell-dot" />
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
