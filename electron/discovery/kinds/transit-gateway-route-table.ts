/** Transit gateway route tables in discovery: DescribeTransitGatewayRouteTables (AWS lists only
 * the caller's own, so a gateway's tables come from its owner's scan), then for each table its
 * associations, its propagations and its routes. */
import {
  DescribeTransitGatewayRouteTablesCommand,
  GetTransitGatewayRouteTableAssociationsCommand,
  GetTransitGatewayRouteTablePropagationsCommand,
  SearchTransitGatewayRoutesCommand,
  type TransitGatewayRoute as AwsTransitGatewayRoute,
  type TransitGatewayRouteAttachment as AwsRouteAttachment,
  type TransitGatewayRouteTable as AwsTransitGatewayRouteTable,
  type TransitGatewayRouteTableAssociation as AwsAssociation,
  type TransitGatewayRouteTablePropagation as AwsPropagation,
} from '@aws-sdk/client-ec2';

import type {
  PrefixListId,
  TransitGatewayAttachmentId,
  TransitGatewayAttachmentRef,
  TransitGatewayId,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  TransitGatewayRouteTableId,
  TransitGatewayRouteTableLink,
} from '../../../shared/model/topology';
import { nameOf, normaliseCidr, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional, type ScanPlace } from './kind';
import { searchAllRoutes } from './transit-gateway-routes';

/** A table as DescribeTransitGatewayRouteTables gives it, with what its follow-up calls found. */
export interface RawTransitGatewayRouteTable {
  readonly table: AwsTransitGatewayRouteTable;
  readonly associations: readonly AwsAssociation[];
  readonly propagations: readonly AwsPropagation[];
  readonly routes: readonly AwsTransitGatewayRoute[];
  /** False when AWS held back routes the search could not get (`searchAllRoutes`). */
  readonly routesComplete: boolean;
}

/** Tables in these states route nothing and refuse the follow-up calls: they are listed without them. */
const GONE_TABLE_STATES: ReadonlySet<string> = new Set(['deleting', 'deleted']);

function ref(a: { TransitGatewayAttachmentId?: string | undefined; ResourceType?: string | undefined; ResourceId?: string | undefined }): TransitGatewayAttachmentRef | undefined {
  if (!a.TransitGatewayAttachmentId?.startsWith('tgw-attach-')) return undefined;
  return {
    attachmentId: a.TransitGatewayAttachmentId as TransitGatewayAttachmentId,
    ...(a.ResourceType ? { resourceType: a.ResourceType } : {}),
    ...(a.ResourceId ? { resourceId: a.ResourceId } : {}),
  };
}

function link(a: AwsAssociation | AwsPropagation): TransitGatewayRouteTableLink | undefined {
  const r = ref(a);
  return r ? { ...r, state: a.State ?? '' } : undefined;
}

/** One route in the model; undefined for a route without a destination, or of a type or state the model does not hold. */
export function toTransitGatewayRoute(r: AwsTransitGatewayRoute): TransitGatewayRoute | undefined {
  const destination = r.DestinationCidrBlock
    ? { kind: 'cidr' as const, cidr: normaliseCidr(r.DestinationCidrBlock) }
    : r.PrefixListId?.startsWith('pl-')
      ? { kind: 'prefix-list' as const, prefixListId: r.PrefixListId as PrefixListId }
      : undefined;
  if (!destination || (r.Type !== 'static' && r.Type !== 'propagated') || (r.State !== 'active' && r.State !== 'blackhole')) return undefined;
  return {
    destination,
    type: r.Type,
    state: r.State,
    targets: (r.TransitGatewayAttachments ?? []).flatMap((a: AwsRouteAttachment) => ref(a) ?? []).sort((a, b) => a.attachmentId.localeCompare(b.attachmentId)),
  };
}

const destinationText = (r: TransitGatewayRoute) => (r.destination.kind === 'cidr' ? r.destination.cidr : r.destination.prefixListId);

