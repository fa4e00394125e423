/** Runtime validation of snapshots read from disk or imported by a user.
 *
 * The schema mirrors `Topology` and `Snapshot`, composed from each kind's schema
 * (`kinds/<kind>.ts`, which checks its own type); `satisfies` below fails to compile if they drift.
 */
import { z } from 'zod';

import { organizationSchema } from './organization';
import { FAILURE_CAUSES, type Snapshot } from './snapshot';
import { accountIdSchema } from './kinds/common';
import { accountSchema, MODEL_KINDS, type ResourceKey } from './kinds/index';
import { migrateSnapshot, SNAPSHOT_MIGRATIONS, type MigrationOutcome, type ReadableVersions, type SnapshotMigration } from './snapshot-migrate';
import { TOPOLOGY_SCHEMA_VERSION } from './topology';

/** One array schema per resource kind of the registry, under its key. */
const resourceShapes = Object.fromEntries(
  Object.entries(MODEL_KINDS).map(([key, kind]) => [key, z.array(kind.schema).readonly()]),
) as { readonly [K in ResourceKey]: z.ZodReadonly<z.ZodArray<(typeof MODEL_KINDS)[K]['schema']>> };

/** Schema of a `Topology`: its accounts, then one list per resource kind. */
export const topologySchema = z.object({
  accounts: z.array(accountSchema).readonly(),
  ...resourceShapes,
});

const coverage = z.object({
  profile: z.string(),
  accountId: accountIdSchema.optional(),
  region: z.string(),
  state: z.enum(['complete', 'failed', 'cancelled']),
  errorCode: z.string().optional(),
  message: z.string().optional(),
  counts: z.record(z.string(), z.number()).optional(),
  unread: z.array(z.object({ kind: z.string(), errorCode: z.string(), message: z.string() })).readonly().optional(),
  cause: z.enum(FAILURE_CAUSES).optional(),
  keptFrom: z.string().optional(),
});

/** Schema of a `Snapshot` file. */
export const snapshotSchema = z.object({
  schemaVersion: z.literal(TOPOLOGY_SCHEMA_VERSION),
  takenAt: z.string(),
  source: z.string(),
  topology: topologySchema,
  coverage: z.array(coverage).readonly(),
  organization: organizationSchema.optional(),
});

// Compile-time check that the schema produces exactly the model's types.
((s: z.infer<typeof snapshotSchema>): Snapshot => s) satisfies unknown;
((s: Snapshot): z.infer<typeof snapshotSchema> => s) satisfies unknown;

/** What kind of problem kept a text from being a snapshot, so a caller can say what to do about it. */
export type SnapshotProblemKind =
  /** Control characters: an image, an archive, … rather than JSON text. */
  | 'binary'
  | 'not-json'
  /** Written by a newer Peerscape, whose schema this one cannot know. */
  | 'newer-schema'
  /** A schemaVersion older than any this Peerscape migrates from, or not a version at all. */
  | 'unsupported-schema'
  /** JSON, but fields are missing or wrong. */
  | 'invalid';

/** Why a snapshot file could not be read, as one sentence per problem. */
export type SnapshotParseResult =
  | { readonly ok: true; readonly snapshot: Snapshot }
  | { readonly ok: false; readonly kind: SnapshotProblemKind; readonly problems: readonly string[] };

/** Characters JSON text never holds outside a string's escapes: their presence means binary data. */
// eslint-disable-next-line no-control-regex -- control characters are what tells binary data from text
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * A value read from the file, shortened for a message: JSON-quoted (so control characters come
 * out escaped), C1 controls and bidirectional marks escaped too, and cut at `max` characters.
 */
function excerpt(value: unknown, max = 40): string {
  const text = (JSON.stringify(value) ?? String(value)).replace(/[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Why `JSON.parse` refused `text`, without quoting the text (it may be anything). */
function whyNotJson(text: string, error: unknown): string {
  if (text.trim() === '') return 'it is empty';
  const message = error instanceof Error ? error.message : '';
  const at = /at position (\d+)/.exec(message);
  const cutShort = 'it is not JSON (the text ends in the middle of a JSON document: was the file cut short?)';
  if (at && Number(at[1]) >= text.trimEnd().length) return cutShort;
  if (at) {
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return `it is not JSON (the text stops being JSON at line ${line}, column ${column})`;
  }
  if (/end of JSON input/i.test(message)) return cutShort;
  return 'it is not JSON text';
}

/** `schemaVersion N` readers: "version 2", or "versions 1 to 3" once older ones migrate. */
function readsWhat(reads: ReadableVersions): string {
  return reads.oldest === reads.current ? `version ${reads.current}` : `versions ${reads.oldest} to ${reads.current}`;
}

/** The sentence for a snapshot whose version this Peerscape cannot bring to its own. */
function versionProblem(o: Exclude<MigrationOutcome, { ok: true }>): { kind: SnapshotProblemKind; problems: readonly string[] } {
  switch (o.problem) {
    case 'newer':
      return {
        kind: 'newer-schema',
        problems: [`it was written by a newer Peerscape (schemaVersion ${o.version}; this one reads ${readsWhat(o.reads)}): upgrade Peerscape to open it`],
      };
    case 'unsupported':
      return {
        kind: 'unsupported-schema',
        problems: [`schemaVersion ${excerpt(o.version)} is not supported (this Peerscape reads ${readsWhat(o.reads)}); rescan to make a new snapshot`],
      };
    case 'failed':
      return {
        kind: 'invalid',
        problems: [`it says schemaVersion ${o.version}, but it is not what that version wrote (${o.message}); rescan to make a new snapshot`],
      };
  }
}

/**
 * Parse JSON text as a snapshot, saying exactly which field is wrong when it is not one. A
 * snapshot of an older schema version is migrated first, through `migrations` (by default
 * `SNAPSHOT_MIGRATIONS`).
 */
export function parseSnapshot(text: string, migrations: readonly SnapshotMigration[] = SNAPSHOT_MIGRATIONS): SnapshotParseResult {
  if (CONTROL_CHARACTER.test(text)) {
    return { ok: false, kind: 'binary', problems: ['it holds binary data (an image, an archive, …), not JSON text'] };
  }
  // A byte-order mark (some Windows editors write one) is not part of the JSON.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, kind: 'not-json', problems: [whyNotJson(json, e)] };
  }
  const opened = migrateSnapshot(data, migrations);
  if (!opened.ok) return { ok: false, ...versionProblem(opened) };
  const parsed = snapshotSchema.safeParse(opened.data);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  return {
    ok: false,
    kind: 'invalid',
    problems: parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.length ? i.path.map((k) => (typeof k === 'string' && /^[\w-]{1,40}$/.test(k) ? k : excerpt(typeof k === 'symbol' ? String(k) : k))).join('.') : '(root)'}: ${i.message}`),
  };
}
