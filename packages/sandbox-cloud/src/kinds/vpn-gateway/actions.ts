/** Virtual private gateway actions: Create/Attach/Detach/Delete/DescribeVpnGateways.
 *
 * From "AWS Site-to-Site VPN" and the EC2 API reference: a gateway (type `ipsec.1`, Amazon side
 * ASN 64512 unless given) is attached to one VPC at a time (`VpnGatewayAttachmentLimitExceeded`)
 * and a VPC takes one gateway (`InvalidVpcState`); an attachment goes `attaching` → `attached`,
 * and after DetachVpnGateway `detaching` → `detached` (and stays listed); only a detached gateway
 * can be deleted (`IncorrectState`), which leaves it `deleted` for a while. DescribeVpnGateways
 * has no pages.
 */
import type {
  AttachVpnGatewayRequest,
  AttachVpnGatewayResult,
  CreateVpnGatewayRequest,
  CreateVpnGatewayResult,
  DeleteVpnGatewayRequest,
  DescribeVpnGatewaysRequest,
  DescribeVpnGatewaysResult,
  DetachVpnGatewayRequest,
  VpnGateway,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, pickByIds, tagList, tagsFromSpecs, type FilterSpec } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidValue, missingParameter, notFound } from '../../errors';
import { zonesOf } from '../../regions';
import type { World } from '../../state/world';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import { VPN_GATEWAY_IDS, type VpnGatewayRec } from './records';
import { attachmentLive, attachmentState, vpnGatewayState, vpnGatewayVisible } from './store';

function render(world: World, g: VpnGatewayRec): VpnGateway {
  return {
    AmazonSideAsn: g.amazonSideAsn,
    ...(g.availabilityZone ? { AvailabilityZone: g.availabilityZone } : {}),
    State: vpnGatewayState(world, g),
    Type: 'ipsec.1',
    VpcAttachments: g.attachments.map((a) => ({ State: attachmentState(world, a), VpcId: a.vpcId })),
    VpnGatewayId: g.id,
    ...(Object.keys(g.tags).length > 0 ? { Tags: tagList(g.tags) } : {}),
  };
}

/** The caller's gateways Describe still shows (those deleted long ago leave the table). */
function visible(ctx: CallContext): VpnGatewayRec[] {
  const out: VpnGatewayRec[] = [];
  for (const g of [...ctx.cell.table('vpnGateway').values()]) {
    if (vpnGatewayVisible(ctx.world, g)) out.push(g);
    else ctx.world.remove(g.id);
  }
  return out;
}

function requireVpnGateway(ctx: CallContext, id: string | undefined): VpnGatewayRec {
  if (!id) throw missingParameter('VpnGatewayId');
  assertWellFormedId(VPN_GATEWAY_IDS, id);
  const g = ctx.cell.table('vpnGateway').get(id);
  if (!g || !vpnGatewayVisible(ctx.world, g)) throw notFound(VPN_GATEWAY_IDS, id);
  return g;
}

/** Private ASNs a virtual private gateway may take (CreateVpnGateway, AmazonSideAsn). */
function validAsn(n: number): boolean {
  return (n >= 64512 && n <= 65534) || (n >= 4_200_000_000 && n <= 4_294_967_294);
}

/** CreateVpnGateway. */
export function createVpnGateway(ctx: CallContext, input: CreateVpnGatewayRequest): CreateVpnGatewayResult {
  if (input.Type !== 'ipsec.1') throw missingParameter('Type');
  const asn = input.AmazonSideAsn ?? 64512;
  if (!validAsn(asn)) throw invalidValue('amazonSideAsn', asn, 'Use a private ASN: 64512 to 65534, or 4200000000 to 4294967294.');
  if (input.AvailabilityZone !== undefined && !zonesOf(ctx.region, ctx.accountId).some((z) => z.zoneName === input.AvailabilityZone)) {
    throw invalidValue('availabilityZone', input.AvailabilityZone, `Use a zone of ${ctx.region}.`);
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'vpn-gateway');
  checkDryRun(input);
  const g: VpnGatewayRec = {
    id: ctx.world.newLaterId('vgw'),
    ownerId: ctx.accountId,
    region: ctx.region,
    amazonSideAsn: asn,
    ...(input.AvailabilityZone ? { availabilityZone: input.AvailabilityZone } : {}),
    attachments: [],
    tags,
  };
  ctx.world.put('vpnGateway', g);
  return { VpnGateway: render(ctx.world, g) };
}

