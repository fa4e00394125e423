/** What every validation over one topology shares: its VPCs, blocks and peerings per VPC, the
 * outstanding requests per account and the profiles per account, built once and cached. */
import type { VpcBlockRange } from '../cidr/vpc-blocks';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { AccountId, PeeringId, VpcId } from '../model/ids';
import type { Peering, PeeringStatus, Topology, Vpc } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import { indexTopology } from './topology-index';

/**
 * What every call shares, built once per topology. The per-VPC maps come from the shared topology
 * index and block cache, so a graph that already ran the analyses pays nothing more; each call
 * then filters the two VPCs' own peerings (at most a few dozen), which is cheaper than building
 * pair-keyed maps over every peering up front.
 */
export interface ValidationIndex {
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

export function buildIndex(topology: Topology): ValidationIndex {
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
export function findLiveBetween(index: ValidationIndex, a: VpcId, b: VpcId): Peering[] {
  const la = index.peeringsByVpc.get(a) ?? [];
  const lb = index.peeringsByVpc.get(b) ?? [];
  const [list, other] = la.length <= lb.length ? [la, b] : [lb, a];
  return list.filter((p) => isLivePeeringStatus(p.status) && (p.requester.vpcId === other || p.accepter.vpcId === other));
}

export function countActive(index: ValidationIndex, vpcId: VpcId): number {
  let n = 0;
  for (const p of index.peeringsByVpc.get(vpcId) ?? []) if (isCountedActive(p.status)) n++;
  return n;
}
