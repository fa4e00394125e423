/** VPC peering actions: Create/Accept/Reject/Delete/DescribeVpcPeeringConnection(s) and
 * ModifyVpcPeeringConnectionOptions.
 *
 * The lifecycle is AWS's ("VPC peering connection lifecycle", VPC peering guide; the API
 * reference of each action): a request starts `initiating-request` and becomes
 * `pending-acceptance`, or `failed` when the CIDRs overlap (any associated IPv4 or IPv6 block)
 * or the peer VPC does not exist; only the accepter account accepts or rejects, in the accepter
 * VPC's region; the requester deletes a pending request; either owner deletes an active
 * peering; failed and rejected peerings cannot be deleted; quotas from "Amazon VPC quotas".
 * Calls answer with the transient status AWS answers with (`initiating-request` for a create,
 * `provisioning` for an accept); the stored status moves on at once unless the settings give
 * the transient statuses a duration or a hold keeps them.
 */
import type {
  AcceptVpcPeeringConnectionRequest,
  AcceptVpcPeeringConnectionResult,
  CreateVpcPeeringConnectionRequest,
  CreateVpcPeeringConnectionResult,
  DeleteVpcPeeringConnectionRequest,
  DeleteVpcPeeringConnectionResult,
  DescribeVpcPeeringConnectionsRequest,
  DescribeVpcPeeringConnectionsResult,
  ModifyVpcPeeringConnectionOptionsRequest,
  ModifyVpcPeeringConnectionOptionsResult,
  PeeringConnectionOptionsRequest,
  RejectVpcPeeringConnectionRequest,
  RejectVpcPeeringConnectionResult,
} from '@aws-sdk/client-ec2';

import { cidrTextsOverlap } from '../../cidr';
import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidValue, missingParameter, notFound } from '../../errors';
import { isKnownRegion, isOptInRegion } from '../../regions';
import type { World } from '../../state/world';
import { VPC_IDS } from '../vpc/records';
import { requireVpc } from '../vpc/store';
import { PEERING_FILTERS } from './filters';
import { PEERING_IDS, type PeeringRec, type PeeringSideRec } from './records';
import { liveVpc, refreshSide, renderPeering, sideOf } from './render';
import { requirePeering } from './store';

/** AWS's status message for a request that failed (overlap, or a peer VPC that is not there). */
export const FAILED_MESSAGE = 'Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range';

function isLive(p: PeeringRec): boolean {
  return ['initiating-request', 'pending-acceptance', 'provisioning', 'active'].includes(p.status);
}

function activeCount(world: World, vpcId: string): number {
  return world.peeringsOfVpc(vpcId).filter((p) => p.status === 'active' || p.status === 'provisioning').length;
}

