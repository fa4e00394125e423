/** Static routes of transit gateway route tables: Create/Replace/DeleteTransitGatewayRoute, and
 * SearchTransitGatewayRoutes over static and propagated routes.
 *
 * From the EC2 API reference and "Transit gateway route tables": a static route goes to one
 * attachment or is a blackhole, one per prefix; a static route of the same prefix overrides a
 * propagated one.
 */
import type {
  CreateTransitGatewayRouteRequest,
  CreateTransitGatewayRouteResult,
  DeleteTransitGatewayRouteRequest,
  DeleteTransitGatewayRouteResult,
  ReplaceTransitGatewayRouteRequest,
  ReplaceTransitGatewayRouteResult,
  SearchTransitGatewayRoutesRequest,
  SearchTransitGatewayRoutesResult,
  TransitGatewayRoute,
} from '@aws-sdk/client-ec2';

import { cidrContains, formatCidr, parseCidr, type Cidr } from '../../cidr';
import { applyFilters, checkDryRun, type FilterSpec } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, invalidCombination, invalidValue, missingParameter } from '../../errors';
import type { World } from '../../state/world';
import { requireTgwRouteTable, tgwRoutes, type TgwRoute } from '../transit-gateway/store';
import { renderRoute, resourceOf, tableAndAttachment } from './actions';
import type { TgwRouteTableRec } from './records';

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
