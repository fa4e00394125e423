/** Runs `layoutTopology` off the UI thread in a Web Worker, or in-thread where workers are missing.
 *
 * The worker gets a slim copy of the topology (the lists the graph's kinds are drawn from,
 * which is what the layout reads), so the structured clone stays small at thousands of VPCs.
 * If the worker cannot start or dies, layouts fall back to the page thread rather than leaving
 * the canvas empty.
 */
import type { DiagramLayout } from '../../../shared/diagram/layout';
import type { LayoutTopologyOptions } from '../../../shared/diagram/layout-topology';
import type { Topology } from '../../../shared/model/topology';
import { EMPTY_TOPOLOGY } from '../../../shared/model/topology';
import { DRAWN_TOPOLOGY_KEYS } from '../kinds';

/** A finished layout and how long it took, measured where it ran. */
export interface LayoutOutcome {
  readonly layout: DiagramLayout;
  /** Time spent in `layoutTopology`. */
  readonly ms: number;
  /** `worker` or `page`: where it ran. */
  readonly ranIn: 'worker' | 'page';
}

/** Lays out a topology; injected into the store so tests run it in-thread. */
export type LayoutRunner = (topology: Topology, opts: LayoutTopologyOptions) => Promise<LayoutOutcome>;

/** A request to the layout worker. */
export interface LayoutRequest {
  readonly id: number;
  readonly topology: Topology;
  readonly opts: LayoutTopologyOptions;
}

/** The layout worker's answer. */
export type LayoutReply =
  | { readonly id: number; readonly ok: true; readonly layout: DiagramLayout; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** Only the lists the graph's kinds are drawn from (what the layout reads), so posting to the worker clones little. */
export function slimTopology(t: Topology): Topology {
  return { ...EMPTY_TOPOLOGY, ...Object.fromEntries(DRAWN_TOPOLOGY_KEYS.map((key) => [key, t[key]])) };
}

/** Layout in the page thread (tests, and the fallback when workers are unavailable). */
export const runLayoutInPage: LayoutRunner = async (topology, opts) => {
  const { layoutTopology } = await import('../../../shared/diagram/layout-topology');
  const started = performance.now();
  const layout = await layoutTopology(topology, opts);
  return { layout, ms: performance.now() - started, ranIn: 'page' };
};

/** A worker that has not answered in this long is taken for dead, and layouts move to the page. */
const WORKER_TIMEOUT_MS = 60_000;

/** A runner backed by one long-lived worker (its elkjs stays warm between layouts).
 * With `eager`, the worker starts now, so loading its script and elkjs overlaps with fetching the
 * workspace instead of delaying the first layout. */
export function createWorkerLayoutRunner(makeWorker: () => Worker, timeoutMs = WORKER_TIMEOUT_MS, opts: { eager?: boolean } = {}): LayoutRunner {
  let worker: Worker | undefined;
  // Set once the worker cannot start (no Worker in jsdom, a CSP refusal) or stops answering.
  let broken = false;
  let nextId = 1;
  const pending = new Map<number, { resolve: (o: LayoutOutcome) => void; reject: (e: Error) => void }>();

  const failAll = (message: string) => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    for (const [, p] of pending) p.reject(new Error(message));
    pending.clear();
  };

  const ensure = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      worker = makeWorker();
    } catch {
      broken = true;
      return undefined;
    }
    worker.onmessage = (event: MessageEvent<LayoutReply>) => {
      const reply = event.data;
      if ((reply as { ready?: boolean } | null)?.ready === true && typeof performance !== 'undefined') performance.mark('peerscape:layout-worker-ready');
      // Only our replies carry a boolean `ok`; anything else is not an answer to a request.
      if (typeof reply !== 'object' || reply === null || typeof reply.ok !== 'boolean') return;
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (reply.ok) p.resolve({ layout: reply.layout, ms: reply.ms, ranIn: 'worker' });
      else p.reject(new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      failAll(`the layout worker stopped: ${event.message || 'it could not start'}`);
    };
    return worker;
  };

  if (opts.eager) ensure();

  return async (topology, layoutOpts) => {
    const w = ensure();
    if (!w) return runLayoutInPage(topology, layoutOpts);
    const id = nextId++;
    try {
      return await new Promise<LayoutOutcome>((resolve, reject) => {
        const timer = setTimeout(() => failAll(`the layout worker did not answer within ${timeoutMs / 1000} s`), timeoutMs);
        pending.set(id, {
          resolve: (o) => {
            clearTimeout(timer);
            resolve(o);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        const request: LayoutRequest = { id, topology: slimTopology(topology), opts: layoutOpts };
        w.postMessage(request);
      });
    } catch (error) {
      if (broken) return runLayoutInPage(topology, layoutOpts);
      throw error;
    }
  };
}
