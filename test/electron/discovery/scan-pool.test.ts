/** Scanning on worker threads gives the same snapshot as scanning on the calling thread, and cancels. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { threadId } from 'node:worker_threads';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runDiscovery, type DiscoveryDeps } from '../../../electron/discovery/run-discovery';
import { closeSharedScanPools, createScanPool } from '../../../electron/discovery/scan-pool';
import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import type { Snapshot } from '../../../shared/model/snapshot';

describe('scan threads', () => {
  let server: SandboxServer;
  let deps: Omit<DiscoveryDeps, 'limits'>;

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'demo', log: () => undefined });
    const home = mkdtempSync(join(tmpdir(), 'peerscape-pool-'));
    const files = await server.writeAwsFiles(join(home, '.aws'));
    deps = {
      env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
      homeDir: home,
      now: () => new Date('2026-11-23T12:00:00Z'),
    };
  });

  afterAll(async () => {
    await closeSharedScanPools();
    await server.close();
  });

  async function scan(extra: Partial<DiscoveryDeps>): Promise<Snapshot> {
    const r = await runDiscovery({ regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] }, { ...deps, ...extra });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it('finds exactly what the calling thread finds, and reports each cell’s cost', async () => {
    const here = await scan({ limits: { scanThreads: 0 } });
    const cells: string[] = [];
    const threads = new Set<number>();
    const threaded = await scan({
      limits: { scanThreads: 2 },
      onCellScanned: (c) => {
        cells.push(`${c.accountId}/${c.region}:${c.pages.DescribeVpcs}`);
        threads.add(c.threadId);
      },
    });
    expect(threaded).toEqual(here);
    // Really on the workers, not on this thread after a fallback.
    expect(threads.has(threadId)).toBe(false);
    expect(threads.size).toBe(2);
    expect(threaded.coverage.every((c) => c.state === 'complete')).toBe(true);
    expect(cells).toHaveLength(4 * 3);
    expect(cells.every((c) => c.endsWith(':1'))).toBe(true);
  }, 60_000);

  it('cancels cells running on the threads', async () => {
    server.setFaults({ latencyMs: 400 });
    try {
      const controller = new AbortController();
      const s = scan({
        limits: { scanThreads: 2, progressIntervalMs: 0 },
        signal: controller.signal,
        onProgress: (p) => {
          if (p.cells.some((c) => c.region !== '*' && c.state === 'running')) controller.abort(new Error('user cancelled'));
        },
      });
      const snapshot = await s;
      expect(snapshot.coverage.filter((c) => c.region !== '*').every((c) => c.state === 'cancelled')).toBe(true);
    } finally {
      server.setFaults({});
    }
  }, 60_000);

  it('scans on the calling thread when the threads cannot start', async () => {
    const broken = createScanPool(1, { url: new URL('file:///nonexistent/scan-worker.js'), kind: 'js' });
    const run = broken.startRun('r', { env: deps.env, homeDir: deps.homeDir, limits: {}, pageSizes: {} });
    const outcome = await run.scan({ profile: 'sandbox-prod', accountId: '444455556666', region: 'us-east-1' });
    expect(outcome).toMatchObject({ ok: false, failure: { errorCode: 'ScanThreadFailed' } });
    run.end();
    await broken.close();
    const where = new Set<number>();
    const s = await scan({
      limits: { scanThreads: 1 },
      scanWorkerEntry: { url: new URL('file:///nonexistent/scan-worker.js'), kind: 'js' },
      onCellScanned: (c) => where.add(c.threadId),
    });
    expect(s.coverage.every((c) => c.state === 'complete')).toBe(true);
    expect([...where]).toEqual([threadId]);
    expect(s.topology.vpcs.length).toBeGreaterThan(0);
  });
});
