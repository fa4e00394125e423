/** What the transit gateway kinds ask of each other and what route tables of VPCs ask of them:
 * states over time, lookups of the caller's gateways, attachments and route tables, and the
 * routes a transit gateway route table holds (static and propagated). */
import { cidrTextsOverlap } from '../../cidr';
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound, type IdSpec } from '../../errors';
import type { World } from '../../state/world';
import { TGW_ATTACHMENT_IDS, type TgwAttachmentRec } from '../transit-gateway-attachment/records';
import { TGW_ROUTE_TABLE_IDS, type TgwRouteTableRec } from '../transit-gateway-route-table/records';
import { vpcIpv4Blocks, vpcIpv6Blocks } from '../vpc/records';
import { TRANSIT_GATEWAY_IDS, type TransitGatewayRec } from './records';

/** A record whose state runs pending → available, then after deletion deleting → deleted. */
interface Timed {
  createdAt: number;
  deletedAt?: number;
}

/** `pending` for `gatewayTransitionMs` after creation, then `available`; after deletion
 * `deleting` for as long, then `deleted`. */
export function lifeState(world: World, r: Timed): 'pending' | 'available' | 'deleting' | 'deleted' {
  const now = world.now();
  const t = world.settings.gatewayTransitionMs;
  if (r.deletedAt !== undefined) return now < r.deletedAt + t ? 'deleting' : 'deleted';
  return now < r.createdAt + t ? 'pending' : 'available';
}

/** An attachment's state: a VPC attachment's is `lifeState`; a peering attachment, and a VPC
 * attachment from another account that the gateway does not auto-accept, waits in
 * `pendingAcceptance` until accepted, then goes pending → available; a rejected one is
 * `rejected`. */
export function attachmentState(world: World, a: TgwAttachmentRec): string {
  if (!a.peer && !a.awaitsAcceptance) return lifeState(world, a);
  if (a.rejected) return 'rejected';
  if (a.deletedAt !== undefined || a.acceptedAt === undefined) return a.deletedAt !== undefined ? lifeState(world, a) : 'pendingAcceptance';
  return world.now() < a.acceptedAt + world.settings.gatewayTransitionMs ? 'pending' : 'available';
}

/** True when attachment `a` attaches transit gateway `tgwId` (a peering attaches two). */
export function attachesGateway(a: TgwAttachmentRec, tgwId: string): boolean {
  return a.transitGatewayId === tgwId || a.peer?.transitGatewayId === tgwId;
}

/** What an attachment attaches, seen from gateway `tgwId`: a VPC, or for a peering the other gateway. */
export function attachmentResource(a: TgwAttachmentRec, tgwId: string): { type: 'vpc' | 'peering'; id: string; ownerId: string } {
  if (!a.peer) return { type: 'vpc', id: a.vpcId, ownerId: a.ownerId };
  return a.peer.transitGatewayId === tgwId
    ? { type: 'peering', id: a.transitGatewayId, ownerId: a.transitGatewayOwnerId }
    : { type: 'peering', id: a.peer.transitGatewayId, ownerId: a.peer.ownerId };
}

/** The route table of gateway `tgwId` attachment `a` is associated with (a peering has one per side). */
export function associatedTable(a: TgwAttachmentRec, tgwId: string): string | undefined {
  if (!live(a)) return undefined;
  return a.peer?.transitGatewayId === tgwId ? a.peerAssociatedRouteTableId : a.associatedRouteTableId;
}

/** Sets (or with `undefined` ends) the association of `a` on gateway `tgwId`. */
export function setAssociation(a: TgwAttachmentRec, tgwId: string, rtId: string | undefined): void {
  const key = a.peer?.transitGatewayId === tgwId ? 'peerAssociatedRouteTableId' : 'associatedRouteTableId';
  if (rtId === undefined) delete a[key];
  else a[key] = rtId;
}

/** True until deletion. */
export function live(r: Timed | undefined): boolean {
  return r !== undefined && r.deletedAt === undefined;
}

/** False once a deleted record has been gone longer than `deletedGatewayVisibleMs`. */
export function shown(world: World, r: Timed): boolean {
  return r.deletedAt === undefined || world.now() < r.deletedAt + world.settings.gatewayTransitionMs + world.settings.deletedGatewayVisibleMs;
}

