/** The app's layout runner: elkjs in a module Web Worker built by Vite. */
import { createWorkerLayoutRunner } from './layout-runner';
import type { LayoutRunner } from './layout-runner';

/** Create the worker-backed runner (Vite bundles the worker from this `new URL(…)` pattern). */
export function createAppLayoutRunner(): LayoutRunner {
  return createWorkerLayoutRunner(() => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'peerscape-layout' }), undefined, { eager: true });
}
