import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { LayoutReply, LayoutRequest } from '../../../../renderer/graph/layout/layout-runner';
import { layoutTopology } from '../../../../shared/diagram/layout-topology';
import { demoLikeTopology } from '../../../support/fixtures/snapshots/demo-like';

const topology = demoLikeTopology();

/** A module worker stand-in that speaks first, as layout.worker.ts does once elkjs is up, or fails to start. */
class FakeWorker {
  static made: FakeWorker[] = [];
  static mode: 'ready' | 'fail' = 'ready';
  onmessage: ((e: MessageEvent<LayoutReply | { ready: true }>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.made.push(this);
    setTimeout(() => {
      if (FakeWorker.mode === 'ready') this.onmessage?.({ data: { ready: true } } as MessageEvent<{ ready: true }>);
      else this.onerror?.({ message: 'could not load the script', preventDefault() {} } as ErrorEvent);
    }, 0);
  }
  postMessage(request: LayoutRequest) {
    void layoutTopology(request.topology, request.opts).then((layout) => this.onmessage?.({ data: { id: request.id, ok: true, layout, ms: 1 } } as MessageEvent<LayoutReply>));
  }
  terminate() {}
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the app layout runner', () => {
  beforeEach(() => {
    vi.resetModules();
    FakeWorker.made = [];
    FakeWorker.mode = 'ready';
    vi.stubGlobal('Worker', FakeWorker);
    performance.clearMarks('peerscape:layout-worker-ready');
  });
  afterEach(() => vi.unstubAllGlobals());

  it('adopts the worker the entry started, with the ready message it sent before anyone listened', async () => {
    const { startLayoutWorker, createAppLayoutRunner } = await import('../../../../renderer/graph/layout/create-layout-runner');
    startLayoutWorker();
    startLayoutWorker();
    await tick(); // the worker has said it is ready, before the app's runner exists
    expect(performance.getEntriesByName('peerscape:layout-worker-ready')).toHaveLength(0);
    const run = createAppLayoutRunner();
    await tick();
    expect(performance.getEntriesByName('peerscape:layout-worker-ready')).toHaveLength(1);
    expect((await run(topology, {})).ranIn).toBe('worker');
    expect(FakeWorker.made).toHaveLength(1);
  });

  it('hands on an early start failure, so layouts run in the page', async () => {
    FakeWorker.mode = 'fail';
    const { startLayoutWorker, createAppLayoutRunner } = await import('../../../../renderer/graph/layout/create-layout-runner');
    startLayoutWorker();
    await tick();
    const run = createAppLayoutRunner();
    await tick();
    expect((await run(topology, {})).ranIn).toBe('page');
  });

  it('starts a worker of its own when the entry did not', async () => {
    const { createAppLayoutRunner } = await import('../../../../renderer/graph/layout/create-layout-runner');
    const run = createAppLayoutRunner();
    expect((await run(topology, {})).ranIn).toBe('worker');
    expect(FakeWorker.made).toHaveLength(1);
  });
});
