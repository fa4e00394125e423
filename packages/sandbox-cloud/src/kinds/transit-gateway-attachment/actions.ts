/** Transit gateway VPC attachment actions: Create/Describe/Modify/DeleteTransitGatewayVpcAttachment
 * and DescribeTransitGatewayAttachments.
 *
 * From the EC2 API reference (`CreateTransitGatewayVpcAttachment`, `TransitGatewayAttachment`)
 * and the transit gateway quotas: at least one subnet and at most one per Availability Zone
 * (`DuplicateSubnetsInSameZone`), one attachment per VPC per gateway
 * (`DuplicateTransitGatewayAttachment`); a new attachment is associated with the gateway's
 * default association route table and propagates to its default propagation route table when
 * those options are enabled. Attachments in the gateway owner's own account go pending →
 * available; one from another account (to a gateway shared through RAM) waits in
 * `pendingAcceptance` unless the gateway auto-accepts shared attachments, and gets the default
 * association and propagation once accepted (`acceptance.ts`). Deleting one withdraws its propagated routes and ends its association; static
 * routes to it stay, as blackholes.
 */
import type {
  CreateTransitGatewayVpcAttachmentRequest,
  CreateTransitGatewayVpcAttachmentResult,
  DeleteTransitGatewayVpcAttachmentRequest,
  DeleteTransitGatewayVpcAttachmentResult,
  DescribeTransitGatewayAttachmentsRequest,
  DescribeTransitGatewayAttachmentsResult,
  DescribeTransitGatewayVpcAttachmentsRequest,
  DescribeTransitGatewayVpcAttachmentsResult,
  ModifyTransitGatewayVpcAttachmentRequest,
  ModifyTransitGatewayVpcAttachmentResult,
  TransitGatewayAttachment,
  TransitGatewayVpcAttachment,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs, type FilterSpec } from '../../ec2/common';
import type { CallContext, SubnetDeleteHook, VpcDeleteHook } from '../../ec2/context';
import { AwsError, invalidValue, missingParameter } from '../../errors';
import type { World } from '../../state/world';
import { requireSubnet } from '../subnet/store';
import type { Switch, TransitGatewayRec } from '../transit-gateway/records';
import {
  associatedTable,
  attachmentResource,
  attachmentState,
  attachmentsOf,
  attachmentVisible,
  live,
  requireUsableTransitGateway,
  requireAttachment,
  shown,
  transitGatewayById,
} from '../transit-gateway/store';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import { TGW_ATTACHMENT_IDS, type TgwAttachmentRec } from './records';

const MAX_PAGE = 1000;

export function renderVpcAttachment(world: World, a: TgwAttachmentRec, state: string = attachmentState(world, a)): TransitGatewayVpcAttachment {
  return {
    TransitGatewayAttachmentId: a.id,
    TransitGatewayId: a.transitGatewayId,
    VpcId: a.vpcId,
    VpcOwnerId: a.ownerId,
    State: state as TransitGatewayVpcAttachment['State'],
    SubnetIds: [...a.subnetIds],
    CreationTime: new Date(a.createdAt),
    Options: {
      DnsSupport: a.dnsSupport,
      SecurityGroupReferencingSupport: a.securityGroupReferencingSupport,
      Ipv6Support: a.ipv6Support,
      ApplianceModeSupport: a.applianceModeSupport,
    },
    ...(Object.keys(a.tags).length > 0 ? { Tags: tagList(a.tags) } : {}),
  };
}

/** An attachment as DescribeTransitGatewayAttachments answers it to `viewer`: a peering is seen
 * from the viewer's side (its gateway, the other gateway as the resource). */