/** CreateVpcPeeringConnection. */
export function createVpcPeeringConnection(ctx: CallContext, input: CreateVpcPeeringConnectionRequest): CreateVpcPeeringConnectionResult {
  const { world } = ctx;
  const v = requireVpc(ctx, input.VpcId);
  if (!input.PeerVpcId) throw missingParameter('PeerVpcId');
  assertWellFormedId(VPC_IDS, input.PeerVpcId);
  const peerOwner = input.PeerOwnerId ?? ctx.accountId;
  if (!/^\d{12}$/.test(peerOwner)) throw invalidValue('peerOwnerId', peerOwner, 'Expecting a 12-digit AWS account ID.');
  const peerRegion = input.PeerRegion ?? ctx.region;
  if (!isKnownRegion(peerRegion)) throw invalidValue('peerRegion', peerRegion, 'Expecting an AWS Region name such as eu-west-1.');
  if (input.PeerVpcId === v.id) {
    throw new AwsError('InvalidParameterValue', `The requester VPC and the accepter VPC must differ (both are ${v.id}).`);
  }
  const found = world.byId.get(input.PeerVpcId);
  const peerVpc = found?.kind === 'vpc' && found.rec.ownerId === peerOwner && found.rec.region === peerRegion ? found.rec : undefined;
  if (!peerVpc && peerOwner === ctx.accountId && peerRegion === ctx.region) throw notFound(VPC_IDS, input.PeerVpcId);
  for (const p of world.peeringsOfVpc(v.id)) {
    const samePair =
      (p.requester.vpcId === v.id && p.accepter.vpcId === input.PeerVpcId) ||
      (p.accepter.vpcId === v.id && p.requester.vpcId === input.PeerVpcId);
    if (samePair && isLive(p)) {
      throw new AwsError(
        'VpcPeeringConnectionAlreadyExists',
        `A VPC peering connection between ${v.id} and ${input.PeerVpcId} already exists (${p.id}, ${p.status}).`,
      );
    }
  }
  if (world.outstandingCount(ctx.accountId) >= world.settings.outstandingRequestsPerAccount) {
    throw new AwsError(
      'OutstandingVpcPeeringConnectionLimitExceeded',
      `You have reached the limit of ${world.settings.outstandingRequestsPerAccount} outstanding VPC peering connection requests.`,
    );
  }
  if (activeCount(world, v.id) >= world.settings.activePeeringsPerVpc) {
    throw new AwsError(
      'ActiveVpcPeeringConnectionPerVpcLimitExceeded',
      `The VPC ${v.id} has reached the limit of ${world.settings.activePeeringsPerVpc} active VPC peering connections.`,
    );
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'vpc-peering-connection');
  checkDryRun(input);

  const requester = sideOf(v);
  let failReason: string | undefined;
  let accepter: PeeringSideRec;
  const peerAccount = world.accounts.get(peerOwner);
  const regionEnabled = !isOptInRegion(peerRegion) || Boolean(peerAccount?.optInRegions.includes(peerRegion));
  if (!peerVpc || !regionEnabled) {
    failReason = FAILED_MESSAGE;
    accepter = { ownerId: peerOwner, vpcId: input.PeerVpcId, region: peerRegion, cidrBlocks: [], ipv6CidrBlocks: [], allowDnsResolutionFromRemoteVpc: false };
  } else {
    accepter = sideOf(peerVpc);
    const mine = [...requester.cidrBlocks, ...requester.ipv6CidrBlocks];
    const theirs = [...accepter.cidrBlocks, ...accepter.ipv6CidrBlocks];
    if (mine.some((a) => theirs.some((b) => cidrTextsOverlap(a, b)))) failReason = FAILED_MESSAGE;
  }
  const now = world.now();
  const p: PeeringRec = {
    id: world.newId('pcx'),
    requester,
    accepter,
    status: 'initiating-request',
    message: `Initiating Request to ${peerOwner}`,
    createdAt: now,
    statusAt: now,
    expirationTime: now + world.settings.pendingExpiryMs,
    ...(failReason ? { failReason } : {}),
    tags: Object.keys(tags).length > 0 ? { [ctx.accountId]: tags } : {},
  };
  const answer = renderPeering(world, p, ctx.accountId);
  // AWS's create response names only the accepter's owner, VPC and region.
  answer.AccepterVpcInfo = { OwnerId: accepter.ownerId, VpcId: accepter.vpcId, Region: accepter.region };
  world.putPeering(p);
  return { VpcPeeringConnection: answer };
}

function assertAccepter(ctx: CallContext, p: PeeringRec, verb: 'accept' | 'reject'): void {
  if (p.accepter.ownerId !== ctx.accountId) {
    throw new AwsError('OperationNotPermitted', `User (${ctx.accountId}) cannot ${verb} peering ${p.id}: only the accepter VPC's owner (${p.accepter.ownerId}) can.`);
  }
  if (p.accepter.region !== ctx.region) {
    throw new AwsError(
      'OperationNotPermitted',
      `Incorrect region (${ctx.region}) specified for this request. VPC peering connection ${p.id} must be ${verb === 'accept' ? 'accepted' : 'accepted or rejected'} in region ${p.accepter.region}`,
    );
  }
}

function invalidTransition(p: PeeringRec, to: string): AwsError {
  return new AwsError('InvalidStateTransition', `Invalid state transition for ${p.id}, attempted to transition from ${p.status} to ${to}`);
}