/** The gateway attached (or attaching, or still detaching) to a VPC, if any. */
function gatewayHolding(ctx: CallContext, vpcId: string): VpnGatewayRec | undefined {
  return visible(ctx).find((g) => g.attachments.some((a) => a.vpcId === vpcId && attachmentLive(ctx.world, a)));
}

/** AttachVpnGateway: an available gateway that holds no VPC, to a VPC that has no gateway. */
export function attachVpnGateway(ctx: CallContext, input: AttachVpnGatewayRequest): AttachVpnGatewayResult {
  const g = requireVpnGateway(ctx, input.VpnGatewayId);
  const v = requireVpc(ctx, input.VpcId);
  if (vpnGatewayState(ctx.world, g) !== 'available') throw new AwsError('InvalidVpnGatewayState', `The virtual private gateway ${g.id} is not in an available state.`);
  const held = g.attachments.find((a) => attachmentLive(ctx.world, a));
  if (held) throw new AwsError('VpnGatewayAttachmentLimitExceeded', `The virtual private gateway ${g.id} is already attached to ${held.vpcId}; it takes one VPC at a time.`);
  const other = gatewayHolding(ctx, v.id);
  if (other) throw new AwsError('InvalidVpcState', `The VPC ${v.id} already has a virtual private gateway attached (${other.id}).`);
  checkDryRun(input);
  g.attachments = [{ vpcId: v.id, attachedAt: ctx.world.now() }];
  return { VpcAttachment: { State: 'attaching', VpcId: v.id } };
}

/** DetachVpnGateway: the attachment goes detaching, then detached. */
export function detachVpnGateway(ctx: CallContext, input: DetachVpnGatewayRequest): void {
  const g = requireVpnGateway(ctx, input.VpnGatewayId);
  const v = requireVpc(ctx, input.VpcId);
  const a = g.attachments.find((x) => x.vpcId === v.id && x.detachedAt === undefined);
  if (!a) {
    throw new AwsError('InvalidVpnGatewayAttachment.NotFound', `The attachment with vpn gateway ID '${g.id}' and vpc ID '${v.id}' does not exist`);
  }
  checkDryRun(input);
  a.detachedAt = ctx.world.now();
}

/** DeleteVpnGateway: only once detached from its VPC. */
export function deleteVpnGateway(ctx: CallContext, input: DeleteVpnGatewayRequest): void {
  const g = requireVpnGateway(ctx, input.VpnGatewayId);
  if (g.deletedAt !== undefined) throw new AwsError('InvalidVpnGatewayState', `The virtual private gateway ${g.id} is not in an available state.`);
  if (g.attachments.some((a) => attachmentLive(ctx.world, a))) throw new AwsError('IncorrectState', 'The VPN gateway is in use.');
  checkDryRun(input);
  g.deletedAt = ctx.world.now();
}

function filters(world: World): FilterSpec<VpnGatewayRec> {
  return {
    'amazon-side-asn': (g) => g.amazonSideAsn,
    'attachment.state': (g) => g.attachments.map((a) => attachmentState(world, a)),
    'attachment.vpc-id': (g) => g.attachments.map((a) => a.vpcId),
    'availability-zone': (g) => g.availabilityZone,
    state: (g) => vpnGatewayState(world, g),
    type: () => 'ipsec.1',
    'vpn-gateway-id': (g) => g.id,
  };
}

/** DescribeVpnGateways. */
export function describeVpnGateways(ctx: CallContext, input: DescribeVpnGatewaysRequest): DescribeVpnGatewaysResult {
  const shown = new Map(visible(ctx).map((g) => [g.id, g]));
  const base = input.VpnGatewayIds?.length ? pickByIds(VPN_GATEWAY_IDS, input.VpnGatewayIds, (id) => shown.get(id)) : shown.values();
  const filtered = applyFilters(byId(base), input.Filters, filters(ctx.world), (g) => g.tags);
  checkDryRun(input);
  return { VpnGateways: filtered.map((g) => render(ctx.world, g)) };
}

/** A VPC's deletion waits until no virtual private gateway holds it (a detaching one still does). */
export const vpnGatewaysOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => (gatewayHolding(ctx, v.id) ? vpcHasDependencies(v) : undefined),
};