function renderAttachment(world: World, a: TgwAttachmentRec, viewer: CallContext): TransitGatewayAttachment {
  const accepterSide = a.peer !== undefined && a.peer.region === viewer.region && a.peer.ownerId === viewer.accountId;
  const gateway = accepterSide && a.peer ? a.peer : { transitGatewayId: a.transitGatewayId, ownerId: a.transitGatewayOwnerId };
  const res = attachmentResource(a, gateway.transitGatewayId);
  const table = associatedTable(a, gateway.transitGatewayId);
  return {
    TransitGatewayAttachmentId: a.id,
    TransitGatewayId: gateway.transitGatewayId,
    TransitGatewayOwnerId: gateway.ownerId,
    ResourceOwnerId: res.ownerId,
    ResourceType: res.type,
    ResourceId: res.id,
    State: attachmentState(world, a) as TransitGatewayAttachment['State'],
    ...(table ? { Association: { TransitGatewayRouteTableId: table, State: 'associated' } } : {}),
    CreationTime: new Date(a.createdAt),
    ...(Object.keys(a.tags).length > 0 ? { Tags: tagList(a.tags) } : {}),
  };
}

function readSwitch(name: string, v: string | undefined, dflt: Switch): Switch {
  if (v === undefined) return dflt;
  if (v !== 'enable' && v !== 'disable') throw invalidValue(name, v, 'Use enable or disable.');
  return v;
}

/** The subnets of an attachment, checked: the VPC's own, at most one per Availability Zone. */
function checkSubnets(ctx: CallContext, vpcId: string, ids: readonly string[]): string[] {
  if (ids.length === 0) throw missingParameter('SubnetIds');
  const zones = new Map<string, string>();
  for (const id of new Set(ids)) {
    const s = requireSubnet(ctx, id, 'SubnetIds');
    if (s.vpcId !== vpcId) throw invalidValue('SubnetIds', id, `The subnet belongs to ${s.vpcId}, not ${vpcId}.`);
    const other = zones.get(s.availabilityZone);
    if (other) {
      throw new AwsError('DuplicateSubnetsInSameZone', `Duplicate Subnets for same AZ: ${other} and ${id} are both in ${s.availabilityZone}; give one subnet per Availability Zone.`);
    }
    zones.set(s.availabilityZone, id);
  }
  return [...zones.values()];
}

/** CreateTransitGatewayVpcAttachment. */
export function createTransitGatewayVpcAttachment(
  ctx: CallContext,
  input: CreateTransitGatewayVpcAttachmentRequest,
): CreateTransitGatewayVpcAttachmentResult {
  const g = requireUsableTransitGateway(ctx, input.TransitGatewayId);
  const v = requireVpc(ctx, input.VpcId);
  const subnetIds = checkSubnets(ctx, v.id, input.SubnetIds ?? []);
  if (attachmentsOf(ctx.world, g.id).some((a) => a.vpcId === v.id)) {
    throw new AwsError('DuplicateTransitGatewayAttachment', `${g.id} has non-deleted Transit Gateway Attachments with same VPC ID.`);
  }
  const o = input.Options ?? {};
  const tags = tagsFromSpecs(input.TagSpecifications, 'transit-gateway-attachment');
  const rec: TgwAttachmentRec = {
    id: '',
    ownerId: ctx.accountId,
    region: ctx.region,
    transitGatewayId: g.id,
    transitGatewayOwnerId: g.ownerId,
    vpcId: v.id,
    subnetIds,
    dnsSupport: readSwitch('DnsSupport', o.DnsSupport, 'enable'),
    securityGroupReferencingSupport: readSwitch('SecurityGroupReferencingSupport', o.SecurityGroupReferencingSupport, 'enable'),
    ipv6Support: readSwitch('Ipv6Support', o.Ipv6Support, 'disable'),
    applianceModeSupport: readSwitch('ApplianceModeSupport', o.ApplianceModeSupport, 'disable'),
    createdAt: ctx.world.now(),
    tags,
  };
  const awaits = g.ownerId !== ctx.accountId && g.autoAcceptSharedAttachments !== 'enable';
  if (awaits) rec.awaitsAcceptance = true;
  checkDryRun(input);
  rec.id = ctx.world.newLaterId('tgw-attach');
  ctx.world.put('transitGatewayAttachment', rec);
  if (!awaits) defaultRouting(ctx.world, g, rec);
  return { TransitGatewayVpcAttachment: renderVpcAttachment(ctx.world, rec, awaits ? 'pendingAcceptance' : 'pending') };
}

