/** What the endpoint actions share: the caller's endpoint by id, and the routes a gateway endpoint
 * keeps in its route tables. */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { RouteTableRec } from '../route-table/records';
import { VPC_ENDPOINT_IDS, type VpcEndpointRec } from './records';

/** The caller's endpoint `id`, or AWS's error. */
export function requireEndpoint(ctx: CallContext, id: string | undefined): VpcEndpointRec {
  if (!id) throw missingParameter('VpcEndpointId');
  assertWellFormedId(VPC_ENDPOINT_IDS, id);
  const e = ctx.cell.table('vpcEndpoint').get(id);
  if (!e) throw notFound(VPC_ENDPOINT_IDS, id);
  return e;
}

/** Adds a gateway endpoint's route: destination the service's prefix list, target the endpoint
 * (answered as `GatewayId`, origin `CreateRoute`, as AWS lists it). */
export function addEndpointRoute(table: RouteTableRec, prefixListId: string, endpointId: string): void {
  table.routes.push({ destinationPrefixListId: prefixListId, gatewayId: endpointId, origin: 'CreateRoute' });
}

/** Removes a gateway endpoint's route from a table. */
export function removeEndpointRoute(table: RouteTableRec, endpointId: string): void {
  table.routes = table.routes.filter((r) => r.gatewayId !== endpointId);
}
