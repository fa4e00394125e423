/** The state of one discovery run: the profile × region grid, the region models scanned so far,
 * the progress events (paced) and the snapshots (partial and final) built from them. */
import type { DiscoveryCell } from '../../shared/api/events';
import type { Organization } from '../../shared/model/organization';
import type { FailureCause, RegionCoverage, Snapshot, UnreadKind } from '../../shared/model/snapshot';
import { TOPOLOGY_SCHEMA_VERSION, type Account } from '../../shared/model/topology';
import type { DiscoveryDeps } from './run-discovery';
import { mergeRegions, type RegionModel } from './to-topology';

type CellState = DiscoveryCell['state'];

/** Partial snapshots of up to this many VPCs come every `partialIntervalMs`. Each one is built,
 * sent and drawn whole, at a cost that grows with its VPCs; past this size the interval grows in
 * proportion, so streaming a large organisation takes a steady share of the time instead of
 * more and more of it (3,400 VPCs: one every 6.8 s at the default second). */
export const VPCS_PER_PARTIAL_INTERVAL = 500;

/** The wait after a partial snapshot of `vpcs` VPCs before the next. */
export function partialIntervalFor(vpcs: number, baseMs: number): number {
  return baseMs * Math.max(1, vpcs / VPCS_PER_PARTIAL_INTERVAL);
}

/** Progress events of grids up to this many cells come every `intervalMs`. Each carries the whole
 * grid, so past this size the interval grows in proportion (3,600 cells of a 200-account
 * organisation: one every 360 ms at the default 100 ms). */
export const CELLS_PER_PROGRESS_INTERVAL = 1000;

/** The wait between progress events of a grid of `cells` cells. */
export function progressIntervalFor(cells: number, baseMs: number): number {
  return baseMs * Math.max(1, cells / CELLS_PER_PROGRESS_INTERVAL);
}

interface MutableCell {
  profile: string;
  region: string;
  accountId?: string;
  state: CellState;
  counts?: Readonly<Record<string, number>>;
  unread?: readonly UnreadKind[];
  errorCode?: string;
  message?: string;
  /** The profile whose credentials produced the data, when not `profile` itself. */
  scannedBy?: string;
  accountName?: string;
  ouPath?: string;
  cause?: FailureCause;
}

/** The grid, the observations so far, and the pacing of progress events. */
export class RunState {
  private readonly cells = new Map<string, MutableCell>();
  private readonly models: RegionModel[] = [];
  private modelsAtLastPartial = 0;
  private lastPartialMs = Number.NEGATIVE_INFINITY;
  /** How long after the last partial snapshot the next may be built (it grows with the VPCs). */
  private partialWaitMs = 0;
  private lastEmitMs = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private accountsSoFar: Account[] = [];
  /** Set by organisation scans: stored in every snapshot built. */
  organization?: Organization;

  constructor(
    private readonly runId: string,
    private readonly deps: DiscoveryDeps,
    private readonly intervalMs: number,
    private readonly partialIntervalMs: number,
    profiles: readonly string[],
  ) {
    for (const p of profiles) this.cell(p, '*', { state: 'queued' });
    this.changed();
  }

  cell(profile: string, region: string, patch: Partial<MutableCell>): void {
    const key = `${profile}\u0000${region}`;
    let c = this.cells.get(key);
    if (!c) {
      c = { profile, region, state: 'queued' };
      // Region cells inherit the account of the profile's identity row.
      const idRow = this.cells.get(`${profile}\u0000*`);
      if (idRow?.accountId) c.accountId = idRow.accountId;
      this.cells.set(key, c);
    }
    // A finished cell stays finished: a late abort must not turn `done` into `cancelled`.
    if (patch.state === 'cancelled' && isFinal(c.state)) return;
    Object.assign(c, patch);
  }

  /** Add a side note to a cell that has no message and has not failed (its failure says more). */
  note(profile: string, region: string, message: string): void {
    const c = this.cells.get(`${profile}\u0000${region}`);
    if (!c || c.message !== undefined || c.state === 'failed') return;
    c.message = message;
  }

