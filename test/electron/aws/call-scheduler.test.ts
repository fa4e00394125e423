/** The scheduler's caps, buckets, retries, timeouts and cancellation, on plain async functions. */
import { describe, expect, it } from 'vitest';

import { CallFailedError, createCallScheduler } from '../../../electron/aws/call-scheduler';

const awsError = (name: string, status = 400) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createCallScheduler', () => {
  it('never has more calls in flight than the global cap', async () => {
    const s = createCallScheduler({ maxConcurrentCalls: 3 });
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.run(`a/r/Action${i}`, async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await delay(5);
          inFlight--;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(s.stats().peakInFlight).toBe(3);
  });

  it('lets a bucket burst to its capacity, then paces calls at the refill rate', async () => {
    const s = createCallScheduler({ bucketCapacity: 5, refillPerSecond: 50, maxConcurrentCalls: 100 });
    const started: number[] = [];
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 10 }, () => s.run('a/r/DescribeVpcs', async () => void started.push(performance.now() - t0))));
    started.sort((a, b) => a - b);
    expect(started[4]!).toBeLessThan(15);
    // Five more tokens at 50/s take 100 ms.
    expect(started[9]!).toBeGreaterThanOrEqual(90);
  });

  it('keeps buckets apart per account, region and action', async () => {
    const s = createCallScheduler({ bucketCapacity: 2, refillPerSecond: 1, maxConcurrentCalls: 100 });
    const t0 = performance.now();
    await Promise.all(['a/r1/X', 'a/r1/X', 'a/r2/X', 'a/r2/X', 'b/r1/X', 'a/r1/Y'].map((k) => s.run(k, async () => undefined)));
    expect(performance.now() - t0).toBeLessThan(100);
    expect(s.stats().buckets.get('a/r1/X')).toEqual({ calls: 2, attempts: 2, throttled: 0 });
  });

  it('retries throttled calls with backoff until they succeed', async () => {
    const s = createCallScheduler({ retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
    let n = 0;
    const value = await s.run('a/r/DescribeVpcs', async () => {
      n++;
      if (n < 4) throw awsError('RequestLimitExceeded', 503);
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(s.stats()).toMatchObject({ calls: 1, attempts: 4, throttled: 3 });
  });

  it('gives up on persistent throttling with the AWS code and the number of attempts', async () => {
    const s = createCallScheduler({ retryBaseDelayMs: 1, retryMaxDelayMs: 2, maxAttempts: 3 });
    const err = await s.run('a/r/X', async () => Promise.reject(awsError('Throttling'))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallFailedError);
    expect(err).toMatchObject({ errorCode: 'Throttling', attempts: 3 });
  });

  it('does not retry errors that will not pass on their own', async () => {
    const s = createCallScheduler({ retryBaseDelayMs: 1 });
    let n = 0;
    const err = await s
      .run('a/r/X', async () => {
        n++;
        throw awsError('AuthFailure', 401);
      })
      .catch((e: unknown) => e);
    expect(n).toBe(1);
    expect(err).toMatchObject({ errorCode: 'AuthFailure', attempts: 1 });
  });

  it('times out an attempt through its abort signal and retries it', async () => {
    const s = createCallScheduler({ callTimeoutMs: 20, retryBaseDelayMs: 1, maxAttempts: 2 });
    const seen: boolean[] = [];
    const err = await s
      .run('a/r/X', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => (seen.push(true), reject(signal.reason)))))
      .catch((e: unknown) => e);
    expect(seen).toEqual([true, true]);
    expect(err).toMatchObject({ errorCode: 'Timeout', attempts: 2 });
    expect(s.stats().timeouts).toBe(2);
  });

  it('gives up on silence after maxUnansweredAttempts, however many attempts throttling would get', async () => {
    const s = createCallScheduler({ callTimeoutMs: 20, retryBaseDelayMs: 1, maxAttempts: 8, maxUnansweredAttempts: 2 });
    let n = 0;
    const err = await s
      .run('a/r/X', (signal) => new Promise((_, reject) => (n++, signal.addEventListener('abort', () => reject(signal.reason)))))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ errorCode: 'Timeout', attempts: 2 });
    expect(n).toBe(2);
    // The SDK's own connection and socket timeouts count as silence too, and throttling in between does not reset it.
    const answers = [awsError('TimeoutError'), awsError('RequestLimitExceeded', 503), awsError('TimeoutError'), awsError('TimeoutError')];
    const sdk = await s.run('a/r/Y', async () => Promise.reject(answers.shift())).catch((e: unknown) => e);
    expect(sdk).toMatchObject({ errorCode: 'Timeout', attempts: 3 });
    expect((sdk as CallFailedError).lastAttemptMs).toBeGreaterThanOrEqual(0);
  });

  it('stops waiting calls and running ones at once when the run is cancelled', async () => {
    const s = createCallScheduler({ maxConcurrentCalls: 1 });
    const controller = new AbortController();
    const running = s.run('a/r/X', (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))), controller.signal);
    const queued = s.run('a/r/Y', async () => 'never', controller.signal);
    setTimeout(() => controller.abort(new Error('user cancelled')), 10);
    const t0 = performance.now();
    await expect(running).rejects.toThrow('user cancelled');
    await expect(queued).rejects.toThrow('user cancelled');
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('refuses limits that are not positive numbers', () => {
    expect(() => createCallScheduler({ maxConcurrentCalls: 0 })).toThrow(/maxConcurrentCalls must be a positive number/);
  });

  it('ignores run limits that are not its own, so a whole DiscoveryLimits can be passed', () => {
    const limits = { maxConcurrentCalls: 7, progressIntervalMs: 0, pageSizes: { DescribeVpcs: 5 } };
    expect(createCallScheduler(limits).limits).toMatchObject({ maxConcurrentCalls: 7, bucketCapacity: 100 });
    expect(createCallScheduler(limits).limits).not.toHaveProperty('pageSizes');
  });
});
