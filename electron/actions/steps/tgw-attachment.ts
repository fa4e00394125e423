/** The transit gateway attachment steps: create (or adopt the live one), accept as the gateway
 * owner, associate, propagate, delete. Each reads AWS first so that running it again is harmless,
 * and waits out AWS's own transitions (`pending` → `available`, `deleting` → `deleted`).
 */
import { actionErrorCode } from '../action-errors';
import type { CallAnswer } from '../ec2-send';
import { DEFAULT_SETTLE, type OwnStep, type RunContext, type StepResult } from '../run/run-context';
import { attachmentAssociation, attachmentPropagations, describeAttachment, findLiveAttachment, GONE_ATTACHMENT_STATES, type AttachmentView } from '../tgw-reads';
import { requestIdOf, type StepHandler } from './step-handler';

/** The attachment `id` as `profile` sees it in `region`, polled until `done` or the settle time runs out. */
export async function settleAttachment(ctx: RunContext, profile: string, region: string, id: string, done: (v: AttachmentView | undefined) => boolean): Promise<AttachmentView | undefined> {
  const intervalMs = ctx.deps.settle?.intervalMs ?? DEFAULT_SETTLE.intervalMs;
  const deadline = ctx.clock.now() + (ctx.deps.settle?.timeoutMs ?? DEFAULT_SETTLE.timeoutMs);
  const look = () => ctx.calls.read(profile, region, 'DescribeTransitGatewayVpcAttachments', (c, s) => describeAttachment(c, id, s));
  let v = await look();
  while (!done(v) && ctx.clock.now() < deadline) {
    await ctx.clock.sleep(intervalMs, ctx.deps.signal);
    v = await look();
  }
  if (v) ctx.state.update({ attachmentState: v.state });
  return v;
}

/** A live attachment between the step's VPC and gateway, adopted as this run's. */
export async function adoptLiveAttachment(step: OwnStep<'create-tgw-vpc-attachment'>, ctx: RunContext): Promise<AttachmentView | undefined> {
  const { VpcId: vpcId, TransitGatewayId: tgw } = step.params;
  const existing = await ctx.calls.read(step.profile, step.region, 'DescribeTransitGatewayVpcAttachments', (c, s) => findLiveAttachment(c, vpcId, tgw, s));
  if (existing) ctx.state.adoptAttachment(existing.id, existing.state);
  return existing;
}

/** States a new attachment settles in: ready, or waiting for the owner. */
const SETTLED = ['available', 'pendingAcceptance'];

function goneResult(step: { readonly title: string; readonly accountId: string; readonly region: string }, id: string, v: AttachmentView | undefined): StepResult {
  return {
    status: 'failed',
    stop: true,
    error: {
      code: 'conflict',
      message: `${step.title}: ${id} is ${v?.state ?? 'not visible'} in account ${step.accountId}, ${step.region}.`,
      fix: v ? 'Rescan and look at the attachment; delete it and plan a new one if it failed or was rejected.' : 'Rescan; the attachment may have been deleted.',
    },
  };
}

export const createTgwVpcAttachment: StepHandler<'create-tgw-vpc-attachment'> = {
  doneWhenDryRunSays: ['DuplicateTransitGatewayAttachment'],
  async run(step, ctx) {
    const { state } = ctx;
    const { VpcId: vpcId, TransitGatewayId: tgw } = step.params;
    if (state.attachmentId) return { status: 'already-done', message: `${state.attachmentId} of ${vpcId} to ${tgw} already exists: reusing it.` };
    const existing = await adoptLiveAttachment(step, ctx);
    if (existing) return { status: 'already-done', message: `${existing.id} of ${vpcId} to ${tgw} already exists (${existing.state}): reusing it.` };
    let answer: CallAnswer;
    try {
      answer = await ctx.calls.mutate(step, state.resolved(step), false);
    } catch (e) {
      if (actionErrorCode(e) === 'DuplicateTransitGatewayAttachment') {
        const again = await adoptLiveAttachment(step, ctx);
        if (again) return { status: 'already-done', message: `${again.id} already exists (${again.state}): reusing it.` };
      }
      throw e;
    }
    const id = (answer.output.TransitGatewayVpcAttachment as { TransitGatewayAttachmentId?: string } | undefined)?.TransitGatewayAttachmentId;
    if (!id) throw Object.assign(new Error('CreateTransitGatewayVpcAttachment answered without an attachment id'), { name: 'InvalidResponse' });
    state.adoptAttachment(id);
    const v = await settleAttachment(ctx, step.profile, step.region, id, (x) => !!x && (SETTLED.includes(x.state) || GONE_ATTACHMENT_STATES.includes(x.state)));
    if (v && GONE_ATTACHMENT_STATES.includes(v.state)) return { ...goneResult(step, id, v), requestId: answer.requestId ?? '' };
    return { status: 'done', message: `Created ${id} (${v?.state ?? 'pending'}).`, ...requestIdOf(answer) };
  },
};

