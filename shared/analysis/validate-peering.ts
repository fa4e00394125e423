/** Can these two VPCs be peered? Every reason they cannot, in words a user acts on.
 *
 * One verdict serves the graph's drag validation (thousands of calls while dragging: use
 * `createPeeringValidator`, O(blocks) per call), the peering form and the Node side before it
 * calls CreateVpcPeeringConnection. Rules from "VPC peering limitations", "VPC peering connection
 * lifecycle" and "Amazon VPC quotas" (docs.aws.amazon.com), summarised in
 * docs/ec2-peering-semantics.md.
 */
import { assertNever } from '../core/result';
import { findOverlappingPairs } from '../cidr/overlap';
import type { Cidr } from '../cidr/parse-cidr';
import type { VpcBlockKind, VpcBlockRange } from '../cidr/vpc-blocks';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { AccountId, PeeringId, Region, VpcId } from '../model/ids';
import type { Peering, PeeringStatus, Topology, Vpc } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import { indexTopology } from './topology-index';

/** AWS default quotas ("Amazon VPC quotas"): 50 active peerings per VPC, 25 outstanding requests per account. */
export const DEFAULT_PEERING_QUOTAS = { activePerVpc: 50, outstandingPerAccount: 25 } as const;

/** Quotas to check against; the defaults are AWS's, raise them when the account has an increase. */
export interface PeeringQuotas {
  readonly activePerVpc?: number;
  readonly outstandingPerAccount?: number;
}

/** Options of `validatePeering` and `createPeeringValidator`. */
export interface ValidatePeeringOptions {
  readonly quotas?: PeeringQuotas;
}

