/** The filters DescribeNatGateways accepts (besides `tag:<key>`, `tag-key` and `tag-value`);
 * `state` follows the clock, so the filters read the world. */
import type { FilterSpec } from '../../ec2/common';
import type { World } from '../../state/world';
import type { NatGatewayRec } from './records';
import { natGatewayState } from './store';

export function natGatewayFilters(world: World): FilterSpec<NatGatewayRec> {
  return {
    'nat-gateway-id': (g) => g.id,
    state: (g) => natGatewayState(world, g),
    'subnet-id': (g) => g.subnetId,
    'vpc-id': (g) => g.vpcId,
  };
}
