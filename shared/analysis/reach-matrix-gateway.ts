/** The gateway side of the reachability matrix (`reach-matrix.ts`): a walk through gateway
 * tables settled by their compiled scans where the trace would take one route with one target,
 * and the numbers a remembered walk is kept as. */
import { isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import type { CompiledTable } from '../forwarding/compiled-table';
import { scanBlock, scannedInner, scannedRoute } from '../forwarding/compiled-table';
import { compileTgwTable, tgwRoutes } from '../forwarding/tgw-table';
import type { VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRoute } from '../model/topology';
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
  /** Per VPC index: its IPv4 blocks' bounds (low, high pairs) are `bounds[2 * b]`, `bounds[2 * b + 1]` for `b` from `firstBlock[j]` to `firstBlock[j + 1]`. */
  readonly bounds: Float64Array;
  readonly firstBlock: Int32Array;
  /** Per gateway, per attachment coming in: the compiled table the walk starts from, or the code that ends it (`FALLBACK`, `DROPPED`). */
  readonly starts: Map<TransitGatewayId, Map<TransitGatewayAttachmentId, CompiledTable<TransitGatewayRoute> | number>>;
  /** Per gateway, per route of its tables: where a block the route alone decides goes next, read once. */
  readonly exits: Map<TransitGatewayId, Map<TransitGatewayRoute, Exit>>;
  /** VPCs with a prefix-list route in some table: a delivery into them is left to the trace. */
  readonly listVpcs: ReadonlySet<VpcId>;
}

/** Where a gateway route sends a block it decides alone: an end code, into a VPC, or over a gateway peering. */
type Exit = number | { readonly vpcId: VpcId; readonly index: number } | { readonly gatewayId: TransitGatewayId; readonly attachmentId: TransitGatewayAttachmentId };

/**
 * The gateway walk of the trace (`throughGateway`, `leaveGateway`) where one route with one
 * target decides the whole block `low`…`high` in a table read in full without prefix lists,
 * into a VPC whose tables have no prefix lists or over one gateway peering; else `FALLBACK`.
 */
export function fastGateway(s: GatewayScanState, gatewayId: TransitGatewayId, ingressId: TransitGatewayAttachmentId, block: CidrRange, low: number, high: number, depth: number): number {
  const compiled = startOf(s, gatewayId, ingressId);
  if (typeof compiled === 'number') return compiled;
  const scan = scanBlock(compiled, null, low, high);
  if (scannedInner(scan)) return FALLBACK;
  const r = scannedRoute(scan);
  if (r < 0) return DROPPED;
  const route = compiled.routes[r]!;
  let exits = s.exits.get(gatewayId);
  if (!exits) s.exits.set(gatewayId, (exits = new Map()));
  let exit = exits.get(route);
  if (exit === undefined) exits.set(route, (exit = exitOf(s, gatewayId, route)));
  if (typeof exit === 'number') return exit;
  if ('vpcId' in exit) {
    const j = exit.index;
    if (j < 0) return blocksOf(s.ctx, exit.vpcId).some((b) => isWithin(block, b)) ? encode(-1, true, false) : DROPPED;
    for (let b = s.firstBlock[j]!, end = s.firstBlock[j + 1]!; b < end; b++) {
      if (s.bounds[2 * b]! <= low && high <= s.bounds[2 * b + 1]!) return encode(j, true, false);
    }
    return DROPPED;
  }
  if (depth > 0) return FALLBACK;
  return fastGateway(s, exit.gatewayId, exit.attachmentId, block, low, high, depth + 1);
}

/** The compiled table a walk into `gatewayId` through `ingressId` starts from, or the code that ends it; read once per pair. */
function startOf(s: GatewayScanState, gatewayId: TransitGatewayId, ingressId: TransitGatewayAttachmentId): CompiledTable<TransitGatewayRoute> | number {
  let byIngress = s.starts.get(gatewayId);
  if (!byIngress) s.starts.set(gatewayId, (byIngress = new Map()));
  let start = byIngress.get(ingressId);
  if (start !== undefined) return start;
  const tgw = s.ctx.tgw;
  const gateway = tgw.gatewayById.get(gatewayId);
  const association = gateway && gateway.routing.state === 'read' ? tgw.associatedTable(gatewayId, ingressId) : undefined;
  const table = association?.table;
  if (!gateway || gateway.routing.state !== 'read') start = FALLBACK;
  else if (!association) start = DROPPED;
  else if (!table || !table.routesComplete) start = FALLBACK;
  else {
    const compiled = compileTgwTable(s.ctx.index, table);
    start = compiled.lists.length > 0 ? FALLBACK : compiled;
  }
  byIngress.set(ingressId, start);
  return start;
}

/** Where `route` of a table of `gatewayId` sends a block it decides alone. */
function exitOf(s: GatewayScanState, gatewayId: TransitGatewayId, route: TransitGatewayRoute): Exit {
  if (tgwRoutes.isBlackhole(route)) return DROPPED;
  if (route.targets.length !== 1) return FALLBACK;
  const tgw = s.ctx.tgw;
  const outId = route.targets[0]!.attachmentId;
  const out = tgw.attachment(gatewayId, outId);
  if (!out || out.state !== 'available') return DROPPED;
  if (out.resourceType === 'vpc') {
    const vpcId = out.vpc?.vpcId ?? (out.resourceId as VpcId);
    if (s.listVpcs.has(vpcId)) return FALLBACK;
    return { vpcId, index: s.indexOf.get(vpcId) ?? -1 };
  }
  if (out.resourceType === 'peering' || out.resourceType === 'tgw-peering') {
    const peering = tgw.peeringById.get(outId);
    if (!peering || peering.state !== 'available') return DROPPED;
    return { gatewayId: out.resourceId as TransitGatewayId, attachmentId: outId };
  }
  return DROPPED;
}
