/** What other kinds ask of internet gateways: a new one (the default VPC's), the one attached to
 * a VPC, and the caller's gateway by id. */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { TagMap } from '../../state/records';
import type { World } from '../../state/world';
import { INTERNET_GATEWAY_IDS, type InternetGatewayRec } from './records';

/** Stores an internet gateway of the account and region, attached to `vpcId` when given. `id` is
 * the default VPC's, drawn where it always was so that the ids after it stay as they were. */
export function createInternetGatewayRec(world: World, ownerId: string, region: string, tags: TagMap, vpcId?: string, id?: string): InternetGatewayRec {
  const igw: InternetGatewayRec = { id: id ?? world.newLaterId('igw'), ownerId, region, ...(vpcId ? { vpcId } : {}), tags };
  world.put('internetGateway', igw);
  return igw;
}

/** The internet gateway attached to a VPC of the caller, if any. */
export function internetGatewayOfVpc(ctx: CallContext, vpcId: string): InternetGatewayRec | undefined {
  for (const igw of ctx.cell.table('internetGateway').values()) if (igw.vpcId === vpcId) return igw;
  return undefined;
}

/** The caller's internet gateway `id`, or AWS's error. */
export function requireInternetGateway(ctx: CallContext, id: string | undefined): InternetGatewayRec {
  if (!id) throw missingParameter('InternetGatewayId');
  assertWellFormedId(INTERNET_GATEWAY_IDS, id);
  const igw = ctx.cell.table('internetGateway').get(id);
  if (!igw) throw notFound(INTERNET_GATEWAY_IDS, id);
  return igw;
}

/** A state file written before internet gateways existed kept only the routes to them (the
 * default VPC's, and those a scenario gave): each gateway a route names comes back, attached to
 * the route's VPC (the first one named, when a VPC's tables name several), under that id. */
export function giveRoutesTheirInternetGateways(world: World): void {
  for (const cell of world.cells()) {
    const attached = new Set([...cell.table('internetGateway').values()].flatMap((g) => (g.vpcId ? [g.vpcId] : [])));
    for (const r of cell.table('routeTable').values()) {
      for (const route of r.routes) {
        const id = route.gatewayId;
        if (!id?.startsWith('igw-') || world.byId.has(id) || attached.has(r.vpcId)) continue;
        createInternetGatewayRec(world, r.ownerId, r.region, {}, r.vpcId, id);
        attached.add(r.vpcId);
      }
    }
  }
}
