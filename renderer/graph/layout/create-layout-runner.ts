/** The app's layout runner: elkjs in a classic Web Worker built by Vite (see layout.worker.ts).
 *
 * Starting that worker is the longest step before the first graph (1.6 MB of elkjs to load and
 * initialise), so the page's small entry (`renderer/main.tsx`) starts it before loading the app;
 * the runner adopts it then, with anything it already said.
 */
import { createWorkerLayoutRunner } from './layout-runner';
import type { LayoutRunner } from './layout-runner';

interface StartedWorker {
  readonly worker: Worker;
  /** What it said before the runner listened (its ready message, or an error). */
  readonly heard: { readonly kind: 'message' | 'error'; readonly event: Event }[];
}

let started: StartedWorker | undefined;

function newLayoutWorker(): Worker {
  // Vite bundles the worker from this `new URL(…)` pattern.
  return new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'classic', name: 'peerscape-layout' });
}

/** Start the layout worker now, if it is not started yet; what it says is kept for the runner. */
export function startLayoutWorker(): void {
  if (started || typeof Worker === 'undefined') return;
  try {
    const worker = newLayoutWorker();
    const heard: StartedWorker['heard'] = [];
    worker.onmessage = (event) => heard.push({ kind: 'message', event });
    worker.onerror = (event) => heard.push({ kind: 'error', event });
    started = { worker, heard };
  } catch {
    // No worker here (a CSP refusal): the runner tries once more, then lays out in the page.
  }
}

/** The started worker; what it said so far goes to the handlers the runner sets right after. */
function adoptLayoutWorker(): Worker {
  const taken = started;
  if (!taken) return newLayoutWorker();
  started = undefined;
  const { worker, heard } = taken;
  worker.onmessage = null;
  worker.onerror = null;
  // The runner sets its handlers synchronously after this returns; replay to them just after.
  queueMicrotask(() => {
    for (const { kind, event } of heard) {
      if (kind === 'message') worker.onmessage?.call(worker, event as MessageEvent);
      else worker.onerror?.call(worker, event as ErrorEvent);
    }
  });
  return worker;
}

/** Create the worker-backed runner, adopting the worker the entry started. */
export function createAppLayoutRunner(): LayoutRunner {
  return createWorkerLayoutRunner(adoptLayoutWorker, undefined, { eager: true });
}
