import { describe, expect, it } from 'vitest';

import type { PeeringView } from '../../../electron/actions/ec2-reads';
import { waitForAcceptance } from '../../../electron/actions/wait-for-acceptance';
import type { PeeringStatus } from '../../../shared/model/topology';

/** A clock that jumps instead of waiting, counting the sleeps. */
function jumpingClock() {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    async sleep(ms: number, signal?: AbortSignal) {
      signal?.throwIfAborted();
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

function sequence(...statuses: (PeeringStatus | undefined | Error)[]) {
  let i = 0;
  return async (): Promise<PeeringView | undefined> => {
    const s = statuses[Math.min(i++, statuses.length - 1)];
    if (s instanceof Error) throw s;
    return s ? { id: 'pcx-1', status: s, ...(s === 'failed' ? { message: 'Overlapping CIDR blocks' } : {}) } : undefined;
  };
}

describe('waitForAcceptance', () => {
  it('polls at the interval until the peering is active, through provisioning and not-yet-visible answers', async () => {
    const clock = jumpingClock();
    const r = await waitForAcceptance({ peeringId: 'pcx-1', poll: sequence(undefined, 'pending-acceptance', 'provisioning', 'active'), intervalMs: 1000, timeoutMs: 60_000, clock });
    expect(r).toMatchObject({ outcome: 'active', status: 'active', polls: 4 });
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
  });

  it('ends on rejected, expired and failed with what it means and what to do next', async () => {
    for (const s of ['rejected', 'expired', 'failed'] as const) {
      const r = await waitForAcceptance({ peeringId: 'pcx-1', poll: sequence('pending-acceptance', s), intervalMs: 10, timeoutMs: 1000, clock: jumpingClock() });
      expect(r.outcome).toBe(s);
      expect(r.next?.actionKind).toBe('recreate');
    }
    const failed = await waitForAcceptance({ peeringId: 'pcx-1', poll: sequence('failed'), intervalMs: 10, timeoutMs: 1000, clock: jumpingClock() });
    expect(failed.next?.meaning).toContain('Overlapping CIDR blocks');
  });

  it('treats a deleted or deleting request as deleted', async () => {
    const r = await waitForAcceptance({ peeringId: 'pcx-1', poll: sequence('deleting'), intervalMs: 10, timeoutMs: 1000, clock: jumpingClock() });
    expect(r.outcome).toBe('deleted');
  });

  it('gives up at the time limit with the status it last saw, never sleeping past it', async () => {
    const clock = jumpingClock();
    const r = await waitForAcceptance({ peeringId: 'pcx-1', poll: sequence('pending-acceptance'), intervalMs: 400, timeoutMs: 1000, clock });
    expect(r).toMatchObject({ outcome: 'timeout', status: 'pending-acceptance', polls: 4 });
    expect(clock.sleeps).toEqual([400, 400, 200]);
  });

  it('looks exactly once with no time to wait', async () => {
    const r = await waitForAcceptance({ peeringId: 'pcx-1', poll: sequence('pending-acceptance'), intervalMs: 400, timeoutMs: 0, clock: jumpingClock() });
    expect(r).toMatchObject({ outcome: 'timeout', polls: 1 });
  });

  it('keeps polling through errors and reports the last one', async () => {
    const boom = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const seen: unknown[] = [];
    const r = await waitForAcceptance({
      peeringId: 'pcx-1',
      poll: sequence(boom, 'active'),
      intervalMs: 10,
      timeoutMs: 1000,
      clock: jumpingClock(),
      onPoll: (_v, _n, e) => seen.push(e),
    });
    expect(r.outcome).toBe('active');
    expect(seen).toEqual([boom, undefined]);
  });

  it('stops when cancelled, during a poll or a sleep', async () => {
    const controller = new AbortController();
    const r = await waitForAcceptance({
      peeringId: 'pcx-1',
      poll: async () => {
        controller.abort();
        return { id: 'pcx-1', status: 'pending-acceptance' };
      },
      intervalMs: 10,
      timeoutMs: 1000,
      clock: jumpingClock(),
      signal: controller.signal,
    });
    expect(r.outcome).toBe('cancelled');
  });
});
