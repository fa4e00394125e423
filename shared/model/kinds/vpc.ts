/** The VPC kind of the model: its type and schema. */
import { z } from 'zod';

import type { AccountId, Region, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, tagsSchema, type ModelKind, type Tags } from './common';
import { dhcpOptionsIdSchema, type DhcpOptionsId } from './dhcp-options';

/** One CIDR block associated with a VPC: the primary IPv4 block, a secondary one, or IPv6. */
export interface VpcCidrBlock {
  readonly cidr: string;
  readonly family: 'ipv4' | 'ipv6';
  /** True for the VPC's primary IPv4 block (`CidrBlock` of DescribeVpcs). */
  readonly primary: boolean;
  readonly associationId?: string;
  /** `associated`, `associating`, `disassociating`, … as in `CidrBlockState`. */
  readonly state: string;
}

/** A VPC. */
export interface Vpc {
  readonly id: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  /** The `Name` tag, when set. */
  readonly name?: string;
  readonly tags: Tags;
  readonly isDefault: boolean;
  /** `available` or `pending`. */
  readonly state: string;
  /** Every associated block; the primary first. */
  readonly cidrBlocks: readonly VpcCidrBlock[];
  /** DNS attributes, when discovered (needed for peering DNS resolution). */
  readonly enableDnsSupport?: boolean;
  readonly enableDnsHostnames?: boolean;
  /**
   * Its DHCP options set as DescribeVpcs gives `DhcpOptionsId`: a `dopt-` id, or `default` when
   * the VPC has no set (AssociateDhcpOptions with `default`). Unset in snapshots before version 4.
   */
  readonly dhcpOptionsId?: DhcpOptionsId | 'default';
}

/** Schema of a `VpcId`. */
export const vpcIdSchema = idSchema('vpc');

const cidrBlockSchema = z.object({
  cidr: z.string(),
  family: z.enum(['ipv4', 'ipv6']),
  primary: z.boolean(),
  associationId: z.string().optional(),
  state: z.string(),
});

/** Schema of a `Vpc`. */
export const vpcSchema = z.object({
  id: vpcIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  tags: tagsSchema,
  isDefault: z.boolean(),
  state: z.string(),
  cidrBlocks: z.array(cidrBlockSchema).readonly(),
  enableDnsSupport: z.boolean().optional(),
  enableDnsHostnames: z.boolean().optional(),
  dhcpOptionsId: z.union([dhcpOptionsIdSchema, z.literal('default')]).optional(),
});

// Compile-time check that the schema produces exactly the type.
((v: z.infer<typeof vpcSchema>): Vpc => v) satisfies unknown;
((v: Vpc): z.infer<typeof vpcSchema> => v) satisfies unknown;

/** The VPC kind, as the model's registry lists it. */
export const VPC_KIND: ModelKind<Vpc> = { schema: vpcSchema };
