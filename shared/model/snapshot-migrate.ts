/** Opening snapshots written by an older Peerscape: a chain of steps, each taking one schema
 * version to the next, run before the snapshot is validated against today's schema.
 *
 * When `TOPOLOGY_SCHEMA_VERSION` goes up, the step from the old version goes at the end of
 * `SNAPSHOT_MIGRATIONS`: a step sees the JSON as that version wrote it (nothing validated yet)
 * and returns it as the next version reads it; the chain sets `schemaVersion` itself. Every
 * version Peerscape ever wrote (from 1) then still opens, and its test says so.
 */
import { TOPOLOGY_SCHEMA_VERSION, type ResourceKey } from './topology';

/** A snapshot as JSON gives it, before validation: any fields, in the shape of its own version. */
export type SnapshotData = Readonly<Record<string, unknown>>;

/** What a step throws when the data is not what its version wrote; the message is shown to the user. */
export class SnapshotMigrationError extends Error {
  override readonly name = 'SnapshotMigrationError';
}

/** One step of the chain. */
export interface SnapshotMigration {
  /** The version this step reads; it writes `from + 1`. */
  readonly from: number;
  /** What changed between the two versions, in one sentence. */
  readonly change: string;
  /**
   * The snapshot as version `from + 1` has it. A step changes what it recognises and leaves the
   * rest for validation to name; it throws `SnapshotMigrationError` only when it cannot go on.
   */
  readonly migrate: (snapshot: SnapshotData) => SnapshotData;
}

/**
 * The topology lists each version added, under that version: a snapshot written before it had
 * none of them, so it opens with each empty.
 */
export const LISTS_NEW_IN = {
  2: ['networkAcls', 'internetGateways', 'egressOnlyInternetGateways', 'natGateways', 'vpnGateways', 'vpcEndpoints', 'prefixLists'],
  3: ['networkInterfaces', 'instances'],
  // Version 4 also gives VPCs an optional `dhcpOptionsId`, which older VPCs simply lack.
  4: ['dhcpOptions'],
  5: ['transitGateways', 'transitGatewayAttachments', 'transitGatewayPeerings', 'transitGatewayRouteTables'],
} as const satisfies Readonly<Record<number, readonly ResourceKey[]>>;

/** The step to version `to` that gives a topology the lists `to` added, empty; a list the file already has is left for validation. */
function addLists(to: keyof typeof LISTS_NEW_IN): SnapshotMigration {
  const lists: readonly ResourceKey[] = LISTS_NEW_IN[to];
  return {
    from: to - 1,
    change: `topologies gain ${lists.join(', ')}`,
    migrate: (s) => {
      const topology = s.topology;
      // A topology that is not an object is left for validation to name.
      if (!isRecord(topology)) return s;
      const added = Object.fromEntries(lists.filter((k) => !(k in topology)).map((k) => [k, []]));
      return { ...s, topology: { ...topology, ...added } };
    },
  };
}

/** Every step, oldest first. */
export const SNAPSHOT_MIGRATIONS: readonly SnapshotMigration[] = [addLists(2), addLists(3), addLists(4), addLists(5)];

/** Which schema versions a chain opens: `oldest` … `current`. */
export interface ReadableVersions {
  readonly oldest: number;
  readonly current: number;
}

/** What became of a snapshot's version. */
export type MigrationOutcome =
  /** At the current version (steps applied when `from` is set), ready for validation; or without a version, which validation reports. */
  | { readonly ok: true; readonly data: unknown; readonly from?: number }
  /** Written by a newer Peerscape. */
  | { readonly ok: false; readonly problem: 'newer'; readonly version: number; readonly reads: ReadableVersions }
  /** A version no step leads from (older than the chain, or not a version at all). */
  | { readonly ok: false; readonly problem: 'unsupported'; readonly version: unknown; readonly reads: ReadableVersions }
  /** A step could not read the data: it is not what its version wrote. */
  | { readonly ok: false; readonly problem: 'failed'; readonly version: number; readonly step: number; readonly message: string };

/**
 * The versions a chain opens: the current one and every older one from which steps lead,
 * unbroken, to it.
 */
export function readableVersions(
  chain: readonly SnapshotMigration[] = SNAPSHOT_MIGRATIONS,
  current: number = TOPOLOGY_SCHEMA_VERSION,
): ReadableVersions {
  let oldest = current;
  while (chain.some((s) => s.from === oldest - 1)) oldest -= 1;
  return { oldest, current };
}

function isRecord(x: unknown): x is SnapshotData {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Bring parsed snapshot JSON to the current schema version through `chain`, or say why not. */
export function migrateSnapshot(
  data: unknown,
  chain: readonly SnapshotMigration[] = SNAPSHOT_MIGRATIONS,
  current: number = TOPOLOGY_SCHEMA_VERSION,
): MigrationOutcome {
  if (!isRecord(data) || !('schemaVersion' in data)) return { ok: true, data };
  const version = data.schemaVersion;
  const reads = readableVersions(chain, current);
  if (version === current) return { ok: true, data };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < reads.oldest) {
    return { ok: false, problem: 'unsupported', version, reads };
  }
  if (version > current) return { ok: false, problem: 'newer', version, reads };
  let snapshot: SnapshotData = data;
  for (let from = version; from < current; from++) {
    const step = chain.find((s) => s.from === from)!;
    try {
      const next = step.migrate(snapshot);
      if (!isRecord(next)) throw new Error('no snapshot');
      snapshot = { ...next, schemaVersion: from + 1 };
    } catch (e) {
      // A step's own refusal is a sentence for the user; anything else is not worth showing.
      const message = e instanceof SnapshotMigrationError ? e.message : `it could not be brought from version ${from} to ${from + 1}`;
      return { ok: false, problem: 'failed', version, step: from, message };
    }
  }
  return { ok: true, data: snapshot, from: version };
}
