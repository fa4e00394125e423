/** Can these two VPCs be peered? Every reason they cannot, in words a user acts on.
 *
 * One verdict serves the graph's drag validation (thousands of calls while dragging: use
 * `createPeeringValidator`, O(blocks) per call), the peering form and the Node side before it
 * calls CreateVpcPeeringConnection. Rules from "VPC peering limitations", "VPC peering connection
 * lifecycle" and "Amazon VPC quotas" (docs.aws.amazon.com).
 */
import { assertNever } from '../core/result';
import { findOverlappingPairs } from '../cidr/overlap';
import type { VpcBlockKind, VpcBlockRange } from '../cidr/vpc-blocks';
import type { VpcId } from '../model/ids';
import type { Peering, Topology, Vpc } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import { buildIndex, countActive, findLiveBetween, type ValidationIndex } from './peering-validation-index';
import type { AlreadyPeeredRefusal, PeeringKind, PeeringRefusal, PeeringValidator, PeeringVerdict, PeeringWarning, ValidatePeeringOptions } from './peering-verdict';
import { DEFAULT_PEERING_QUOTAS } from './peering-verdict';

export { DEFAULT_PEERING_QUOTAS } from './peering-verdict';
export type {
  ActiveQuotaRefusal,
  AlreadyPeeredRefusal,
  CidrOverlapRefusal,
  OutstandingQuotaRefusal,
  PeeringKind,
  PeeringQuotas,
  PeeringRefusal,
  PeeringValidator,
  PeeringVerdict,
  PeeringWarning,
  SameVpcRefusal,
  UnknownVpcRefusal,
  ValidatePeeringOptions,
} from './peering-verdict';

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
