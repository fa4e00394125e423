/** AWS RAM's stored records: resource shares (their resources and principals) and the
 * invitations sent to accounts outside an organisation, kept by ARN, and the one question other
 * services ask of them: is this resource shared with that account?
 *
 * Records are plain JSON (saved in state files as `resourceShares` and
 * `resourceShareInvitations`). Times are epoch milliseconds.
 */
import type { TagMap } from '../state/records';

/** `ResourceShareStatus`. The sandbox makes shares `ACTIVE` at once; deletion makes them `DELETED`. */
export type ShareStatus = 'ACTIVE' | 'DELETED';

/** `ResourceShareAssociationStatus`. */
export type AssociationStatus = 'ASSOCIATING' | 'ASSOCIATED' | 'FAILED' | 'DISASSOCIATING' | 'DISASSOCIATED';

/** One resource or principal of a share. */
export interface ShareAssociationRec {
  /** The resource's ARN, or the principal's account id. */
  entity: string;
  status: AssociationStatus;
  statusMessage?: string;
  /** Principals only: an account outside the sharer's organisation (every account here). */
  external: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A resource share, kept in its owner's region. */
export interface ResourceShareRec {
  arn: string;
  name: string;
  ownerId: string;
  region: string;
  allowExternalPrincipals: boolean;
  status: ShareStatus;
  resources: ShareAssociationRec[];
  principals: ShareAssociationRec[];
  createdAt: number;
  updatedAt: number;
  tags: TagMap;
}

/** `ResourceShareInvitationStatus` (the sandbox does not expire invitations). */
export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED';

/** An invitation to one account to join a share. */
export interface InvitationRec {
  arn: string;
  shareArn: string;
  senderId: string;
  receiverId: string;
  region: string;
  status: InvitationStatus;
  sentAt: number;
}

/** RAM's state: shares and invitations by ARN. */
export class RamStore {
  readonly shares = new Map<string, ResourceShareRec>();
  readonly invitations = new Map<string, InvitationRec>();

  /** True when an active share of the resource's owner in `region` has the resource and has
   * account `accountId` as an associated principal (for an account outside the organisation:
   * once it accepted the invitation). */
  isSharedWith(resourceArn: string, accountId: string, region: string): boolean {
    return this.sharedWith(accountId, region).has(resourceArn);
  }

  /** The ARNs of the resources shared with `accountId` in `region` by active shares. */
  sharedWith(accountId: string, region: string): Set<string> {
    const out = new Set<string>();
    for (const s of this.shares.values()) {
      if (s.status !== 'ACTIVE' || s.region !== region) continue;
      if (!s.principals.some((p) => p.entity === accountId && p.status === 'ASSOCIATED')) continue;
      for (const r of s.resources) if (r.status === 'ASSOCIATED') out.add(r.entity);
    }
    return out;
  }
}