/** The records of a table Describe still shows. Records deleted long ago stay stored (hidden),
 * so that a route to a deleted gateway stays a blackhole. */
export function visibleOf<T extends Timed & { id: string }>(world: World, table: Map<string, T>): T[] {
  return [...table.values()].filter((r) => shown(world, r));
}

function requireIn<T extends Timed>(spec: IdSpec, param: string, id: string | undefined, lookup: (id: string) => T | undefined): T {
  if (!id) throw missingParameter(param);
  assertWellFormedId(spec, id);
  const r = lookup(id);
  if (!r || !live(r)) throw notFound(spec, id);
  return r;
}

/** The world's live transit gateway `id`, if any. */
export function transitGatewayById(world: World, id: string): TransitGatewayRec | undefined {
  const r = world.byId.get(id);
  return r?.kind === 'transitGateway' && live(r.rec) ? r.rec : undefined;
}

/** The world's live attachment `id`, if any. */
export function attachmentById(world: World, id: string): TgwAttachmentRec | undefined {
  const r = world.byId.get(id);
  return r?.kind === 'transitGatewayAttachment' && live(r.rec) ? r.rec : undefined;
}

/** A live transit gateway the caller may use: its own in this region. */
export function requireTransitGateway(ctx: CallContext, id: string | undefined, param = 'TransitGatewayId'): TransitGatewayRec {
  return requireIn(TRANSIT_GATEWAY_IDS, param, id, (x) => ctx.cell.table('transitGateway').get(x));
}

/** A transit gateway's ARN, as DescribeTransitGateways answers it and RAM shares it. */
export function transitGatewayArn(g: TransitGatewayRec): string {
  return `arn:aws:ec2:${g.region}:${g.ownerId}:transit-gateway/${g.id}`;
}

/** True when another account's gateway `g` is shared with the caller through RAM (in its region). */
export function sharedWithCaller(ctx: CallContext, g: TransitGatewayRec): boolean {
  return g.ownerId !== ctx.accountId && g.region === ctx.region && ctx.world.ram.isSharedWith(transitGatewayArn(g), ctx.accountId, ctx.region);
}

/** The other accounts' gateways shared with the caller here (deleted ones while still shown). */
export function sharedTransitGateways(ctx: CallContext): TransitGatewayRec[] {
  const out: TransitGatewayRec[] = [];
  for (const arn of ctx.world.ram.sharedWith(ctx.accountId, ctx.region)) {
    const r = ctx.world.byId.get(arn.slice(arn.lastIndexOf('/') + 1));
    if (r?.kind === 'transitGateway' && transitGatewayArn(r.rec) === arn && r.rec.ownerId !== ctx.accountId && shown(ctx.world, r.rec)) out.push(r.rec);
  }
  return out;
}

/** A live transit gateway the caller may attach a VPC to and route to: its own, or one shared with it. */
export function requireUsableTransitGateway(ctx: CallContext, id: string | undefined): TransitGatewayRec {
  return requireIn(TRANSIT_GATEWAY_IDS, 'TransitGatewayId', id, (x) => {
    const g = ctx.cell.table('transitGateway').get(x) ?? transitGatewayById(ctx.world, x);
    return g && (g.ownerId === ctx.accountId ? g.region === ctx.region : sharedWithCaller(ctx, g)) ? g : undefined;
  });
}

/** True when the caller sees attachment `a` here: it made it or owns its gateway in this region,
 * or it is the accepter side of a peering attachment. */
export function attachmentVisible(ctx: CallContext, a: TgwAttachmentRec): boolean {
  if (a.peer && a.peer.region === ctx.region && a.peer.ownerId === ctx.accountId) return true;
  return a.region === ctx.region && (a.ownerId === ctx.accountId || a.transitGatewayOwnerId === ctx.accountId);
}

/** A live attachment of one of the caller's transit gateways, or one the caller made. */
export function requireAttachment(ctx: CallContext, id: string | undefined, param = 'TransitGatewayAttachmentId'): TgwAttachmentRec {
  return requireIn(TGW_ATTACHMENT_IDS, param, id, (x) => {
    const a = attachmentById(ctx.world, x);
    return a && attachmentVisible(ctx, a) ? a : undefined;
  });
}