/** Associates a VPC attachment with the gateway's default association table and makes it
 * propagate to the default propagation table, where those options are enabled. */
export function defaultRouting(world: World, g: TransitGatewayRec, rec: TgwAttachmentRec): void {
  const tables = world.cell(g.ownerId, g.region).table('transitGatewayRouteTable');
  if (g.defaultRouteTableAssociation === 'enable' && g.associationDefaultRouteTableId) rec.associatedRouteTableId = g.associationDefaultRouteTableId;
  const prop = g.defaultRouteTablePropagation === 'enable' && g.propagationDefaultRouteTableId ? tables.get(g.propagationDefaultRouteTableId) : undefined;
  if (prop) prop.propagations.push(rec.id);
}

/** ModifyTransitGatewayVpcAttachment: subnets added and removed (one per zone still), options. */
export function modifyTransitGatewayVpcAttachment(
  ctx: CallContext,
  input: ModifyTransitGatewayVpcAttachmentRequest,
): ModifyTransitGatewayVpcAttachmentResult {
  const a = requireVpcAttachment(ctx, input.TransitGatewayAttachmentId);
  const removed = new Set(input.RemoveSubnetIds ?? []);
  for (const id of removed) {
    if (!a.subnetIds.includes(id)) throw invalidValue('RemoveSubnetIds', id, `The subnet is not a subnet of ${a.id}.`);
  }
  const subnetIds = checkSubnets(ctx, a.vpcId, [...a.subnetIds.filter((s) => !removed.has(s)), ...(input.AddSubnetIds ?? [])]);
  const o = input.Options ?? {};
  const next = {
    subnetIds,
    dnsSupport: readSwitch('DnsSupport', o.DnsSupport, a.dnsSupport),
    securityGroupReferencingSupport: readSwitch('SecurityGroupReferencingSupport', o.SecurityGroupReferencingSupport, a.securityGroupReferencingSupport),
    ipv6Support: readSwitch('Ipv6Support', o.Ipv6Support, a.ipv6Support),
    applianceModeSupport: readSwitch('ApplianceModeSupport', o.ApplianceModeSupport, a.applianceModeSupport),
  };
  checkDryRun(input);
  Object.assign(a, next);
  return { TransitGatewayVpcAttachment: renderVpcAttachment(ctx.world, a) };
}

/** A VPC attachment of the caller's (a peering attachment's id is refused). */
function requireVpcAttachment(ctx: CallContext, id: string | undefined): TgwAttachmentRec {
  const a = requireAttachment(ctx, id);
  if (a.peer) throw invalidValue('TransitGatewayAttachmentId', a.id, 'This is a peering attachment; use the TransitGatewayPeeringAttachment calls.');
  return a;
}

/** Ends an attachment: its propagations and association go, static routes to it stay. */
export function endAttachment(world: World, a: TgwAttachmentRec): void {
  a.deletedAt = world.now();
  delete a.associatedRouteTableId;
  delete a.peerAssociatedRouteTableId;
  for (const tgwId of [a.transitGatewayId, ...(a.peer ? [a.peer.transitGatewayId] : [])]) {
    const g = world.byId.get(tgwId);
    if (g?.kind !== 'transitGateway') continue;
    for (const rt of world.cell(g.rec.ownerId, g.rec.region).table('transitGatewayRouteTable').values()) {
      rt.propagations = rt.propagations.filter((id) => id !== a.id);
    }
  }
}

/** DeleteTransitGatewayVpcAttachment. */
export function deleteTransitGatewayVpcAttachment(
  ctx: CallContext,
  input: DeleteTransitGatewayVpcAttachmentRequest,
): DeleteTransitGatewayVpcAttachmentResult {
  const a = requireVpcAttachment(ctx, input.TransitGatewayAttachmentId);
  checkDryRun(input);
  endAttachment(ctx.world, a);
  return { TransitGatewayVpcAttachment: renderVpcAttachment(ctx.world, a, 'deleting') };
}

/** The attachments the caller sees here: those it made, those to its own gateways, and peerings
 * it is the accepter of. */
