/** Runs AWS calls under a global concurrency cap and EC2-shaped token buckets, with retries and timeouts.
 *
 * EC2 throttles per account, per region and per API action with a token bucket: 100 tokens
 * for non-mutating (Describe*) actions, refilled at 20 per second ("Request throttling for the
 * Amazon EC2 API", docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html). Keeping one
 * bucket per account + region + action on our side means a scan of many regions never waits on a
 * bucket it does not use, and rarely meets `RequestLimitExceeded` at all. When it does (someone
 * else drains the account's bucket), the bucket halves its rate and the call is retried after
 * an exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS Architecture Blog),
 * and the rate climbs back as calls succeed: the same idea as the SDK's adaptive retry mode.
 *
 * An endpoint that does not answer at all is another matter: throttling says the service is
 * there and busy, silence says nothing will come. Unanswered attempts (the SDK clients' own
 * answer timeouts, see aws-clients.ts, or `callTimeoutMs`) get `maxUnansweredAttempts` of their
 * own, so a call against a silent endpoint gives up after about
 * `maxUnansweredAttempts` × its service's answer timeout instead of `maxAttempts` × `callTimeoutMs`
 * (docs/discovery-timeouts.md has the figures).
 */
import { setTimeout as sleep } from 'node:timers/promises';

import { errorCodeOf, isThrottlingError, isTransientError, isUnansweredError, TIMEOUT_CODE } from './aws-errors';

/** Tunable limits of a discovery run. */
export interface CallLimits {
  /** Calls in flight at once across the whole run. */
  readonly maxConcurrentCalls: number;
  /** Token-bucket capacity per account + region + action (EC2: 100 for Describe*). */
  readonly bucketCapacity: number;
  /** Token refill per second per bucket (EC2: 20 for Describe*). */
  readonly refillPerSecond: number;
  /** Abort one attempt of a call after this long, answer or not (a long answer still streaming included). */
  readonly callTimeoutMs: number;
  /** Attempts per call, the first included, before its cell fails (throttling and other passing trouble). */
  readonly maxAttempts: number;
  /** Attempts per call that got no answer at all before the call gives up: silence rarely passes. */
  readonly maxUnansweredAttempts: number;
  /** How long STS may stay silent on an open connection (or take to connect) before the attempt counts as unanswered. */
  readonly stsAnswerTimeoutMs: number;
  /** The same for EC2, whose Describe pages take longer to prepare than GetCallerIdentity. */
  readonly ec2AnswerTimeoutMs: number;
  /** First backoff step; doubles per attempt, with full jitter. */
  readonly retryBaseDelayMs: number;
  /** Longest single backoff. */
  readonly retryMaxDelayMs: number;
}

/** Limits for a desktop scanning real AWS: generous concurrency, EC2's own bucket shape. */
export const DEFAULT_CALL_LIMITS: CallLimits = {
  maxConcurrentCalls: 256,
  bucketCapacity: 100,
  refillPerSecond: 20,
  callTimeoutMs: 20_000,
  maxAttempts: 8,
  maxUnansweredAttempts: 2,
  stsAnswerTimeoutMs: 5_000,
  ec2AnswerTimeoutMs: 10_000,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 5_000,
};

/** Thrown when a call gave up: its AWS error code, how many attempts it took, and the last error. */
export class CallFailedError extends Error {
  /** AWS (or network) error code of the last attempt; `Timeout` when the endpoint did not answer. */
  readonly errorCode: string;
  readonly attempts: number;
  /** How long the last attempt waited, in ms (for "no answer within …"). */
  readonly lastAttemptMs: number;
  override readonly cause: unknown;
  constructor(errorCode: string, attempts: number, cause: unknown, lastAttemptMs = 0) {
    super(`${errorCode} after ${attempts} attempt(s)`);
    this.name = 'CallFailedError';
    this.errorCode = errorCode;
    this.attempts = attempts;
    this.lastAttemptMs = lastAttemptMs;
    this.cause = cause;
  }
}

/** A token bucket that may go into debt: each reservation returns how long its caller must wait. */
class TokenBucket {
  private tokens: number;
  private lastMs: number;
  private rate: number;
  constructor(
    private readonly capacity: number,
    private readonly nominalRate: number,
    nowMs: number,
  ) {
    this.tokens = capacity;
    this.lastMs = nowMs;
    this.rate = nominalRate;
  }

  private refill(nowMs: number): void {
    const elapsed = Math.max(0, nowMs - this.lastMs) / 1000;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.rate);
    this.lastMs = nowMs;
  }

  /** Take one token; returns the wait in ms before the caller may use it (0 when one was there). */
  reserve(nowMs: number): number {
    this.refill(nowMs);
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.rate) * 1000;
  }

  /** Give back a token reserved by a caller that stopped waiting. */
  refund(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }

  /** AWS said slow down: assume its bucket is empty and halve our rate. */
  throttled(nowMs: number): void {
    this.refill(nowMs);
    this.tokens = Math.min(this.tokens, 0);
    this.rate = Math.max(this.nominalRate / 20, this.rate / 2);
  }

  /** A call went through: let the rate recover towards the nominal one. */
  succeeded(): void {
    if (this.rate < this.nominalRate) this.rate = Math.min(this.nominalRate, this.rate + this.nominalRate / 10);
  }
}

/** FIFO counting semaphore for the global cap. */
class Semaphore {
  private available: number;
  private readonly waiters: Array<() => void> = [];
  constructor(size: number) {
    this.available = size;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    if (this.available > 0 && this.waiters.length === 0) {
      this.available -= 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.waiters.indexOf(grant);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(signal?.reason);
      };
      this.waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.available += 1;
  }
}

