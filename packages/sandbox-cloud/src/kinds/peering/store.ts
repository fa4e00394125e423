/** The caller's view of a peering by id. */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import { PEERING_IDS, type PeeringRec } from './records';

/** The peering `id` as the caller sees it, or AWS's malformed / not-found error. */
export function requirePeering(ctx: CallContext, id: string | undefined): PeeringRec {
  if (!id) throw missingParameter('VpcPeeringConnectionId');
  assertWellFormedId(PEERING_IDS, id);
  const p = ctx.world.visiblePeering(id, ctx.accountId, ctx.region);
  if (!p) throw notFound(PEERING_IDS, id);
  return p;
}
