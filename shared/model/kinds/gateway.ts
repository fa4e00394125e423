/** The gateway kinds of the model: internet, egress-only internet, NAT and virtual private
 * gateways, each its own list, with what they are attached to. */
import { z } from 'zod';

import type { AccountId, Region, SubnetId, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import { subnetIdSchema } from './subnet';
import { vpcIdSchema } from './vpc';

/** An internet gateway id. */
export type InternetGatewayId = `igw-${string}`;
/** An egress-only internet gateway id. */
export type EgressOnlyInternetGatewayId = `eigw-${string}`;
/** A NAT gateway id. */
export type NatGatewayId = `nat-${string}`;
/** A virtual private gateway id. */
export type VpnGatewayId = `vgw-${string}`;

/** A gateway's attachment to a VPC, in AWS's attachment state (`available`/`attached`, `attaching`, `detaching`, …). */
export interface GatewayAttachment {
  readonly vpcId: VpcId;
  readonly state: string;
}

/** An internet gateway and the VPC it is attached to (at most one). */
export interface InternetGateway {
  readonly id: InternetGatewayId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  readonly attachments: readonly GatewayAttachment[];
}

/** An egress-only internet gateway (IPv6 out only) and its VPC. */
export interface EgressOnlyInternetGateway {
  readonly id: EgressOnlyInternetGatewayId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  readonly attachments: readonly GatewayAttachment[];
}

/** One address of a NAT gateway. */
export interface NatGatewayAddress {
  readonly privateIp?: string;
  readonly publicIp?: string;
  readonly allocationId?: string;
  readonly networkInterfaceId?: string;
  readonly primary: boolean;
}

/** A NAT gateway in its subnet. */
export interface NatGateway {
  readonly id: NatGatewayId;
  readonly vpcId: VpcId;
  readonly subnetId: SubnetId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /** `public` (to the internet through an internet gateway) or `private` (to other networks). */
  readonly connectivityType: 'public' | 'private';
  /** `pending`, `available`, `failed`, `deleting` or `deleted`. */
  readonly state: string;
  readonly addresses: readonly NatGatewayAddress[];
}

/** A virtual private gateway (the VPC side of a VPN) and its VPC attachments. */
export interface VpnGateway {
  readonly id: VpnGatewayId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  readonly state: string;
  readonly attachments: readonly GatewayAttachment[];
}

const attachmentSchema = z.object({ vpcId: vpcIdSchema, state: z.string() });
const common = { accountId: accountIdSchema, region: regionSchema, name: z.string().optional() };

/** Schema of an `InternetGateway`. */
export const internetGatewaySchema = z.object({ id: idSchema('igw'), ...common, attachments: z.array(attachmentSchema).readonly() });
/** Schema of an `EgressOnlyInternetGateway`. */
export const egressOnlyInternetGatewaySchema = z.object({ id: idSchema('eigw'), ...common, attachments: z.array(attachmentSchema).readonly() });
/** Schema of a `NatGateway`. */
export const natGatewaySchema = z.object({
  id: idSchema('nat'),
  vpcId: vpcIdSchema,
  subnetId: subnetIdSchema,
  ...common,
  connectivityType: z.enum(['public', 'private']),
  state: z.string(),
  addresses: z
    .array(
      z.object({
        privateIp: z.string().optional(),
        publicIp: z.string().optional(),
        allocationId: z.string().optional(),
        networkInterfaceId: z.string().optional(),
        primary: z.boolean(),
      }),
    )
    .readonly(),
});
/** Schema of a `VpnGateway`. */
export const vpnGatewaySchema = z.object({ id: idSchema('vgw'), ...common, state: z.string(), attachments: z.array(attachmentSchema).readonly() });

// Compile-time checks that each schema produces exactly its type.
((g: z.infer<typeof internetGatewaySchema>): InternetGateway => g) satisfies unknown;
((g: InternetGateway): z.infer<typeof internetGatewaySchema> => g) satisfies unknown;
((g: z.infer<typeof egressOnlyInternetGatewaySchema>): EgressOnlyInternetGateway => g) satisfies unknown;
((g: EgressOnlyInternetGateway): z.infer<typeof egressOnlyInternetGatewaySchema> => g) satisfies unknown;
((g: z.infer<typeof natGatewaySchema>): NatGateway => g) satisfies unknown;
((g: NatGateway): z.infer<typeof natGatewaySchema> => g) satisfies unknown;
((g: z.infer<typeof vpnGatewaySchema>): VpnGateway => g) satisfies unknown;
((g: VpnGateway): z.infer<typeof vpnGatewaySchema> => g) satisfies unknown;

/** The gateway kinds, as the model's registry lists them. */
export const INTERNET_GATEWAY_KIND: ModelKind<InternetGateway> = { schema: internetGatewaySchema };
export const EGRESS_ONLY_INTERNET_GATEWAY_KIND: ModelKind<EgressOnlyInternetGateway> = { schema: egressOnlyInternetGatewaySchema };
export const NAT_GATEWAY_KIND: ModelKind<NatGateway> = { schema: natGatewaySchema };
export const VPN_GATEWAY_KIND: ModelKind<VpnGateway> = { schema: vpnGatewaySchema };
