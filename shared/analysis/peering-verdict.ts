/** The verdict on a proposed peering as data: every reason it cannot be made, the warnings, what
 * making it takes, and the quotas it is checked against. `validate-peering.ts` computes it. */
import type { Cidr } from '../cidr/parse-cidr';
import type { VpcBlockKind } from '../cidr/vpc-blocks';
import type { AccountId, PeeringId, Region, VpcId } from '../model/ids';
import type { PeeringStatus } from '../model/topology';

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
