/** Benchmark of how soon a change shows after Delete: `npm run bench:update`.
 *
 * The main API over the loopback transport, with AWS profiles on the sandbox demo (4 accounts,
 * every enabled region, 20 ms ± 20 ms per call). Each round creates a peering between two VPCs
 * of one region and deletes it with its routes, and times the delete: until the API answers,
 * until the pushed snapshot shows the peering deleted (drawn, marked updating), and until the
 * rescan of the touched slices is merged (the mark goes). Then one full rescan of every region,
 * which is what a change waited for before scoped rescans. Prints medians and ends with one line
 * of JSON; asserts nothing about time.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';

import type { PeerscapeClient } from '../../shared/api/contract';
import type { WorkspaceUpdates } from '../../shared/api/dto';
import type { Result } from '../../shared/core/result';
import type { Topology, Vpc } from '../../shared/model/topology';
import { validatePeering } from '../../shared/analysis/validate-peering';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';
import { startSandbox } from '../support/start-sandbox';

const ROUNDS = 5;
const LATENCY_MS = 20;
const JITTER_MS = 20;

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} / ${r.error.fix}`);
  return r.value;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Milliseconds of a full scan started through the API, until its snapshot is saved. */
async function fullScan(client: PeerscapeClient): Promise<number> {
  const start = performance.now();
  const done = new Promise<void>((resolve) => {
    const off = client.on('discoveryProgressed', (p) => {
      if (!p.finished) return;
      off();
      resolve();
    });
  });
  must(await client.startDiscovery({ source: 'aws' }));
  await done;
  return performance.now() - start;
}

/** Two VPCs of one account and region, with subnets, that AWS would peer without warnings. */
function samePlacePair(t: Topology): [Vpc, Vpc] {
  const withSubnets = new Set(t.subnets.map((s) => s.vpcId));
  const vpcs = t.vpcs.filter((v) => withSubnets.has(v.id));
  for (const a of vpcs) {
    for (const b of vpcs) {
      if (a.id === b.id || a.accountId !== b.accountId || a.region !== b.region) continue;
      const verdict = validatePeering(t, a.id, b.id);
      if (verdict.ok && verdict.warnings.length === 0) return [a, b];
    }
  }
  throw new Error('the demo has no peerable pair in one account and region');
}

/** Run `act` and time it: until it answers, until a pushed snapshot passes `shows`, until the run's rescan is merged. */
async function timed(client: PeerscapeClient, act: () => Promise<{ runId: string }>, shows: (t: Topology) => boolean) {
  const start = performance.now();
  let shownMs: number | undefined;
  let confirmedMs: number | undefined;
  const run: { id?: string } = {};
  let slices = 0;
  let resolveConfirmed!: () => void;
  const confirmed = new Promise<void>((resolve) => (resolveConfirmed = resolve));
  const offSnapshot = client.on('snapshotUpdated', (s) => {
    if (shownMs === undefined && shows(s.topology)) shownMs = performance.now() - start;
  });
  let last: WorkspaceUpdates | undefined;
  const check = () => {
    if (run.id && last?.lastConfirmed?.runId === run.id && !last.pending.some((p) => p.runId === run.id)) {
      confirmedMs ??= performance.now() - start;
      slices = last.lastConfirmed.scanned.length;
      resolveConfirmed();
    }
  };
  const offUpdates = client.on('updatesChanged', (u) => {
    last = u;
    check();
  });
  run.id = (await act()).runId;
  check();
  const answeredMs = performance.now() - start;
  await confirmed;
  offSnapshot();
  offUpdates();
  return { answeredMs, shownMs: shownMs ?? NaN, confirmedMs: confirmedMs!, slices };
}

const sandbox = await startSandbox({ scenario: 'demo', faults: { latencyMs: LATENCY_MS, jitterMs: JITTER_MS, seed: 1 } });
const home = makeTempHome();
const files = await sandbox.writeAwsFiles(join(home.home, 'aws'));
const loop = loopbackMainApi({ home: home.home, env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile } });
const client = loop.client;
try {
  const firstScanMs = await fullScan(client);
  const demo = must(await client.getWorkspace({})).snapshot!;
  const cells = demo.coverage.filter((c) => c.region !== '*').length;
  const [requester, accepter] = samePlacePair(demo.topology);
  const deletes: Awaited<ReturnType<typeof timed>>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const plan = must(await client.planPeering({ requesterVpcId: requester.id, accepterVpcId: accepter.id, name: `bench-${round}` }));
    let peeringId = '';
    await timed(
      client,
      async () => {
        const run = must(await client.runPlan({ planId: plan.id }));
        peeringId = run.peeringId!;
        return run;
      },
      () => true,
    );
    deletes.push(
      await timed(
        client,
        async () => must(await client.deletePeering({ peeringId: peeringId as `pcx-${string}`, cleanup: true })).run,
        (t) => t.peerings.some((p) => p.id === peeringId && p.status === 'deleted'),
      ),
    );
  }
  const rescanMs = await fullScan(client);
  const med = (k: 'answeredMs' | 'shownMs' | 'confirmedMs') => Math.round(median(deletes.map((d) => d[k])));
  console.log(`Delete with cleanup on the sandbox demo (${cells} account × region cells, ${LATENCY_MS} ms ± ${JITTER_MS} ms per call, load ${loadavg()[0]!.toFixed(2)}), median of ${ROUNDS}:`);
  console.log(`  API answered            ${med('answeredMs')} ms`);
  console.log(`  shown (marked updating) ${med('shownMs')} ms`);
  console.log(`  confirmed by rescan     ${med('confirmedMs')} ms (${deletes[0]!.slices} slice(s) rescanned)`);
  console.log(`  a full rescan instead   ${Math.round(rescanMs)} ms (first scan ${Math.round(firstScanMs)} ms)`);
  console.log(
    JSON.stringify({
      bench: 'update',
      cells,
      rounds: ROUNDS,
      answeredMs: med('answeredMs'),
      shownMs: med('shownMs'),
      confirmedMs: med('confirmedMs'),
      slicesRescanned: deletes[0]!.slices,
      fullRescanMs: Math.round(rescanMs),
    }),
  );
} finally {
  await loop.api.dispose();
  await sandbox.stop();
}
