/** What other kinds ask of NAT gateways: their state now, whether Describe still shows them, and
 * the caller's gateway a route may target. */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { World } from '../../state/world';
import { NAT_GATEWAY_IDS, type NatGatewayRec, type NatGatewayState } from './records';

/** `pending` for `gatewayTransitionMs` after creation, then `available` (or `failed`); after
 * DeleteNatGateway `deleting` for as long, then `deleted`. */
export function natGatewayState(world: World, g: NatGatewayRec): NatGatewayState {
  const now = world.now();
  const t = world.settings.gatewayTransitionMs;
  if (g.deletedAt !== undefined) return now < g.deletedAt + t ? 'deleting' : 'deleted';
  if (now < g.createdAt + t) return 'pending';
  return g.failure ? 'failed' : 'available';
}

/** When a failed or deleted gateway ended (its DeleteTime), else undefined. */
export function natGatewayEndedAt(world: World, g: NatGatewayRec): number | undefined {
  const t = world.settings.gatewayTransitionMs;
  if (g.deletedAt !== undefined) return g.deletedAt + t;
  return g.failure ? g.createdAt + t : undefined;
}

/** False once a failed or deleted gateway has been gone longer than `deletedGatewayVisibleMs`. */
export function natGatewayVisible(world: World, g: NatGatewayRec): boolean {
  const ended = natGatewayEndedAt(world, g);
  return ended === undefined || world.now() < ended + world.settings.deletedGatewayVisibleMs;
}

/** The caller's NAT gateways Describe still shows (those gone for good leave the table). */
export function visibleNatGateways(ctx: CallContext): NatGatewayRec[] {
  const out: NatGatewayRec[] = [];
  for (const g of [...ctx.cell.table('natGateway').values()]) {
    if (natGatewayVisible(ctx.world, g)) out.push(g);
    else ctx.world.remove(g.id);
  }
  return out;
}

/** The caller's NAT gateway `id` while Describe shows it, or AWS's error. */
export function requireNatGateway(ctx: CallContext, id: string | undefined): NatGatewayRec {
  if (!id) throw missingParameter('NatGatewayId');
  assertWellFormedId(NAT_GATEWAY_IDS, id);
  const g = ctx.cell.table('natGateway').get(id);
  if (!g || !natGatewayVisible(ctx.world, g)) throw notFound(NAT_GATEWAY_IDS, id);
  return g;
}

/** True while a NAT gateway can carry traffic a route sends it (not failed, deleting or gone). */
export function natGatewayRoutable(world: World, id: string): boolean {
  const r = world.byId.get(id);
  if (r?.kind !== 'natGateway') return false;
  const state = natGatewayState(world, r.rec);
  return state === 'pending' || state === 'available';
}
