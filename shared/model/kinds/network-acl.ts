/** The network ACL kind of the model: its entries in both directions and the subnets it guards. */
import { z } from 'zod';

import type { AccountId, Region, SubnetId, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import { subnetIdSchema } from './subnet';
import { vpcIdSchema } from './vpc';

/** The rule number of an ACL's `*` entry, the deny every direction ends with. */
export const ACL_DEFAULT_RULE_NUMBER = 32767;

/** A network ACL id. */
export type NetworkAclId = `acl-${string}`;

/**
 * One numbered entry of a network ACL. ACLs are stateless: AWS evaluates the inbound entries
 * (`egress: false`) for traffic entering a subnet and the outbound ones for traffic leaving it,
 * lowest `ruleNumber` first; the `*` entry (rule number 32767) is kept like any other.
 */
export interface NetworkAclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  /** `-1` (all), or the protocol's name (`tcp`, `udp`, `icmp`, `icmpv6`) or IANA number. */
  readonly protocol: string;
  readonly action: 'allow' | 'deny';
  /** The IPv4 or IPv6 block, normalised. */
  readonly cidr: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

/** A network ACL with its entries and the subnets associated with it. */
export interface NetworkAcl {
  readonly id: NetworkAclId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /** True for the VPC's default ACL, which guards every subnet not associated with another. */
  readonly isDefault: boolean;
  readonly subnetIds: readonly SubnetId[];
  /** Entries of both directions, each direction by rule number. */
  readonly entries: readonly NetworkAclEntry[];
}

/** Schema of a `NetworkAclId`. */
export const networkAclIdSchema = idSchema('acl');

const networkAclEntrySchema = z.object({
  ruleNumber: z.number().int(),
  egress: z.boolean(),
  protocol: z.string(),
  action: z.enum(['allow', 'deny']),
  cidr: z.string(),
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
  icmpType: z.number().int().optional(),
  icmpCode: z.number().int().optional(),
});

/** Schema of a `NetworkAcl`. */
export const networkAclSchema = z.object({
  id: networkAclIdSchema,
  vpcId: vpcIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  isDefault: z.boolean(),
  subnetIds: z.array(subnetIdSchema).readonly(),
  entries: z.array(networkAclEntrySchema).readonly(),
});

// Compile-time check that the schema produces exactly the type.
((a: z.infer<typeof networkAclSchema>): NetworkAcl => a) satisfies unknown;
((a: NetworkAcl): z.infer<typeof networkAclSchema> => a) satisfies unknown;

/** The network ACL kind, as the model's registry lists it. */
export const NETWORK_ACL_KIND: ModelKind<NetworkAcl> = { schema: networkAclSchema };