interface RefusalBase {
  /** What is wrong, naming the resources. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
}

/** Requester and accepter are the same VPC. */
export interface SameVpcRefusal extends RefusalBase {
  readonly code: 'same-vpc';
  readonly vpcId: VpcId;
}

/** A VPC id not in the topology. */
export interface UnknownVpcRefusal extends RefusalBase {
  readonly code: 'unknown-vpc';
  readonly vpcId: VpcId;
  readonly role: 'requester' | 'accepter';
}

/** One overlapping pair of blocks. */
export interface CidrOverlapRefusal extends RefusalBase {
  readonly code: 'cidr-overlap';
  readonly requesterVpcId: VpcId;
  readonly requesterCidr: Cidr;
  readonly requesterBlockKind: VpcBlockKind;
  readonly accepterVpcId: VpcId;
  readonly accepterCidr: Cidr;
  readonly accepterBlockKind: VpcBlockKind;
}

/** A peering between the two already exists in a non-final state. */
export interface AlreadyPeeredRefusal extends RefusalBase {
  readonly code: 'already-peered';
  readonly peeringId: PeeringId;
  readonly status: PeeringStatus;
}

/** One side already has as many active peerings as its quota allows. */
export interface ActiveQuotaRefusal extends RefusalBase {
  readonly code: 'active-quota';
  readonly vpcId: VpcId;
  readonly role: 'requester' | 'accepter';
  readonly activeCount: number;
  readonly limit: number;
}

/** The requester's account has as many requests awaiting acceptance as its quota allows. */
export interface OutstandingQuotaRefusal extends RefusalBase {
  readonly code: 'outstanding-quota';
  readonly accountId: AccountId;
  readonly outstandingCount: number;
  readonly limit: number;
  /** The outstanding requests, oldest information first as listed in the topology. */
  readonly peeringIds: readonly PeeringId[];
}

/** Why a peering cannot be made. */
export type PeeringRefusal =
  | SameVpcRefusal
  | UnknownVpcRefusal
  | CidrOverlapRefusal
  | AlreadyPeeredRefusal
  | ActiveQuotaRefusal
  | OutstandingQuotaRefusal;

/** Something that does not stop the peering but makes it less useful. */
export type PeeringWarning =
  | (RefusalBase & {
      readonly code: 'routing-ambiguity';
      /** The VPC that would be peered with two overlapping VPCs. */
      readonly hubVpcId: VpcId;
      readonly existingPeerVpcId: VpcId;
      readonly existingPeeringId: PeeringId;
      readonly shared: Cidr;
    })
  | (RefusalBase & { readonly code: 'no-accepter-profile'; readonly accountId: AccountId });

/** What making the peering takes: same or cross account and region, who must accept, which profile can. */
export interface PeeringKind {
  readonly sameAccount: boolean;
  readonly sameRegion: boolean;
  readonly requesterAccountId: AccountId;
  readonly requesterRegion: Region;
  readonly accepterAccountId: AccountId;
  readonly accepterRegion: Region;
  /**
   * `auto-possible` when one account owns both VPCs, so the requester's credentials can accept
   * too (in the accepter's region); otherwise the accepter's account must accept.
   */
  readonly needsAcceptanceBy: 'auto-possible' | 'accepter-account';
  /** Local profiles that act in the accepter's account (empty: its owner must accept). */
  readonly accepterProfiles: readonly string[];
  /** Local profiles that act in the requester's account. */
  readonly requesterProfiles: readonly string[];
}

/** The verdict on one proposed peering. */
export interface PeeringVerdict {
  readonly ok: boolean;
  readonly reasons: readonly PeeringRefusal[];
  /** `null` only when a VPC is unknown. */
  readonly kind: PeeringKind | null;
  readonly warnings: readonly PeeringWarning[];
  /** One sentence: why not, or what it takes. */
  readonly summary: string;
}

/** A verdict function over one topology. */
export type PeeringValidator = (requesterVpcId: VpcId, accepterVpcId: VpcId) => PeeringVerdict;

/**
 * What every call shares, built once per topology. The per-VPC maps come from the shared topology
 * index and block cache, so a graph that already ran the analyses pays nothing more; each call
 * then filters the two VPCs' own peerings (at most a few dozen), which is cheaper than building
 * pair-keyed maps over every peering up front.
 */
interface ValidationIndex {
  readonly vpcById: ReadonlyMap<VpcId, Vpc>;
  readonly blocksByVpc: ReadonlyMap<VpcId, readonly VpcBlockRange[]>;
  /** Every peering of each VPC, any status. */
  readonly peeringsByVpc: ReadonlyMap<VpcId, readonly Peering[]>;
  readonly outstandingByAccount: ReadonlyMap<AccountId, readonly PeeringId[]>;
  readonly profilesByAccount: ReadonlyMap<AccountId, readonly string[]>;
}

const indexCache = new WeakMap<Topology, ValidationIndex>();

/**
 * Statuses that count against "active VPC peering connections per VPC": active, and
 * provisioning, which becomes active without anyone acting.
 */
function isCountedActive(status: PeeringStatus): boolean {
  return status === 'active' || status === 'provisioning';
}

/** Statuses of a request still waiting for the accepter ("outstanding VPC peering connection requests"). */
function isOutstanding(status: PeeringStatus): boolean {
  return status === 'pending-acceptance' || status === 'initiating-request';
}

function buildIndex(topology: Topology): ValidationIndex {
  const hit = indexCache.get(topology);
  if (hit) return hit;
  const outstandingByAccount = new Map<AccountId, PeeringId[]>();
  for (const p of topology.peerings) {
    if (!isOutstanding(p.status)) continue;
    const list = outstandingByAccount.get(p.requester.accountId);
    if (list) list.push(p.id);
    else outstandingByAccount.set(p.requester.accountId, [p.id]);
  }
  const shared = indexTopology(topology);
  const index: ValidationIndex = {
    vpcById: shared.vpcById,
    blocksByVpc: collectVpcBlocks(topology).byVpc,
    peeringsByVpc: shared.peeringsByVpc,
    outstandingByAccount,
    profilesByAccount: new Map(topology.accounts.map((a) => [a.id, a.profiles])),
  };
  indexCache.set(topology, index);
  return index;
}

/** Live peerings between `a` and `b`, from the shorter of the two VPCs' lists. */
function findLiveBetween(index: ValidationIndex, a: VpcId, b: VpcId): Peering[] {
  const la = index.peeringsByVpc.get(a) ?? [];
  const lb = index.peeringsByVpc.get(b) ?? [];
  const [list, other] = la.length <= lb.length ? [la, b] : [lb, a];
  return list.filter((p) => isLivePeeringStatus(p.status) && (p.requester.vpcId === other || p.accepter.vpcId === other));
}

function countActive(index: ValidationIndex, vpcId: VpcId): number {
  let n = 0;
  for (const p of index.peeringsByVpc.get(vpcId) ?? []) if (isCountedActive(p.status)) n++;
  return n;
}

function label(vpc: Vpc): string {
  return vpc.name ? `${vpc.name} (${vpc.id})` : vpc.id;
}

function blockWords(kind: VpcBlockKind): string {
  switch (kind) {
    case 'primary':
      return 'primary block';
    case 'secondary':
      return 'secondary block';
    case 'ipv6':
      return 'IPv6 block';
    default:
      return assertNever(kind);
  }
}

function alreadyPeered(p: Peering, index: ValidationIndex): AlreadyPeeredRefusal {
  const base = { code: 'already-peered' as const, peeringId: p.id, status: p.status };
  const between = `${p.requester.vpcId} and ${p.accepter.vpcId}`;
  const profiles = index.profilesByAccount.get(p.accepter.accountId) ?? [];
  switch (p.status) {
    case 'active':
      return {
        ...base,
        message: `${between} are already peered by ${p.id} (active); AWS allows one peering per pair of VPCs.`,
        fix: `Use ${p.id}: if traffic does not flow, check its routes and security groups instead of creating another peering.`,
      };
    case 'pending-acceptance':
      return {
        ...base,
        message: `${p.id} from ${p.requester.vpcId} to ${p.accepter.vpcId} is already pending acceptance${p.expirationTime ? ` (expires ${p.expirationTime})` : ''}.`,
        fix:
          `Accept ${p.id} as account ${p.accepter.accountId} in ${p.accepter.region}` +
          `${profiles.length ? ` (profile ${profiles.join(', ')})` : ''}, or delete it before requesting a new one.`,
      };
    case 'initiating-request':
    case 'provisioning':
      return {
        ...base,
        message: `${p.id} between ${between} is being set up (${p.status}).`,
        fix: `Wait a minute for ${p.id} to settle, then rescan; no new peering is needed.`,
      };
    case 'deleting':
      return {
        ...base,
        message: `${p.id} between ${between} is being deleted (deleting).`,
        fix: `Wait until ${p.id} is deleted, rescan, then request the peering again.`,
      };
    case 'deleted':
    case 'rejected':
    case 'failed':
    case 'expired':
      // Final statuses never reach here (only live peerings are indexed); kept for exhaustiveness.
      return { ...base, message: `${p.id} between ${between} is ${p.status}.`, fix: 'Request a new peering.' };
    default:
      return assertNever(p.status);
  }
}

/**
 * Build the verdict function for one topology: the shared index is made once (and cached per
 * topology), then each call costs O(blocks of the two VPCs + their live peerings).
 */
export function createPeeringValidator(topology: Topology, opts: ValidatePeeringOptions = {}): PeeringValidator {
  const index = buildIndex(topology);
  const activeLimit = opts.quotas?.activePerVpc ?? DEFAULT_PEERING_QUOTAS.activePerVpc;
  const outstandingLimit = opts.quotas?.outstandingPerAccount ?? DEFAULT_PEERING_QUOTAS.outstandingPerAccount;

  return (requesterVpcId, accepterVpcId) => {
    const reasons: PeeringRefusal[] = [];
    const warnings: PeeringWarning[] = [];
    if (requesterVpcId === accepterVpcId) {
      reasons.push({
        code: 'same-vpc',
        vpcId: requesterVpcId,
        message: `A VPC cannot be peered with itself (${requesterVpcId}).`,
        fix: 'Choose two different VPCs: drop the connection on another VPC.',
      });
    }
    const requester = index.vpcById.get(requesterVpcId);
    const accepter = index.vpcById.get(accepterVpcId);
    for (const [vpc, id, role] of [
      [requester, requesterVpcId, 'requester'],
      [accepter, accepterVpcId, 'accepter'],
    ] as const) {
      if (vpc || (role === 'accepter' && requesterVpcId === accepterVpcId)) continue;
      reasons.push({
        code: 'unknown-vpc',
        vpcId: id,
        role,
        message: `The ${role} VPC ${id} is not in the scanned topology.`,
        fix: `Check the id, or add a profile for the account that owns ${id} and rescan its region so Peerscape can check its CIDR blocks and quotas.`,
      });
    }
    if (!requester || !accepter) return finish(reasons, warnings, null);

    const kind: PeeringKind = {
      sameAccount: requester.accountId === accepter.accountId,
      sameRegion: requester.region === accepter.region,
      requesterAccountId: requester.accountId,
      requesterRegion: requester.region,
      accepterAccountId: accepter.accountId,
      accepterRegion: accepter.region,
      needsAcceptanceBy: requester.accountId === accepter.accountId ? 'auto-possible' : 'accepter-account',
      accepterProfiles: index.profilesByAccount.get(accepter.accountId) ?? [],
      requesterProfiles: index.profilesByAccount.get(requester.accountId) ?? [],
    };
    if (requesterVpcId === accepterVpcId) return finish(reasons, warnings, kind);

    const requesterBlocks = index.blocksByVpc.get(requesterVpcId) ?? [];
    const accepterBlocks = index.blocksByVpc.get(accepterVpcId) ?? [];
    for (const [r, a] of findOverlappingPairs(requesterBlocks, accepterBlocks)) {
      reasons.push({
        code: 'cidr-overlap',
        requesterVpcId,
        requesterCidr: r.cidr,
        requesterBlockKind: r.kind,
        accepterVpcId,
        accepterCidr: a.cidr,
        accepterBlockKind: a.kind,
        message:
          `${label(requester)} ${blockWords(r.kind)} ${r.cidr} overlaps ${label(accepter)} ${blockWords(a.kind)} ${a.cidr}; ` +
          'AWS refuses peerings between VPCs with overlapping CIDR blocks.',
        fix:
          r.kind === 'secondary' || a.kind === 'secondary'
            ? `Disassociate the overlapping secondary block (${r.kind === 'secondary' ? `${r.cidr} from ${requesterVpcId}` : `${a.cidr} from ${accepterVpcId}`}) if unused, or re-address one VPC; overlapping ranges can never be peered.`
            : `Re-address one of the VPCs (a new VPC with a free range, then migrate), or connect them another way (e.g. Transit Gateway with NAT); overlapping ranges can never be peered.`,
      });
    }

    for (const p of findLiveBetween(index, requesterVpcId, accepterVpcId)) reasons.push(alreadyPeered(p, index));

    for (const [vpc, role] of [
      [requester, 'requester'],
      [accepter, 'accepter'],
    ] as const) {
      const activeCount = countActive(index, vpc.id);
      if (activeCount < activeLimit) continue;
      reasons.push({
        code: 'active-quota',
        vpcId: vpc.id,
        role,
        activeCount,
        limit: activeLimit,
        message: `${label(vpc)} already has ${activeCount} active peerings; the quota is ${activeLimit} per VPC.`,
        fix:
          `Delete a peering of ${vpc.id} that is no longer used, or ask AWS (Service Quotas, "Active VPC peering connections per VPC", up to 125) ` +
          `in account ${vpc.accountId}, ${vpc.region}, then raise the quota in Peerscape's settings.`,
      });
    }

    const outstanding = index.outstandingByAccount.get(requester.accountId) ?? [];
    if (outstanding.length >= outstandingLimit) {
      reasons.push({
        code: 'outstanding-quota',
        accountId: requester.accountId,
        outstandingCount: outstanding.length,
        limit: outstandingLimit,
        peeringIds: outstanding,
        message: `Account ${requester.accountId} already has ${outstanding.length} peering requests awaiting acceptance; the quota is ${outstandingLimit}.`,
        fix: `Have the accepters accept or reject them, or delete stale requests (${outstanding.slice(0, 5).join(', ')}${outstanding.length > 5 ? ', …' : ''}).`,
      });
    }

    addAmbiguityWarnings(index, requester, accepter, accepterBlocks, warnings);
    addAmbiguityWarnings(index, accepter, requester, requesterBlocks, warnings);
    if (!kind.sameAccount && kind.accepterProfiles.length === 0) {
      warnings.push({
        code: 'no-accepter-profile',
        accountId: accepter.accountId,
        message: `No local profile acts in account ${accepter.accountId}, which must accept the request.`,
        fix: `Send the request, then ask the owner of ${accepter.accountId} to accept it in ${accepter.region} within 7 days, or add a profile for that account.`,
      });
    }
    return finish(reasons, warnings, kind);
  };
}

/** Warn when `hub`, once peered with `newPeer`, would be peered with two VPCs that overlap. */
function addAmbiguityWarnings(
  index: ValidationIndex,
  hub: Vpc,
  newPeer: Vpc,
  newPeerBlocks: readonly VpcBlockRange[],
  warnings: PeeringWarning[],
): void {
  for (const p of index.peeringsByVpc.get(hub.id) ?? []) {
    if (!isLivePeeringStatus(p.status)) continue;
    const other = p.requester.vpcId === hub.id ? p.accepter.vpcId : p.requester.vpcId;
    if (other === newPeer.id || other === hub.id) continue;
    for (const [existing, incoming] of findOverlappingPairs(index.blocksByVpc.get(other) ?? [], newPeerBlocks)) {
      const shared = existing.prefixLength >= incoming.prefixLength ? existing.cidr : incoming.cidr;
      warnings.push({
        code: 'routing-ambiguity',
        hubVpcId: hub.id,
        existingPeerVpcId: other,
        existingPeeringId: p.id,
        shared,
        message: `${label(hub)} is already peered with ${other} (${existing.cidr}, ${p.id}), which overlaps ${newPeer.id} (${incoming.cidr}): ${hub.id} could route ${shared} to only one of them.`,
        fix: `Route only the subnets actually used in each peer with more specific routes, or peer a VPC whose range does not overlap ${existing.cidr}.`,
      });
    }
  }
}

function finish(reasons: PeeringRefusal[], warnings: PeeringWarning[], kind: PeeringKind | null): PeeringVerdict {
  if (reasons.length > 0) {
    const first = reasons[0]!;
    const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more reason${reasons.length > 2 ? 's' : ''})` : '';
    return { ok: false, reasons, kind, warnings, summary: `Cannot peer: ${first.message}${more}` };
  }
  return { ok: true, reasons, kind, warnings, summary: describeKind(kind!) };
}

/** One sentence saying what a valid peering takes. */
export function describeKind(kind: PeeringKind): string {
  const account = kind.sameAccount ? `same account (${kind.accepterAccountId})` : `cross-account (${kind.requesterAccountId} → ${kind.accepterAccountId})`;
  const region = kind.sameRegion ? `same region (${kind.accepterRegion})` : `cross-region (${kind.requesterRegion} → ${kind.accepterRegion})`;
  const who =
    kind.needsAcceptanceBy === 'auto-possible'
      ? `the requester's account can accept it itself${kind.sameRegion ? '' : ` in ${kind.accepterRegion}`}`
      : kind.accepterProfiles.length > 0
        ? `account ${kind.accepterAccountId} must accept it in ${kind.accepterRegion} (profile ${kind.accepterProfiles.join(', ')})`
        : `account ${kind.accepterAccountId} must accept it in ${kind.accepterRegion}; no local profile can`;
  return `Can peer: ${account}, ${region}; ${who}.`;
}

/** Validate one proposed peering (builds or reuses the topology's index; see `createPeeringValidator`). */
export function validatePeering(
  topology: Topology,
  requesterVpcId: VpcId,
  accepterVpcId: VpcId,
  opts: ValidatePeeringOptions = {},
): PeeringVerdict {
  return createPeeringValidator(topology, opts)(requesterVpcId, accepterVpcId);
}
