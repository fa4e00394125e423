/** Transit gateway peering attachments: a requester gateway in the caller's region asks a peer
 * gateway (by id, account and region) to peer; the attachment waits in `pendingAcceptance` until
 * the accepter accepts it, from the accepter's account and in the accepter's region, and then is
 * `available`; a rejected one is `rejected`. The same attachment id is seen on both sides. It
 * carries only static routes (route-table actions refuse propagation); deleting it leaves static
 * routes to it as blackholes. */
import type {
  AcceptTransitGatewayPeeringAttachmentRequest,
  AcceptTransitGatewayPeeringAttachmentResult,
  CreateTransitGatewayPeeringAttachmentRequest,
  CreateTransitGatewayPeeringAttachmentResult,
  DeleteTransitGatewayPeeringAttachmentRequest,
  DeleteTransitGatewayPeeringAttachmentResult,
  DescribeTransitGatewayPeeringAttachmentsRequest,
  DescribeTransitGatewayPeeringAttachmentsResult,
  RejectTransitGatewayPeeringAttachmentRequest,
  RejectTransitGatewayPeeringAttachmentResult,
  TransitGatewayPeeringAttachment,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs, type FilterSpec } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidValue, missingParameter, notFound } from '../../errors';
import type { World } from '../../state/world';
import { TRANSIT_GATEWAY_IDS } from '../transit-gateway/records';
import { attachmentState, requireAttachment, requireTransitGateway, transitGatewayById } from '../transit-gateway/store';
import { endAttachment, visibleAttachments } from './actions';
import { TGW_ATTACHMENT_IDS, type TgwAttachmentRec } from './records';

const MAX_PAGE = 1000;

const STATUS_MESSAGES: Readonly<Record<string, string>> = {
  initiatingRequest: 'Initiating Request',
  pendingAcceptance: 'Pending Acceptance',
  pending: 'Pending',
  available: 'Available',
  rejected: 'Rejected',
  deleting: 'Deleting',
  deleted: 'Deleted',
};

function render(world: World, a: TgwAttachmentRec, state = attachmentState(world, a)): TransitGatewayPeeringAttachment {
  const peer = a.peer as NonNullable<TgwAttachmentRec['peer']>;
  return {
    TransitGatewayAttachmentId: a.id,
    RequesterTgwInfo: { TransitGatewayId: a.transitGatewayId, OwnerId: a.transitGatewayOwnerId, Region: a.region },
    AccepterTgwInfo: { TransitGatewayId: peer.transitGatewayId, OwnerId: peer.ownerId, Region: peer.region },
    Options: { DynamicRouting: 'disable' },
    Status: { Code: state, Message: STATUS_MESSAGES[state] ?? state },
    State: state as TransitGatewayPeeringAttachment['State'],
    CreationTime: new Date(a.createdAt),
    ...(Object.keys(a.tags).length > 0 ? { Tags: tagList(a.tags) } : {}),
  };
}

/** CreateTransitGatewayPeeringAttachment: the requester gateway is the caller's, here; the peer
 * gateway must exist in `PeerRegion` under `PeerAccountId`. */
export function createTransitGatewayPeeringAttachment(
  ctx: CallContext,
  input: CreateTransitGatewayPeeringAttachmentRequest,
): CreateTransitGatewayPeeringAttachmentResult {
  const g = requireTransitGateway(ctx, input.TransitGatewayId);
  const peerId = input.PeerTransitGatewayId;
  if (!peerId) throw missingParameter('PeerTransitGatewayId');
  if (!input.PeerAccountId) throw missingParameter('PeerAccountId');
  if (!input.PeerRegion) throw missingParameter('PeerRegion');
  assertWellFormedId(TRANSIT_GATEWAY_IDS, peerId);
  const peer = transitGatewayById(ctx.world, peerId);
  if (!peer || peer.ownerId !== input.PeerAccountId || peer.region !== input.PeerRegion) throw notFound(TRANSIT_GATEWAY_IDS, peerId);
  if (peer.id === g.id) throw invalidValue('PeerTransitGatewayId', peerId, 'A transit gateway cannot peer with itself.');
  const tags = tagsFromSpecs(input.TagSpecifications, 'transit-gateway-attachment');
  checkDryRun(input);
  const rec: TgwAttachmentRec = {
    id: ctx.world.newLaterId('tgw-attach'),
    ownerId: ctx.accountId,
    region: ctx.region,
    transitGatewayId: g.id,
    transitGatewayOwnerId: g.ownerId,
    vpcId: '',
    subnetIds: [],
    dnsSupport: 'disable',
    securityGroupReferencingSupport: 'disable',
    ipv6Support: 'disable',
    applianceModeSupport: 'disable',
    peer: { transitGatewayId: peer.id, ownerId: peer.ownerId, region: peer.region },
    createdAt: ctx.world.now(),
    tags,
  };
  ctx.world.put('transitGatewayAttachment', rec);
  return { TransitGatewayPeeringAttachment: render(ctx.world, rec, 'initiatingRequest') };
}

