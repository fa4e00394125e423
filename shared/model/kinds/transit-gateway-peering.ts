/** The transit gateway peering kind of the model: two gateways (in one or two regions, of one or
 * two accounts) joined by one peering attachment. */
import { z } from 'zod';

import type { AccountId, Region } from '../ids';
import { accountIdSchema, regionSchema, type ModelKind } from './common';
import { transitGatewayAttachmentIdSchema, transitGatewayIdSchema, type TransitGatewayAttachmentId, type TransitGatewayId } from './transit-gateway';

/** One side of a transit gateway peering. */
export interface TransitGatewayPeeringSide {
  readonly transitGatewayId: TransitGatewayId;
  readonly accountId: AccountId;
  readonly region: Region;
}

/**
 * A transit gateway peering: DescribeTransitGatewayPeeringAttachments' record, once however many
 * sides listed it. Its attachment id is the same on both gateways; each gateway's view of it
 * (association, state) is a `TransitGatewayAttachment` of type `peering`. Routing over it takes
 * static routes on both sides.
 */
export interface TransitGatewayPeering {
  /** The peering attachment's id. */
  readonly id: TransitGatewayAttachmentId;
  readonly name?: string;
  readonly requester: TransitGatewayPeeringSide;
  readonly accepter: TransitGatewayPeeringSide;
  /** `initiatingRequest`, `pendingAcceptance`, `pending`, `available`, `rejected`, `deleted` … as AWS gives it. */
  readonly state: string;
  /** AWS's status message, when it gave one. */
  readonly statusMessage?: string;
  /** `Options.DynamicRouting` (`enable`/`disable`) when AWS gave it. */
  readonly dynamicRouting?: string;
}

const sideSchema = z.object({ transitGatewayId: transitGatewayIdSchema, accountId: accountIdSchema, region: regionSchema });

/** Schema of a `TransitGatewayPeering`. */
export const transitGatewayPeeringSchema = z.object({
  id: transitGatewayAttachmentIdSchema,
  name: z.string().optional(),
  requester: sideSchema,
  accepter: sideSchema,
  state: z.string(),
  statusMessage: z.string().optional(),
  dynamicRouting: z.string().optional(),
});

// Compile-time check that the schema produces exactly the type.
((p: z.infer<typeof transitGatewayPeeringSchema>): TransitGatewayPeering => p) satisfies unknown;
((p: TransitGatewayPeering): z.infer<typeof transitGatewayPeeringSchema> => p) satisfies unknown;

/** The transit gateway peering kind, as the model's registry lists it. */
export const TRANSIT_GATEWAY_PEERING_KIND: ModelKind<TransitGatewayPeering> = { schema: transitGatewayPeeringSchema };
