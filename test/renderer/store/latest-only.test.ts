import { describe, expect, it } from 'vitest';

import { latestOnly } from '../../../renderer/store/latest-only';

/** An apply that finishes only when the test says so, recording what it was given. */
function gatedApply() {
  const started: number[] = [];
  const gates: (() => void)[] = [];
  const apply = (n: number) =>
    new Promise<void>((resolve) => {
      started.push(n);
      gates.push(resolve);
    });
  const release = async () => {
    gates.shift()?.();
    // Let the queue take its next value.
    await new Promise((r) => setTimeout(r, 0));
  };
  return { started, apply, release };
}

describe('latestOnly', () => {
  it('applies the first at once, then only the newest of those that came meanwhile', async () => {
    const g = gatedApply();
    const q = latestOnly(g.apply);
    q.offer(1);
    q.offer(2);
    q.offer(3);
    q.offer(4);
    expect(g.started).toEqual([1]);
    await g.release();
    expect(g.started).toEqual([1, 4]);
    await g.release();
    await q.idle();
    expect(g.started).toEqual([1, 4]);
    expect(q.dropped).toBe(2);
  });

  it('always applies the last value offered, also when it comes while the one before waits', async () => {
    const g = gatedApply();
    const q = latestOnly(g.apply);
    for (let n = 1; n <= 50; n++) {
      q.offer(n);
      if (n % 7 === 0) await g.release();
    }
    while (g.started.length > 0 && g.started.at(-1) !== 50) await g.release();
    await g.release();
    await q.idle();
    expect(g.started.at(-1)).toBe(50);
    expect(new Set(g.started).size).toBe(g.started.length);
  });

  it('take hands over the waiting value, which the queue then leaves alone', async () => {
    const g = gatedApply();
    const q = latestOnly(g.apply);
    q.offer(1);
    q.offer(2);
    expect(q.take()).toBe(2);
    expect(q.take()).toBeUndefined();
    await g.release();
    await q.idle();
    expect(g.started).toEqual([1]);
  });

  it('goes on after an apply fails, reporting the error', async () => {
    const errors: unknown[] = [];
    const applied: number[] = [];
    const q = latestOnly(
      async (n: number) => {
        if (n === 1) throw new Error('bad');
        applied.push(n);
      },
      (e) => errors.push(e),
    );
    q.offer(1);
    q.offer(2);
    await q.idle();
    expect(applied).toEqual([2]);
    expect(errors).toHaveLength(1);
  });
});
