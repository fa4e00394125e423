/** The filters DescribeVpcEndpoints and DescribeVpcEndpointServices accept (besides the tag
 * filters), as the EC2 API reference lists them. */
import type { FilterSpec } from '../../ec2/common';
import type { VpcEndpointRec } from './records';
import type { ServiceOffer } from './services';

export const ENDPOINT_FILTERS: FilterSpec<VpcEndpointRec> = {
  'ip-address-type': (e) => (e.type === 'Interface' ? 'ipv4' : undefined),
  'service-name': (e) => e.serviceName,
  'service-region': (e) => e.region,
  'vpc-id': (e) => e.vpcId,
  'vpc-endpoint-id': (e) => e.id,
  'vpc-endpoint-state': () => 'available',
  'vpc-endpoint-type': (e) => e.type,
};

export const SERVICE_FILTERS: FilterSpec<ServiceOffer> = {
  owner: () => 'amazon',
  'service-name': (o) => o.serviceName,
  'service-region': (o) => o.region,
  'service-type': (o) => o.type,
  'supported-ip-address-types': () => 'ipv4',
};
