/** Benchmark of an organisation scan: `npm run bench:organization [-- --accounts N] [--threads N]`,
 * also the organisation section of `npm run bench:discovery`.
 *
 * The sandbox cloud runs in its own process with a generated organisation (default 200 accounts ×
 * 17 regions × 5 VPCs, OUs, a few suspended accounts), 20 ± 10 ms per call and EC2-like token
 * buckets (100 burst, 20/s per account, region and action; STS one bucket per calling account and
 * region, 600 burst, 600/s). The scan reads the roster with the management profile and assumes
 * PeerscapeReadOnly once per account, on DEFAULT_SCAN_THREADS scan threads (`--threads N`; 0 scans on
 * the calling thread), as `peerscape scan --organization` does.
 *
 * The floor no scheduler can beat is the larger of
 * - the longest chain of dependent calls × the mean per-call latency (sign-in, roster: the OU tree
 *   level by level and the ListAccounts pages, AssumeRole, DescribeRegions, then the most pages
 *   of any one describe of a cell), plus what the throttle forces: the fullest bucket's
 *   (calls − burst) / refill (EC2 per account × region × action, STS for the sign-in account);
 * - the client's CPU time ÷ this machine's cores.
 * The sandbox answers on the same cores, which AWS never does: the floor this machine allows is
 * the client's and the sandbox's CPU together ÷ the cores (the "machine floor"), printed beside it.
 * Printed with wall time, client CPU, how long the calling thread could not answer (event-loop
 * delay), peak RSS and the load; ends with one line of JSON. Asserts
 * nothing about time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

import { resolveScenario } from '@peerscape/sandbox-cloud';

import { createCallScheduler } from '../../electron/aws/call-scheduler';
import { runDiscovery } from '../../electron/discovery/run-discovery';
import type { CellCost } from '../../electron/discovery/scan-cell';
import { closeSharedScanPools, DEFAULT_SCAN_THREADS } from '../../electron/discovery/scan-pool';
import type { SessionCost } from '../../electron/organization/scan-account';
import type { Organization } from '../../shared/model/organization';
import { startSandboxProcess } from './sandbox-process';

/** Dependent roster calls: DescribeOrganization, ListRoots, then per OU level its slowest parent's
 * pages (child OUs and accounts are listed side by side), then the ListAccounts pages. */
