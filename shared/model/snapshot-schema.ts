/** Runtime validation of snapshots read from disk or imported by a user.
 *
 * The schema mirrors `Topology` and `Snapshot`; `satisfies` below fails to compile if they drift.
 */
import { z } from 'zod';

import type { Snapshot } from './snapshot';
import { PEERING_STATUSES, TOPOLOGY_SCHEMA_VERSION } from './topology';

const prefixed = <P extends string>(prefix: P) =>
  z.templateLiteral([z.literal(`${prefix}-`), z.string().regex(/^[0-9a-zA-Z]+$/)]);

const vpcId = prefixed('vpc');
const subnetId = prefixed('subnet');
const rtbId = prefixed('rtb');
const sgId = prefixed('sg');
const pcxId = prefixed('pcx');
const accountId = z.string().regex(/^\d{12}$/, 'an account id has 12 digits');
const region = z.string().min(1);
const tags = z.record(z.string(), z.string());

const cidrBlock = z.object({
  cidr: z.string(),
  family: z.enum(['ipv4', 'ipv6']),
  primary: z.boolean(),
  associationId: z.string().optional(),
  state: z.string(),
});

const vpc = z.object({
  id: vpcId,
  accountId,
  region,
  name: z.string().optional(),
  tags,
  isDefault: z.boolean(),
  state: z.string(),
  cidrBlocks: z.array(cidrBlock).readonly(),
  enableDnsSupport: z.boolean().optional(),
  enableDnsHostnames: z.boolean().optional(),
});

const subnet = z.object({
  id: subnetId,
  vpcId,
  accountId,
  region,
  name: z.string().optional(),
  cidr: z.string(),
  ipv6Cidrs: z.array(z.string()).readonly(),
  availabilityZone: z.string(),
});

const routeTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('peering'), peeringId: pcxId }),
  z.object({ kind: z.literal('other'), id: z.string() }),
]);

const route = z.object({
  destination: z.string(),
  target: routeTarget,
  state: z.enum(['active', 'blackhole']),
  origin: z.string(),
});

const routeTable = z.object({
  id: rtbId,
  vpcId,
  accountId,
  region,
  name: z.string().optional(),
  main: z.boolean(),
  subnetIds: z.array(subnetId).readonly(),
  routes: z.array(route).readonly(),
});

const rulePeer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cidr'), cidr: z.string() }),
  z.object({
    kind: z.literal('group'),
    groupId: sgId,
    accountId: accountId.optional(),
    peeringId: pcxId.optional(),
  }),
  z.object({ kind: z.literal('prefix-list'), prefixListId: z.string() }),
]);

const sgRule = z.object({
  protocol: z.string(),
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
  peer: rulePeer,
  description: z.string().optional(),
});

const securityGroup = z.object({
  id: sgId,
  vpcId,
  accountId,
  region,
  name: z.string(),
  description: z.string(),
  ingress: z.array(sgRule).readonly(),
  egress: z.array(sgRule).readonly(),
});

const peeringSide = z.object({
  accountId,
  vpcId,
  region,
  cidrBlocks: z.array(z.string()).readonly(),
  ipv6CidrBlocks: z.array(z.string()).readonly(),
  allowDnsResolutionFromRemoteVpc: z.boolean().optional(),
});

const peering = z.object({
  id: pcxId,
  status: z.enum(PEERING_STATUSES),
  statusMessage: z.string().optional(),
  requester: peeringSide,
  accepter: peeringSide,
  expirationTime: z.string().optional(),
  name: z.string().optional(),
  tags,
});

const account = z.object({
  id: accountId,
  alias: z.string().optional(),
  profiles: z.array(z.string()).readonly(),
});

/** Schema of a `Topology`. */
export const topologySchema = z.object({
  accounts: z.array(account).readonly(),
  vpcs: z.array(vpc).readonly(),
  subnets: z.array(subnet).readonly(),
  routeTables: z.array(routeTable).readonly(),
  securityGroups: z.array(securityGroup).readonly(),
  peerings: z.array(peering).readonly(),
});

const coverage = z.object({
  profile: z.string(),
  accountId: accountId.optional(),
  region: z.string(),
  state: z.enum(['complete', 'failed', 'cancelled']),
  errorCode: z.string().optional(),
  message: z.string().optional(),
  counts: z.record(z.string(), z.number()).optional(),
});

/** Schema of a `Snapshot` file. */
export const snapshotSchema = z.object({
  schemaVersion: z.literal(TOPOLOGY_SCHEMA_VERSION),
  takenAt: z.string(),
  source: z.string(),
  topology: topologySchema,
  coverage: z.array(coverage).readonly(),
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
  /** An older or unknown schemaVersion. */
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

/** Parse JSON text as a snapshot, saying exactly which field is wrong when it is not one. */
export function parseSnapshot(text: string): SnapshotParseResult {
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
  if (typeof data === 'object' && data !== null && 'schemaVersion' in data) {
    const v = (data as { schemaVersion: unknown }).schemaVersion;
    if (typeof v === 'number' && Number.isInteger(v) && v > TOPOLOGY_SCHEMA_VERSION) {
      return {
        ok: false,
        kind: 'newer-schema',
        problems: [`it was written by a newer Peerscape (schemaVersion ${v}; this one reads version ${TOPOLOGY_SCHEMA_VERSION}): upgrade Peerscape to open it`],
      };
    }
    if (v !== TOPOLOGY_SCHEMA_VERSION) {
      return {
        ok: false,
        kind: 'unsupported-schema',
        problems: [`schemaVersion ${excerpt(v)} is not supported (this Peerscape reads version ${TOPOLOGY_SCHEMA_VERSION}); rescan to make a new snapshot`],
      };
    }
  }
  const parsed = snapshotSchema.safeParse(data);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  return {
    ok: false,
    kind: 'invalid',
    problems: parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.length ? i.path.map((k) => (typeof k === 'string' && /^[\w-]{1,40}$/.test(k) ? k : excerpt(typeof k === 'symbol' ? String(k) : k))).join('.') : '(root)'}: ${i.message}`),
  };
}
