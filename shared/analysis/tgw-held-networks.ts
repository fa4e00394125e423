/** The networks behind a transit gateway: the addresses traffic sent into it can be meant for.
 *
 * Behind a gateway are the blocks of every VPC with an available attachment to it, or to a
 * gateway joined to it by available gateway peerings, and the destinations those gateways' tables
 * route by an active route to an attachment that is neither a VPC's nor a peering's (a VPN, a
 * Direct Connect gateway, a Connect attachment), or to a VPC the snapshot does not hold: networks
 * the snapshot knows only by those routes.
 * Made once per topology object and set of joined gateways.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import { isHeldBlockState } from '../cidr/vpc-blocks';
import type { VpcId } from '../model/ids';
import type { Topology, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTable } from '../model/topology';
import { tgwLookupOf } from './tgw-lookup';
import { indexTopology } from './topology-index';

/** One network behind a gateway: a VPC's block, or a destination routed to a VPN (or similar) attachment. */
export interface HeldNetwork {
  readonly range: CidrRange;
  readonly vpcId?: VpcId;
  readonly attachmentId?: TransitGatewayAttachmentId;
}

/** The networks behind one set of joined gateways, with their IPv4 bounds as numbers (NaN for IPv6) for a tight scan. */
export interface HeldNetworks {
  readonly items: readonly HeldNetwork[];
  readonly lows: Float64Array;
  readonly highs: Float64Array;
}

/** Attachment types whose traffic goes on to another gateway or VPC (already counted by their blocks). */
const NOT_A_NETWORK: ReadonlySet<string> = new Set(['vpc', 'peering', 'tgw-peering']);

const EMPTY: HeldNetworks = { items: [], lows: new Float64Array(0), highs: new Float64Array(0) };
const cache = new WeakMap<Topology, Map<number, HeldNetworks>>();

/** The networks behind `gatewayId` (and the gateways joined to it by available gateway peerings). */
export function heldBehind(topology: Topology, gatewayId: TransitGatewayId): HeldNetworks {
  const tgw = tgwLookupOf(topology);
  const cluster = tgw.cluster.get(gatewayId);
  if (cluster === undefined) return EMPTY;
  let byCluster = cache.get(topology);
  if (!byCluster) cache.set(topology, (byCluster = new Map()));
  const hit = byCluster.get(cluster);
  if (hit) return hit;
  const items: HeldNetwork[] = [];
  const index = indexTopology(topology);
  for (const vpcId of tgw.clusterVpcs.get(cluster) ?? []) {
    const vpc = index.vpcById.get(vpcId);
    if (!vpc) continue;
    for (const b of vpc.cidrBlocks) {
      const range = isHeldBlockState(b.state) ? index.rangeOf(b.cidr) : null;
      if (range) items.push({ range, vpcId });
    }
  }
  const tables = new Map<TransitGatewayId, TransitGatewayRouteTable[]>();
  for (const t of topology.transitGatewayRouteTables) {
    if (tgw.cluster.get(t.transitGatewayId) !== cluster) continue;
    const list = tables.get(t.transitGatewayId);
    if (list) list.push(t);
    else tables.set(t.transitGatewayId, [t]);
  }
  for (const [g, list] of tables) {
    for (const t of list) {
      for (const route of t.routes) {
        if (route.state !== 'active') continue;
        const target = route.targets.find((x) => {
          const a = x.resourceType && x.resourceId ? undefined : tgw.attachment(g, x.attachmentId);
          const type = x.resourceType ?? a?.resourceType;
          // A VPC the snapshot does not hold is known by the routes to its attachment.
          if (type === 'vpc') {
            const vpcId = x.resourceId ?? a?.vpc?.vpcId ?? a?.resourceId;
            return vpcId !== undefined && !index.vpcById.has(vpcId as VpcId);
          }
          return type !== undefined && !NOT_A_NETWORK.has(type);
        });
        if (!target) continue;
        const ranges = route.destination.kind === 'cidr' ? [index.rangeOf(route.destination.cidr)] : (index.prefixListEntries(route.destination.prefixListId) ?? []);
        for (const range of ranges) if (range) items.push({ range, attachmentId: target.attachmentId });
      }
    }
  }
  const v4 = (r: CidrRange) => r.family === 'ipv4';
  const made: HeldNetworks = {
    items,
    lows: Float64Array.from(items, (h) => (v4(h.range) ? Number(h.range.start) : NaN)),
    highs: Float64Array.from(items, (h) => (v4(h.range) ? Number(h.range.end) : NaN)),
  };
  byCluster.set(cluster, made);
  return made;
}

/** The networks behind a gateway that overlap `range`, in the order held. */
export function heldOverlapping(held: HeldNetworks, range: CidrRange): HeldNetwork[] {
  const found: HeldNetwork[] = [];
  if (range.family === 'ipv4') {
    const low = Number(range.start);
    const high = Number(range.end);
    for (let k = 0; k < held.items.length; k++) {
      if (held.lows[k]! <= high && low <= held.highs[k]!) found.push(held.items[k]!);
    }
    return found;
  }
  for (const h of held.items) if (h.range.family === range.family && h.range.start <= range.end && range.start <= h.range.end) found.push(h);
  return found;
}
