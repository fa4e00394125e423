/** AWS RAM invitations: GetResourceShareInvitations, Accept/RejectResourceShareInvitation.
 *
 * An account outside the sharer's organisation receives an
 * invitation (`PENDING`); accepting it (`ACCEPTED`) makes the account's principal association
 * `ASSOCIATED`, and the shared resources usable from the account in the share's region;
 * rejecting it (`REJECTED`) leaves the account out. Only the receiver sees and answers an
 * invitation; one answered already is `ResourceShareInvitationAlreadyAccepted/RejectedException`.
 */
import { parseArn, ramError, ramPage, renderInvitation, requireMember, stringList, type RamContext } from './common';
import type { InvitationRec } from './records';

/** GetResourceShareInvitations: the invitations the caller received in this region. */
export function getResourceShareInvitations(ctx: RamContext, input: Record<string, unknown>): object {
  const arns = stringList(input.resourceShareInvitationArns, 'resourceShareInvitationArns');
  const shareArns = stringList(input.resourceShareArns, 'resourceShareArns');
  for (const a of arns) parseArn(a, 'resource share invitation');
  const mine = [...ctx.world.ram.invitations.values()].filter(
    (i) => i.receiverId === ctx.accountId && i.region === ctx.region && (arns.length === 0 || arns.includes(i.arn)) && (shareArns.length === 0 || shareArns.includes(i.shareArn)),
  );
  return ramPage(mine, (i) => i.arn, input, 'resourceShareInvitations', (i) => renderInvitation(ctx.world, i));
}

/** A pending invitation to the caller, or the error RAM answers. */
function pendingInvitation(ctx: RamContext, input: Record<string, unknown>): InvitationRec {
  const arn = requireMember(input.resourceShareInvitationArn as string | undefined, 'resourceShareInvitationArn');
  parseArn(arn, 'resource share invitation');
  const i = ctx.world.ram.invitations.get(arn);
  if (!i || i.receiverId !== ctx.accountId || i.region !== ctx.region) {
    throw ramError('ResourceShareInvitationArnNotFoundException', `ResourceShareInvitation ${arn} could not be found.`);
  }
  if (i.status === 'ACCEPTED') throw ramError('ResourceShareInvitationAlreadyAcceptedException', `ResourceShareInvitation ${arn} has already been accepted.`);
  if (i.status === 'REJECTED') throw ramError('ResourceShareInvitationAlreadyRejectedException', `ResourceShareInvitation ${arn} has already been rejected.`);
  if (i.status === 'EXPIRED') throw ramError('ResourceShareInvitationExpiredException', `ResourceShareInvitation ${arn} has expired.`);
  return i;
}

/** Answers the invitation and moves the receiver's principal association with it. */
function answer(ctx: RamContext, i: InvitationRec, accept: boolean, clientToken: unknown): object {
  const now = ctx.world.now();
  i.status = accept ? 'ACCEPTED' : 'REJECTED';
  const share = ctx.world.ram.shares.get(i.shareArn);
  const p = share?.principals.find((x) => x.entity === i.receiverId);
  if (share && p) {
    Object.assign(p, { status: accept ? 'ASSOCIATED' : 'FAILED', updatedAt: now });
    if (accept) delete p.statusMessage;
    else p.statusMessage = `Account ${i.receiverId} rejected the invitation.`;
    share.updatedAt = now;
  }
  return { resourceShareInvitation: renderInvitation(ctx.world, i), ...(clientToken ? { clientToken } : {}) };
}

/** AcceptResourceShareInvitation. */
export function acceptResourceShareInvitation(ctx: RamContext, input: Record<string, unknown>): object {
  return answer(ctx, pendingInvitation(ctx, input), true, input.clientToken);
}

/** RejectResourceShareInvitation. */
export function rejectResourceShareInvitation(ctx: RamContext, input: Record<string, unknown>): object {
  return answer(ctx, pendingInvitation(ctx, input), false, input.clientToken);
}