function rosterChain(org: Organization): number {
  const pages = (n: number) => Math.max(1, Math.ceil(n / 20));
  const parents = new Map<string, string | undefined>(org.units.map((u) => [u.id, u.parentId]));
  const depthOf = (id: string | undefined): number => {
    let d = 0;
    for (let p = id; p && parents.has(p); p = parents.get(p)) d++;
    return d;
  };
  const byLevel = new Map<number, number>();
  const childrenOf = (id: string) => ({ ous: org.units.filter((u) => u.parentId === id).length, accounts: org.accounts.filter((a) => a.parentId === id).length });
  const roots = new Set(org.units.map((u) => u.parentId).filter((p): p is string => !!p && !parents.has(p)));
  for (const id of [...roots, ...org.units.map((u) => u.id)]) {
    const c = childrenOf(id);
    const level = roots.has(id) ? 0 : depthOf(id);
    byLevel.set(level, Math.max(byLevel.get(level) ?? 0, pages(c.ous), pages(c.accounts)));
  }
  const tree = [...byLevel.values()].reduce((a, b) => a + b, 0);
  return 2 + tree + pages(org.accounts.length);
}

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACCOUNTS = arg('--accounts', 200);
const THREADS = arg('--threads', DEFAULT_SCAN_THREADS);
if (!Number.isInteger(THREADS) || THREADS < 0) throw new Error(`--threads takes a whole number of at least 0 (0: scan on the calling thread), got ${process.argv[process.argv.indexOf('--threads') + 1]}`);
const REGIONS = 17;
const VPCS_PER_REGION = arg('--vpcs', 5);
const BURST = 100;
const REFILL_PER_SECOND = 20;
const STS_BURST = 600;
const STS_REFILL_PER_SECOND = 600;
const LATENCY_MS = 10;
const JITTER_MS = 20;
/** Mean latency of one call: what each step of a chain of dependent calls waits at least. */
const CALL_MS = LATENCY_MS + JITTER_MS / 2;

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'peerscape-bench-org-'));
  const scenario = resolveScenario(`generated:accounts=${ACCOUNTS},regions=${REGIONS},vpcs=${VPCS_PER_REGION},seed=7,ous=${Math.round(Math.sqrt(ACCOUNTS))}`);
  const sb = await startSandboxProcess({ ...scenario, settings: { ...scenario.settings, outstandingRequestsPerAccount: 1000 } }, home, [
    ...['--latency', `${LATENCY_MS}ms`, '--jitter', `${JITTER_MS}ms`],
    ...['--throttle-describe', `${BURST}/${REFILL_PER_SECOND}`, '--throttle-sts', `${STS_BURST}/${STS_REFILL_PER_SECOND}`],
  ]);
  const management = sb.profiles[0]?.name ?? '';
  const scheduler = createCallScheduler({});
  const cells: CellCost[] = [];
  const sessions: SessionCost[] = [];
  const env = { AWS_CONFIG_FILE: sb.configFile, AWS_SHARED_CREDENTIALS_FILE: sb.credentialsFile };
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const sandboxCpu0 = sb.cpuMs();
  // How long the calling thread (in the app, Electron's main process) could not answer during the scan.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runDiscovery(
    { organization: { profile: management } },
    { env, homeDir: home, now: () => new Date(), scheduler, limits: { scanThreads: THREADS }, onCellScanned: (c) => cells.push(c), onSessionOpened: (c) => sessions.push(c) },
  );
  const wallMs = performance.now() - t0;
  loopDelay.disable();
  const loopP99Ms = loopDelay.percentile(99) / 1e6;
  const loopMaxMs = loopDelay.max / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const sandboxCpu1 = sb.cpuMs();
  const sandboxCpu = sandboxCpu0 !== undefined && sandboxCpu1 !== undefined ? sandboxCpu1 - sandboxCpu0 : undefined;
  clearInterval(sampler);
  // The kernel's high-water mark too: a peak between two samples counts.
  peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  if (!r.ok) throw new Error(r.error.message);
  const s = r.value;
  // Each account's AssumeRole attempts, on whichever thread opened its session.
  const assumeRoles = sessions.reduce((n, c) => n + c.attempts, 0);
  const throttledAssumeRoles = sessions.reduce((n, c) => n + c.throttled, 0);
  const failed = s.coverage.filter((c) => c.state !== 'complete');
  const regionCells = s.coverage.filter((c) => c.region !== '*').length;
  // The floor: sign-in (two GetCallerIdentity), roster, AssumeRole, DescribeRegions, the deepest describe.
  const cellPages = cells.flatMap((c) => Object.values(c.pages));
  const maxPages = Math.max(0, ...cellPages);
  const chainCalls = 2 + rosterChain(s.organization!) + 1 + 1 + maxPages;
  const chainMs = chainCalls * CALL_MS;
  const ec2ThrottleMs = Math.max(0, ...cellPages.map((n) => (Math.max(0, n - BURST) / REFILL_PER_SECOND) * 1000));
  const stsThrottleMs = (Math.max(0, assumeRoles - throttledAssumeRoles - STS_BURST) / STS_REFILL_PER_SECOND) * 1000;
  const throttleMs = Math.max(ec2ThrottleMs, stsThrottleMs);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const cpuFloorMs = cpuMs / cpus().length;
  const floorMs = Math.max(chainMs + throttleMs, cpuFloorMs);
  const machineFloorMs = sandboxCpu === undefined ? undefined : Math.max(chainMs + throttleMs, (cpuMs + sandboxCpu) / cpus().length);
  const calls = cells.reduce((n, c) => n + c.attempts, 0);
  await closeSharedScanPools();
  await sb.stop();
  rmSync(home, { recursive: true, force: true });
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`Organisation scan: ${s.organization?.accounts.length} accounts (${ACCOUNTS} active) × ${REGIONS} regions × ${VPCS_PER_REGION} VPCs; ${THREADS} scan threads; ${cpus().length} cores, load ${load}`);
  console.log(`Wall:         ${(wallMs / 1000).toFixed(1)} s for ${regionCells} account × region cells (${failed.length} not complete), ${calls} EC2 calls in cells`);
  console.log(`VPCs:         ${s.topology.vpcs.length}`);
  console.log(`AssumeRole:   ${assumeRoles} attempts (${throttledAssumeRoles} throttled)`);
  console.log(`Chain:        ${chainCalls} dependent calls × ${CALL_MS} ms = ${(chainMs / 1000).toFixed(2)} s; throttle forces ${(throttleMs / 1000).toFixed(2)} s`);
  // process.cpuUsage counts every thread of the process, the scan threads' included.
  console.log(`Client CPU:   ${(cpuMs / 1000).toFixed(1)} s (÷ ${cpus().length} cores = ${(cpuFloorMs / 1000).toFixed(1)} s)`);
  // The sandbox answers on the same cores: not part of the floor (AWS does not share the client's CPU), but it competes for them here.
  console.log(`Sandbox CPU:  ${sandboxCpu === undefined ? '?' : `${(sandboxCpu / 1000).toFixed(1)} s`} (same cores)`);
  console.log(`Floor:        ${(floorMs / 1000).toFixed(1)} s; wall / floor ${(wallMs / floorMs).toFixed(2)}× (target ≤ 1.3×)`);
  if (machineFloorMs !== undefined) {
    console.log(`Machine floor: ${(machineFloorMs / 1000).toFixed(1)} s (client + sandbox CPU ÷ ${cpus().length} cores); wall / machine floor ${(wallMs / machineFloorMs).toFixed(2)}×`);
  }
  console.log(`Event loop:   calling thread delayed up to ${loopMaxMs.toFixed(0)} ms (p99 ${loopP99Ms.toFixed(0)} ms)`);
  console.log(`Peak RSS:     ${(peakRss / 1024 / 1024).toFixed(0)} MB (target < 1024 MB)`);
  console.log(
    JSON.stringify({
      bench: 'organization',
      accounts: ACCOUNTS,
      regions: REGIONS,
      vpcsPerRegion: VPCS_PER_REGION,
      threads: THREADS,
      wallMs: Math.round(wallMs),
      floorMs: Math.round(floorMs),
      ratio: Number((wallMs / floorMs).toFixed(2)),
      ...(machineFloorMs !== undefined ? { machineFloorMs: Math.round(machineFloorMs), machineRatio: Number((wallMs / machineFloorMs).toFixed(2)) } : {}),
      chainCalls,
      chainMs: Math.round(chainMs),
      throttleMs: Math.round(throttleMs),
      clientCpuMs: Math.round(cpuMs),
      cpuFloorMs: Math.round(cpuFloorMs),
      ...(sandboxCpu !== undefined ? { sandboxCpuMs: sandboxCpu } : {}),
      cores: cpus().length,
      load: loadavg()[0],
      cells: regionCells,
      failed: failed.length,
      calls,
      vpcs: s.topology.vpcs.length,
      assumeRoles,
      throttledAssumeRoles,
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      loopDelayP99Ms: Math.round(loopP99Ms),
      loopDelayMaxMs: Math.round(loopMaxMs),
    }),
  );
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
