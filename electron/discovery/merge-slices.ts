/** A snapshot with some account × region slices replaced by a rescan of just those slices.
 *
 * A scoped rescan (after a change to AWS, or a full scan that must not undo a newer one) scans a
 * few slices; what it saw of them replaces what the snapshot had, kind by kind through the
 * registry's `carry` and `merge`, and every other slice stays exactly as it was. A slice the
 * rescan could not finish is not replaced: its old data stays, and the caller reports the failure.
 */
import type { AccountId, Region } from '../../shared/model/ids';
import type { RegionCoverage, Snapshot } from '../../shared/model/snapshot';
import type { Account, ResourceKey, Topology, TopologyResources } from '../../shared/model/topology';
import { DISCOVERY_KEYS, DISCOVERY_KINDS } from './kinds/index';
import type { DiscoveryKind, ScanPlace } from './kinds/kind';

/** One account × region: what a scan of one account's region covers. */
export interface Slice {
  readonly accountId: AccountId;
  readonly region: Region;
}

/** The key of a slice in sets and maps. */
export function sliceKey(place: ScanPlace): string {
  return `${place.accountId}/${place.region}`;
}

/** The slice of a coverage cell, when it is one (a region cell whose account is known). */
function sliceOfCell(cell: RegionCoverage): Slice | undefined {
  return cell.accountId && cell.region !== '*' ? { accountId: cell.accountId, region: cell.region } : undefined;
}

/** The slices a snapshot's scan finished, by key. */
export function completedSlices(snapshot: Snapshot): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const cell of snapshot.coverage) {
    const slice = sliceOfCell(cell);
    if (slice && cell.state === 'complete') keys.add(sliceKey(slice));
  }
  return keys;
}

/** A registry entry seen without its types, for the loops below (each key's types line up by construction). */
const kindOf = (k: ResourceKey) => DISCOVERY_KINDS[k] as DiscoveryKind<string, unknown, unknown, unknown>;

