/** The route table kind of the model: its type and schema, with its routes and their targets. */
import { z } from 'zod';

import type { AccountId, PeeringId, Region, RouteTableId, SubnetId, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import { peeringIdSchema } from './peering';
import { subnetIdSchema } from './subnet';
import { vpcIdSchema } from './vpc';

/** Where a route sends traffic. */
export type RouteTarget =
  | { readonly kind: 'local' }
  | { readonly kind: 'peering'; readonly peeringId: PeeringId }
  /** Internet, NAT, transit, virtual private gateways, instances, ENIs, endpoints … by id. */
  | { readonly kind: 'other'; readonly id: string };

/** A route in a route table. */
export interface Route {
  /** Destination CIDR (IPv4 or IPv6), normalised. Prefix-list destinations are kept as their id. */
  readonly destination: string;
  readonly target: RouteTarget;
  /** `active`, or `blackhole` when the target is gone or not usable (e.g. a pending peering). */
  readonly state: 'active' | 'blackhole';
  /** `CreateRouteTable` (local), `CreateRoute` or `EnableVgwRoutePropagation`. */
  readonly origin: string;
}

/** A route table with its subnet associations. */
export interface RouteTable {
  readonly id: RouteTableId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /** True for the VPC's main table, which serves every subnet without an explicit association. */
  readonly main: boolean;
  /** Subnets explicitly associated with this table. */
  readonly subnetIds: readonly SubnetId[];
  readonly routes: readonly Route[];
}

const routeTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('peering'), peeringId: peeringIdSchema }),
  z.object({ kind: z.literal('other'), id: z.string() }),
]);

const routeSchema = z.object({
  destination: z.string(),
  target: routeTargetSchema,
  state: z.enum(['active', 'blackhole']),
  origin: z.string(),
});

/** Schema of a `RouteTable`. */
export const routeTableSchema = z.object({
  id: idSchema('rtb'),
  vpcId: vpcIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  main: z.boolean(),
  subnetIds: z.array(subnetIdSchema).readonly(),
  routes: z.array(routeSchema).readonly(),
});

// Compile-time check that the schema produces exactly the type.
((t: z.infer<typeof routeTableSchema>): RouteTable => t) satisfies unknown;
((t: RouteTable): z.infer<typeof routeTableSchema> => t) satisfies unknown;

/** The route table kind, as the model's registry lists it. */
export const ROUTE_TABLE_KIND: ModelKind<RouteTable> = { schema: routeTableSchema };
