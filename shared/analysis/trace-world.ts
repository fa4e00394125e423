/** The network a trace walks, read from a topology through its index. */
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { TraceWorld } from '../forwarding/trace';
import type { Topology } from '../model/topology';
import { tgwLookupOf } from './tgw-lookup';
import { indexTopology } from './topology-index';

const cache = new WeakMap<Topology, TraceWorld>();

/** The `TraceWorld` of a topology (made once per topology object). */
export function traceWorldOf(topology: Topology): TraceWorld {
  const hit = cache.get(topology);
  if (hit) return hit;
  const index = indexTopology(topology);
  const world: TraceWorld = {
    cidrs: index,
    subnet: (id) => index.subnetById.get(id),
    servingTable: (subnet) => {
      const tables = index.routeTablesByVpc.get(subnet.vpcId) ?? [];
      const explicit = tables.find((t) => t.subnetIds.includes(subnet.id));
      if (explicit) return { table: explicit, via: 'explicit' };
      const main = tables.find((t) => t.main);
      return main ? { table: main, via: 'main' } : undefined;
    },
    mainTable: (vpcId) => index.routeTablesByVpc.get(vpcId)?.find((t) => t.main),
    peering: (id) => index.peeringById.get(id),
    vpcBlocks: (vpcId) => collectVpcBlocks(topology).byVpc.get(vpcId) ?? [],
    subnetsOf: (vpcId) => index.subnetsByVpc.get(vpcId) ?? [],
    transitGateway: (id) => tgwLookupOf(topology).gatewayById.get(id),
    tgwAttachment: (gatewayId, attachmentId) => tgwLookupOf(topology).attachment(gatewayId, attachmentId),
    vpcAttachment: (gatewayId, vpcId) => tgwLookupOf(topology).vpcAttachment(gatewayId, vpcId),
    associatedTable: (gatewayId, attachmentId) => tgwLookupOf(topology).associatedTable(gatewayId, attachmentId),
    tgwPeering: (id) => tgwLookupOf(topology).peeringById.get(id),
  };
  cache.set(topology, world);
  return world;
}
