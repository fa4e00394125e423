/** The filters DescribeInternetGateways accepts (besides `tag:<key>`, `tag-key` and `tag-value`). */
import type { FilterSpec } from '../../ec2/common';
import type { InternetGatewayRec } from './records';

export const INTERNET_GATEWAY_FILTERS: FilterSpec<InternetGatewayRec> = {
  'attachment.state': (g) => (g.vpcId ? 'available' : undefined),
  'attachment.vpc-id': (g) => g.vpcId,
  'internet-gateway-id': (g) => g.id,
  'owner-id': (g) => g.ownerId,
};
