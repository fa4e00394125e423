/** What selecting one VPC shows: its direct peers and the VPCs it reaches only through others (peering is not transitive). */
import { indexTopology } from '../../../../shared/analysis/topology-index';
import type { NoDirectPathExplanation } from '../../../../shared/analysis/transitive-paths';
import { explainNoDirectPath } from '../../../../shared/analysis/transitive-paths';
import { transitGatewayCarries } from '../../../../shared/analysis/vpc-reach';
import type { VpcId } from '../../../../shared/model/ids';
import type { Peering, Topology } from '../../../../shared/model/topology';
import { isLivePeeringStatus } from '../../../../shared/model/topology';

/** The VPC on the other side of `p` from `vpcId`. */
export function otherSide(p: Peering, vpcId: VpcId): VpcId {
  return p.requester.vpcId === vpcId ? p.accepter.vpcId : p.requester.vpcId;
}

/** explainNoDirectPath's answer for two VPCs connected only through others (or not at all). */
export type IndirectPath = Extract<NoDirectPathExplanation, { readonly proposal: unknown }>;

/** What selecting one VPC shows: its direct peers and the VPCs it reaches only through others. */
export interface Neighbourhood {
  /** VPCs joined to it by a live peering (any status but final ones). */
  readonly peers: ReadonlySet<VpcId>;
  /** VPCs reached only through other VPCs over active peerings (peering is not transitive) and not carried both ways by transit gateways, nearest first. */
  readonly indirect: readonly IndirectPath[];
}

const neighbourhoodCache = new WeakMap<Topology, Map<VpcId, Neighbourhood>>();

/**
 * The neighbourhood of `vpcId`: one explainNoDirectPath per other VPC of the diagram (each a
 * breadth-first search that stops at its target), so about V·(V+E) in the worst case, once
 * per selection.
 */
export function neighbourhoodOf(t: Topology, vpcId: VpcId): Neighbourhood {
  let byVpc = neighbourhoodCache.get(t);
  if (!byVpc) neighbourhoodCache.set(t, (byVpc = new Map()));
  const hit = byVpc.get(vpcId);
  if (hit) return hit;
  const index = indexTopology(t);
  const peers = new Set<VpcId>();
  let hasActive = false;
  for (const p of index.peeringsByVpc.get(vpcId) ?? []) {
    if (!isLivePeeringStatus(p.status)) continue;
    peers.add(otherSide(p, vpcId));
    if (p.status === 'active') hasActive = true;
  }
  const indirect: IndirectPath[] = [];
  if (hasActive) {
    const candidates = new Set<VpcId>();
    for (const v of t.vpcs) candidates.add(v.id);
    for (const p of t.peerings) {
      if (p.status !== 'active') continue;
      candidates.add(p.requester.vpcId);
      candidates.add(p.accepter.vpcId);
    }
    for (const other of [...candidates].sort()) {
      if (other === vpcId) continue;
      const why = explainNoDirectPath(t, vpcId, other);
      // A pair transit gateways carry both ways is not cut off by non-transitivity.
      if (why.status === 'indirect' && !transitGatewayCarries(t, vpcId, other)) indirect.push(why as IndirectPath);
    }
  }
  // Nearest first: two hops (A–B–C, the case people expect to work) before longer chains.
  indirect.sort((x, y) => x.path.length - y.path.length || (x.b < y.b ? -1 : x.b > y.b ? 1 : 0));
  const result: Neighbourhood = { peers, indirect };
  byVpc.set(vpcId, result);
  return result;
}