/** AcceptVpcPeeringConnection. */
export function acceptVpcPeeringConnection(ctx: CallContext, input: AcceptVpcPeeringConnectionRequest): AcceptVpcPeeringConnectionResult {
  const { world } = ctx;
  const p = requirePeering(ctx, input.VpcPeeringConnectionId);
  assertAccepter(ctx, p, 'accept');
  if (p.status !== 'pending-acceptance') throw invalidTransition(p, 'provisioning');
  for (const vpcId of [p.requester.vpcId, p.accepter.vpcId]) {
    if (activeCount(world, vpcId) >= world.settings.activePeeringsPerVpc) {
      throw new AwsError(
        'ActiveVpcPeeringConnectionPerVpcLimitExceeded',
        `The VPC ${vpcId} has reached the limit of ${world.settings.activePeeringsPerVpc} active VPC peering connections.`,
      );
    }
  }
  checkDryRun(input);
  world.transition(p, 'provisioning', world.now(), 'Provisioning');
  return { VpcPeeringConnection: renderPeering(world, p, ctx.accountId) };
}

/** RejectVpcPeeringConnection. */
export function rejectVpcPeeringConnection(ctx: CallContext, input: RejectVpcPeeringConnectionRequest): RejectVpcPeeringConnectionResult {
  const p = requirePeering(ctx, input.VpcPeeringConnectionId);
  assertAccepter(ctx, p, 'reject');
  if (p.status !== 'pending-acceptance') throw invalidTransition(p, 'rejected');
  checkDryRun(input);
  ctx.world.transition(p, 'rejected', ctx.world.now(), `Rejected by ${ctx.accountId}`);
  return { Return: true };
}

function markDeleted(ctx: CallContext, p: PeeringRec): void {
  refreshSide(ctx.world, p.requester);
  refreshSide(ctx.world, p.accepter);
  p.deletedBy = ctx.accountId;
  const now = ctx.world.now();
  if ((p.status === 'active' || p.status === 'provisioning') && p.requester.region !== p.accepter.region) {
    // Inter-region peerings pass through `deleting` (VPC peering lifecycle).
    ctx.world.transition(p, 'deleting', now, 'Deleting');
  } else {
    ctx.world.transition(p, 'deleted', now, `Deleted by ${ctx.accountId}`);
  }
}

/** DeleteVpcPeeringConnection. */
export function deleteVpcPeeringConnection(ctx: CallContext, input: DeleteVpcPeeringConnectionRequest): DeleteVpcPeeringConnectionResult {
  const p = requirePeering(ctx, input.VpcPeeringConnectionId);
  if (p.status === 'failed' || p.status === 'rejected') {
    // API reference: "You cannot delete a VPC peering connection that's in the failed or rejected state."
    throw new AwsError('InvalidStateTransition', `Invalid state transition for ${p.id}: a VPC peering connection in the ${p.status} state cannot be deleted.`);
  }
  if (p.status === 'deleted' || p.status === 'deleting' || p.status === 'expired') throw invalidTransition(p, 'deleted');
  if ((p.status === 'pending-acceptance' || p.status === 'initiating-request') && p.requester.ownerId !== ctx.accountId) {
    throw new AwsError(
      'OperationNotPermitted',
      `User (${ctx.accountId}) cannot delete the pending request ${p.id}: only the requester (${p.requester.ownerId}) can; the accepter rejects it instead.`,
    );
  }
  checkDryRun(input);
  markDeleted(ctx, p);
  return { Return: true };
}

/** A VPC's deletion waits while another account's request to it is pending, and ends its live peerings. */
export const peeringsOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    // "You cannot delete a VPC for which you have a pending-acceptance request from a VPC in
    // another account. You must first reject the VPC peering connection request." (VPC peering guide)
    for (const p of ctx.world.peeringsOfVpc(v.id)) {
      if (p.status === 'pending-acceptance' && p.accepter.vpcId === v.id && p.requester.ownerId !== v.ownerId) {
        return new AwsError(
          'DependencyViolation',
          `The vpc '${v.id}' has a pending-acceptance VPC peering connection request (${p.id}) from another account; reject it first.`,
        );
      }
    }
    return undefined;
  },
  // Deleting a VPC that is part of a peering deletes the peering (VPC peering guide).
  cascade: (ctx, v) => {
    for (const p of ctx.world.peeringsOfVpc(v.id)) if (isLive(p)) markDeleted(ctx, p);
  },
};

