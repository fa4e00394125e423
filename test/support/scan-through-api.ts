/** Drive a discovery through the API as the UI does: start it, follow its events to the end. */
import { expect } from 'vitest';

import type { PeerscapeClient } from '../../shared/api/contract';
import type { DiscoveryProgress } from '../../shared/api/events';
import type { Snapshot } from '../../shared/model/snapshot';

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
