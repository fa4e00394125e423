/** Benchmark of discovery at organisation scale: `npm run bench:discovery`.
 *
 * The sandbox cloud runs in its own process (like AWS, it does not share this process's CPU)
 * with a generated organisation of 20 accounts × 17 regions × 10 VPCs (peerings, route tables,
 * security groups), 20 ms ± 10 ms per call and EC2's token buckets (100 burst, 20/s per account,
 * region and action). Discovery scans it as `peerscape scan` does (default limits, one scan thread
 * per core but one, up to 4; `--threads N` to change) after a small warm-up, three times; then a share of
 * the accounts one call at a time (global cap 1, no scan threads), extrapolated to the whole
 * organisation by the number of calls (`--full-sequential` runs all of it).
 *
 * Lower bound, from the calls actually made (scheduler counters):
 * - the chain of dependent calls: [GetCallerIdentity ∥ DescribeRegions] → the pages of the
 *   longest-paged describe of any account × region. Each step costs the expected slowest of its
 *   n parallel calls, for latency uniform in [L, L+J]: L + J·n/(n+1), which is what a client
 *   with no CPU cost and no concurrency limit would wait for;
 * - each account × region × action bucket: (calls − burst) / refill seconds after its first call.
 * The larger of the two is the bound. Client CPU time (all threads) and the sandbox's are printed
 * too: the SDK spends milliseconds of CPU per call, which no scheduling removes.
 *
 * Prints figures and ends with one line of JSON; asserts nothing about time.
 *
 * Then the organisation section (`organization.bench.ts`, in a process of its own so its peak RSS
 * is its own): 200 accounts × 17 regions × 5 VPCs through one management sign-in, against the
 * floor no scheduler can beat; it ends with its own JSON line. `--organization-only` runs only
 * that section, `--no-organization` leaves it out, `--accounts N` sizes it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { generateScenario } from '@peerscape/sandbox-cloud';

import { DEFAULT_SCAN_THREADS } from '../../electron/discovery/scan-pool';
import { createCallScheduler, type SchedulerStats } from '../../electron/aws/call-scheduler';
import type { CellCost } from '../../electron/discovery/scan-cell';
import { runDiscovery } from '../../electron/discovery/run-discovery';
import type { Snapshot } from '../../shared/model/snapshot';
import { startSandboxProcess } from './sandbox-process';

const ACCOUNTS = 20;
const REGIONS = 17;
const VPCS_PER_REGION = 10;
const SEED = 7;
const LATENCY_MS = 10;
const JITTER_MS = 20;
const BURST = 100;
const REFILL_PER_SECOND = 20;
const CONCURRENT_RUNS = 3;
const SEQUENTIAL_SHARE_ACCOUNTS = 4;

const fullSequential = process.argv.includes('--full-sequential');
// `--no-sequential` skips the one-at-a-time run (for profiling the concurrent one).
const skipSequential = process.argv.includes('--no-sequential');
// `--threads N`: scan threads (default: as `peerscape scan`).
const threadsArg = process.argv.indexOf('--threads');
const SCAN_THREADS = threadsArg > 0 ? Number(process.argv[threadsArg + 1]) : DEFAULT_SCAN_THREADS;

interface Sandbox {
  readonly endpoint: string;
  readonly env: Record<string, string>;
  readonly home: string;
  readonly profiles: readonly string[];
  /** CPU time the sandbox process has used so far (Linux /proc), or undefined elsewhere. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

/** Start the sandbox CLI in a child process with the generated organisation. */
async function startSandbox(): Promise<Sandbox> {
  const home = mkdtempSync(join(tmpdir(), 'peerscape-bench-discovery-'));
  // The generator's organisation, with AWS's 25-outstanding-requests quota raised: at this size
  // some accounts hold more pending requests than that, and the sandbox enforces the quota while
  // it loads the scenario.
  const scenario = generateScenario({ accounts: ACCOUNTS, regions: REGIONS, vpcsPerRegion: VPCS_PER_REGION, seed: SEED });
  const sb = await startSandboxProcess({ ...scenario, settings: { ...scenario.settings, outstandingRequestsPerAccount: 1000 } }, home, [
    '--latency',
    `${LATENCY_MS}ms`,
    '--jitter',
    `${JITTER_MS}ms`,
    '--throttle-describe',
    `${BURST}/${REFILL_PER_SECOND}`,
  ]);
  return {
    endpoint: sb.endpoint,
    env: { AWS_CONFIG_FILE: sb.configFile, AWS_SHARED_CREDENTIALS_FILE: sb.credentialsFile },
    home,
    profiles: sb.profiles.map((p) => p.name),
    cpuMs: () => sb.cpuMs(),
    async stop() {
      await sb.stop();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

interface Measured {
  readonly wallMs: number;
  readonly cpuMs: number;
  /** CPU the sandbox spent answering, when known. */
  readonly serverCpuMs?: number;
  /** Identity and region listing calls (this thread's scheduler). */
  readonly stats: SchedulerStats;
  /** What every account × region cost, wherever it was scanned. */
  readonly cells: readonly CellCost[];
  readonly snapshot: Snapshot;
}

async function measure(sb: Sandbox, profiles: readonly string[], maxConcurrentCalls?: number): Promise<Measured> {
  // A fresh scheduler per run: its buckets must not carry waits from the previous run.
  const scheduler = createCallScheduler(maxConcurrentCalls ? { maxConcurrentCalls } : {});
  const cells: CellCost[] = [];
  const cpu0 = process.cpuUsage();
  const server0 = sb.cpuMs();
  const t0 = performance.now();
  const r = await runDiscovery(
    { profiles },
    {
      env: sb.env,
      homeDir: sb.home,
      now: () => new Date(),
      scheduler,
      source: 'sandbox:bench',
      // One at a time means one thread too; otherwise the CLI's thread count.
      limits: { scanThreads: maxConcurrentCalls === 1 ? 0 : SCAN_THREADS },
      onCellScanned: (c) => cells.push(c),
    },
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (!r.ok) throw new Error(`discovery refused: ${r.error.message}`);
  const missing = r.value.coverage.filter((c) => c.state !== 'complete');
  if (missing.length > 0) throw new Error(`discovery left ${missing.length} cells unfinished, e.g. ${JSON.stringify(missing[0])}`);
  const server1 = sb.cpuMs();
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    ...(server0 !== undefined && server1 !== undefined ? { serverCpuMs: server1 - server0 } : {}),
    stats: scheduler.stats(),
    cells,
    snapshot: r.value,
  };
}

/** Expected slowest of n latencies uniform in [L, L+J]. */
function expectedMaxLatency(n: number): number {
  return n <= 0 ? 0 : LATENCY_MS + (JITTER_MS * n) / (n + 1);
}

function lowerBound(m: Measured): { chainMs: number; chainCalls: number; throttleMs: number; boundMs: number } {
  let identityCalls = 0;
  for (const [key, b] of m.stats.buckets) if (/\/(GetCallerIdentity|DescribeRegions)$/.test(key)) identityCalls += b.calls;
  // One bucket per cell and action: its pages are sequential, the buckets run side by side.
  const scanBuckets = m.cells.flatMap((c) => Object.values(c.pages));
  // Step 1: identity and region listing of every profile, in parallel.
  let chainMs = expectedMaxLatency(identityCalls);
  // Then page k of every bucket that has at least k pages, one step per page.
  const maxPages = Math.max(0, ...scanBuckets);
  for (let k = 1; k <= maxPages; k++) chainMs += expectedMaxLatency(scanBuckets.filter((n) => n >= k).length);
  const throttleMs =
    Math.max(0, ...scanBuckets.map((n) => (Math.max(0, n - BURST) / REFILL_PER_SECOND) * 1000)) + (maxPages > 0 ? expectedMaxLatency(1) : 0);
  return { chainMs, chainCalls: 1 + maxPages, throttleMs, boundMs: Math.max(chainMs, throttleMs) };
}

/** Every attempt of a run: identity calls on this thread plus every cell's. */
function attemptsOf(m: Measured): number {
  return identityTotal(m, 'attempts') + m.cells.reduce((a, c) => a + c.attempts, 0);
}

function throttledOf(m: Measured): number {
  return identityTotal(m, 'throttled') + m.cells.reduce((a, c) => a + c.throttled, 0);
}

/** Identity and region-listing counters (the cells' own buckets are counted through the cells). */
function identityTotal(m: Measured, field: 'attempts' | 'throttled'): number {
  let n = 0;
  for (const [key, b] of m.stats.buckets) if (/\/(GetCallerIdentity|DescribeRegions)$/.test(key)) n += b[field];
  return n;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

async function main(): Promise<void> {
  console.log(`discovery benchmark: ${ACCOUNTS} accounts × ${REGIONS} regions × ${VPCS_PER_REGION} VPCs, ${LATENCY_MS + JITTER_MS / 2} ms ± ${JITTER_MS / 2} ms per call, EC2 buckets ${BURST}/${REFILL_PER_SECOND} per s`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const t0 = performance.now();
  const sb = await startSandbox();
  console.log(`sandbox (own process) ready in ${fmt(performance.now() - t0)} at ${sb.endpoint}, ${sb.profiles.length} profiles`);
  try {
    // Warm-up: load modules and JIT the SDK paths on a small part of the organisation.
    await measure(sb, sb.profiles.slice(0, 2));

    const runs: Measured[] = [];
    for (let i = 0; i < CONCURRENT_RUNS; i++) {
      runs.push(await measure(sb, sb.profiles));
      const r = runs.at(-1)!;
      console.log(
        `  concurrent run ${i + 1}: ${fmt(r.wallMs)} wall, ${fmt(r.cpuMs)} CPU in this process, ${r.serverCpuMs === undefined ? '?' : fmt(r.serverCpuMs)} in the sandbox, ${attemptsOf(r)} calls, ${throttledOf(r)} throttled`,
      );
    }
    const best = runs.reduce((a, b) => (a.wallMs <= b.wallMs ? a : b));
    const wallMs = median(runs.map((r) => r.wallMs));
    const cpuMs = median(runs.map((r) => r.cpuMs));
    const t = best.snapshot.topology;
    const regionsScanned = best.snapshot.coverage.filter((c) => c.region !== '*').length;
    const lb = lowerBound(best);

    const seqProfiles = fullSequential ? sb.profiles : sb.profiles.slice(0, SEQUENTIAL_SHARE_ACCOUNTS);
    const seq = skipSequential ? best : await measure(sb, seqProfiles, 1);
    const sequentialMs = seq.wallMs * (attemptsOf(best) / attemptsOf(seq));
    const extrapolated = !fullSequential;

    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const ratio = wallMs / lb.boundMs;
    const speedup = sequentialMs / wallMs;
    console.log(`found ${t.accounts.length} accounts, ${regionsScanned} account-regions, ${t.vpcs.length} VPCs, ${t.subnets.length} subnets, ${t.routeTables.length} route tables, ${t.securityGroups.length} security groups, ${t.peerings.length} peerings`);
    console.log(`wall time (median of ${CONCURRENT_RUNS}):  ${fmt(wallMs)}   (best ${fmt(best.wallMs)})`);
    console.log(`lower bound:                 ${fmt(lb.boundMs)}   (chain of ${lb.chainCalls} dependent calls ${fmt(lb.chainMs)}; throttle ${fmt(lb.throttleMs)})`);
    console.log(`ratio wall / lower bound:    ${ratio.toFixed(1)}×   (target ≤ 1.3×)`);
    console.log(`scan threads:                ${SCAN_THREADS}`);
    console.log(`client CPU during the scan:  ${fmt(cpuMs)}   (${(cpuMs / attemptsOf(best)).toFixed(2)} ms per call, all threads; sandbox ${best.serverCpuMs === undefined ? '?' : fmt(best.serverCpuMs)})`);
    // What no scheduling can beat: the client's CPU spread perfectly over its scanning threads.
    const cpuFloorMs = Math.max(lb.boundMs, cpuMs / Math.max(1, SCAN_THREADS));
    console.log(`CPU floor:                   ${fmt(cpuFloorMs)}   (wall / CPU floor ${(wallMs / cpuFloorMs).toFixed(2)}×)`);
    console.log(
      `one call at a time:          ${fmt(sequentialMs)}   (${extrapolated ? `measured ${fmt(seq.wallMs)} for ${attemptsOf(seq)} calls of ${seqProfiles.length} accounts, extrapolated to ${attemptsOf(best)} calls` : 'measured over the whole organisation'})`,
    );
    console.log(`speed-up over one at a time: ${speedup.toFixed(1)}×   (target ≥ 10×)`);
    console.log(`peak RSS of this process:    ${peakRssMb.toFixed(0)} MB`);
    console.log(
      JSON.stringify({
        wallMs: Math.round(wallMs),
        bestWallMs: Math.round(best.wallMs),
        lowerBoundMs: Math.round(lb.boundMs),
        ratio: Number(ratio.toFixed(2)),
        cpuMs: Math.round(cpuMs),
        cpuFloorMs: Math.round(cpuFloorMs),
        sequentialMs: Math.round(sequentialMs),
        sequentialExtrapolated: extrapolated,
        speedup: Number(speedup.toFixed(1)),
        peakRssMb: Math.round(peakRssMb),
        calls: attemptsOf(best),
        throttled: throttledOf(best),
        scanThreads: SCAN_THREADS,
        vpcs: t.vpcs.length,
        peerings: t.peerings.length,
      }),
    );
  } finally {
    await sb.stop();
  }
}

/** The organisation section, in its own process (tsx, as this file runs). */
function organizationSection(): void {
  console.log('\norganisation scan section:');
  // `--accounts N` sizes it; `--threads N` is passed on, so both sections scan on as many threads.
  const extra = ['--accounts', '--threads'].flatMap((name) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? [name, process.argv[i + 1]!] : [];
  });
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'organization.bench.ts'), ...extra], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`the organisation section failed (exit ${r.status ?? r.signal})`);
}

if (!process.argv.includes('--organization-only')) await main();
if (!process.argv.includes('--no-organization')) organizationSection();
