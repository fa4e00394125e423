/** The layout Web Worker: runs elkjs away from the UI thread so the canvas never freezes. */
import { layoutTopology, prepareLayoutEngine } from '../../../shared/layout/layout-topology';
import type { LayoutReply, LayoutRequest } from './layout-runner';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutReply): void;
}

// The DOM lib types `self` as a Window; in a dedicated worker it is the worker's global scope.
const scope = self as unknown as WorkerScope;

// Start elkjs before installing our handler: its bundled engine claims `self.onmessage` when it
// starts, and would otherwise take over every message after the first layout.
prepareLayoutEngine();
// Tell the page when the engine is ready (a performance mark there; not an answer to a request).
(scope as unknown as { postMessage(m: unknown): void }).postMessage({ ready: true });

scope.onmessage = (event) => {
  const { id, topology, opts } = event.data;
  const started = performance.now();
  layoutTopology(topology, opts).then(
    (layout) => scope.postMessage({ id, ok: true, layout, ms: performance.now() - started }),
    (error: unknown) => scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};
