/** Applies pushed values one at a time, keeping only the newest that arrived while one was applied.
 *
 * A scan streams whole partial snapshots; applying one (drawing it, laying it out) can take longer
 * than the wait for the next. Applying each in turn would fall ever further behind and keep the
 * page busy with networks already replaced; this applies the newest waiting value when the one
 * in hand is done, and drops those it overtook. Nothing is lost: each value is the whole state.
 */
export interface LatestOnly<T> {
  /** Apply `value` now if nothing is being applied, else once the current one is done (replacing any value still waiting). */
  offer(value: T): void;
  /** Take the waiting value out of the queue, to apply it some other way (at once, the last of a stream, say). */
  take(): T | undefined;
  /** Values dropped because a newer one overtook them while they waited. */
  readonly dropped: number;
  /** Resolves when nothing is being applied and nothing waits. */
  idle(): Promise<void>;
}

/** A latest-only queue in front of `apply`; a failed apply is reported to `onError` and the queue goes on. */
export function latestOnly<T>(apply: (value: T) => Promise<void>, onError: (error: unknown) => void = () => undefined): LatestOnly<T> {
  let busy = false;
  let waiting: { value: T } | undefined;
  let dropped = 0;
  let idleWaiters: (() => void)[] = [];

  const settle = () => {
    if (busy || waiting) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const run = async (value: T): Promise<void> => {
    try {
      await apply(value);
    } catch (error) {
      onError(error);
    }
  };

  const drain = async (): Promise<void> => {
    busy = true;
    while (waiting) {
      const { value } = waiting;
      waiting = undefined;
      await run(value);
    }
    busy = false;
    settle();
  };

  return {
    offer(value) {
      if (waiting) dropped += 1;
      waiting = { value };
      if (!busy) void drain();
    },
    take() {
      const value = waiting?.value;
      waiting = undefined;
      return value;
    },
    get dropped() {
      return dropped;
    },
    idle() {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        settle();
      });
    },
  };
}
