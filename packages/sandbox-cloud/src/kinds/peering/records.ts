/** A VPC peering connection's stored record, its statuses and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Peering ids and the errors AWS answers for a malformed or unknown one. */
export const PEERING_IDS: IdSpec = {
  prefix: 'pcx-',
  notFound: 'InvalidVpcPeeringConnectionID.NotFound',
  malformed: 'InvalidVpcPeeringConnectionId.Malformed',
  noun: 'vpcPeeringConnection ID',
};

/** Peering statuses, as AWS names them (VPC peering guide, "VPC peering connection lifecycle"). */
export type PeeringStatusCode =
  | 'initiating-request'
  | 'pending-acceptance'
  | 'provisioning'
  | 'active'
  | 'deleting'
  | 'deleted'
  | 'rejected'
  | 'failed'
  | 'expired';

/** Peering statuses in which a request is still outstanding (counts against the 25 quota). */
export const OUTSTANDING_STATUSES: readonly PeeringStatusCode[] = ['initiating-request', 'pending-acceptance'];
/** Statuses after which the peering can never change again. */
export const FINAL_STATUSES: readonly PeeringStatusCode[] = ['deleted', 'rejected', 'failed', 'expired'];

/** One side of a peering as it was when last seen (kept after its VPC is deleted). */
export interface PeeringSideRec {
  ownerId: string;
  vpcId: string;
  region: string;
  cidrBlock?: string;
  cidrBlocks: string[];
  ipv6CidrBlocks: string[];
  allowDnsResolutionFromRemoteVpc: boolean;
}

/** A VPC peering connection. */
export interface PeeringRec {
  id: string;
  requester: PeeringSideRec;
  accepter: PeeringSideRec;
  status: PeeringStatusCode;
  message: string;
  createdAt: number;
  /** When the current status began. */
  statusAt: number;
  /** Set while the request can still be accepted. */
  expirationTime?: number;
  /** Why the request fails once it leaves initiating-request (overlap, peer VPC missing). */
  failReason?: string;
  /** The account that deleted it (visibility differs for the deleter). */
  deletedBy?: string;
  /** Tags per account: each account tags and sees its own. */
  tags: Record<string, TagMap>;
}

/** Keeps a peering in a transient status until the hold is lifted (fault injection, scenarios). */
export interface PeeringHold {
  /** The peering, or any peering whose requester or accepter is this VPC. */
  peeringId?: string;
  vpcId?: string;
  status: 'initiating-request' | 'provisioning' | 'deleting';
}
