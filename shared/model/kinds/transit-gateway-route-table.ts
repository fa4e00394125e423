/** The transit gateway route table kind of the model: which attachments it serves (associations),
 * which attachments' routes it learns (propagations), and its routes. Only the gateway owner's
 * credentials read them, so a gateway's tables are here only when its owner's account × region
 * was scanned (the gateway's `routing` says). */
import { z } from 'zod';

import type { AccountId, Region } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import type { PrefixListId } from './prefix-list';
import {
  transitGatewayAttachmentIdSchema,
  transitGatewayIdSchema,
  transitGatewayRouteTableIdSchema,
  type TransitGatewayAttachmentId,
  type TransitGatewayId,
  type TransitGatewayRouteTableId,
} from './transit-gateway';

/** An attachment as a route table's association, propagation or route target names it. */
export interface TransitGatewayAttachmentRef {
  readonly attachmentId: TransitGatewayAttachmentId;
  /** AWS's resource type (`vpc`, `vpn`, `peering`, …), when given. */
  readonly resourceType?: string;
  /** The attached resource's id, when given. */
  readonly resourceId?: string;
}

/** An association or a propagation of a route table. */
export interface TransitGatewayRouteTableLink extends TransitGatewayAttachmentRef {
  /** Associations: `associating`, `associated`, `disassociating`, `disassociated`; propagations: `enabling`, `enabled`, `disabling`, `disabled`. */
  readonly state: string;
}

/** Where a transit gateway route sends traffic to: a CIDR block or a managed prefix list. */
export type TransitGatewayRouteDestination =
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: PrefixListId };

/** One route of a transit gateway route table. */
export interface TransitGatewayRoute {
  readonly destination: TransitGatewayRouteDestination;
  /** `static` (created, or a peering's) or `propagated` (learned from an attachment that propagates to the table). */
  readonly type: 'static' | 'propagated';
  /** `blackhole` drops what matches it (a static blackhole route, or a route whose attachment is gone). */
  readonly state: 'active' | 'blackhole';
  /** The attachments it sends to: one, several (equal-cost multipath), or none for a blackhole. */
  readonly targets: readonly TransitGatewayAttachmentRef[];
}

/** A transit gateway route table. */
export interface TransitGatewayRouteTable {
  readonly id: TransitGatewayRouteTableId;
  readonly transitGatewayId: TransitGatewayId;
  /** The gateway owner's account, whose scan read the table. */
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /** `pending`, `available`, `deleting`, `deleted`. */
  readonly state: string;
  /** The gateway's default association table: new attachments are associated with it. */
  readonly defaultAssociation: boolean;
  /** The gateway's default propagation table: new attachments propagate to it. */
  readonly defaultPropagation: boolean;
  readonly associations: readonly TransitGatewayRouteTableLink[];
  readonly propagations: readonly TransitGatewayRouteTableLink[];
  /** Active and blackhole routes, as SearchTransitGatewayRoutes returned them. */
  readonly routes: readonly TransitGatewayRoute[];
  /**
   * False when AWS said more routes were available than discovery could fetch
   * (SearchTransitGatewayRoutes has no paging): `routes` is then a part of the table's routes.
   */
  readonly routesComplete: boolean;
}

const refShape = {
  attachmentId: transitGatewayAttachmentIdSchema,
  resourceType: z.string().optional(),
  resourceId: z.string().optional(),
};
const linkSchema = z.object({ ...refShape, state: z.string() });

const routeSchema = z.object({
  destination: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('cidr'), cidr: z.string() }),
    z.object({ kind: z.literal('prefix-list'), prefixListId: idSchema('pl') }),
  ]),
  type: z.enum(['static', 'propagated']),
  state: z.enum(['active', 'blackhole']),
  targets: z.array(z.object(refShape)).readonly(),
});

/** Schema of a `TransitGatewayRouteTable`. */
export const transitGatewayRouteTableSchema = z.object({
  id: transitGatewayRouteTableIdSchema,
  transitGatewayId: transitGatewayIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  state: z.string(),
  defaultAssociation: z.boolean(),
  defaultPropagation: z.boolean(),
  associations: z.array(linkSchema).readonly(),
  propagations: z.array(linkSchema).readonly(),
  routes: z.array(routeSchema).readonly(),
  routesComplete: z.boolean(),
});

// Compile-time check that the schema produces exactly the type.
((t: z.infer<typeof transitGatewayRouteTableSchema>): TransitGatewayRouteTable => t) satisfies unknown;
((t: TransitGatewayRouteTable): z.infer<typeof transitGatewayRouteTableSchema> => t) satisfies unknown;

/** The transit gateway route table kind, as the model's registry lists it. */
export const TRANSIT_GATEWAY_ROUTE_TABLE_KIND: ModelKind<TransitGatewayRouteTable> = { schema: transitGatewayRouteTableSchema };
