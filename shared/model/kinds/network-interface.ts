/** The network interface kind of the model: an ENI in its subnet, with its addresses, groups and
 * what it is attached to (an instance, or a service such as a NAT gateway or an interface endpoint). */
import { z } from 'zod';

import type { AccountId, Region, SecurityGroupId, SubnetId, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import { subnetIdSchema } from './subnet';
import { vpcIdSchema } from './vpc';

/** A network interface id. */
export type NetworkInterfaceId = `eni-${string}`;

/** What a network interface is attached to. */
export interface NetworkInterfaceAttachment {
  /** The instance, when an instance owns the attachment (a service's interface has none). */
  readonly instanceId?: string;
  /** The instance's device index (0 for its primary interface). */
  readonly deviceIndex?: number;
  /** `attaching`, `attached`, `detaching` or `detached`. */
  readonly status: string;
}

/** A network interface. */
export interface NetworkInterface {
  readonly id: NetworkInterfaceId;
  readonly vpcId: VpcId;
  readonly subnetId: SubnetId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /** AWS's `InterfaceType`: `interface` for an ordinary one, else the service that made it (`nat_gateway`, `vpc_endpoint`, `network_load_balancer`, …). */
  readonly interfaceType: string;
  readonly description: string;
  /** `available`, `associated`, `attaching`, `in-use` or `detaching`. */
  readonly status: string;
  /** Its private IPv4 addresses, the primary first. */
  readonly privateIpAddresses: readonly string[];
  readonly ipv6Addresses: readonly string[];
  readonly securityGroupIds: readonly SecurityGroupId[];
  readonly attachment?: NetworkInterfaceAttachment;
  /** True when an AWS service manages it (the user cannot detach or delete it). */
  readonly requesterManaged: boolean;
}

/** Schema of a `NetworkInterfaceId`. */
export const networkInterfaceIdSchema = idSchema('eni');

/** Schema of a `NetworkInterface`. */
export const networkInterfaceSchema = z.object({
  id: networkInterfaceIdSchema,
  vpcId: vpcIdSchema,
  subnetId: subnetIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  interfaceType: z.string(),
  description: z.string(),
  status: z.string(),
  privateIpAddresses: z.array(z.string()).readonly(),
  ipv6Addresses: z.array(z.string()).readonly(),
  securityGroupIds: z.array(idSchema('sg')).readonly(),
  attachment: z
    .object({
      instanceId: z.string().optional(),
      deviceIndex: z.number().int().nonnegative().optional(),
      status: z.string(),
    })
    .optional(),
  requesterManaged: z.boolean(),
});

// Compile-time check that the schema produces exactly the type.
((n: z.infer<typeof networkInterfaceSchema>): NetworkInterface => n) satisfies unknown;
((n: NetworkInterface): z.infer<typeof networkInterfaceSchema> => n) satisfies unknown;

/** The network interface kind, as the model's registry lists it. */
export const NETWORK_INTERFACE_KIND: ModelKind<NetworkInterface> = { schema: networkInterfaceSchema };
