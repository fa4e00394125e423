/** Organisation scans on scan threads: the same snapshot and coverage (causes and fixes included)
 * as on the calling thread, every account's cells really scanned off it, cancellation, and a
 * thread that dies in the middle of an account. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveScenario, type ScenarioInput } from '@peerscape/sandbox-cloud';
import { startSandbox, type SandboxHandle } from '@peerscape/sandbox-cloud/testing';
import type { Snapshot } from '../../../shared/model/snapshot';
import { runDiscovery, type DiscoveryDeps } from '../../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../../electron/discovery/scan-pool';

/** A generated organisation with trouble: one account lacks PeerscapeReadOnly, one has STS off in
 * the sign-in's region, an SCP denies one a region and one's role may not list VPCs in a region. */
function troubledOrganization(): { scenario: ScenarioInput; ids: string[] } {
  const base = resolveScenario('generated:accounts=7,regions=2,vpcs=1,ous=3,suspended=1,seed=5') as unknown as ScenarioInput;
  const ids = base.accounts.map((a) => a.id);
  const scenario = {
    ...base,
    accounts: base.accounts.map((a) => {
      if (a.id === ids[2]) return { ...a, roles: (a.roles ?? []).filter((r) => r.name !== 'PeerscapeReadOnly') };
      if (a.id === ids[3]) return { ...a, stsDisabledRegions: ['us-east-1'] };
      return a;
    }),
    denyActions: [
      { action: '*', kind: 'scp', account: ids[4], region: 'us-east-2' },
      { action: 'ec2:DescribeVpcs', kind: 'identity', account: ids[5], region: 'us-east-1' },
    ],
  } as ScenarioInput;
  return { scenario, ids };
}

/** The snapshot without what differs between any two runs (its id and when it was taken). */
function comparable(s: Snapshot) {
  const { takenAt: _takenAt, runId: _runId, ...rest } = s as Snapshot & { runId?: string };
  return { ...rest, coverage: [...s.coverage].sort((x, y) => `${x.profile}/${x.region}`.localeCompare(`${y.profile}/${y.region}`)) };
}

describe('an organisation scan on scan threads', () => {
  let sb: SandboxHandle;
  let deps: Omit<DiscoveryDeps, 'limits'>;
  let ids: string[];
  let management: string;

  beforeAll(async () => {
    const org = troubledOrganization();
    ids = org.ids;
    sb = await startSandbox({ scenario: org.scenario });
    management = sb.accounts[0]!.profile;
    const home = mkdtempSync(join(tmpdir(), 'peerscape-org-threads-'));
    const files = await sb.writeAwsFiles(join(home, '.aws'));
    deps = { env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, homeDir: home, now: () => new Date('2026-12-07T12:00:00Z') };
  });
  afterAll(async () => {
    await closeSharedScanPools();
    await sb?.stop();
  });

  const scan = async (scanThreads: number, extra: Partial<DiscoveryDeps> = {}, regions?: string[]) => {
    const cellThreads = new Set<number>();
    const sessionThreads = new Set<number>();
    const r = await runDiscovery(
      { organization: { profile: management, ...(regions ? { regions } : {}) } },
      {
        ...deps,
        limits: { scanThreads },
        onCellScanned: (c) => cellThreads.add(c.threadId),
        onSessionOpened: (c) => sessionThreads.add(c.threadId),
        ...extra,
      },
    );
    if (!r.ok) throw new Error(r.error.message);
    return { snapshot: r.value, cellThreads, sessionThreads };
  };

  it('finds what the calling thread finds, failures named alike, with every account scanned off the calling thread', async () => {
    const here = await scan(0);
    expect([...here.cellThreads]).toEqual([threadId]);
    const causes = Object.fromEntries(here.snapshot.coverage.filter((c) => c.state === 'failed').map((c) => [`${c.accountId}/${c.region}`, c.cause]));
    expect(causes).toMatchObject({
      [`${ids[2]}/*`]: 'role-missing',
      [`${ids[3]}/*`]: 'sts-region-disabled',
      [`${ids[4]}/us-east-2`]: 'scp-denied',
      [`${ids[5]}/us-east-1`]: 'identity-denied',
    });
    expect(here.snapshot.topology.vpcs.length).toBeGreaterThan(0);
    for (const threads of [1, 2]) {
      const threaded = await scan(threads);
      expect(comparable(threaded.snapshot)).toEqual(comparable(here.snapshot));
      // Really on the threads (no fallback to this one), each account's session opened there too.
      expect(threaded.cellThreads.has(threadId)).toBe(false);
      expect(threaded.cellThreads.size).toBe(threads);
      expect(threaded.sessionThreads.has(threadId)).toBe(false);
    }
  }, 120_000);

  it('cancels accounts in flight on the threads: unfinished cells end cancelled', async () => {
    sb.server.setFaults({ latencyMs: 300 });
    try {
      const controller = new AbortController();
      const { snapshot } = await scan(
        2,
        {
          // A cap of 32 calls keeps two accounts in flight: the others are still queued when it is cancelled.
          limits: { scanThreads: 2, maxConcurrentCalls: 32 },
          signal: controller.signal,
          onProgress: (p) => {
            if (p.cells.some((c) => c.region !== '*' && c.state === 'running')) controller.abort(new Error('user cancelled'));
          },
        },
        ['us-east-1', 'us-east-2'],
      );
      const regionCells = snapshot.coverage.filter((c) => c.region !== '*');
      expect(regionCells.some((c) => c.state === 'cancelled')).toBe(true);
      expect(regionCells.every((c) => c.state === 'cancelled' || c.state === 'failed' || c.state === 'complete')).toBe(true);
      expect(snapshot.coverage.filter((c) => c.region === '*' && c.state === 'cancelled').length).toBeGreaterThan(0);
    } finally {
      sb.server.setFaults({});
    }
  }, 60_000);

  it("fails an account's cells, saying so, when its thread dies in the middle of it", async () => {
    await closeSharedScanPools();
    const dying = { url: new URL('../../support/fixtures/dying-scan-worker.mjs', import.meta.url), kind: 'js' as const };
    try {
      const { snapshot } = await scan(1, { scanWorkerEntry: dying }, ['us-east-1']);
      const identityRows = snapshot.coverage.filter((c) => c.region === '*');
      expect(identityRows.length).toBe(ids.length);
      for (const c of identityRows) {
        expect(c).toMatchObject({ state: 'failed', errorCode: 'ScanThreadFailed' });
        expect(c.message).toMatch(/The scan of account \d{12} \(.+\) stopped: the scan thread stopped \(exit code 3\)\. Scan again/);
      }
    } finally {
      await closeSharedScanPools();
    }
  }, 60_000);

  it('scans on the calling thread when the threads cannot start', async () => {
    const { snapshot, cellThreads } = await scan(1, { scanWorkerEntry: { url: new URL('file:///nonexistent/scan-worker.js'), kind: 'js' } }, ['us-east-1']);
    expect(snapshot.coverage.filter((c) => c.state === 'complete').length).toBeGreaterThan(0);
    expect(snapshot.coverage.some((c) => c.errorCode === 'ScanThreadFailed')).toBe(false);
    expect([...cellThreads]).toEqual([threadId]);
    // Each account's row says where it was scanned instead, and why.
    const accountRows = snapshot.coverage.filter((c) => c.region === '*' && c.state === 'complete');
    expect(accountRows.length).toBeGreaterThan(0);
    for (const row of accountRows) expect(row.message).toMatch(/^The scan threads could not take this account \(.+\): it was scanned on the main thread\.$/);
  }, 60_000);
});