/** DescribeVpcPeeringConnections: what this account sees from this region. */
export function describeVpcPeeringConnections(
  ctx: CallContext,
  input: DescribeVpcPeeringConnectionsRequest,
): DescribeVpcPeeringConnectionsResult {
  const { world } = ctx;
  const now = world.now();
  let base: PeeringRec[];
  if (input.VpcPeeringConnectionIds?.length) {
    base = pickByIds(PEERING_IDS, input.VpcPeeringConnectionIds, (id) => world.visiblePeering(id, ctx.accountId, ctx.region));
  } else {
    base = [];
    for (const id of ctx.cell.peeringIds) {
      const p = world.peerings.get(id);
      if (p && world.isPeeringVisibleTo(p, ctx.accountId, ctx.region, now)) base.push(p);
    }
  }
  const filtered = applyFilters(byId(base), input.Filters, PEERING_FILTERS, (p) => p.tags[ctx.accountId] ?? {});
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (p) => p.id, input.MaxResults, input.NextToken);
  return {
    VpcPeeringConnections: page.map((p) => renderPeering(world, p, ctx.accountId)),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

function applyOptions(
  ctx: CallContext,
  p: PeeringRec,
  which: 'requester' | 'accepter',
  opts: PeeringConnectionOptionsRequest,
): void {
  const side = p[which];
  if (side.ownerId !== ctx.accountId || side.region !== ctx.region) {
    throw new AwsError(
      'OperationNotPermitted',
      `The ${which} options of ${p.id} can only be modified by account ${side.ownerId} in region ${side.region}.`,
    );
  }
  if (opts.AllowEgressFromLocalClassicLinkToRemoteVpc || opts.AllowEgressFromLocalVpcToRemoteClassicLink) {
    throw new AwsError('OperationNotPermitted', 'EC2-Classic has been retired; ClassicLink options cannot be enabled.');
  }
  if (opts.AllowDnsResolutionFromRemoteVpc) {
    for (const s of [p.requester, p.accepter]) {
      const v = liveVpc(ctx.world, s);
      if (v && (!v.enableDnsHostnames || !v.enableDnsSupport)) {
        throw new AwsError(
          'InvalidVpcPeeringConnectionState.DnsHostnamesDisabled',
          `To enable DNS hostname resolution for the VPC peering connection, DNS hostname support must be enabled for the VPCs (${v.id} has it disabled).`,
        );
      }
    }
  }
}

/** ModifyVpcPeeringConnectionOptions: each side by its own owner, in its own region, on an active peering. */
export function modifyVpcPeeringConnectionOptions(
  ctx: CallContext,
  input: ModifyVpcPeeringConnectionOptionsRequest,
): ModifyVpcPeeringConnectionOptionsResult {
  const p = requirePeering(ctx, input.VpcPeeringConnectionId);
  const req = input.RequesterPeeringConnectionOptions;
  const acc = input.AccepterPeeringConnectionOptions;
  if (!req && !acc) {
    throw new AwsError('MissingParameter', 'The request must contain RequesterPeeringConnectionOptions or AccepterPeeringConnectionOptions.');
  }
  if (p.status !== 'active') {
    throw new AwsError('OperationNotPermitted', `The options of ${p.id} can be modified only while it is active (it is ${p.status}).`);
  }
  if (req) applyOptions(ctx, p, 'requester', req);
  if (acc) applyOptions(ctx, p, 'accepter', acc);
  checkDryRun(input);
  const out: ModifyVpcPeeringConnectionOptionsResult = {};
  const view = (s: PeeringSideRec) => ({
    AllowDnsResolutionFromRemoteVpc: s.allowDnsResolutionFromRemoteVpc,
    AllowEgressFromLocalClassicLinkToRemoteVpc: false,
    AllowEgressFromLocalVpcToRemoteClassicLink: false,
  });
  if (req) {
    if (req.AllowDnsResolutionFromRemoteVpc !== undefined) p.requester.allowDnsResolutionFromRemoteVpc = req.AllowDnsResolutionFromRemoteVpc;
    out.RequesterPeeringConnectionOptions = view(p.requester);
  }
  if (acc) {
    if (acc.AllowDnsResolutionFromRemoteVpc !== undefined) p.accepter.allowDnsResolutionFromRemoteVpc = acc.AllowDnsResolutionFromRemoteVpc;
    out.AccepterPeeringConnectionOptions = view(p.accepter);
  }
  return out;
}