function mergeAccounts(base: readonly Account[], fresh: readonly Account[]): Account[] {
  const byId = new Map(base.map((a) => [a.id, a] as const));
  for (const a of fresh) {
    // A profile rescan learns no Organizations name or OU path, and its alias read may be
    // refused: what the rescan did not learn stays as the earlier scan knew it.
    const before = byId.get(a.id);
    const name = a.name ?? before?.name;
    const ouPath = a.ouPath ?? before?.ouPath;
    const alias = a.alias ?? before?.alias;
    byId.set(a.id, { ...a, ...(name !== undefined ? { name } : {}), ...(ouPath !== undefined ? { ouPath } : {}), ...(alias !== undefined ? { alias } : {}) });
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * `base` with the slices named in `slices` taken from `fresh` (which must have scanned them):
 * their resources, their coverage cells and the accounts `fresh` knows. Profile-wide cells (`*`)
 * stay `base`'s, but a profile only `fresh` met is added. `takenAt` becomes `fresh`'s, as the
 * newest data in the result.
 */
export function replaceSlices(base: Snapshot, fresh: Snapshot, slices: ReadonlySet<string>): Snapshot {
  const replaced = (place: ScanPlace) => slices.has(sliceKey(place));
  const kept = (place: ScanPlace) => !replaced(place);
  const baseSeen = completedSlices(base);
  const seenInBase = (place: ScanPlace) => baseSeen.has(sliceKey(place));
  const merged: Record<string, readonly unknown[]> = {};
  for (const k of DISCOVERY_KEYS) {
    const kind = kindOf(k);
    // The rescan's views first: where both vouch for one resource, the newer wins.
    const found = [
      ...fresh.topology[k].flatMap((item: unknown) => kind.carry(item, replaced, replaced)),
      ...base.topology[k].flatMap((item: unknown) => kind.carry(item, kept, seenInBase)),
    ];
    merged[k] = kind.merge(found);
  }
  const topology: Topology = { accounts: mergeAccounts(base.topology.accounts, fresh.topology.accounts), ...(merged as TopologyResources) };
  return { ...base, takenAt: fresh.takenAt, topology, coverage: mergeCoverage(base.coverage, fresh.coverage, replaced) };
}

/** `base`'s cells with each replaced slice's cell swapped for `fresh`'s in place; new slices and profiles at the end. */
function mergeCoverage(base: readonly RegionCoverage[], fresh: readonly RegionCoverage[], replaced: (place: ScanPlace) => boolean): RegionCoverage[] {
  const freshBySlice = new Map<string, RegionCoverage>();
  for (const c of fresh) {
    const slice = sliceOfCell(c);
    if (slice && replaced(slice)) freshBySlice.set(sliceKey(slice), c);
  }
  const used = new Set<string>();
  const coverage: RegionCoverage[] = [];
  for (const c of base) {
    const slice = sliceOfCell(c);
    if (!slice || !replaced(slice)) coverage.push(c);
    else if (!used.has(sliceKey(slice)) && freshBySlice.has(sliceKey(slice))) {
      used.add(sliceKey(slice));
      coverage.push(freshBySlice.get(sliceKey(slice))!);
    }
  }
  const baseProfiles = new Set(base.filter((c) => c.region === '*').map((c) => c.profile));
  for (const [k, c] of freshBySlice) if (!used.has(k)) coverage.push(c);
  for (const c of fresh) if (c.region === '*' && !baseProfiles.has(c.profile)) coverage.push(c);
  return coverage;
}

/**
 * `fresh` with the earlier data of each slice it failed to read: a failed cell never empties what
 * `previous` found there. Such a slice keeps `previous`'s resources and counts; its cell stays
 * failed (with this scan's error, cause and fix) and gains `keptFrom`, the time of the scan the
 * data is from (carried over when that data was itself kept). An account whose regions could not
 * even be listed (its `*` cell failed) keeps every slice `previous` had of it.
 */
export function keepEarlierData(previous: Snapshot, fresh: Snapshot): Snapshot {
  const earlier = new Map<string, RegionCoverage>();
  for (const c of previous.coverage) {
    const slice = sliceOfCell(c);
    if (slice && (c.state === 'complete' || c.keptFrom)) earlier.set(sliceKey(slice), c);
  }
  const failures = new Map<string, RegionCoverage>();
  const freshSlices = new Set<string>();
  for (const c of fresh.coverage) {
    const slice = sliceOfCell(c);
    if (slice) freshSlices.add(sliceKey(slice));
    if (slice && c.state === 'failed' && earlier.has(sliceKey(slice))) failures.set(sliceKey(slice), c);
  }
  for (const c of fresh.coverage) {
    if (c.region !== '*' || c.state !== 'failed' || !c.accountId) continue;
    for (const [key, e] of earlier) {
      if (e.accountId === c.accountId && !freshSlices.has(key)) failures.set(key, { ...c, region: e.region });
    }
  }
  if (failures.size === 0) return fresh;
  const keep = new Set(failures.keys());
  const merged = replaceSlices(fresh, previous, keep);
  const coverage = merged.coverage.map((c) => {
    const slice = sliceOfCell(c);
    const failure = slice ? failures.get(sliceKey(slice)) : undefined;
    if (!slice || !failure) return c;
    const before = earlier.get(sliceKey(slice))!;
    return {
      ...failure,
      profile: failure.profile,
      ...(before.counts ? { counts: before.counts } : {}),
      ...(before.unread ? { unread: before.unread } : {}),
      keptFrom: before.keptFrom ?? previous.takenAt,
    };
  });
  const topology = { ...merged.topology, accounts: mergeAccounts(previous.topology.accounts, fresh.topology.accounts) };
  const organization = fresh.organization ?? previous.organization;
  return { ...merged, takenAt: fresh.takenAt, topology, coverage, ...(organization ? { organization } : {}) };
}
