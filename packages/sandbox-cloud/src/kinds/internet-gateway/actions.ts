/** Internet gateway actions: Create/Attach/Detach/Delete/DescribeInternetGateways.
 *
 * From "Enable internet access for a VPC using an internet gateway" (Amazon VPC user guide) and
 * the EC2 API reference: a gateway is attached to one VPC at a time and a VPC has one gateway at
 * most; it cannot be deleted while attached, nor detached while the VPC has public addresses
 * mapped (an Elastic IP of a NAT gateway); an attachment's state is `available`.
 */
import type {
  AttachInternetGatewayRequest,
  AttachmentStatus,
  CreateInternetGatewayRequest,
  CreateInternetGatewayResult,
  DeleteInternetGatewayRequest,
  DescribeInternetGatewaysRequest,
  DescribeInternetGatewaysResult,
  DetachInternetGatewayRequest,
  InternetGateway,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { AwsError, invalidValue } from '../../errors';
import { mappedAddressInVpc } from '../address/store';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import { INTERNET_GATEWAY_FILTERS } from './filters';
import { INTERNET_GATEWAY_IDS, type InternetGatewayRec } from './records';
import { createInternetGatewayRec, internetGatewayOfVpc, requireInternetGateway } from './store';

/** The wire form of an internet gateway. */
export function renderInternetGateway(g: InternetGatewayRec): InternetGateway {
  return {
    // AWS answers `available` for an attached internet gateway, a value the model's AttachmentStatus enum lacks.
    Attachments: g.vpcId ? [{ State: 'available' as AttachmentStatus, VpcId: g.vpcId }] : [],
    InternetGatewayId: g.id,
    OwnerId: g.ownerId,
    ...(Object.keys(g.tags).length > 0 ? { Tags: tagList(g.tags) } : {}),
  };
}

/** CreateInternetGateway: detached until AttachInternetGateway. */
export function createInternetGateway(ctx: CallContext, input: CreateInternetGatewayRequest): CreateInternetGatewayResult {
  const tags = tagsFromSpecs(input.TagSpecifications, 'internet-gateway');
  checkDryRun(input);
  return { InternetGateway: renderInternetGateway(createInternetGatewayRec(ctx.world, ctx.accountId, ctx.region, tags)) };
}

/** AttachInternetGateway: one VPC per gateway, one gateway per VPC. */
export function attachInternetGateway(ctx: CallContext, input: AttachInternetGatewayRequest): void {
  const g = requireInternetGateway(ctx, input.InternetGatewayId);
  const v = requireVpc(ctx, input.VpcId);
  if (g.vpcId) throw new AwsError('Resource.AlreadyAssociated', `resource ${g.id} is already attached to network ${g.vpcId}`);
  if (internetGatewayOfVpc(ctx, v.id)) throw invalidValue('vpcId', v.id, `Network ${v.id} already has an internet gateway attached`);
  checkDryRun(input);
  g.vpcId = v.id;
}

/** DetachInternetGateway: only from the VPC it is attached to, and not while that VPC has public addresses mapped. */
export function detachInternetGateway(ctx: CallContext, input: DetachInternetGatewayRequest): void {
  const g = requireInternetGateway(ctx, input.InternetGatewayId);
  const v = requireVpc(ctx, input.VpcId);
  if (g.vpcId !== v.id) throw new AwsError('Gateway.NotAttached', `resource ${g.id} is not attached to network ${v.id}`);
  if (mappedAddressInVpc(ctx, v.id)) {
    throw new AwsError(
      'DependencyViolation',
      `Network ${v.id} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    );
  }
  checkDryRun(input);
  delete g.vpcId;
}

/** DeleteInternetGateway: only once detached. */
export function deleteInternetGateway(ctx: CallContext, input: DeleteInternetGatewayRequest): void {
  const g = requireInternetGateway(ctx, input.InternetGatewayId);
  if (g.vpcId) throw new AwsError('DependencyViolation', `The internetGateway '${g.id}' has dependencies and cannot be deleted.`);
  checkDryRun(input);
  ctx.world.remove(g.id);
}

/** DescribeInternetGateways. */
export function describeInternetGateways(ctx: CallContext, input: DescribeInternetGatewaysRequest): DescribeInternetGatewaysResult {
  const table = ctx.cell.table('internetGateway');
  const base = input.InternetGatewayIds?.length ? pickByIds(INTERNET_GATEWAY_IDS, input.InternetGatewayIds, (id) => table.get(id)) : table.values();
  const filtered = applyFilters(byId(base), input.Filters, INTERNET_GATEWAY_FILTERS, (g) => g.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (g) => g.id, input.MaxResults, input.NextToken);
  return { InternetGateways: page.map(renderInternetGateway), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** A VPC's deletion waits for its internet gateway to be detached. */
export const internetGatewaysOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => (internetGatewayOfVpc(ctx, v.id) ? vpcHasDependencies(v) : undefined),
};