/** Translate one table with its associations, propagations and routes (routes by destination, static first). */
export function toTransitGatewayRouteTable(raw: RawTransitGatewayRouteTable, seen: ScanPlace): TransitGatewayRouteTable | undefined {
  const t = raw.table;
  if (!t.TransitGatewayRouteTableId?.startsWith('tgw-rtb-') || !t.TransitGatewayId?.startsWith('tgw-')) return undefined;
  const byAttachment = (a: TransitGatewayRouteTableLink, b: TransitGatewayRouteTableLink) => a.attachmentId.localeCompare(b.attachmentId);
  return {
    id: t.TransitGatewayRouteTableId as TransitGatewayRouteTableId,
    transitGatewayId: t.TransitGatewayId as TransitGatewayId,
    accountId: seen.accountId,
    region: seen.region,
    ...nameOf(toTags(t.Tags)),
    state: t.State ?? '',
    defaultAssociation: t.DefaultAssociationRouteTable === true,
    defaultPropagation: t.DefaultPropagationRouteTable === true,
    associations: raw.associations.flatMap((a) => link(a) ?? []).sort(byAttachment),
    propagations: raw.propagations.flatMap((a) => link(a) ?? []).sort(byAttachment),
    routes: raw.routes
      .flatMap((r) => toTransitGatewayRoute(r) ?? [])
      .sort((a, b) => destinationText(a).localeCompare(destinationText(b)) || Number(a.type !== 'static') - Number(b.type !== 'static')),
    routesComplete: raw.routesComplete,
  };
}

/**
 * The transit gateway route table kind of discovery. Every call takes pages of up to 1000;
 * SearchTransitGatewayRoutes has no pages of its own (see `searchAllRoutes`).
 */
export const TRANSIT_GATEWAY_ROUTE_TABLE_DISCOVERY = discoveryKind({
  actions: {
    DescribeTransitGatewayRouteTables: 1000,
    GetTransitGatewayRouteTableAssociations: 1000,
    GetTransitGatewayRouteTablePropagations: 1000,
    SearchTransitGatewayRoutes: 1000,
  },
  optional: true,
  scan: async (ec2, fetch) => {
    const tables = await fetch(
      'DescribeTransitGatewayRouteTables',
      (page, abortSignal) => ec2.send(new DescribeTransitGatewayRouteTablesCommand(page), { abortSignal }),
      (o) => o.TransitGatewayRouteTables,
    );
    return Promise.all(
      tables.map(async (table): Promise<RawTransitGatewayRouteTable> => {
        const id = table.TransitGatewayRouteTableId;
        if (!id || GONE_TABLE_STATES.has(table.State ?? '')) return { table, associations: [], propagations: [], routes: [], routesComplete: true };
        const [associations, propagations, routes] = await Promise.all([
          fetch(
            'GetTransitGatewayRouteTableAssociations',
            (page, abortSignal) => ec2.send(new GetTransitGatewayRouteTableAssociationsCommand({ ...page, TransitGatewayRouteTableId: id }), { abortSignal }),
            (o) => o.Associations,
          ),
          fetch(
            'GetTransitGatewayRouteTablePropagations',
            (page, abortSignal) => ec2.send(new GetTransitGatewayRouteTablePropagationsCommand({ ...page, TransitGatewayRouteTableId: id }), { abortSignal }),
            (o) => o.TransitGatewayRouteTablePropagations,
          ),
          searchAllRoutes(async (Filters) => {
            let more = false;
            const found = await fetch(
              'SearchTransitGatewayRoutes',
              (page, abortSignal) => ec2.send(new SearchTransitGatewayRoutesCommand({ ...page, TransitGatewayRouteTableId: id, Filters }), { abortSignal }),
              (o) => {
                // Newer answers may page with NextToken; only the last page's flag says routes were held back.
                more = o.AdditionalRoutesAvailable === true && !o.NextToken;
                return o.Routes;
              },
            );
            return { routes: found, more };
          }),
        ]);
        return { table, associations, propagations, routes: routes.routes, routesComplete: routes.complete };
      }),
    );
  },
  translate: (raw: RawTransitGatewayRouteTable, seen) => toTransitGatewayRouteTable(raw, seen),
  merge: mergeRegional<TransitGatewayRouteTable>,
  carry: carryRegional<TransitGatewayRouteTable>,
});
