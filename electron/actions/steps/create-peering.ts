/** `create`: request the peering, or reuse the live one between the two VPCs (AWS allows one per pair). */
import { nextStep } from '../../../shared/planning/next-step';
import { actionErrorCode } from '../action-errors';
import { findLivePeering, type PeeringView } from '../ec2-reads';
import type { CallAnswer } from '../ec2-send';
import type { OwnStep, RunContext } from '../run/run-context';
import { requestIdOf, type StepHandler } from './step-handler';

/** A live peering between the step's VPCs, adopted as this run's. */
export async function adoptLivePeering(step: OwnStep<'create'>, ctx: RunContext): Promise<PeeringView | undefined> {
  const { VpcId: vpcId, PeerVpcId: peerVpcId } = step.params;
  const existing = await ctx.calls.read(step.profile, step.region, 'DescribeVpcPeeringConnections', (c, s) => findLivePeering(c, vpcId, peerVpcId, s));
  if (existing) ctx.state.adoptPeering(existing.id, existing.status);
  return existing;
}

export const createPeering: StepHandler<'create'> = {
  doneWhenDryRunSays: ['VpcPeeringConnectionAlreadyExists'],
  async run(step, ctx) {
    const { state } = ctx;
    const { VpcId: vpcId, PeerVpcId: peerVpcId } = step.params;
    if (state.peeringId) return { status: 'already-done', message: `${state.peeringId} from ${vpcId} to ${peerVpcId} already exists: reusing it.` };
    const existing = await adoptLivePeering(step, ctx);
    if (existing) return { status: 'already-done', message: `${existing.id} from ${vpcId} to ${peerVpcId} already exists (${existing.status}): reusing it.` };
    let answer: CallAnswer;
    try {
      answer = await ctx.calls.mutate(step, state.resolved(step), false);
    } catch (e) {
      if (actionErrorCode(e) === 'VpcPeeringConnectionAlreadyExists') {
        const again = await ctx.calls.read(step.profile, step.region, 'DescribeVpcPeeringConnections', (c, s) => findLivePeering(c, vpcId, peerVpcId, s));
        if (again) {
          state.adoptPeering(again.id, again.status);
          return { status: 'already-done', message: `${again.id} already exists (${again.status}): reusing it.` };
        }
      }
      throw e;
    }
    const pcx = (answer.output.VpcPeeringConnection as { VpcPeeringConnectionId?: string } | undefined)?.VpcPeeringConnectionId;
    if (!pcx) throw Object.assign(new Error('CreateVpcPeeringConnection answered without a peering id'), { name: 'InvalidResponse' });
    state.adoptPeering(pcx);
    // AWS checks the request (overlaps, the peer VPC) while it is initiating-request, then makes it
    // pending-acceptance or failed (VPC peering lifecycle).
    const v = await ctx.peering.settle(step.profile, step.region, pcx, (x) => !!x && x.status !== 'initiating-request');
    if (v?.status === 'failed') {
      const n = nextStep('failed', { peeringId: pcx, ...(v.message ? { statusMessage: v.message } : {}), accepterVpcId: peerVpcId });
      return {
        status: 'failed',
        stop: true,
        requestId: answer.requestId ?? '',
        error: { code: 'aws:failed', message: `${step.title}: AWS made ${pcx} fail in account ${step.accountId}, ${step.region}: ${n.meaning}`, fix: n.action },
      };
    }
    return { status: 'done', message: `Created ${pcx} (${v?.status ?? 'requested'}).`, ...requestIdOf(answer) };
  },
};
