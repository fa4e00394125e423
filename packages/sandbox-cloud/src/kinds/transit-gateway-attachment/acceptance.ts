/** Accepting and rejecting VPC attachments from other accounts: AcceptTransitGatewayVpcAttachment
 * and RejectTransitGatewayVpcAttachment.
 *
 * An attachment another account makes to a shared gateway that does not auto-accept waits in
 * `pendingAcceptance` for the gateway's owner, the only account that may answer it; accepted, it
 * goes pending → available and gets the default association and propagation a same-account
 * attachment gets at once; rejected, it is `rejected`. The attachment has one id, seen by both
 * accounts.
 */
import type {
  AcceptTransitGatewayVpcAttachmentRequest,
  AcceptTransitGatewayVpcAttachmentResult,
  RejectTransitGatewayVpcAttachmentRequest,
  RejectTransitGatewayVpcAttachmentResult,
} from '@aws-sdk/client-ec2';

import { checkDryRun } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, invalidValue } from '../../errors';
import { attachmentState, requireAttachment, transitGatewayById } from '../transit-gateway/store';
import { defaultRouting, endAttachment, renderVpcAttachment } from './actions';
import type { TgwAttachmentRec } from './records';

/** A VPC attachment waiting for the caller, the gateway's owner, to accept or reject it. */
function awaitingOwner(ctx: CallContext, id: string | undefined, verb: string): TgwAttachmentRec {
  const a = requireAttachment(ctx, id);
  if (a.peer) throw invalidValue('TransitGatewayAttachmentId', a.id, 'This is a peering attachment; use the TransitGatewayPeeringAttachment calls.');
  if (a.transitGatewayOwnerId !== ctx.accountId) {
    throw new AwsError('InvalidParameterValue', `Transit Gateway Attachment ${a.id} can be ${verb} only by the transit gateway owner, account ${a.transitGatewayOwnerId}.`);
  }
  const state = attachmentState(ctx.world, a);
  if (state !== 'pendingAcceptance') {
    throw new AwsError('IncorrectState', `Transit Gateway Attachment ${a.id} is in state ${state}; only a pendingAcceptance attachment can be ${verb}.`);
  }
  return a;
}

/** AcceptTransitGatewayVpcAttachment: pending → available, with the default association and propagation. */
export function acceptTransitGatewayVpcAttachment(
  ctx: CallContext,
  input: AcceptTransitGatewayVpcAttachmentRequest,
): AcceptTransitGatewayVpcAttachmentResult {
  const a = awaitingOwner(ctx, input.TransitGatewayAttachmentId, 'accepted');
  checkDryRun(input);
  a.acceptedAt = ctx.world.now();
  const g = transitGatewayById(ctx.world, a.transitGatewayId);
  if (g) defaultRouting(ctx.world, g, a);
  return { TransitGatewayVpcAttachment: renderVpcAttachment(ctx.world, a, 'pending') };
}

/** RejectTransitGatewayVpcAttachment: the attachment ends `rejected`. */
export function rejectTransitGatewayVpcAttachment(
  ctx: CallContext,
  input: RejectTransitGatewayVpcAttachmentRequest,
): RejectTransitGatewayVpcAttachmentResult {
  const a = awaitingOwner(ctx, input.TransitGatewayAttachmentId, 'rejected');
  checkDryRun(input);
  endAttachment(ctx.world, a);
  a.rejected = true;
  return { TransitGatewayVpcAttachment: renderVpcAttachment(ctx.world, a, 'rejecting') };
}