/** A live route table of one of the caller's transit gateways. */
export function requireTgwRouteTable(ctx: CallContext, id: string | undefined, param = 'TransitGatewayRouteTableId'): TgwRouteTableRec {
  return requireIn(TGW_ROUTE_TABLE_IDS, param, id, (x) => ctx.cell.table('transitGatewayRouteTable').get(x));
}

/** Every live attachment of a transit gateway (peerings on either side included), wherever its
 * owner keeps it. */
export function attachmentsOf(world: World, tgwId: string): TgwAttachmentRec[] {
  const out: TgwAttachmentRec[] = [];
  for (const a of world.ofKind('transitGatewayAttachment')) if (attachesGateway(a, tgwId) && live(a)) out.push(a);
  return out.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** One route of a transit gateway route table as it is answered. */
export interface TgwRoute {
  readonly destinationCidrBlock: string;
  readonly type: 'static' | 'propagated';
  readonly state: 'active' | 'blackhole';
  /** The attachment it sends to (none for a blackhole route made as one). */
  readonly attachment?: TgwAttachmentRec | { id: string; vpcId?: undefined };
}

/** The propagated routes of a table: each propagating attachment's VPC IPv4 blocks (and IPv6
 * blocks when the attachment has IPv6 support), in the order the propagations began, leaving out
 * a block that overlaps one already propagated. */
export function propagatedRoutes(world: World, rt: TgwRouteTableRec): { cidr: string; attachment: TgwAttachmentRec }[] {
  const out: { cidr: string; attachment: TgwAttachmentRec }[] = [];
  for (const id of rt.propagations) {
    const a = attachmentById(world, id);
    const v = a && world.byId.get(a.vpcId);
    if (!a || v?.kind !== 'vpc') continue;
    for (const b of a.ipv6Support === 'enable' ? [...vpcIpv4Blocks(v.rec), ...vpcIpv6Blocks(v.rec)] : vpcIpv4Blocks(v.rec)) {
      if (out.some((o) => cidrTextsOverlap(o.cidr, b))) continue;
      out.push({ cidr: b, attachment: a });
    }
  }
  return out;
}

/** Every route of a table: its static routes (blackhole when made so, or when their attachment
 * is gone), then the propagated routes no static route of the same prefix overrides. */
export function tgwRoutes(world: World, rt: TgwRouteTableRec): TgwRoute[] {
  const out: TgwRoute[] = [];
  for (const s of rt.routes) {
    const a = s.attachmentId ? attachmentById(world, s.attachmentId) : undefined;
    const stored = s.attachmentId ? world.byId.get(s.attachmentId) : undefined;
    out.push({
      destinationCidrBlock: s.destinationCidrBlock,
      type: 'static',
      state: s.blackhole || !a ? 'blackhole' : 'active',
      ...(s.attachmentId ? { attachment: a ?? (stored?.kind === 'transitGatewayAttachment' ? stored.rec : { id: s.attachmentId }) } : {}),
    });
  }
  for (const p of propagatedRoutes(world, rt)) {
    if (rt.routes.some((s) => s.destinationCidrBlock === p.cidr)) continue;
    out.push({ destinationCidrBlock: p.cidr, type: 'propagated', state: 'active', attachment: p.attachment });
  }
  return out;
}

/** True when a route of a VPC route table to transit gateway `id` can carry traffic: the gateway
 * is not deleted. An id the sandbox never had (a route a scenario gives as a bare id) counts as
 * routable, as it did before transit gateways were modelled. */
export function transitGatewayRoutable(world: World, id: string): boolean {
  const r = world.byId.get(id);
  return r === undefined || (r.kind === 'transitGateway' && live(r.rec));
}

/** Makes a route table of `tgw` (in the gateway owner's cell). */
export function newTgwRouteTable(world: World, tgw: TransitGatewayRec, tags: TgwRouteTableRec['tags']): TgwRouteTableRec {
  const rt: TgwRouteTableRec = {
    id: world.newLaterId('tgw-rtb'),
    ownerId: tgw.ownerId,
    region: tgw.region,
    transitGatewayId: tgw.id,
    propagations: [],
    routes: [],
    createdAt: world.now(),
    tags,
  };
  world.put('transitGatewayRouteTable', rt);
  return rt;
}
