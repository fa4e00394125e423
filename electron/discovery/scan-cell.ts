/** Scan one account × region with one profile: the unit of work of a run, on the calling thread or a worker.
 *
 * The result is already translated to the model (`translateRegion`), so what travels back to
 * the run (or across threads) is small, and raw SDK objects are dropped as soon as a region lands.
 */
import { setMaxListeners } from 'node:events';
import { threadId } from 'node:worker_threads';

import type { AccountId } from '../../shared/model/ids';
import type { AwsClients } from '../aws/aws-clients';
import { explainFailure, TIMEOUT_CODE, type ExplainedFailure, type FailureContext } from '../aws/aws-errors';
import { CallFailedError, type CallScheduler } from '../aws/call-scheduler';
import type { ProfileAccess } from '../aws/credentials';
import type { UnreadKind } from '../../shared/model/snapshot';
import { DISCOVERY_KINDS } from './kinds/index';
import { OPTIONAL_ACTIONS, SCAN_ACTIONS, scanRegion, type ScanAction } from './scan-region';
import { countResources, translateRegion, type RegionModel } from './to-topology';

/** Which cell to scan and with which profile. */
export interface CellRequest {
  readonly profile: string;
  readonly accountId: AccountId;
  readonly region: string;
}

/** What a cell cost: pages per action, attempts (retries included) and throttled attempts. */
export interface CellCost {
  readonly pages: Readonly<Record<ScanAction, number>>;
  readonly attempts: number;
  readonly throttled: number;
  /** The thread that scanned it (`worker_threads.threadId`: 0 is the main thread). */
  readonly threadId: number;
}

/** How a cell scan ended. */
export type CellOutcome =
  | {
      readonly ok: true;
      readonly model: RegionModel;
      readonly counts: Readonly<Record<string, number>>;
      /** Optional kinds that could not be read (empty in `model`), with the error and its fix. */
      readonly unread: readonly UnreadKind[];
      readonly cost: CellCost;
    }
  | { readonly ok: false; readonly cancelled: boolean; readonly failure: ExplainedFailure; readonly cost?: CellCost };

/** Explain a failed call, with the attempts the scheduler made and how long the last one waited. */
export function explainCallFailure(e: unknown, ctx: FailureContext, explain: ExplainCall = explainFailure): ExplainedFailure {
  if (!(e instanceof CallFailedError)) return explain(e, ctx);
  const withAttempts = { ...ctx, attempts: e.attempts, ...(e.lastAttemptMs > 0 ? { timeoutMs: e.lastAttemptMs } : {}) };
  // The scheduler gave up on silence, whatever the last attempt's own error said.
  if (e.errorCode === TIMEOUT_CODE) return explain(Object.assign(new Error('no answer'), { name: TIMEOUT_CODE }), withAttempts);
  return explain(e.cause ?? e, withAttempts);
}

/** How a scan phrases a failed call (organisation scans name the account, role and cause). */
export type ExplainCall = (e: unknown, ctx: FailureContext) => ExplainedFailure;

/** The bucket key of one action of one cell: EC2 throttles per account, region and action. */
export function bucketKey(accountId: AccountId, region: string, action: string): string {
  return `${accountId}/${region}/${action}`;
}

const CANCELLED: CellOutcome = { ok: false, cancelled: true, failure: { errorCode: 'Cancelled', message: 'The scan was cancelled.' } };

/** Scan one cell; never throws for AWS trouble (it comes back as a failure with a fix). */
export async function scanCell(
  ctx: {
    readonly clients: AwsClients;
    readonly scheduler: CallScheduler;
    readonly access: ProfileAccess;
    readonly pageSizes?: Partial<Readonly<Record<ScanAction, number>>>;
    readonly explain?: ExplainCall;
  },
  req: CellRequest,
  signal?: AbortSignal,
): Promise<CellOutcome> {
  if (signal?.aborted) return CANCELLED;
  const { accountId, region } = req;
  const before = bucketTotals(ctx.scheduler, accountId, region);
  // One failing describe makes the cell fail: stop its siblings rather than spend calls on them.
  const cellController = new AbortController();
  const cellSignal = signal ? AbortSignal.any([signal, cellController.signal]) : cellController.signal;
  // One listener per call in flight (pages of every action at once): more than Node's default 10.
  setMaxListeners(0, cellSignal);
  let failedAction: ScanAction | undefined;
  // Which action an optional kind's error came from, to name it in the coverage.
  const optionalFailures = new WeakMap<object, string>();
  try {
    const raw = await scanRegion(
      ctx.clients.ec2(ctx.access, region),
      (action, send) =>
        ctx.scheduler.run(bucketKey(accountId, region, action), send, cellSignal).catch((e: unknown) => {
          // An optional kind's failure costs only its own list (scanKinds catches it).
          if (OPTIONAL_ACTIONS.has(action)) {
            if (typeof e === 'object' && e !== null) optionalFailures.set(e, action);
            throw e;
          }
          failedAction ??= action;
          cellController.abort();
          throw e;
        }),
      ctx.pageSizes,
    );
    if (signal?.aborted) return CANCELLED;
    const after = bucketTotals(ctx.scheduler, accountId, region);
    const failureContext = {
      profile: ctx.access.profile,
      region,
      accountId,
      ...(ctx.access.endpoints.ec2 ? { endpoint: ctx.access.endpoints.ec2 } : {}),
      timeoutMs: Math.min(ctx.scheduler.limits.callTimeoutMs, ctx.scheduler.limits.ec2AnswerTimeoutMs),
    };
    const unread = raw.unread.map(({ kind, error }): UnreadKind => {
      const actions = Object.keys(DISCOVERY_KINDS[kind as keyof typeof DISCOVERY_KINDS]?.actions ?? {});
      const action = (typeof error === 'object' && error !== null ? optionalFailures.get(error) : undefined) ?? actions[0] ?? 'Describe*';
      const explained = explainCallFailure(error, { ...failureContext, action: `ec2:${action}` }, ctx.explain);
      return { kind, errorCode: explained.errorCode, message: explained.message };
    });
    return {
      ok: true,
      model: translateRegion({ accountId, region, raw }),
      counts: countResources(raw),
      unread,
      cost: { pages: raw.pages, attempts: after.attempts - before.attempts, throttled: after.throttled - before.throttled, threadId },
    };
  } catch (e) {
    if (signal?.aborted) return CANCELLED;
    const after = bucketTotals(ctx.scheduler, accountId, region);
    return {
      ok: false,
      cancelled: false,
      failure: explainCallFailure(e, {
        profile: ctx.access.profile,
        region,
        accountId,
        action: `ec2:${failedAction ?? 'Describe*'}`,
        ...(ctx.access.endpoints.ec2 ? { endpoint: ctx.access.endpoints.ec2 } : {}),
        timeoutMs: Math.min(ctx.scheduler.limits.callTimeoutMs, ctx.scheduler.limits.ec2AnswerTimeoutMs),
      }, ctx.explain),
      cost: { pages: after.pages, attempts: after.attempts - before.attempts, throttled: after.throttled - before.throttled, threadId },
    };
  }
}

function bucketTotals(scheduler: CallScheduler, accountId: AccountId, region: string): Omit<CellCost, 'threadId'> {
  const pages = {} as Record<ScanAction, number>;
  let attempts = 0;
  let throttled = 0;
  for (const action of SCAN_ACTIONS) {
    const b = scheduler.bucket(bucketKey(accountId, region, action));
    pages[action] = b?.calls ?? 0;
    attempts += b?.attempts ?? 0;
    throttled += b?.throttled ?? 0;
  }
  return { pages, attempts, throttled };
}
