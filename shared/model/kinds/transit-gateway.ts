/** The transit gateway kind of the model: a regional router owned by one account, possibly shared
 * (through AWS RAM) with others, and whether the snapshot knows its routing. */
import { z } from 'zod';

import type { AccountId, Region } from '../ids';
import { accountIdSchema, idSchema, regionSchema, tagsSchema, type ModelKind, type Tags } from './common';

/** A transit gateway id. */
export type TransitGatewayId = `tgw-${string}`;
/** A transit gateway attachment id (VPC, VPN, Direct Connect gateway, Connect, peering …). */
export type TransitGatewayAttachmentId = `tgw-attach-${string}`;
/** A transit gateway route table id. */
export type TransitGatewayRouteTableId = `tgw-rtb-${string}`;

/** Schema of a `TransitGatewayId`. */
export const transitGatewayIdSchema = idSchema('tgw');
/** Schema of a `TransitGatewayAttachmentId`. */
export const transitGatewayAttachmentIdSchema = idSchema('tgw-attach');
/** Schema of a `TransitGatewayRouteTableId`. */
export const transitGatewayRouteTableIdSchema = idSchema('tgw-rtb');

/**
 * A gateway's options as DescribeTransitGateways gives them, AWS's `enable`/`disable` as
 * booleans. A field AWS's answer lacked is unset (it says nothing of the option).
 */
export interface TransitGatewayOptions {
  readonly amazonSideAsn?: number;
  /** Attachments requested by accounts the gateway is shared with are accepted without the owner. */
  readonly autoAcceptSharedAttachments?: boolean;
  /** New attachments are associated with `associationDefaultRouteTableId`. */
  readonly defaultRouteTableAssociation?: boolean;
  readonly associationDefaultRouteTableId?: TransitGatewayRouteTableId;
  /** New attachments propagate to `propagationDefaultRouteTableId`. */
  readonly defaultRouteTablePropagation?: boolean;
  readonly propagationDefaultRouteTableId?: TransitGatewayRouteTableId;
  readonly dnsSupport?: boolean;
  readonly vpnEcmpSupport?: boolean;
  readonly securityGroupReferencingSupport?: boolean;
  readonly multicastSupport?: boolean;
  /** The gateway's own CIDR blocks (for Connect peers), normalised; empty when it has none. */
  readonly transitGatewayCidrBlocks: readonly string[];
}

/**
 * Why a snapshot does not know a gateway's routing (its route tables, their associations,
 * propagations and routes). AWS lets only the owner's credentials read a gateway's route tables.
 *
 * - `owner-not-scanned`: no scan of the owner's account × region listed the gateway; it is known
 *   only from accounts it is shared with (the owner's account or region was not scanned, or that
 *   cell failed).
 * - `route-tables-unread`: the owner's scan listed the gateway but could not read its route tables
 *   (the cell's coverage names `transitGatewayRouteTables` in `unread`, with the error).
 */
export type TransitGatewayRoutingUnknown = 'owner-not-scanned' | 'route-tables-unread';

/**
 * Whether `transitGatewayRouteTables` holds this gateway's routing: `read` when the owner's
 * scan read every one of its route tables (a table's own `routesComplete` still says whether all
 * its routes came back); `unread` otherwise, and then the snapshot says nothing of which
 * attachment reaches which: analysis must treat the gateway's forwarding as unknown.
 */
export type TransitGatewayRouting =
  | { readonly state: 'read' }
  | { readonly state: 'unread'; readonly reason: TransitGatewayRoutingUnknown };

/** A transit gateway, once however many scanned accounts list it (the owner's view first). */
export interface TransitGateway {
  readonly id: TransitGatewayId;
  /** The owner's account (AWS's `OwnerId`). */
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  readonly description?: string;
  readonly tags: Tags;
  /** `pending`, `available`, `modifying`, `deleting` or `deleted`. */
  readonly state: string;
  readonly options: TransitGatewayOptions;
  /** Scanned accounts other than the owner whose scan listed the gateway (shared with them), sorted. */
  readonly sharedWith: readonly AccountId[];
  readonly routing: TransitGatewayRouting;
}

const optionsSchema = z.object({
  amazonSideAsn: z.number().int().optional(),
  autoAcceptSharedAttachments: z.boolean().optional(),
  defaultRouteTableAssociation: z.boolean().optional(),
  associationDefaultRouteTableId: transitGatewayRouteTableIdSchema.optional(),
  defaultRouteTablePropagation: z.boolean().optional(),
  propagationDefaultRouteTableId: transitGatewayRouteTableIdSchema.optional(),
  dnsSupport: z.boolean().optional(),
  vpnEcmpSupport: z.boolean().optional(),
  securityGroupReferencingSupport: z.boolean().optional(),
  multicastSupport: z.boolean().optional(),
  transitGatewayCidrBlocks: z.array(z.string()).readonly(),
});

const routingSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('read') }),
  z.object({ state: z.literal('unread'), reason: z.enum(['owner-not-scanned', 'route-tables-unread']) }),
]);

/** Schema of a `TransitGateway`. */
export const transitGatewaySchema = z.object({
  id: transitGatewayIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  description: z.string().optional(),
  tags: tagsSchema,
  state: z.string(),
  options: optionsSchema,
  sharedWith: z.array(accountIdSchema).readonly(),
  routing: routingSchema,
});

// Compile-time check that the schema produces exactly the type.
((g: z.infer<typeof transitGatewaySchema>): TransitGateway => g) satisfies unknown;
((g: TransitGateway): z.infer<typeof transitGatewaySchema> => g) satisfies unknown;

/** The transit gateway kind, as the model's registry lists it. */
export const TRANSIT_GATEWAY_KIND: ModelKind<TransitGateway> = { schema: transitGatewaySchema };
