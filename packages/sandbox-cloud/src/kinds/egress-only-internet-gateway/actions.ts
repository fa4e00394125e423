/** Egress-only internet gateway actions: Create/Delete/DescribeEgressOnlyInternetGateways.
 *
 * From "Enable outbound IPv6 traffic using an egress-only internet gateway" (Amazon VPC user
 * guide) and the EC2 API reference: the gateway is made for one VPC and stays `attached` to it
 * until deleted; a VPC with one cannot be deleted; Describe filters by tags only and pages by 5 to
 * 255.
 */
import type {
  CreateEgressOnlyInternetGatewayRequest,
  CreateEgressOnlyInternetGatewayResult,
  DeleteEgressOnlyInternetGatewayRequest,
  DeleteEgressOnlyInternetGatewayResult,
  DescribeEgressOnlyInternetGatewaysRequest,
  DescribeEgressOnlyInternetGatewaysResult,
  EgressOnlyInternetGateway,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import { EGRESS_ONLY_INTERNET_GATEWAY_IDS, type EgressOnlyInternetGatewayRec } from './records';

function render(g: EgressOnlyInternetGatewayRec): EgressOnlyInternetGateway {
  return {
    Attachments: [{ State: 'attached', VpcId: g.vpcId }],
    EgressOnlyInternetGatewayId: g.id,
    ...(Object.keys(g.tags).length > 0 ? { Tags: tagList(g.tags) } : {}),
  };
}

/** CreateEgressOnlyInternetGateway. */
export function createEgressOnlyInternetGateway(ctx: CallContext, input: CreateEgressOnlyInternetGatewayRequest): CreateEgressOnlyInternetGatewayResult {
  const v = requireVpc(ctx, input.VpcId);
  const tags = tagsFromSpecs(input.TagSpecifications, 'egress-only-internet-gateway');
  checkDryRun(input);
  const g: EgressOnlyInternetGatewayRec = { id: ctx.world.newLaterId('eigw'), ownerId: ctx.accountId, region: ctx.region, vpcId: v.id, tags };
  ctx.world.put('egressOnlyInternetGateway', g);
  return { EgressOnlyInternetGateway: render(g) };
}

/** DeleteEgressOnlyInternetGateway. */
export function deleteEgressOnlyInternetGateway(ctx: CallContext, input: DeleteEgressOnlyInternetGatewayRequest): DeleteEgressOnlyInternetGatewayResult {
  const id = input.EgressOnlyInternetGatewayId;
  if (!id) throw missingParameter('EgressOnlyInternetGatewayId');
  assertWellFormedId(EGRESS_ONLY_INTERNET_GATEWAY_IDS, id);
  if (!ctx.cell.table('egressOnlyInternetGateway').has(id)) throw notFound(EGRESS_ONLY_INTERNET_GATEWAY_IDS, id);
  checkDryRun(input);
  ctx.world.remove(id);
  return { ReturnCode: true };
}

/** DescribeEgressOnlyInternetGateways. */
export function describeEgressOnlyInternetGateways(
  ctx: CallContext,
  input: DescribeEgressOnlyInternetGatewaysRequest,
): DescribeEgressOnlyInternetGatewaysResult {
  const table = ctx.cell.table('egressOnlyInternetGateway');
  const ids = input.EgressOnlyInternetGatewayIds;
  const base = ids?.length ? pickByIds(EGRESS_ONLY_INTERNET_GATEWAY_IDS, ids, (id) => table.get(id)) : table.values();
  const filtered = applyFilters(byId(base), input.Filters, {}, (g) => g.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (g) => g.id, input.MaxResults, input.NextToken);
  return { EgressOnlyInternetGateways: page.map(render), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** A VPC's deletion waits for its egress-only internet gateways. */
export const egressOnlyInternetGatewaysOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const g of ctx.cell.table('egressOnlyInternetGateway').values()) if (g.vpcId === v.id) return vpcHasDependencies(v);
    return undefined;
  },
};
