/** The gateway side of the reachability matrix (`reach-matrix.ts`): a walk through gateway
 * tables settled by their compiled scans where the trace would take one route with one target,
 * and the numbers a remembered walk is kept as. */
import { isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import type { CompiledTable } from '../forwarding/compiled-table';
import { scanBlock, scannedInner, scannedRoute } from '../forwarding/compiled-table';
import { compileTgwTable, tgwRoutes } from '../forwarding/tgw-table';
import type { VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRoute, TransitGatewayRouteTable } from '../model/topology';
import type { ReachContext } from './vpc-reach-walk';
import { blocksOf } from './vpc-reach-walk';

/** Not worked out yet, in a walk memo. */
export const UNSET = 0;
/** A fast gateway walk that cannot settle the block: the trace must. */
export const FALLBACK = -1;
export const DELIVERED = 1;
export const UNCERTAIN = 2;

/** A remembered gateway walk: `(index of the VPC delivered to + 2) << 2 | DELIVERED | UNCERTAIN` (index -1 when not delivered or outside the matrix). */
export const encode = (vpc: number, delivered: boolean, unknown: boolean) => ((vpc + 2) << 2) | (delivered ? DELIVERED : 0) | (unknown ? UNCERTAIN : 0);
export const DROPPED = encode(-1, false, false);

/** What the fast gateway walk reads. */
export interface GatewayScanState {
  readonly ctx: ReachContext;
  readonly indexOf: ReadonlyMap<VpcId, number>;
  readonly compiledTgw: Map<TransitGatewayRouteTable, CompiledTable<TransitGatewayRoute>>;
  /** VPCs with a prefix-list route in some table: a delivery into them is left to the trace. */
  readonly listVpcs: ReadonlySet<VpcId>;
}

/**
 * The gateway walk of the trace (`throughGateway`, `leaveGateway`) where one route with one
 * target decides the whole block in a table read in full without prefix lists, into a VPC whose
 * tables have no prefix lists or over one gateway peering; else `FALLBACK`.
 */
export function fastGateway(s: GatewayScanState, gatewayId: TransitGatewayId, ingressId: TransitGatewayAttachmentId, block: CidrRange, depth: number): number {
  const tgw = s.ctx.tgw;
  const gateway = tgw.gatewayById.get(gatewayId);
  if (!gateway || gateway.routing.state !== 'read') return FALLBACK;
  const association = tgw.associatedTable(gatewayId, ingressId);
  if (!association) return DROPPED;
  const table = association.table;
  if (!table || !table.routesComplete) return FALLBACK;
  let compiled = s.compiledTgw.get(table);
  if (!compiled) s.compiledTgw.set(table, (compiled = compileTgwTable(s.ctx.index, table)));
  if (compiled.lists.length > 0) return FALLBACK;
  const scan = scanBlock(compiled, null, Number(block.start), Number(block.end));
  if (scannedInner(scan)) return FALLBACK;
  const r = scannedRoute(scan);
  if (r < 0) return DROPPED;
  const route = compiled.routes[r]!;
  if (tgwRoutes.isBlackhole(route)) return DROPPED;
  if (route.targets.length !== 1) return FALLBACK;
  const outId = route.targets[0]!.attachmentId;
  const out = tgw.attachment(gatewayId, outId);
  if (!out || out.state !== 'available') return DROPPED;
  if (out.resourceType === 'vpc') {
    const vpcId = out.vpc?.vpcId ?? (out.resourceId as VpcId);
    if (s.listVpcs.has(vpcId)) return FALLBACK;
    const holds = blocksOf(s.ctx, vpcId).some((b) => isWithin(block, b));
    return holds ? encode(s.indexOf.get(vpcId) ?? -1, true, false) : DROPPED;
  }
  if (out.resourceType === 'peering' || out.resourceType === 'tgw-peering') {
    const peering = tgw.peeringById.get(outId);
    if (!peering || peering.state !== 'available') return DROPPED;
    if (depth > 0) return FALLBACK;
    return fastGateway(s, out.resourceId as TransitGatewayId, outId, block, depth + 1);
  }
  return DROPPED;
}
