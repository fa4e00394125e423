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

/** Why a snapshot file could not be read, as one sentence per problem. */
export type SnapshotParseResult =
  | { readonly ok: true; readonly snapshot: Snapshot }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Parse JSON text as a snapshot, saying exactly which field is wrong when it is not one. */
export function parseSnapshot(text: string): SnapshotParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, problems: [`not JSON: ${(e as Error).message}`] };
  }
  if (typeof data === 'object' && data !== null && 'schemaVersion' in data) {
    const v = (data as { schemaVersion: unknown }).schemaVersion;
    if (v !== TOPOLOGY_SCHEMA_VERSION) {
      return {
        ok: false,
        problems: [
          `schemaVersion ${JSON.stringify(v)} is not supported (this Peerscape reads version ${TOPOLOGY_SCHEMA_VERSION}); rescan to make a new snapshot`,
        ],
      };
    }
  }
  const parsed = snapshotSchema.safeParse(data);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`),
  };
}