  addModel(m: RegionModel): void {
    this.models.push(m);
  }

  /** Schedule a progress event: now if the interval has passed, else once it has. */
  changed(): void {
    if (!this.deps.onProgress && !this.deps.onPartialSnapshot) return;
    const now = performance.now();
    const intervalMs = progressIntervalFor(this.cells.size, this.intervalMs);
    if (now - this.lastEmitMs >= intervalMs) {
      this.emit(false);
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.emit(false);
      }, intervalMs - (now - this.lastEmitMs));
    }
  }

  setAccounts(accounts: Account[]): void {
    this.accountsSoFar = accounts;
  }

  private emit(finished: boolean): void {
    this.lastEmitMs = performance.now();
    this.deps.onProgress?.({ runId: this.runId, cells: this.gridCells(), finished });
    if (
      !finished &&
      this.deps.onPartialSnapshot &&
      this.models.length > this.modelsAtLastPartial &&
      this.lastEmitMs - this.lastPartialMs >= this.partialWaitMs
    ) {
      this.modelsAtLastPartial = this.models.length;
      this.lastPartialMs = this.lastEmitMs;
      const partial = this.snapshot(this.accountsSoFar, false);
      this.partialWaitMs = partialIntervalFor(partial.topology.vpcs.length, this.partialIntervalMs);
      this.deps.onPartialSnapshot(partial);
    }
  }

  /** Mark what never finished as cancelled (only a cancelled run leaves such cells). */
  cancelUnfinished(): void {
    for (const c of this.cells.values()) if (!isFinal(c.state)) c.state = 'cancelled';
  }

  /** Send the last event (finished) and stop the pacing timer. */
  finish(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.emit(true);
  }

  private gridCells(): DiscoveryCell[] {
    return [...this.cells.values()].map((c) => ({
      profile: c.profile,
      region: c.region,
      state: c.state,
      ...(c.accountId ? { accountId: c.accountId } : {}),
      ...(c.counts ? { counts: c.counts } : {}),
      ...(c.unread?.length ? { unread: c.unread } : {}),
      ...(c.errorCode ? { errorCode: c.errorCode } : {}),
      ...(c.message ? { message: c.message } : {}),
      ...(c.accountName ? { accountName: c.accountName } : {}),
      ...(c.ouPath !== undefined ? { ouPath: c.ouPath } : {}),
      ...(c.cause && c.state === 'failed' ? { cause: c.cause } : {}),
    }));
  }

  snapshot(accounts: readonly Account[], final: boolean): Snapshot {
    const coverage: RegionCoverage[] = [];
    for (const c of this.cells.values()) {
      // Partial snapshots leave out cells still in flight; the final one has none.
      if (!final && !isFinal(c.state)) continue;
      const state: RegionCoverage['state'] = c.state === 'done' ? 'complete' : c.state === 'failed' ? 'failed' : 'cancelled';
      coverage.push({
        profile: c.scannedBy && c.region !== '*' ? c.scannedBy : c.profile,
        ...(c.accountId ? { accountId: c.accountId } : {}),
        region: c.region,
        state,
        ...(c.errorCode ? { errorCode: c.errorCode } : {}),
        ...(c.message ? { message: c.message } : state === 'cancelled' ? { message: 'The scan was cancelled before this finished: scan again to load it.' } : {}),
        ...(c.counts ? { counts: c.counts } : {}),
        ...(c.unread?.length ? { unread: c.unread } : {}),
        ...(c.cause && state === 'failed' ? { cause: c.cause } : {}),
      });
    }
    return {
      schemaVersion: TOPOLOGY_SCHEMA_VERSION,
      takenAt: this.deps.now().toISOString(),
      source: this.deps.source ?? 'aws',
      topology: mergeRegions(accounts, this.models),
      coverage,
      ...(this.organization ? { organization: this.organization } : {}),
    };
  }
}

function isFinal(s: CellState): boolean {
  return s === 'done' || s === 'failed' || s === 'cancelled';
}