/** A live peering attachment the caller sees here. */
function requirePeering(ctx: CallContext, id: string | undefined): TgwAttachmentRec {
  const a = requireAttachment(ctx, id);
  if (!a.peer) throw invalidValue('TransitGatewayAttachmentId', a.id, 'This is a VPC attachment, not a peering attachment.');
  return a;
}

/** A peering attachment waiting for the caller to accept or reject it: only the accepter's
 * account, in the accepter's region, may. */
function requirePendingForAccepter(ctx: CallContext, id: string | undefined, verb: string): TgwAttachmentRec {
  const a = requirePeering(ctx, id);
  const peer = a.peer as NonNullable<TgwAttachmentRec['peer']>;
  if (peer.ownerId !== ctx.accountId || peer.region !== ctx.region) {
    throw new AwsError(
      'InvalidParameterValue',
      `Transit Gateway Attachment ${a.id} can be ${verb} only by the accepter, account ${peer.ownerId} in region ${peer.region}.`,
    );
  }
  const state = attachmentState(ctx.world, a);
  if (state !== 'pendingAcceptance') {
    throw new AwsError('IncorrectState', `Transit Gateway Attachment ${a.id} is in state ${state}; only a pendingAcceptance attachment can be ${verb}.`);
  }
  return a;
}

/** AcceptTransitGatewayPeeringAttachment. */
export function acceptTransitGatewayPeeringAttachment(
  ctx: CallContext,
  input: AcceptTransitGatewayPeeringAttachmentRequest,
): AcceptTransitGatewayPeeringAttachmentResult {
  const a = requirePendingForAccepter(ctx, input.TransitGatewayAttachmentId, 'accepted');
  checkDryRun(input);
  a.acceptedAt = ctx.world.now();
  return { TransitGatewayPeeringAttachment: render(ctx.world, a, 'pending') };
}

/** RejectTransitGatewayPeeringAttachment: the attachment ends `rejected`. */
export function rejectTransitGatewayPeeringAttachment(
  ctx: CallContext,
  input: RejectTransitGatewayPeeringAttachmentRequest,
): RejectTransitGatewayPeeringAttachmentResult {
  const a = requirePendingForAccepter(ctx, input.TransitGatewayAttachmentId, 'rejected');
  checkDryRun(input);
  endAttachment(ctx.world, a);
  a.rejected = true;
  return { TransitGatewayPeeringAttachment: render(ctx.world, a, 'rejecting') };
}

/** DeleteTransitGatewayPeeringAttachment: either side may delete it; its associations go and
 * static routes to it become blackholes. */
export function deleteTransitGatewayPeeringAttachment(
  ctx: CallContext,
  input: DeleteTransitGatewayPeeringAttachmentRequest,
): DeleteTransitGatewayPeeringAttachmentResult {
  const a = requirePeering(ctx, input.TransitGatewayAttachmentId);
  checkDryRun(input);
  endAttachment(ctx.world, a);
  return { TransitGatewayPeeringAttachment: render(ctx.world, a, 'deleting') };
}

function peeringFilters(world: World, ctx: CallContext): FilterSpec<TgwAttachmentRec> {
  const localIsAccepter = (a: TgwAttachmentRec): boolean => a.peer?.ownerId === ctx.accountId && a.peer.region === ctx.region;
  return {
    'transit-gateway-attachment-id': (a) => a.id,
    'local-owner-id': (a) => (localIsAccepter(a) ? a.peer?.ownerId : a.transitGatewayOwnerId),
    'remote-owner-id': (a) => (localIsAccepter(a) ? a.transitGatewayOwnerId : a.peer?.ownerId),
    state: (a) => attachmentState(world, a),
    'transit-gateway-id': (a) => [a.transitGatewayId, a.peer?.transitGatewayId ?? ''],
  };
}

/** DescribeTransitGatewayPeeringAttachments: the peerings the caller sees here (as requester or
 * accepter), filtered and paged. */
export function describeTransitGatewayPeeringAttachments(
  ctx: CallContext,
  input: DescribeTransitGatewayPeeringAttachmentsRequest,
): DescribeTransitGatewayPeeringAttachmentsResult {
  const seen = new Map(visibleAttachments(ctx).filter((a) => a.peer).map((a) => [a.id, a]));
  const ids = input.TransitGatewayAttachmentIds;
  const base = byId(ids?.length ? pickByIds(TGW_ATTACHMENT_IDS, ids, (id) => seen.get(id)) : seen.values());
  const filtered = applyFilters(base, input.Filters, peeringFilters(ctx.world, ctx), (a) => a.tags);
  checkDryRun(input);
  const max = input.MaxResults === undefined ? undefined : Math.min(input.MaxResults, MAX_PAGE);
  const { page, nextToken } = paginate(filtered, (a) => a.id, max, input.NextToken);
  return { TransitGatewayPeeringAttachments: page.map((a) => render(ctx.world, a)), ...(nextToken ? { NextToken: nextToken } : {}) };
}
