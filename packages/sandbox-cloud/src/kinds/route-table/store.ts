/** What other kinds ask of route tables: the caller's table by id, a new table with its local
 * routes, the local route of a VPC block added or removed, and a route's state (which asks the
 * kinds a route can target). */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { TagMap } from '../../state/records';
import type { World } from '../../state/world';
import { natGatewayRoutable } from '../nat-gateway/store';
import { transitGatewayRoutable } from '../transit-gateway/store';
import { vpcIpv4Blocks, vpcIpv6Blocks, type VpcRec } from '../vpc/records';
import { vpnGatewayRoutable } from '../vpn-gateway/store';
import { ROUTE_TABLE_IDS, type RouteRec, type RouteTableRec } from './records';

/** The caller's route table `id`, or AWS's error. */
export function requireRouteTable(ctx: CallContext, id: string | undefined): RouteTableRec {
  if (!id) throw missingParameter('RouteTableId');
  assertWellFormedId(ROUTE_TABLE_IDS, id);
  const r = ctx.cell.table('routeTable').get(id);
  if (!r) throw notFound(ROUTE_TABLE_IDS, id);
  return r;
}

/** A route's destination: its IPv4 or IPv6 block or its prefix list. */
export function destinationOf(r: RouteRec): string {
  return r.destinationCidrBlock ?? r.destinationIpv6CidrBlock ?? r.destinationPrefixListId ?? '';
}

/** Adds the local route of a VPC block to a table. */
export function addLocalRoute(r: RouteTableRec, block: string): void {
  if (r.routes.some((x) => destinationOf(x) === block)) return;
  const v6 = block.includes(':');
  const local: RouteRec = v6
    ? { destinationIpv6CidrBlock: block, gatewayId: 'local', origin: 'CreateRouteTable' }
    : { destinationCidrBlock: block, gatewayId: 'local', origin: 'CreateRouteTable' };
  // Local routes come first, as AWS lists them.
  const firstNonLocal = r.routes.findIndex((x) => x.gatewayId !== 'local');
  if (firstNonLocal < 0) r.routes.push(local);
  else r.routes.splice(firstNonLocal, 0, local);
}

/** Removes the local route of a VPC block from a table. */
export function removeLocalRoute(r: RouteTableRec, block: string): void {
  r.routes = r.routes.filter((x) => !(x.gatewayId === 'local' && destinationOf(x) === block));
}

/** Stores a route table with the VPC's local routes (and the main association when `main`). */
export function createRouteTableRec(world: World, v: VpcRec, main: boolean, tags: TagMap): RouteTableRec {
  const r: RouteTableRec = {
    id: world.newId('rtb'),
    vpcId: v.id,
    ownerId: v.ownerId,
    region: v.region,
    associations: main ? [{ id: world.newId('rtbassoc'), main: true }] : [],
    routes: [],
    tags,
  };
  for (const b of [...vpcIpv4Blocks(v), ...vpcIpv6Blocks(v)]) addLocalRoute(r, b);
  world.put('routeTable', r);
  return r;
}

/** `active`, or `blackhole` for a route of `table` whose target cannot carry its traffic: a
 * peering that is not active (or gone), an internet gateway deleted or detached from the table's
 * VPC, a virtual private gateway no longer attached to it (or deleted), an egress-only internet
 * gateway deleted, a NAT gateway failed, deleting or deleted, an instance terminated, a network
 * interface deleted, a transit gateway deleted. Targets the sandbox does not model (endpoints) stay
 * `active`. */
export function routeState(world: World, table: RouteTableRec, route: RouteRec): 'active' | 'blackhole' {
  const ok = (yes: boolean): 'active' | 'blackhole' => (yes ? 'active' : 'blackhole');
  if (route.vpcPeeringConnectionId) return ok(world.peerings.get(route.vpcPeeringConnectionId)?.status === 'active');
  const gw = route.gatewayId;
  if (gw?.startsWith('igw-')) {
    const r = world.byId.get(gw);
    return ok(r?.kind === 'internetGateway' && r.rec.vpcId === table.vpcId);
  }
  if (gw?.startsWith('vgw-')) return ok(vpnGatewayRoutable(world, gw, table.vpcId));
  if (route.egressOnlyInternetGatewayId) return ok(world.byId.get(route.egressOnlyInternetGatewayId)?.kind === 'egressOnlyInternetGateway');
  if (route.natGatewayId) return ok(natGatewayRoutable(world, route.natGatewayId));
  if (route.instanceId) {
    const r = world.byId.get(route.instanceId);
    if (r?.kind !== 'instance' || r.rec.state === 'terminated') return 'blackhole';
  }
  if (route.networkInterfaceId) return ok(world.byId.get(route.networkInterfaceId)?.kind === 'networkInterface');
  if (route.transitGatewayId) return ok(transitGatewayRoutable(world, route.transitGatewayId));
  return 'active';
}