export const acceptTgwVpcAttachment: StepHandler<'accept-tgw-vpc-attachment'> = {
  findsPeeringWhenRun: true,
  async run(step, ctx) {
    const id = ctx.state.attachmentId!;
    const { profile, region } = step;
    // A create answers at once; the owner's account sees the attachment wait once it settled.
    let v = await settleAttachment(ctx, profile, region, id, (x) => !!x && x.state !== 'pending');
    if (!v || GONE_ATTACHMENT_STATES.includes(v.state)) return goneResult(step, id, v);
    if (v.state === 'available') return { status: 'already-done', message: `${id} is already available.` };
    if (v.state !== 'pendingAcceptance') {
      v = await settleAttachment(ctx, profile, region, id, (x) => x?.state === 'available');
      return v?.state === 'available' ? { status: 'already-done', message: `${id} was already accepted (available).` } : goneResult(step, id, v);
    }
    const answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
    v = await settleAttachment(ctx, profile, region, id, (x) => x?.state === 'available' || (!!x && GONE_ATTACHMENT_STATES.includes(x.state)));
    if (v && GONE_ATTACHMENT_STATES.includes(v.state)) return goneResult(step, id, v);
    return { status: 'done', message: `Accepted ${id} as account ${step.accountId} in ${region} (${v?.state ?? 'accepted'}).`, ...requestIdOf(answer) };
  },
};

/** Wait until the attachment is available (association and propagation need it), as the step's account sees it. */
async function ensureAvailable(step: OwnStep, ctx: RunContext): Promise<StepResult | undefined> {
  const id = ctx.state.attachmentId!;
  const v = await settleAttachment(ctx, step.profile, step.region, id, (x) => x?.state === 'available' || !x || GONE_ATTACHMENT_STATES.includes(x.state) || x.state === 'pendingAcceptance');
  if (v?.state === 'available') return undefined;
  if (v?.state === 'pendingAcceptance') {
    return { status: 'failed', stop: true, error: { code: 'conflict', message: `${step.title}: ${id} still waits for its owner to accept it.`, fix: 'Accept it first (or have its owner accept it), then resume.' } };
  }
  return goneResult(step, id, v);
}

export const associateTgwRouteTable: StepHandler<'associate-tgw-route-table'> = {
  findsPeeringWhenRun: true,
  doneWhenDryRunSays: ['Resource.AlreadyAssociated'],
  async run(step, ctx) {
    const id = ctx.state.attachmentId!;
    const table = step.params.TransitGatewayRouteTableId;
    const current = await ctx.calls.read(step.profile, step.region, 'DescribeTransitGatewayAttachments', (c, s) => attachmentAssociation(c, id, s));
    if (current?.routeTableId === table) return { status: 'already-done', message: `${id} is already associated with ${table}.` };
    if (current) {
      return {
        status: 'failed',
        stop: true,
        error: { code: 'conflict', message: `${step.title}: ${id} is associated with ${current.routeTableId}, and an attachment has one association.`, fix: `Disassociate it from ${current.routeTableId} first if it should use ${table}, then resume.` },
      };
    }
    const notReady = await ensureAvailable(step, ctx);
    if (notReady) return notReady;
    const answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
    return { status: 'done', message: `Associated ${id} with ${table}.`, ...requestIdOf(answer) };
  },
};

export const enableTgwPropagation: StepHandler<'enable-tgw-propagation'> = {
  findsPeeringWhenRun: true,
  doneWhenDryRunSays: ['TransitGatewayRouteTablePropagation.Duplicate'],
  async run(step, ctx) {
    const id = ctx.state.attachmentId!;
    const table = step.params.TransitGatewayRouteTableId;
    const current = await ctx.calls.read(step.profile, step.region, 'GetTransitGatewayAttachmentPropagations', (c, s) => attachmentPropagations(c, id, s));
    if (current.includes(table)) return { status: 'already-done', message: `${id} already propagates to ${table}.` };
    const notReady = await ensureAvailable(step, ctx);
    if (notReady) return notReady;
    const answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
    return { status: 'done', message: `${id} now propagates to ${table}.`, ...requestIdOf(answer) };
  },
};

export const deleteTgwVpcAttachment: StepHandler<'delete-tgw-vpc-attachment'> = {
  doneWhenDryRunSays: ['InvalidTransitGatewayAttachmentID.NotFound'],
  async run(step, ctx) {
    const id = ctx.state.resolved(step).params.TransitGatewayAttachmentId;
    const v = await ctx.calls.read(step.profile, step.region, 'DescribeTransitGatewayVpcAttachments', (c, s) => describeAttachment(c, id, s));
    if (!v || GONE_ATTACHMENT_STATES.includes(v.state)) return { status: 'already-done', message: `${id} is ${v?.state ?? 'gone'} already.` };
    let answer: CallAnswer;
    try {
      answer = await ctx.calls.mutate(step, ctx.state.resolved(step), false);
    } catch (e) {
      if (actionErrorCode(e) === 'InvalidTransitGatewayAttachmentID.NotFound') return { status: 'already-done', message: `${id} is gone already.` };
      throw e;
    }
    const after = await settleAttachment(ctx, step.profile, step.region, id, (x) => !x || GONE_ATTACHMENT_STATES.includes(x.state));
    return { status: 'done', message: `Deleted ${id} (${after?.state ?? 'gone'}).`, ...requestIdOf(answer) };
  },
};
