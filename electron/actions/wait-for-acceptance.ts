/** Poll a peering until the other side accepts it, or it ends: rejected, expired, failed, deleted.
 *
 * The clock is injected so tests (and the sandbox's fast clock) drive time; the wait is
 * cancellable with an AbortSignal, and gives up after `timeoutMs` with the status it last saw, so
 * the run can be resumed later: it keeps polling and continues once the other side has acted.
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { PeeringStatus } from '../../shared/model/topology';
import { nextStep, type NextStep } from '../../shared/planning/next-step';
import type { PeeringView } from './ec2-reads';

/** Time as the executor sees it. */
export interface Clock {
  now(): number;
  /** Resolve after `ms`; reject when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : undefined),
};

/** How a wait ended. */
export type AcceptanceOutcome = 'active' | 'rejected' | 'expired' | 'failed' | 'deleted' | 'timeout' | 'cancelled';

/** The result of `waitForAcceptance`. */
export interface AcceptanceWaitResult {
  readonly outcome: AcceptanceOutcome;
  /** The status last seen (absent when the peering was never visible). */
  readonly status?: PeeringStatus;
  readonly message?: string;
  readonly polls: number;
  /** For the final statuses: what it means and what to do (`nextStep`). */
  readonly next?: NextStep;
  /** The last polling error, when polls failed (credentials expired, network). */
  readonly lastError?: unknown;
}

/** Options of `waitForAcceptance`. */
export interface WaitForAcceptanceOptions {
  readonly peeringId: string;
  /** Read the status (e.g. `describePeering` with the requester's profile in its region). */
  poll(signal?: AbortSignal): Promise<PeeringView | undefined>;
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** After each poll: the view (or the error) and the count so far. */
  onPoll?(view: PeeringView | undefined, polls: number, error?: unknown): void;
}

/** Wait until the peering is active (provisioning counts as on its way) or reaches a final status. */
export async function waitForAcceptance(opts: WaitForAcceptanceOptions): Promise<AcceptanceWaitResult> {
  const clock = opts.clock ?? systemClock;
  const deadline = clock.now() + opts.timeoutMs;
  let polls = 0;
  let last: PeeringView | undefined;
  let lastError: unknown;
  for (;;) {
    if (opts.signal?.aborted) return done('cancelled');
    try {
      last = await opts.poll(opts.signal);
      lastError = undefined;
    } catch (e) {
      if (opts.signal?.aborted) return done('cancelled');
      lastError = e;
    }
    polls += 1;
    opts.onPoll?.(last, polls, lastError);
    switch (last?.status) {
      case 'active':
        return done('active');
      case 'rejected':
      case 'expired':
      case 'failed':
        return done(last.status);
      case 'deleted':
      case 'deleting':
        return done('deleted');
      default:
        break;
    }
    if (clock.now() >= deadline) return done('timeout');
    try {
      await clock.sleep(Math.min(opts.intervalMs, Math.max(0, deadline - clock.now())), opts.signal);
    } catch {
      return done('cancelled');
    }
  }

  function done(outcome: AcceptanceOutcome): AcceptanceWaitResult {
    const status = last?.status;
    const final = outcome === 'rejected' || outcome === 'expired' || outcome === 'failed' || outcome === 'deleted';
    return {
      outcome,
      ...(status ? { status } : {}),
      ...(last?.message ? { message: last.message } : {}),
      polls,
      ...(final && status ? { next: nextStep(status, { peeringId: opts.peeringId, ...(last?.message ? { statusMessage: last.message } : {}) }) } : {}),
      ...(lastError !== undefined ? { lastError } : {}),
    };
  }
}
