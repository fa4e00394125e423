/** Transit gateway route table actions: Create/Describe/DeleteTransitGatewayRouteTable,
 * Associate/DisassociateTransitGatewayRouteTable, Enable/DisableTransitGatewayRouteTablePropagation,
 * GetTransitGatewayRouteTableAssociations/Propagations and GetTransitGatewayAttachmentPropagations
 * (the static routes and SearchTransitGatewayRoutes are in `routes.ts`).
 *
 * From the EC2 API reference and "Transit gateway route tables": an attachment is associated
 * with at most one route table (a second association is `Resource.AlreadyAssociated`) and may
 * propagate to many; a propagation makes `propagated` routes for the VPC's CIDR blocks, except a
 * block that overlaps one already propagated to the table; a static route of the same prefix
 * overrides a propagated one; a static route goes to one attachment or is a blackhole.
 */
import type {
  AssociateTransitGatewayRouteTableRequest,
  AssociateTransitGatewayRouteTableResult,
  CreateTransitGatewayRouteTableRequest,
  CreateTransitGatewayRouteTableResult,
  DeleteTransitGatewayRouteTableRequest,
  DeleteTransitGatewayRouteTableResult,
  DescribeTransitGatewayRouteTablesRequest,
  DescribeTransitGatewayRouteTablesResult,
  DisableTransitGatewayRouteTablePropagationRequest,
  DisableTransitGatewayRouteTablePropagationResult,
  DisassociateTransitGatewayRouteTableRequest,
  DisassociateTransitGatewayRouteTableResult,
  EnableTransitGatewayRouteTablePropagationRequest,
  EnableTransitGatewayRouteTablePropagationResult,
  GetTransitGatewayAttachmentPropagationsRequest,
  GetTransitGatewayAttachmentPropagationsResult,
  GetTransitGatewayRouteTableAssociationsRequest,
  GetTransitGatewayRouteTableAssociationsResult,
  GetTransitGatewayRouteTablePropagationsRequest,
  GetTransitGatewayRouteTablePropagationsResult,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs, type FilterSpec } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, invalidValue } from '../../errors';
import type { World } from '../../state/world';
import type { TgwAttachmentRec } from '../transit-gateway-attachment/records';
import type { TransitGatewayRec } from '../transit-gateway/records';
import {
  attachmentById,
  attachmentResource,
  attachmentState,
  attachesGateway,
  associatedTable,
  attachmentsOf,
  lifeState,
  live,
  newTgwRouteTable,
  requireAttachment,
  setAssociation,
  requireTgwRouteTable,
  requireTransitGateway,
  transitGatewayById,
  visibleOf,
  type TgwRoute,
} from '../transit-gateway/store';
import { TGW_ROUTE_TABLE_IDS, type TgwRouteTableRec } from './records';

const MAX_PAGE = 1000;

function gatewayOf(world: World, rt: TgwRouteTableRec): TransitGatewayRec | undefined {
  const r = world.byId.get(rt.transitGatewayId);
  return r?.kind === 'transitGateway' ? r.rec : undefined;
}

function render(world: World, rt: TgwRouteTableRec, state: string = lifeState(world, rt)): TransitGatewayRouteTable {
  const g = gatewayOf(world, rt);
  return {
    TransitGatewayRouteTableId: rt.id,
    TransitGatewayId: rt.transitGatewayId,
    State: state as TransitGatewayRouteTable['State'],
    DefaultAssociationRouteTable: g?.associationDefaultRouteTableId === rt.id,
    DefaultPropagationRouteTable: g?.propagationDefaultRouteTableId === rt.id,
    CreationTime: new Date(rt.createdAt),
    ...(Object.keys(rt.tags).length > 0 ? { Tags: tagList(rt.tags) } : {}),
  };
}

/** An attachment as the association and propagation calls name it. */
type Resource = { TransitGatewayAttachmentId: string; ResourceId: string | undefined; ResourceType: 'vpc' | 'peering' };

