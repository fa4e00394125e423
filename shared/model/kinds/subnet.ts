/** The subnet kind of the model: its type and schema. */
import { z } from 'zod';

import type { AccountId, Region, SubnetId, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import { vpcIdSchema } from './vpc';

/** A subnet. */
export interface Subnet {
  readonly id: SubnetId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  readonly cidr: string;
  readonly ipv6Cidrs: readonly string[];
  readonly availabilityZone: string;
}

/** Schema of a `SubnetId`. */
export const subnetIdSchema = idSchema('subnet');

/** Schema of a `Subnet`. */
export const subnetSchema = z.object({
  id: subnetIdSchema,
  vpcId: vpcIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  cidr: z.string(),
  ipv6Cidrs: z.array(z.string()).readonly(),
  availabilityZone: z.string(),
});

// Compile-time check that the schema produces exactly the type.
((s: z.infer<typeof subnetSchema>): Subnet => s) satisfies unknown;
((s: Subnet): z.infer<typeof subnetSchema> => s) satisfies unknown;

/** The subnet kind, as the model's registry lists it. */
export const SUBNET_KIND: ModelKind<Subnet> = { schema: subnetSchema };