export function visibleAttachments(ctx: CallContext): TgwAttachmentRec[] {
  const out: TgwAttachmentRec[] = [];
  for (const a of ctx.world.ofKind('transitGatewayAttachment')) {
    if (attachmentVisible(ctx, a) && shown(ctx.world, a)) out.push(a);
  }
  return out;
}

function pick(ctx: CallContext, ids: readonly string[] | undefined, vpcOnly = false): TgwAttachmentRec[] {
  const seen = new Map(visibleAttachments(ctx).filter((a) => !vpcOnly || !a.peer).map((a) => [a.id, a]));
  return byId(ids?.length ? pickByIds(TGW_ATTACHMENT_IDS, ids, (id) => seen.get(id)) : seen.values());
}

function vpcFilters(world: World): FilterSpec<TgwAttachmentRec> {
  return {
    state: (a) => attachmentState(world, a),
    'transit-gateway-attachment-id': (a) => a.id,
    'transit-gateway-id': (a) => a.transitGatewayId,
    'vpc-id': (a) => a.vpcId,
  };
}

function attachmentFilters(ctx: CallContext): FilterSpec<TgwAttachmentRec> {
  const world = ctx.world;
  const seen = (a: TgwAttachmentRec): TransitGatewayAttachment => renderAttachment(world, a, ctx);
  return {
    'association.state': (a) => seen(a).Association?.State,
    'association.transit-gateway-route-table-id': (a) => seen(a).Association?.TransitGatewayRouteTableId,
    'resource-id': (a) => seen(a).ResourceId,
    'resource-owner-id': (a) => seen(a).ResourceOwnerId,
    'resource-type': (a) => seen(a).ResourceType,
    state: (a) => attachmentState(world, a),
    'transit-gateway-attachment-id': (a) => a.id,
    'transit-gateway-id': (a) => seen(a).TransitGatewayId,
    'transit-gateway-owner-id': (a) => seen(a).TransitGatewayOwnerId,
  };
}

/** DescribeTransitGatewayVpcAttachments: filters and pages. */
export function describeTransitGatewayVpcAttachments(
  ctx: CallContext,
  input: DescribeTransitGatewayVpcAttachmentsRequest,
): DescribeTransitGatewayVpcAttachmentsResult {
  const filtered = applyFilters(pick(ctx, input.TransitGatewayAttachmentIds, true), input.Filters, vpcFilters(ctx.world), (a) => a.tags);
  checkDryRun(input);
  const max = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(filtered, (a) => a.id, max, input.NextToken);
  return { TransitGatewayVpcAttachments: page.map((a) => renderVpcAttachment(ctx.world, a)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** DescribeTransitGatewayAttachments: every attachment type (VPCs and peerings here), with its association. */
export function describeTransitGatewayAttachments(
  ctx: CallContext,
  input: DescribeTransitGatewayAttachmentsRequest,
): DescribeTransitGatewayAttachmentsResult {
  const filtered = applyFilters(pick(ctx, input.TransitGatewayAttachmentIds), input.Filters, attachmentFilters(ctx), (a) => a.tags);
  checkDryRun(input);
  const max = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(filtered, (a) => a.id, max, input.NextToken);
  return { TransitGatewayAttachments: page.map((a) => renderAttachment(ctx.world, a, ctx)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** A VPC's deletion waits until no live attachment holds it. */
export const attachmentsOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const a of ctx.world.ofKind('transitGatewayAttachment')) {
      if (a.vpcId === v.id && live(a) && transitGatewayById(ctx.world, a.transitGatewayId)) {
        return vpcHasDependencies(v);
      }
    }
    return undefined;
  },
};

/** A subnet's deletion waits while a live attachment has an interface in it. */
export const attachmentsOnSubnetDelete: SubnetDeleteHook = {
  refuse: (ctx, s) => {
    for (const a of ctx.world.ofKind('transitGatewayAttachment')) {
      if (live(a) && a.subnetIds.includes(s.id)) {
        return new AwsError('DependencyViolation', `The subnet '${s.id}' has dependencies and cannot be deleted.`);
      }
    }
    return undefined;
  },
};
