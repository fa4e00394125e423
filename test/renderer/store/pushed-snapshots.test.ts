/** How the store follows snapshots the Node side pushes while a scan streams them in. */
import { describe, expect, it } from 'vitest';

import { runLayoutInPage, type LayoutRunner } from '../../../renderer/graph/layout/layout-runner';
import { createAppStore } from '../../../renderer/store/app-store';
import type { Snapshot } from '../../../shared/model/snapshot';
import { demoLikeSnapshot } from '../../support/fixtures/snapshots/demo-like';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

/** The demo network cut to its first `vpcs` VPCs: a scan part-way through. */
function partial(vpcs: number, takenAt: string): Snapshot {
  const s = demoLikeSnapshot(takenAt);
  return { ...s, topology: { ...s.topology, vpcs: s.topology.vpcs.slice(0, vpcs) } };
}

/** The real in-page layout, held until the test lets each one finish; records how many VPCs each laid out. */
function heldLayouts() {
  const laidOut: number[] = [];
  const gates: (() => void)[] = [];
  const runner: LayoutRunner = async (topology, opts) => {
    laidOut.push(topology.vpcs.length);
    await new Promise<void>((resolve) => gates.push(resolve));
    return runLayoutInPage(topology, opts);
  };
  const releaseAll = () => {
    for (const g of gates.splice(0)) g();
  };
  return { laidOut, runner, releaseAll, waiting: () => gates.length };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function streamingStore() {
  const { client, emit } = loopbackMainApi(makeTempHome());
  const layouts = heldLayouts();
  const store = createAppStore(client, { layoutRunner: layouts.runner });
  await store.getState().loadStartup();
  return { store, emit, layouts };
}

describe('snapshots pushed during a scan', () => {
  it('lays out only the newest of those that came while one was laid out, and always the last', async () => {
    const { store, emit, layouts } = await streamingStore();
    // Each partial snapshot comes on screen with its layout, in one update: the canvas redraws once.
    const lonely: string[] = [];
    store.subscribe((now, before) => {
      if (now.snapshot !== before.snapshot && now.layout === before.layout) lonely.push(now.snapshot?.takenAt ?? 'none');
    });
    emit('discoveryProgressed', { runId: 'r1', cells: [], finished: false });
    emit('snapshotUpdated', partial(2, '2025-06-02T09:00:01.000Z'));
    await until(() => layouts.laidOut.length === 1);
    expect(store.getState().snapshot).toBeUndefined();
    for (let n = 3; n <= 8; n++) emit('snapshotUpdated', partial(n, `2025-06-02T09:00:0${n}.000Z`));
    // Still laying out the first: the five that came meanwhile were overtaken by the sixth.
    expect(layouts.laidOut).toEqual([2]);
    layouts.releaseAll();
    await until(() => layouts.laidOut.length === 2);
    expect(layouts.laidOut).toEqual([2, 8]);
    layouts.releaseAll();
    await until(() => !store.getState().layoutStatus.running && store.getState().snapshot?.topology.vpcs.length === 8);
    expect(store.getState().nodes.filter((n) => n.type === 'vpc').length).toBeGreaterThanOrEqual(8);
    expect(layouts.laidOut).toEqual([2, 8]);
    expect(lonely).toEqual([]);
  });

  it('applies the final snapshot as soon as the run says it finished, without waiting for a partial one', async () => {
    const { store, emit, layouts } = await streamingStore();
    emit('discoveryProgressed', { runId: 'r1', cells: [], finished: false });
    emit('snapshotUpdated', partial(2, '2025-06-02T09:00:01.000Z'));
    await until(() => layouts.laidOut.length === 1);
    const final = demoLikeSnapshot('2025-06-02T09:00:09.000Z');
    emit('snapshotUpdated', final);
    expect(layouts.laidOut).toEqual([2]);
    emit('discoveryProgressed', { runId: 'r1', cells: [], finished: true });
    await until(() => layouts.laidOut.length === 2);
    expect(layouts.laidOut).toEqual([2, 16]);
    expect(store.getState().snapshot?.takenAt).toBe(final.takenAt);
    layouts.releaseAll();
    await until(() => !store.getState().layoutStatus.running);
    // The partial layout finished after the final one began: the final one is what is drawn.
    expect(store.getState().snapshot).toEqual(final);
    expect(store.getState().nodes.filter((n) => n.type === 'vpc')).toHaveLength(17);
  });

  it('shows the final snapshot at once when the run finishes while that snapshot is being laid out', async () => {
    const { store, emit, layouts } = await streamingStore();
    emit('discoveryProgressed', { runId: 'r1', cells: [], finished: false });
    const final = demoLikeSnapshot('2025-06-02T09:00:09.000Z');
    // Nothing else in flight: the final snapshot goes straight to its (held) layout.
    emit('snapshotUpdated', final);
    await until(() => layouts.laidOut.length === 1);
    expect(store.getState().snapshot).toBeUndefined();
    emit('discoveryProgressed', { runId: 'r1', cells: [], finished: true });
    // The panels read the snapshot now, before any layout ends.
    expect(store.getState().snapshot?.takenAt).toBe(final.takenAt);
    layouts.releaseAll();
    await until(() => !store.getState().layoutStatus.running && store.getState().nodes.length > 0);
    layouts.releaseAll();
    await until(() => !store.getState().layoutStatus.running);
    expect(store.getState().snapshot).toEqual(final);
    expect(store.getState().nodes.filter((n) => n.type === 'vpc')).toHaveLength(17);
  });

  it('outside a scan, shows a pushed snapshot at once, with the updates sent before it', async () => {
    const { store, emit, layouts } = await streamingStore();
    const changed = demoLikeSnapshot('2025-06-02T09:00:09.000Z');
    emit('snapshotUpdated', changed);
    // No run streams: the store has the snapshot before its layout ends.
    expect(store.getState().snapshot?.takenAt).toBe(changed.takenAt);
    await until(() => layouts.laidOut.length === 1);
    layouts.releaseAll();
    await until(() => !store.getState().layoutStatus.running && store.getState().nodes.length > 0);
    expect(store.getState().snapshot).toEqual(changed);
  });
});

