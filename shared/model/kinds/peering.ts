/** The VPC peering connection kind of the model: its type and schema, its statuses, and how a
 * peering's side stands in for a VPC whose account was not scanned.
 */
import { z } from 'zod';

import type { AccountId, PeeringId, Region, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, tagsSchema, type ModelKind, type Tags } from './common';
import { vpcIdSchema, type Vpc, type VpcCidrBlock } from './vpc';

/** Every status a VPC peering connection can be in, as AWS names them. */
export const PEERING_STATUSES = [
  'initiating-request',
  'pending-acceptance',
  'provisioning',
  'active',
  'deleting',
  'deleted',
  'rejected',
  'failed',
  'expired',
] as const;
/** A VPC peering connection status code. */
export type PeeringStatus = (typeof PEERING_STATUSES)[number];

/** Statuses after which nothing more can happen to a peering. */
export const FINAL_PEERING_STATUSES: readonly PeeringStatus[] = [
  'deleted',
  'rejected',
  'failed',
  'expired',
];

/** True when a peering in `status` still exists or is on its way to existing. */
export function isLivePeeringStatus(status: PeeringStatus): boolean {
  return !FINAL_PEERING_STATUSES.includes(status);
}

/**
 * A VPC known only from a peering's side (its account was not scanned): the blocks AWS reports
 * for that side, the first IPv4 one as primary; its state is `unknown`. Which side to take when
 * several peerings name the VPC: `vpcKnownFromPeerings`.
 */
export function vpcOfPeeringSide(side: PeeringSide): Vpc {
  const blocks: VpcCidrBlock[] = [
    ...side.cidrBlocks.map((cidr, i): VpcCidrBlock => ({ cidr, family: 'ipv4', primary: i === 0, state: 'associated' })),
    ...side.ipv6CidrBlocks.map((cidr): VpcCidrBlock => ({ cidr, family: 'ipv6', primary: false, state: 'associated' })),
  ];
  return { id: side.vpcId, accountId: side.accountId, region: side.region, tags: {}, isDefault: false, state: 'unknown', cidrBlocks: blocks };
}

/** True when AWS reported some block (IPv4 or IPv6) for a peering side: it does only in some statuses. */
export function sideHasBlocks(side: PeeringSide): boolean {
  return side.cidrBlocks.length > 0 || side.ipv6CidrBlocks.length > 0;
}

/** Milliseconds of a peering's expiration time, or -Infinity when it has none (or an unreadable one). */
function expirationOf(peering: Peering): number {
  const ms = peering.expirationTime === undefined ? NaN : Date.parse(peering.expirationTime);
  return Number.isNaN(ms) ? -Infinity : ms;
}

/**
 * True when `candidate`'s side is a better source of an unscanned VPC's blocks than `current`'s:
 * a side with blocks beats an empty one; then an active peering (AWS keeps its blocks current);
 * then the newest request (the later expiration time; EC2 gives peerings no creation time);
 * then a peering that is not final. On a tie the one met first stays.
 */
export function isBetterBlockSource(candidate: Peering, candidateSide: PeeringSide, current: Peering, currentSide: PeeringSide): boolean {
  const blocks = Number(sideHasBlocks(candidateSide)) - Number(sideHasBlocks(currentSide));
  if (blocks !== 0) return blocks > 0;
  const active = Number(candidate.status === 'active') - Number(current.status === 'active');
  if (active !== 0) return active > 0;
  const newer = expirationOf(candidate) - expirationOf(current);
  if (newer !== 0 && !Number.isNaN(newer)) return newer > 0;
  return isLivePeeringStatus(candidate.status) && !isLivePeeringStatus(current.status);
}

/**
 * Of the sides of `peerings` naming `vpcId`, the one whose blocks stand for that VPC's own when
 * its account was not scanned (see `isBetterBlockSource`); undefined when no peering names it.
 */
export function blockSourceSide(peerings: readonly Peering[], vpcId: VpcId): PeeringSide | undefined {
  let best: { peering: Peering; side: PeeringSide } | undefined;
  for (const p of peerings) {
    for (const side of p.requester.vpcId === vpcId ? [p.requester] : p.accepter.vpcId === vpcId ? [p.accepter] : []) {
      if (!best || isBetterBlockSource(p, side, best.peering, best.side)) best = { peering: p, side };
    }
  }
  return best?.side;
}

/** The stand-in of a VPC known only from `peerings` (its account was not scanned), from its best side. */
export function vpcKnownFromPeerings(peerings: readonly Peering[], vpcId: VpcId): Vpc | undefined {
  const side = blockSourceSide(peerings, vpcId);
  return side ? vpcOfPeeringSide(side) : undefined;
}

/** One side (requester or accepter) of a peering. */
export interface PeeringSide {
  readonly accountId: AccountId;
  readonly vpcId: VpcId;
  readonly region: Region;
  /** IPv4 blocks AWS reports for this side (`cidrBlockSet`). */
  readonly cidrBlocks: readonly string[];
  readonly ipv6CidrBlocks: readonly string[];
  /** `peeringOptions.allowDnsResolutionFromRemoteVpc`, when the peering is active. */
  readonly allowDnsResolutionFromRemoteVpc?: boolean;
}

/** A VPC peering connection, one per pcx id, merged from every account that sees it. */
export interface Peering {
  readonly id: PeeringId;
  readonly status: PeeringStatus;
  readonly statusMessage?: string;
  readonly requester: PeeringSide;
  readonly accepter: PeeringSide;
  /** ISO 8601; set while pending acceptance. */
  readonly expirationTime?: string;
  readonly name?: string;
  readonly tags: Tags;
}

/** Schema of a `PeeringId`. */
export const peeringIdSchema = idSchema('pcx');

const peeringSideSchema = z.object({
  accountId: accountIdSchema,
  vpcId: vpcIdSchema,
  region: regionSchema,
  cidrBlocks: z.array(z.string()).readonly(),
  ipv6CidrBlocks: z.array(z.string()).readonly(),
  allowDnsResolutionFromRemoteVpc: z.boolean().optional(),
});

/** Schema of a `Peering`. */
export const peeringSchema = z.object({
  id: peeringIdSchema,
  status: z.enum(PEERING_STATUSES),
  statusMessage: z.string().optional(),
  requester: peeringSideSchema,
  accepter: peeringSideSchema,
  expirationTime: z.string().optional(),
  name: z.string().optional(),
  tags: tagsSchema,
});

// Compile-time check that the schema produces exactly the type.
((p: z.infer<typeof peeringSchema>): Peering => p) satisfies unknown;
((p: Peering): z.infer<typeof peeringSchema> => p) satisfies unknown;

/** The peering kind, as the model's registry lists it. */
export const PEERING_KIND: ModelKind<Peering> = { schema: peeringSchema };
