/** The discovery progress grid as data: one cell per profile × region, and the counts said above it.
 *
 * The run's events carry a profile-wide cell (`*`: identity and region listing) per profile and a
 * cell per region the profile scans. The grid is the profiles × the regions any of them scans, so
 * its count is exactly that product. A profile whose account another profile scans has no region
 * cells of its own: its cells show the scanning profile's state, so the grid can be all done.
 */
import type { DiscoveryCell } from '../../shared/api/events';

/** A cell's state, or `none` where nothing was asked (the profile failed before listing regions). */
export type GridCellState = DiscoveryCell['state'] | 'none';

/** One drawn cell. */
export interface GridCell {
  readonly state: GridCellState;
  /** The profile that scanned it, when another profile of the same account did. */
  readonly scannedBy?: string;
  readonly source?: DiscoveryCell;
}

/** The grid of one run. */
export interface ProgressGrid {
  readonly profiles: readonly string[];
  readonly regions: readonly string[];
  /** Each profile's profile-wide cell (identity, region listing). */
  readonly profileCells: ReadonlyMap<string, DiscoveryCell>;
  cell(profile: string, region: string): GridCell;
  /** profiles × regions. */
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  /** Neither finished nor failed yet (queued or running). */
  readonly pending: number;
}

/** The grid of `cells`. */
export function progressGridOf(cells: readonly DiscoveryCell[]): ProgressGrid {
  const profiles = [...new Set(cells.map((c) => c.profile))].sort();
  const regions = [...new Set(cells.filter((c) => c.region !== '*').map((c) => c.region))].sort();
  const byKey = new Map(cells.map((c) => [`${c.profile}\u0000${c.region}`, c]));
  const profileCells = new Map(cells.filter((c) => c.region === '*').map((c) => [c.profile, c]));
  // Region cells by account, from the profile that scans it.
  const scannerOf = new Map<string, string>();
  for (const c of cells) if (c.region !== '*' && c.accountId && !scannerOf.has(c.accountId)) scannerOf.set(c.accountId, c.profile);

  const cell = (profile: string, region: string): GridCell => {
    const own = byKey.get(`${profile}\u0000${region}`);
    if (own) return { state: own.state, source: own };
    const accountId = profileCells.get(profile)?.accountId;
    const scanner = accountId ? scannerOf.get(accountId) : undefined;
    const theirs = scanner && scanner !== profile ? byKey.get(`${scanner}\u0000${region}`) : undefined;
    return theirs ? { state: theirs.state, scannedBy: scanner!, source: theirs } : { state: 'none' };
  };

  let done = 0;
  let failed = 0;
  let pending = 0;
  for (const p of profiles) {
    for (const r of regions) {
      const s = cell(p, r).state;
      if (s === 'done') done++;
      else if (s === 'failed') failed++;
      else if (s === 'queued' || s === 'running') pending++;
    }
  }
  return { profiles, regions, profileCells, cell, total: profiles.length * regions.length, done, failed, pending };
}

/** "3 profiles × 17 regions". */
export function gridSizeWords(grid: Pick<ProgressGrid, 'profiles' | 'regions'>): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${n(grid.profiles.length, 'profile')} × ${n(grid.regions.length, 'region')}`;
}
