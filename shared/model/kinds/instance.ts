/** The instance kind of the model: an EC2 instance as far as the network sees it (its subnet,
 * its interfaces in device order, its primary address and groups). */
import { z } from 'zod';

import type { AccountId, Region, SecurityGroupId, SubnetId, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import { networkInterfaceIdSchema, type NetworkInterfaceId } from './network-interface';
import { subnetIdSchema } from './subnet';
import { vpcIdSchema } from './vpc';

/** An instance id. */
export type InstanceId = `i-${string}`;

/** An instance (terminated ones are not in the model). */
export interface Instance {
  readonly id: InstanceId;
  readonly vpcId: VpcId;
  /** The subnet of its primary interface. */
  readonly subnetId: SubnetId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /** `pending`, `running`, `shutting-down`, `stopping` or `stopped`. */
  readonly state: string;
  /** Its interfaces by device index, the primary (0) first. */
  readonly networkInterfaceIds: readonly NetworkInterfaceId[];
  /** The primary interface's primary private IPv4 address. */
  readonly privateIpAddress?: string;
  readonly securityGroupIds: readonly SecurityGroupId[];
}

/** Schema of an `Instance`. */
export const instanceSchema = z.object({
  id: idSchema('i'),
  vpcId: vpcIdSchema,
  subnetId: subnetIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  state: z.string(),
  networkInterfaceIds: z.array(networkInterfaceIdSchema).readonly(),
  privateIpAddress: z.string().optional(),
  securityGroupIds: z.array(idSchema('sg')).readonly(),
});

// Compile-time check that the schema produces exactly the type.
((i: z.infer<typeof instanceSchema>): Instance => i) satisfies unknown;
((i: Instance): z.infer<typeof instanceSchema> => i) satisfies unknown;

/** The instance kind, as the model's registry lists it. */
export const INSTANCE_KIND: ModelKind<Instance> = { schema: instanceSchema };
