/** The layout Web Worker: runs elkjs away from the UI thread so the canvas never freezes.
 *
 * A classic worker that loads elkjs's bundled build unchanged, as the classic script it is
 * (`importScripts`), beside this small bundle. Starting elkjs is the longest step before the
 * first graph; on this project's 2-core machine, in Chromium, the same elkjs took ~0.9 s to
 * load and start this way against ~1.25 s in a module worker or re-wrapped by the bundler's
 * CommonJS interop (measured alone, with no page work beside it).
 */
import elkUrl from 'elkjs/lib/elk.bundled.js?url';

import type { LayoutEngine } from '../../../shared/diagram/pack-topology';
import { packTopology } from '../../../shared/diagram/pack-topology';
import type { LayoutReply, LayoutRequest } from './layout-runner';

interface WorkerScope {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutReply | { ready: true }): void;
  importScripts(...urls: string[]): void;
  /** Set by elk.bundled.js (a UMD build) when it runs as a classic script. */
  ELK?: new () => LayoutEngine;
}

// The DOM lib types `self` as a Window; in a dedicated worker it is the worker's global scope.
const scope = self as unknown as WorkerScope;

scope.importScripts(elkUrl);
if (!scope.ELK) throw new Error(`elkjs did not load from ${elkUrl}.`);
// Start elkjs before installing our handler: its bundled engine claims `self.onmessage` when it
// starts (the `typeof document` check at the end of its worker code), and would otherwise take
// over every message after the first layout.
const elk = new scope.ELK();
// Tell the page when the engine is ready (a performance mark there; not an answer to a request).
scope.postMessage({ ready: true });

scope.onmessage = (event) => {
  const { id, topology, opts } = event.data;
  const started = performance.now();
  packTopology(elk, topology, opts).then(
    (layout) => scope.postMessage({ id, ok: true, layout, ms: performance.now() - started }),
    (error: unknown) => scope.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
  );
};
