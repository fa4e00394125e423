import { describe, expect, it } from 'vitest';

import { createWorkerLayoutRunner, runLayoutInPage, slimTopology } from '../../../../renderer/graph/layout/layout-runner';
import type { LayoutReply, LayoutRequest } from '../../../../renderer/graph/layout/layout-runner';
import { layoutTopology } from '../../../../shared/diagram/layout-topology';
import { demoLikeTopology } from '../../../support/fixtures/snapshots/demo-like';

const topology = demoLikeTopology();

/** A stand-in for a module worker that runs the real layout, the way layout.worker.ts does. */
class InProcessWorker {
  onmessage: ((e: MessageEvent<LayoutReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  posted: LayoutRequest[] = [];
  constructor(private readonly behaviour: 'answer' | 'die' | 'chatter') {}
  postMessage(request: LayoutRequest) {
    this.posted.push(request);
    if (this.behaviour === 'die') {
      queueMicrotask(() => this.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent));
      return;
    }
    if (this.behaviour === 'chatter') this.onmessage?.({ data: { id: request.id, error: 'not ours' } } as unknown as MessageEvent<LayoutReply>);
    void layoutTopology(request.topology, request.opts).then((layout) => this.onmessage?.({ data: { id: request.id, ok: true, layout, ms: 1 } } as MessageEvent<LayoutReply>));
  }
  terminate() {}
}

describe('the layout runner', () => {
  it('posts only what the layout reads to the worker and returns its boxes', async () => {
    const worker = new InProcessWorker('answer');
    const run = createWorkerLayoutRunner(() => worker as unknown as Worker);
    const outcome = await run(topology, {});
    expect(outcome.ranIn).toBe('worker');
    expect(outcome.layout).toEqual(await layoutTopology(topology));
    expect(worker.posted[0]!.topology).toEqual(slimTopology(topology));
    expect(worker.posted[0]!.topology.routeTables).toEqual([]);
  });

  it('ignores messages that are not answers (elkjs talks on the same channel in a worker)', async () => {
    const run = createWorkerLayoutRunner(() => new InProcessWorker('chatter') as unknown as Worker);
    expect((await run(topology, {})).ranIn).toBe('worker');
  });

  it('lays out in the page when the worker cannot start or dies', async () => {
    const cannotStart = createWorkerLayoutRunner(() => {
      throw new Error('workers are blocked');
    });
    expect((await cannotStart(topology, {})).ranIn).toBe('page');
    const dies = createWorkerLayoutRunner(() => new InProcessWorker('die') as unknown as Worker);
    const outcome = await dies(topology, {});
    expect(outcome.ranIn).toBe('page');
    expect(outcome.layout.boxes.length).toBeGreaterThan(0);
  });

  it('lays out in the page when the worker never answers', async () => {
    const silent = { postMessage() {}, terminate() {}, onmessage: null, onerror: null };
    const run = createWorkerLayoutRunner(() => silent as unknown as Worker, 50);
    expect((await run(topology, {})).ranIn).toBe('page');
  });

  it('runs in the page directly for tests and jsdom', async () => {
    expect((await runLayoutInPage(topology, {})).ranIn).toBe('page');
  });
});
