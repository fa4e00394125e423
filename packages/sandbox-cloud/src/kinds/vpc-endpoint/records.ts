/** A VPC endpoint's stored record and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** VPC endpoint ids and the errors AWS answers for a malformed or unknown one ("The Vpc Endpoint
 * Id 'vpce-…' does not exist", AWS's words as DescribeVpcEndpoints answers them). */
export const VPC_ENDPOINT_IDS: IdSpec = {
  prefix: 'vpce-',
  notFound: 'InvalidVpcEndpointId.NotFound',
  malformed: 'InvalidVpcEndpointId.Malformed',
  noun: 'Vpc Endpoint Id',
};

/** The endpoint types the sandbox models (Gateway Load Balancer, resource and service-network
 * endpoints are not). */
export type EndpointType = 'Gateway' | 'Interface';

/** A network interface an interface endpoint holds in one of its subnets. */
export interface EndpointInterfaceRec {
  subnetId: string;
  /** Its `eni-` id: a network interface record the endpoint makes and removes. */
  id: string;
}

/** A VPC endpoint to an AWS service. */
export interface VpcEndpointRec {
  id: string;
  ownerId: string;
  region: string;
  vpcId: string;
  type: EndpointType;
  serviceName: string;
  policyDocument: string;
  /** Gateway endpoints: the route tables that hold a route to the service's prefix list. */
  routeTableIds: string[];
  /** Interface endpoints: one subnet per Availability Zone, an interface in each. */
  subnetIds: string[];
  interfaces: EndpointInterfaceRec[];
  groupIds: string[];
  privateDnsEnabled: boolean;
  createdAt: number;
  tags: TagMap;
}

/** The policy a new endpoint has unless given one: full access (EC2 API reference, CreateVpcEndpoint). */
export const FULL_ACCESS_POLICY = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] });
