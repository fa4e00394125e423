/** Transit gateway route table actions: Create/Describe/DeleteTransitGatewayRouteTable,
 * Associate/DisassociateTransitGatewayRouteTable, Enable/DisableTransitGatewayRouteTablePropagation,
 * GetTransitGatewayRouteTableAssociations/Propagations, GetTransitGatewayAttachmentPropagations,
 * Create/Replace/DeleteTransitGatewayRoute and SearchTransitGatewayRoutes.
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
  CreateTransitGatewayRouteRequest,
  CreateTransitGatewayRouteResult,
  CreateTransitGatewayRouteTableRequest,
  CreateTransitGatewayRouteTableResult,
  DeleteTransitGatewayRouteRequest,
  DeleteTransitGatewayRouteResult,
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
  ReplaceTransitGatewayRouteRequest,
  ReplaceTransitGatewayRouteResult,
  SearchTransitGatewayRoutesRequest,
  SearchTransitGatewayRoutesResult,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
} from '@aws-sdk/client-ec2';

import { cidrContains, formatCidr, parseCidr, type Cidr } from '../../cidr';
import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs, type FilterSpec } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, invalidCombination, invalidValue, missingParameter } from '../../errors';
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
  tgwRoutes,
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
function resourceOf(a: TgwAttachmentRec | { id: string; vpcId?: undefined; peer?: undefined }, tgwId: string): Resource {
  if (!('transitGatewayId' in a)) return { TransitGatewayAttachmentId: a.id, ResourceId: undefined, ResourceType: 'vpc' };
  const r = attachmentResource(a, tgwId);
  return { TransitGatewayAttachmentId: a.id, ResourceId: r.id, ResourceType: r.type };
}

function renderRoute(r: TgwRoute, tgwId: string): TransitGatewayRoute {
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
function tableAndAttachment(ctx: CallContext, input: { TransitGatewayRouteTableId?: string; TransitGatewayAttachmentId?: string }): [TgwRouteTableRec, TgwAttachmentRec] {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  const a = requireAttachment(ctx, input.TransitGatewayAttachmentId);
  if (!attachesGateway(a, rt.transitGatewayId)) {
    throw invalidValue('TransitGatewayAttachmentId', a.id, `The attachment belongs to ${a.transitGatewayId}, the route table to ${rt.transitGatewayId}.`);
  }
  if (a.peer && attachmentState(ctx.world, a) !== 'available') {
    throw new AwsError('IncorrectState', `Transit Gateway Attachment ${a.id} is in state ${attachmentState(ctx.world, a)}; a peering attachment can be used once it is accepted and available.`);
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

/** An IPv4 destination, canonical. */
function destination(text: string | undefined): { text: string; cidr: Cidr } {
  if (!text) throw missingParameter('DestinationCidrBlock');
  const c = parseCidr(text);
  if (!c || c.family !== 4) throw invalidValue('DestinationCidrBlock', text, 'This is not a valid IPv4 CIDR block.');
  return { text: formatCidr(c), cidr: c };
}

/** A static route's target: one attachment of the table's gateway, or a blackhole. */
function routeTarget(ctx: CallContext, rt: TgwRouteTableRec, input: { TransitGatewayAttachmentId?: string; Blackhole?: boolean }): { attachmentId?: string; blackhole: boolean } {
  if (input.Blackhole && input.TransitGatewayAttachmentId) throw invalidCombination('Give either TransitGatewayAttachmentId or Blackhole, not both.');
  if (input.Blackhole) return { blackhole: true };
  if (!input.TransitGatewayAttachmentId) throw missingParameter('TransitGatewayAttachmentId');
  const [, a] = tableAndAttachment(ctx, { TransitGatewayRouteTableId: rt.id, TransitGatewayAttachmentId: input.TransitGatewayAttachmentId });
  return { attachmentId: a.id, blackhole: false };
}

function routeNotFound(rt: TgwRouteTableRec, dest: string): AwsError {
  return new AwsError('InvalidRoute.NotFound', `No static route with destination ${dest} exists in Transit Gateway Route Table ${rt.id}.`);
}

function renderStatic(world: World, rt: TgwRouteTableRec, dest: string, state?: 'deleted'): TransitGatewayRoute {
  const r = tgwRoutes(world, rt).find((x) => x.type === 'static' && x.destinationCidrBlock === dest) as TgwRoute;
  return renderRoute(state ? { ...r, state: state as TgwRoute['state'] } : r, rt.transitGatewayId);
}