/** What an attachment attaches, seen from the gateway `tgwId` (a peering: the other gateway). */
export function resourceOf(a: TgwAttachmentRec | { id: string; vpcId?: undefined; peer?: undefined }, tgwId: string): Resource {
  if (!('transitGatewayId' in a)) return { TransitGatewayAttachmentId: a.id, ResourceId: undefined, ResourceType: 'vpc' };
  const r = attachmentResource(a, tgwId);
  return { TransitGatewayAttachmentId: a.id, ResourceId: r.id, ResourceType: r.type };
}

export function renderRoute(r: TgwRoute, tgwId: string): TransitGatewayRoute {
  return {
    DestinationCidrBlock: r.destinationCidrBlock,
    ...(r.attachment ? { TransitGatewayAttachments: [resourceOf(r.attachment, tgwId)] } : {}),
    Type: r.type,
    State: r.state,
  };
}

/** CreateTransitGatewayRouteTable. */
export function createTransitGatewayRouteTable(ctx: CallContext, input: CreateTransitGatewayRouteTableRequest): CreateTransitGatewayRouteTableResult {
  const g = requireTransitGateway(ctx, input.TransitGatewayId);
  const tags = tagsFromSpecs(input.TagSpecifications, 'transit-gateway-route-table');
  checkDryRun(input);
  return { TransitGatewayRouteTable: render(ctx.world, newTgwRouteTable(ctx.world, g, tags), 'pending') };
}

/** DeleteTransitGatewayRouteTable: not while attachments are associated with it. */
export function deleteTransitGatewayRouteTable(ctx: CallContext, input: DeleteTransitGatewayRouteTableRequest): DeleteTransitGatewayRouteTableResult {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  const held = attachmentsOf(ctx.world, rt.transitGatewayId).filter((a) => associatedTable(a, rt.transitGatewayId) === rt.id);
  if (held.length > 0) {
    throw new AwsError('IncorrectState', `${rt.id} has associated attachments: ${held.map((a) => a.id).join(', ')}. Disassociate them first.`);
  }
  checkDryRun(input);
  rt.deletedAt = ctx.world.now();
  rt.propagations = [];
  const g = gatewayOf(ctx.world, rt);
  if (g?.associationDefaultRouteTableId === rt.id) delete g.associationDefaultRouteTableId;
  if (g?.propagationDefaultRouteTableId === rt.id) delete g.propagationDefaultRouteTableId;
  return { TransitGatewayRouteTable: render(ctx.world, rt, 'deleting') };
}

function tableFilters(world: World): FilterSpec<TgwRouteTableRec> {
  return {
    'default-association-route-table': (rt) => gatewayOf(world, rt)?.associationDefaultRouteTableId === rt.id,
    'default-propagation-route-table': (rt) => gatewayOf(world, rt)?.propagationDefaultRouteTableId === rt.id,
    state: (rt) => lifeState(world, rt),
    'transit-gateway-id': (rt) => rt.transitGatewayId,
    'transit-gateway-route-table-id': (rt) => rt.id,
  };
}

