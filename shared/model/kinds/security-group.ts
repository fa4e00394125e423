/** The security group kind of the model: its type and schema, with its rules flattened to one peer each. */
import { z } from 'zod';

import type { AccountId, PeeringId, Region, SecurityGroupId, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import { peeringIdSchema } from './peering';
import { vpcIdSchema } from './vpc';

/** What a security-group rule allows traffic from (ingress) or to (egress). */
export type RulePeer =
  | { readonly kind: 'cidr'; readonly cidr: string }
  | {
      readonly kind: 'group';
      readonly groupId: SecurityGroupId;
      /** Set when the group belongs to another account (`account-id/sg-id`). */
      readonly accountId?: AccountId;
      /** Set when the reference crosses a peering (`PeeringStatus` of the reference). */
      readonly peeringId?: PeeringId;
    }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string };

/** One flattened security-group rule: one protocol/port range and one peer. */
export interface SecurityGroupRule {
  /** `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number as a string. */
  readonly protocol: string;
  /** Inclusive port range; absent for all traffic. For ICMP, type and code. */
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: RulePeer;
  readonly description?: string;
  /** AWS's id of the rule (`sgr-…`), when DescribeSecurityGroupRules answered. */
  readonly ruleId?: string;
}

/** A security group. */
export interface SecurityGroup {
  readonly id: SecurityGroupId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name: string;
  readonly description: string;
  readonly ingress: readonly SecurityGroupRule[];
  readonly egress: readonly SecurityGroupRule[];
}

const securityGroupIdSchema = idSchema('sg');

const rulePeerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cidr'), cidr: z.string() }),
  z.object({
    kind: z.literal('group'),
    groupId: securityGroupIdSchema,
    accountId: accountIdSchema.optional(),
    peeringId: peeringIdSchema.optional(),
  }),
  z.object({ kind: z.literal('prefix-list'), prefixListId: z.string() }),
]);

const ruleSchema = z.object({
  protocol: z.string(),
  fromPort: z.number().int().optional(),
  toPort: z.number().int().optional(),
  peer: rulePeerSchema,
  description: z.string().optional(),
  ruleId: z.string().optional(),
});

/** Schema of a `SecurityGroup`. */
export const securityGroupSchema = z.object({
  id: securityGroupIdSchema,
  vpcId: vpcIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string(),
  description: z.string(),
  ingress: z.array(ruleSchema).readonly(),
  egress: z.array(ruleSchema).readonly(),
});

// Compile-time check that the schema produces exactly the type.
((g: z.infer<typeof securityGroupSchema>): SecurityGroup => g) satisfies unknown;
((g: SecurityGroup): z.infer<typeof securityGroupSchema> => g) satisfies unknown;

/** The security group kind, as the model's registry lists it. */
export const SECURITY_GROUP_KIND: ModelKind<SecurityGroup> = { schema: securityGroupSchema };
