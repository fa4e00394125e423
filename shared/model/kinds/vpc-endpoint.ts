/** The VPC endpoint kind of the model: gateway endpoints (route tables) and interface endpoints (subnets, groups, interfaces). */
import { z } from 'zod';

import type { AccountId, Region, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../ids';
import { accountIdSchema, idSchema, regionSchema, type ModelKind } from './common';
import { subnetIdSchema } from './subnet';
import { vpcIdSchema } from './vpc';

/** A VPC endpoint id. */
export type VpcEndpointId = `vpce-${string}`;

/** A VPC endpoint. */
export interface VpcEndpoint {
  readonly id: VpcEndpointId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  readonly name?: string;
  /** `Gateway`, `Interface`, `GatewayLoadBalancer`, … as AWS names it. */
  readonly type: string;
  readonly serviceName: string;
  /** `pendingAcceptance`, `pending`, `available`, `deleting`, `deleted`, `rejected`, `failed`, `expired`. */
  readonly state: string;
  /** The route tables a gateway endpoint adds its prefix-list route to. */
  readonly routeTableIds: readonly RouteTableId[];
  /** The subnets an interface endpoint has an interface in. */
  readonly subnetIds: readonly SubnetId[];
  readonly groupIds: readonly SecurityGroupId[];
  readonly networkInterfaceIds: readonly string[];
}

/** Schema of a `VpcEndpoint`. */
export const vpcEndpointSchema = z.object({
  id: idSchema('vpce'),
  vpcId: vpcIdSchema,
  accountId: accountIdSchema,
  region: regionSchema,
  name: z.string().optional(),
  type: z.string(),
  serviceName: z.string(),
  state: z.string(),
  routeTableIds: z.array(idSchema('rtb')).readonly(),
  subnetIds: z.array(subnetIdSchema).readonly(),
  groupIds: z.array(idSchema('sg')).readonly(),
  networkInterfaceIds: z.array(z.string()).readonly(),
});

// Compile-time check that the schema produces exactly the type.
((e: z.infer<typeof vpcEndpointSchema>): VpcEndpoint => e) satisfies unknown;
((e: VpcEndpoint): z.infer<typeof vpcEndpointSchema> => e) satisfies unknown;

/** The VPC endpoint kind, as the model's registry lists it. */
export const VPC_ENDPOINT_KIND: ModelKind<VpcEndpoint> = { schema: vpcEndpointSchema };