/** DescribeTransitGatewayRouteTables: filters and pages. */
export function describeTransitGatewayRouteTables(ctx: CallContext, input: DescribeTransitGatewayRouteTablesRequest): DescribeTransitGatewayRouteTablesResult {
  const seen = new Map(visibleOf(ctx.world, ctx.cell.table('transitGatewayRouteTable')).map((rt) => [rt.id, rt]));
  const ids = input.TransitGatewayRouteTableIds;
  const base = ids?.length ? pickByIds(TGW_ROUTE_TABLE_IDS, ids, (id) => seen.get(id)) : seen.values();
  const filtered = applyFilters(byId(base), input.Filters, tableFilters(ctx.world), (rt) => rt.tags);
  checkDryRun(input);
  const max = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(filtered, (rt) => rt.id, max, input.NextToken);
  return { TransitGatewayRouteTables: page.map((rt) => render(ctx.world, rt)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** The table and an attachment of the same gateway, both live. */
export function tableAndAttachment(ctx: CallContext, input: { TransitGatewayRouteTableId?: string; TransitGatewayAttachmentId?: string }): [TgwRouteTableRec, TgwAttachmentRec] {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  const a = requireAttachment(ctx, input.TransitGatewayAttachmentId);
  if (!attachesGateway(a, rt.transitGatewayId)) {
    throw invalidValue('TransitGatewayAttachmentId', a.id, `The attachment belongs to ${a.transitGatewayId}, the route table to ${rt.transitGatewayId}.`);
  }
  if ((a.peer || a.awaitsAcceptance) && attachmentState(ctx.world, a) !== 'available') {
    const what = a.peer ? 'a peering attachment' : 'an attachment from another account';
    throw new AwsError('IncorrectState', `Transit Gateway Attachment ${a.id} is in state ${attachmentState(ctx.world, a)}; ${what} can be used once it is accepted and available.`);
  }
  return [rt, a];
}

/** AssociateTransitGatewayRouteTable: one association per attachment. */
export function associateTransitGatewayRouteTable(ctx: CallContext, input: AssociateTransitGatewayRouteTableRequest): AssociateTransitGatewayRouteTableResult {
  const [rt, a] = tableAndAttachment(ctx, input);
  const held = associatedTable(a, rt.transitGatewayId);
  if (held) {
    throw new AwsError('Resource.AlreadyAssociated', `Transit Gateway Attachment ${a.id} is already associated to a route table (${held}).`);
  }
  checkDryRun(input);
  setAssociation(a, rt.transitGatewayId, rt.id);
  return { Association: { TransitGatewayRouteTableId: rt.id, ...resourceOf(a, rt.transitGatewayId), State: 'associating' } };
}

/** DisassociateTransitGatewayRouteTable. */
export function disassociateTransitGatewayRouteTable(
  ctx: CallContext,
  input: DisassociateTransitGatewayRouteTableRequest,
): DisassociateTransitGatewayRouteTableResult {
  const [rt, a] = tableAndAttachment(ctx, input);
  if (associatedTable(a, rt.transitGatewayId) !== rt.id) {
    throw new AwsError('InvalidAssociation.NotFound', `Transit Gateway Attachment ${a.id} is not associated with ${rt.id}.`);
  }
  checkDryRun(input);
  setAssociation(a, rt.transitGatewayId, undefined);
  return { Association: { TransitGatewayRouteTableId: rt.id, ...resourceOf(a, rt.transitGatewayId), State: 'disassociating' } };
}

/** EnableTransitGatewayRouteTablePropagation. */
export function enableTransitGatewayRouteTablePropagation(
  ctx: CallContext,
  input: EnableTransitGatewayRouteTablePropagationRequest,
): EnableTransitGatewayRouteTablePropagationResult {
  const [rt, a] = tableAndAttachment(ctx, input);
  if (a.peer) {
    throw invalidValue('TransitGatewayAttachmentId', a.id, 'A Transit Gateway peering attachment carries only static routes; it cannot propagate to a route table.');
  }
  if (rt.propagations.includes(a.id)) {
    throw new AwsError('TransitGatewayRouteTablePropagation.Duplicate', `Transit Gateway Attachment ${a.id} already propagates to ${rt.id}.`);
  }
  checkDryRun(input);
  rt.propagations.push(a.id);
  return { Propagation: { TransitGatewayRouteTableId: rt.id, ...resourceOf(a, rt.transitGatewayId), State: 'enabled' } };
}

/** DisableTransitGatewayRouteTablePropagation. */
export function disableTransitGatewayRouteTablePropagation(
  ctx: CallContext,
  input: DisableTransitGatewayRouteTablePropagationRequest,
): DisableTransitGatewayRouteTablePropagationResult {
  const [rt, a] = tableAndAttachment(ctx, input);
  if (!rt.propagations.includes(a.id)) {
    throw new AwsError('InvalidTransitGatewayRouteTablePropagation.NotFound', `Transit Gateway Attachment ${a.id} does not propagate to ${rt.id}.`);
  }
  checkDryRun(input);
  rt.propagations = rt.propagations.filter((x) => x !== a.id);
  return { Propagation: { TransitGatewayRouteTableId: rt.id, ...resourceOf(a, rt.transitGatewayId), State: 'disabled' } };
}

function resourceFilters(tgwId: string): FilterSpec<TgwAttachmentRec> {
  return {
    'resource-id': (a) => attachmentResource(a, tgwId).id,
    'resource-type': (a) => attachmentResource(a, tgwId).type,
    'transit-gateway-attachment-id': (a) => a.id,
  };
}

function page<T>(items: T[], idOf: (r: T) => string, input: { MaxResults?: number; NextToken?: string }): { page: T[]; nextToken?: string } {
  const max = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  return paginate(items, idOf, max, input.NextToken);
}

/** GetTransitGatewayRouteTableAssociations. */
export function getTransitGatewayRouteTableAssociations(
  ctx: CallContext,
  input: GetTransitGatewayRouteTableAssociationsRequest,
): GetTransitGatewayRouteTableAssociationsResult {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  const held = attachmentsOf(ctx.world, rt.transitGatewayId).filter((a) => associatedTable(a, rt.transitGatewayId) === rt.id);
  const filtered = applyFilters(held, input.Filters, resourceFilters(rt.transitGatewayId));
  checkDryRun(input);
  const p = page(filtered, (a) => a.id, input);
  return { Associations: p.page.map((a) => ({ ...resourceOf(a, rt.transitGatewayId), State: 'associated' })), ...(p.nextToken ? { NextToken: p.nextToken } : {}) };
}

/** GetTransitGatewayRouteTablePropagations. */
export function getTransitGatewayRouteTablePropagations(
  ctx: CallContext,
  input: GetTransitGatewayRouteTablePropagationsRequest,
): GetTransitGatewayRouteTablePropagationsResult {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  const props = byId(rt.propagations.flatMap((id) => attachmentById(ctx.world, id) ?? []));
  const filtered = applyFilters(props, input.Filters, resourceFilters(rt.transitGatewayId));
  checkDryRun(input);
  const p = page(filtered, (a) => a.id, input);
  return {
    TransitGatewayRouteTablePropagations: p.page.map((a) => ({ ...resourceOf(a, rt.transitGatewayId), State: 'enabled' })),
    ...(p.nextToken ? { NextToken: p.nextToken } : {}),
  };
}

/** GetTransitGatewayAttachmentPropagations: the route tables one attachment propagates to. */
export function getTransitGatewayAttachmentPropagations(
  ctx: CallContext,
  input: GetTransitGatewayAttachmentPropagationsRequest,
): GetTransitGatewayAttachmentPropagationsResult {
  const a = requireAttachment(ctx, input.TransitGatewayAttachmentId);
  const g = transitGatewayById(ctx.world, a.transitGatewayId);
  const tables = g ? [...ctx.world.cell(g.ownerId, g.region).table('transitGatewayRouteTable').values()] : [];
  const props = byId(tables.filter((rt) => live(rt) && rt.propagations.includes(a.id)));
  const filtered = applyFilters(props, input.Filters, { 'transit-gateway-route-table-id': (rt) => rt.id });
  checkDryRun(input);
  const p = page(filtered, (rt) => rt.id, input);
  return {
    TransitGatewayAttachmentPropagations: p.page.map((rt) => ({ TransitGatewayRouteTableId: rt.id, State: 'enabled' })),
    ...(p.nextToken ? { NextToken: p.nextToken } : {}),
  };
}
