/** Drive a discovery through the API as the UI does: start it, follow its events to the end. */
import { expect } from 'vitest';

import type { MainApi } from '../../electron/api/main-api';
import type { PeerscapeClient } from '../../shared/api/contract';
import type { DiscoveryProgress } from '../../shared/api/events';
import type { Result } from '../../shared/core/result';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Loopback } from './loopback-transport';
import { loopbackMainApi, makeTempHome } from './main-api-fixture';

/** Start a scan and wait for its last progress event and the saved snapshot. */
export async function scanThroughApi(client: PeerscapeClient, request: Parameters<PeerscapeClient['startDiscovery']>[0]) {
  const progress: DiscoveryProgress[] = [];
  let resolveDone!: (p: DiscoveryProgress) => void;
  const done = new Promise<DiscoveryProgress>((r) => (resolveDone = r));
  const stop = client.on('discoveryProgressed', (p) => {
    progress.push(p);
    if (p.finished) resolveDone(p);
  });
  const snapshots: Snapshot[] = [];
  const stopSnapshots = client.on('snapshotUpdated', (s) => snapshots.push(s));
  const started = await client.startDiscovery(request);
  expect(started.ok).toBe(true);
  const last = await done;
  // The API holds the last progress event until the run's snapshot is saved: no wait is needed.
  stop();
  stopSnapshots();
  return { progress, last, snapshots };
}

/** The value of an API answer; a failure throws with its code, message and fix. */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} / ${r.error.fix}`);
  return r.value;
}

/** Scan the sandbox through the API, expect no error, and return the saved snapshot. */
export async function scanSandbox(client: PeerscapeClient): Promise<Snapshot> {
  const { last } = await scanThroughApi(client, { source: 'sandbox' });
  expect(last.error).toBeUndefined();
  return must(await client.getWorkspace({})).snapshot!;
}

/** Wait for the next saved, complete snapshot that satisfies `test` (the app rescans after a run). */
export function nextSnapshot(client: PeerscapeClient, test: (s: Snapshot) => boolean, timeoutMs = 60_000): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error('no matching snapshot arrived'));
    }, timeoutMs);
    const stop = client.on('snapshotUpdated', (s) => {
      if (s.coverage.every((c) => c.state === 'complete') && test(s)) {
        clearTimeout(timer);
        stop();
        resolve(s);
      }
    });
  });
}

/** The main API over loopback in a fresh home, with its sandbox started and scanned. */
export async function openDemoApi(): Promise<{ home: ReturnType<typeof makeTempHome>; loop: Loopback<MainApi>; client: PeerscapeClient; demo: Snapshot }> {
  const home = makeTempHome();
  const loop = loopbackMainApi(home);
  const client = loop.client;
  must(await client.startSandbox({}));
  return { home, loop, client, demo: await scanSandbox(client) };
}
