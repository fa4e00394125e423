/** Internet gateway actions: Create/Describe/DeleteInternetGateway(s), AttachInternetGateway. */
import type {
  AttachInternetGatewayRequest,
  CreateInternetGatewayRequest,
  CreateInternetGatewayResult,
  DeleteInternetGatewayRequest,
  DescribeInternetGatewaysRequest,
  DescribeInternetGatewaysResult,
  InternetGateway,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { AwsError, assertWellFormedId, missingParameter, notFound } from '../../errors';
import { requireVpc } from '../vpc/store';
import { INTERNET_GATEWAY_FILTERS } from './filters';
import { INTERNET_GATEWAY_IDS, type InternetGatewayRec } from './records';

function requireGateway(ctx: CallContext, id: string | undefined): InternetGatewayRec {
  if (!id) throw missingParameter('InternetGatewayId');
  assertWellFormedId(INTERNET_GATEWAY_IDS, id);
  const g = ctx.cell.table('internetGateway').get(id);
  if (!g) throw notFound(INTERNET_GATEWAY_IDS, id);
  return g;
}

function render(g: InternetGatewayRec): InternetGateway {
  return {
    Attachments: g.attachedVpcId ? [{ State: 'available' as 'attached', VpcId: g.attachedVpcId }] : [],
    InternetGatewayId: g.id,
    OwnerId: g.ownerId,
    ...(Object.keys(g.tags).length > 0 ? { Tags: tagList(g.tags) } : {}),
  };
}

/** CreateInternetGateway. */
export function createInternetGateway(ctx: CallContext, input: CreateInternetGatewayRequest): CreateInternetGatewayResult {
  const tags = tagsFromSpecs(input.TagSpecifications, 'internet-gateway');
  checkDryRun(input);
  const g: InternetGatewayRec = { id: ctx.world.newId('igw'), ownerId: ctx.accountId, region: ctx.region, tags };
  ctx.world.put('internetGateway', g);
  return { InternetGateway: render(g) };
}

/** DescribeInternetGateways. */
export function describeInternetGateways(ctx: CallContext, input: DescribeInternetGatewaysRequest): DescribeInternetGatewaysResult {
  const table = ctx.cell.table('internetGateway');
  const base = input.InternetGatewayIds?.length ? pickByIds(INTERNET_GATEWAY_IDS, input.InternetGatewayIds, (id) => table.get(id)) : table.values();
  const filtered = applyFilters(byId(base), input.Filters, INTERNET_GATEWAY_FILTERS, (g) => g.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (g) => g.id, input.MaxResults, input.NextToken);
  return { InternetGateways: page.map(render), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** DeleteInternetGateway: not while attached. */
export function deleteInternetGateway(ctx: CallContext, input: DeleteInternetGatewayRequest): void {
  const g = requireGateway(ctx, input.InternetGatewayId);
  if (g.attachedVpcId) throw new AwsError('DependencyViolation', `The internetGateway '${g.id}' has dependencies and cannot be deleted.`);
  checkDryRun(input);
  ctx.world.remove(g.id);
}

/** AttachInternetGateway: one gateway per VPC, one VPC per gateway. */
export function attachInternetGateway(ctx: CallContext, input: AttachInternetGatewayRequest): void {
  const g = requireGateway(ctx, input.InternetGatewayId);
  const v = requireVpc(ctx, input.VpcId);
  if (g.attachedVpcId) throw new AwsError('Resource.AlreadyAssociated', `resource ${g.id} is already attached to network ${g.attachedVpcId}`);
  for (const other of ctx.cell.table('internetGateway').values()) {
    if (other.attachedVpcId === v.id) throw new AwsError('Resource.AlreadyAssociated', `network ${v.id} already has an internet gateway attached`);
  }
  checkDryRun(input);
  g.attachedVpcId = v.id;
}

/** A VPC cannot be deleted while a gateway is attached to it. */
export const internetGatewaysOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const g of ctx.cell.table('internetGateway').values()) {
      if (g.attachedVpcId === v.id) return new AwsError('DependencyViolation', `The vpc '${v.id}' has dependencies and cannot be deleted.`);
    }
    return undefined;
  },
};