/** CreateTransitGatewayRoute: one static route per prefix (`RouteAlreadyExists`). */
export function createTransitGatewayRoute(ctx: CallContext, input: CreateTransitGatewayRouteRequest): CreateTransitGatewayRouteResult {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  const dest = destination(input.DestinationCidrBlock);
  const target = routeTarget(ctx, rt, input);
  if (rt.routes.some((r) => r.destinationCidrBlock === dest.text)) {
    throw new AwsError('RouteAlreadyExists', `Route ${dest.text} already exists in Transit Gateway Route Table ${rt.id}.`);
  }
  checkDryRun(input);
  rt.routes.push({ destinationCidrBlock: dest.text, ...target });
  return { Route: renderStatic(ctx.world, rt, dest.text) };
}

/** ReplaceTransitGatewayRoute: a static route of the prefix takes a new target. */
export function replaceTransitGatewayRoute(ctx: CallContext, input: ReplaceTransitGatewayRouteRequest): ReplaceTransitGatewayRouteResult {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  const dest = destination(input.DestinationCidrBlock);
  const target = routeTarget(ctx, rt, input);
  const i = rt.routes.findIndex((r) => r.destinationCidrBlock === dest.text);
  if (i < 0) throw routeNotFound(rt, dest.text);
  checkDryRun(input);
  rt.routes[i] = { destinationCidrBlock: dest.text, ...target };
  return { Route: renderStatic(ctx.world, rt, dest.text) };
}

/** DeleteTransitGatewayRoute: static routes only. */
export function deleteTransitGatewayRoute(ctx: CallContext, input: DeleteTransitGatewayRouteRequest): DeleteTransitGatewayRouteResult {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  const dest = destination(input.DestinationCidrBlock);
  if (!rt.routes.some((r) => r.destinationCidrBlock === dest.text)) throw routeNotFound(rt, dest.text);
  checkDryRun(input);
  const route = renderStatic(ctx.world, rt, dest.text, 'deleted');
  rt.routes = rt.routes.filter((r) => r.destinationCidrBlock !== dest.text);
  return { Route: route };
}

/** The `route-search.*` filters: CIDR relations between a route's destination and the value. */
const CIDR_SEARCH: Readonly<Record<string, (route: Cidr, value: Cidr) => boolean>> = {
  'route-search.exact-match': (r, v) => r.network === v.network && r.prefixLength === v.prefixLength,
  'route-search.subnet-of-match': (r, v) => cidrContains(v, r),
  'route-search.supernet-of-match': (r, v) => cidrContains(r, v),
};

function routeFilters(tgwId: string): FilterSpec<TgwRoute> {
  return {
    'attachment.transit-gateway-attachment-id': (r) => r.attachment?.id,
    'attachment.resource-id': (r) => (r.attachment ? resourceOf(r.attachment, tgwId).ResourceId : undefined),
    'attachment.resource-type': (r) => (r.attachment ? resourceOf(r.attachment, tgwId).ResourceType : undefined),
    'prefix-list-id': () => undefined,
    state: (r) => r.state,
    type: (r) => r.type,
  };
}

/** SearchTransitGatewayRoutes: `Filters` required; the route-search filters compare CIDRs
 * (`longest-prefix-match` keeps the most specific routes that contain the value); a page cut
 * short says `AdditionalRoutesAvailable`. */
export function searchTransitGatewayRoutes(ctx: CallContext, input: SearchTransitGatewayRoutesRequest): SearchTransitGatewayRoutesResult {
  const rt = requireTgwRouteTable(ctx, input.TransitGatewayRouteTableId);
  if (!input.Filters?.length) throw missingParameter('Filters');
  const plain = input.Filters.filter((f) => !f.Name?.startsWith('route-search.'));
  let routes = applyFilters(tgwRoutes(ctx.world, rt), plain, routeFilters(rt.transitGatewayId));
  for (const f of input.Filters.filter((x) => x.Name?.startsWith('route-search.'))) {
    const name = f.Name as string;
    const values = (f.Values ?? []).map((v) => {
      const c = parseCidr(v);
      if (!c || c.family !== 4) throw invalidValue(name, v, 'Give an IPv4 CIDR block.');
      return c;
    });
    if (values.length === 0) throw missingParameter(`${name} value`);
    const test = CIDR_SEARCH[name];
    if (test) {
      routes = routes.filter((r) => values.some((v) => test(parseCidr(r.destinationCidrBlock) as Cidr, v)));
    } else if (name === 'route-search.longest-prefix-match') {
      routes = values.flatMap((v) => {
        const covering = routes.filter((r) => cidrContains(parseCidr(r.destinationCidrBlock) as Cidr, v));
        const best = Math.max(-1, ...covering.map((r) => (parseCidr(r.destinationCidrBlock) as Cidr).prefixLength));
        return covering.filter((r) => (parseCidr(r.destinationCidrBlock) as Cidr).prefixLength === best);
      });
    } else {
      throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    }
  }
  checkDryRun(input);
  const max = input.MaxResults ?? 1000;
  return { Routes: routes.slice(0, max).map((r) => renderRoute(r, rt.transitGatewayId)), AdditionalRoutesAvailable: routes.length > max };
}