/** Counters of one bucket, for progress and the benchmark's lower bound. */
export interface BucketStats {
  /** Calls that finished (successfully or not), retries excluded. */
  readonly calls: number;
  /** Attempts in all, retries included. */
  readonly attempts: number;
  /** Attempts AWS throttled. */
  readonly throttled: number;
}

/** Everything a scheduler counted so far. */
export interface SchedulerStats {
  readonly calls: number;
  readonly attempts: number;
  readonly throttled: number;
  readonly timeouts: number;
  readonly peakInFlight: number;
  readonly buckets: ReadonlyMap<string, BucketStats>;
}

/** Schedules AWS calls; one per process can be shared by successive runs so buckets remember. */
export interface CallScheduler {
  readonly limits: CallLimits;
  /** Run `fn` under the bucket `bucketKey` (account/region/action) with retries; `fn` gets the attempt's abort signal. */
  run<T>(bucketKey: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  stats(): SchedulerStats;
  /** Counters of one bucket (cheaper than `stats()` when only one is needed). */
  bucket(bucketKey: string): BucketStats | undefined;
}

/** Create a scheduler; `random` is injectable so tests and benchmarks can fix the jitter. */
export function createCallScheduler(
  limits: Partial<CallLimits> = {},
  random: () => number = Math.random,
): CallScheduler {
  // Only the scheduler's own keys: callers may pass a whole DiscoveryLimits (page sizes, progress pacing…).
  const l = Object.fromEntries(
    (Object.keys(DEFAULT_CALL_LIMITS) as (keyof CallLimits)[]).map((k) => [k, limits[k] ?? DEFAULT_CALL_LIMITS[k]]),
  ) as unknown as CallLimits;
  for (const [k, v] of Object.entries(l)) {
    if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) {
      throw new Error(`limits.${k} must be a positive number, got ${String(v)}`);
    }
  }
  const semaphore = new Semaphore(Math.floor(l.maxConcurrentCalls));
  const buckets = new Map<string, TokenBucket>();
  const bucketStats = new Map<string, { calls: number; attempts: number; throttled: number }>();
  let calls = 0;
  let attempts = 0;
  let throttled = 0;
  let timeouts = 0;
  let inFlight = 0;
  let peakInFlight = 0;

  const bucketOf = (key: string) => {
    let b = buckets.get(key);
    if (!b) {
      b = new TokenBucket(l.bucketCapacity, l.refillPerSecond, performance.now());
      buckets.set(key, b);
      bucketStats.set(key, { calls: 0, attempts: 0, throttled: 0 });
    }
    return { bucket: b, stats: bucketStats.get(key)! };
  };

  async function attempt<T>(fn: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(Object.assign(new Error(`no answer within ${l.callTimeoutMs} ms`), { name: TIMEOUT_CODE }));
    }, l.callTimeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await fn(controller.signal);
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      if (timedOut) throw Object.assign(new Error(`no answer within ${l.callTimeoutMs} ms`), { name: TIMEOUT_CODE, cause: e });
      throw e;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function run<T>(bucketKey: string, fn: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { bucket, stats } = bucketOf(bucketKey);
    let lastError: unknown;
    let lastAttemptMs = 0;
    let unanswered = 0;
    for (let n = 1; n <= l.maxAttempts; n++) {
      signal?.throwIfAborted();
      const waitMs = bucket.reserve(performance.now());
      if (waitMs > 0) {
        try {
          await sleep(waitMs, undefined, signal ? { signal } : undefined);
        } catch (e) {
          bucket.refund();
          throw signal?.aborted ? signal.reason : e;
        }
      }
      await semaphore.acquire(signal);
      inFlight += 1;
      peakInFlight = Math.max(peakInFlight, inFlight);
      attempts += 1;
      stats.attempts += 1;
      const startedMs = performance.now();
      try {
        const value = await attempt(fn, signal);
        bucket.succeeded();
        calls += 1;
        stats.calls += 1;
        return value;
      } catch (e) {
        if (signal?.aborted) throw signal.reason;
        lastError = e;
        lastAttemptMs = performance.now() - startedMs;
        if (isThrottlingError(e)) {
          throttled += 1;
          stats.throttled += 1;
          bucket.throttled(performance.now());
        } else if (isUnansweredError(e)) {
          timeouts += 1;
          unanswered += 1;
          if (unanswered >= l.maxUnansweredAttempts) {
            calls += 1;
            stats.calls += 1;
            throw new CallFailedError(TIMEOUT_CODE, n, e, lastAttemptMs);
          }
        } else if (!isTransientError(e)) {
          calls += 1;
          stats.calls += 1;
          throw new CallFailedError(errorCodeOf(e), n, e, lastAttemptMs);
        }
      } finally {
        inFlight -= 1;
        semaphore.release();
      }
      if (n < l.maxAttempts) {
        // Full jitter: a random pause up to the exponential step, so retries of many cells spread out.
        const capMs = Math.min(l.retryMaxDelayMs, l.retryBaseDelayMs * 2 ** (n - 1));
        await sleep(random() * capMs, undefined, signal ? { signal } : undefined).catch((e) => {
          throw signal?.aborted ? signal.reason : e;
        });
      }
    }
    calls += 1;
    stats.calls += 1;
    throw new CallFailedError(isUnansweredError(lastError) ? TIMEOUT_CODE : errorCodeOf(lastError), l.maxAttempts, lastError, lastAttemptMs);
  }

  return {
    limits: l,
    run,
    stats: () => ({ calls, attempts, throttled, timeouts, peakInFlight, buckets: new Map(bucketStats) }),
    bucket: (key) => {
      const b = bucketStats.get(key);
      return b ? { ...b } : undefined;
    },
  };
}
