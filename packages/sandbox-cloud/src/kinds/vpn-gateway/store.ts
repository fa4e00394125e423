/** What other kinds ask of virtual private gateways: the states of a gateway and its attachments
 * now, and whether one is attached to a VPC. */
import type { World } from '../../state/world';
import type { VpnAttachmentRec, VpnAttachmentState, VpnGatewayRec } from './records';

/** `attaching` for `gatewayTransitionMs` after AttachVpnGateway, then `attached`; after
 * DetachVpnGateway `detaching` for as long, then `detached`. */
export function attachmentState(world: World, a: VpnAttachmentRec): VpnAttachmentState {
  const now = world.now();
  const t = world.settings.gatewayTransitionMs;
  if (a.detachedAt !== undefined) return now < a.detachedAt + t ? 'detaching' : 'detached';
  return now < a.attachedAt + t ? 'attaching' : 'attached';
}

/** True while an attachment holds its VPC (until it is detached). */
export function attachmentLive(world: World, a: VpnAttachmentRec): boolean {
  return attachmentState(world, a) !== 'detached';
}

/** `available`, or after DeleteVpnGateway `deleting` for `gatewayTransitionMs`, then `deleted`. */
export function vpnGatewayState(world: World, g: VpnGatewayRec): 'available' | 'deleting' | 'deleted' {
  if (g.deletedAt === undefined) return 'available';
  return world.now() < g.deletedAt + world.settings.gatewayTransitionMs ? 'deleting' : 'deleted';
}

/** False once a deleted gateway has been gone longer than `deletedGatewayVisibleMs`. */
export function vpnGatewayVisible(world: World, g: VpnGatewayRec): boolean {
  return g.deletedAt === undefined || world.now() < g.deletedAt + world.settings.gatewayTransitionMs + world.settings.deletedGatewayVisibleMs;
}

/** True when the gateway `id` exists and is attached (or attaching) to `vpcId`: a route to it carries traffic. */
export function vpnGatewayRoutable(world: World, id: string, vpcId: string): boolean {
  const r = world.byId.get(id);
  if (r?.kind !== 'vpnGateway' || r.rec.deletedAt !== undefined) return false;
  return r.rec.attachments.some((a) => a.vpcId === vpcId && ['attaching', 'attached'].includes(attachmentState(world, a)));
}
