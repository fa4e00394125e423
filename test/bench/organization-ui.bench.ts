/** Benchmark of the organisation onboarding UI in Chromium: `npm run bench:organization-ui [-- --accounts N --vpcs V]`.
 *
 * The sandbox cloud serves a generated organisation (default 200 accounts × 17 regions, 1 VPC per
 * region, 14 OUs, 20 ± 10 ms per call) from a process of its own (`--sandbox-in-process` puts it
 * in the bench's, where its answers wait for the thread the scan runs on); the browser harness
 * reads its AWS files and scans on DEFAULT_SCAN_THREADS threads, as the app does. The bench opens
 * the built app, Add organization…, reads the roster with the management profile, scans every
 * account × region, and measures while the grid follows the scan:
 * - readMs: the roster read, click to the OU tree drawn;
 * - scanMs: the scan, click to "Last scan";
 * - p95FrameMs / maxFrameMs: requestAnimationFrame intervals in the page during the scan;
 * - longTasks: main-thread tasks over 50 ms during the scan (count and the longest);
 * - gridRows: grid rows in the DOM at the end (OUs collapsed, rows in view only), and after
 *   opening every OU on screen;
 * - nodeLoopDelay: how late the Node side's timers fired during the scan (harness and scan, and
 *   the sandbox when in process): the scan's answer timeouts count such a delay as AWS's silence;
 * - failedCauses: the scan's failed cells by cause, with a few of each in full;
 * - with `--cpu-profile`, the page's heaviest functions during the scan (self time); with
 *   `--screenshot`, a picture of the page once a third of the cells are done.
 * Prints figures and ends with one line of JSON; asserts nothing about time.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';

import { resolveScenario } from '@peerscape/sandbox-cloud';
import { startSandbox } from '@peerscape/sandbox-cloud/testing';

import { DEFAULT_SCAN_THREADS } from '../../electron/discovery/scan-pool';
import { openBrowser } from '../support/browser';
import { startSandboxProcess } from './sandbox-process';
import { startHarness } from '../support/harness';
import { callHarness } from '../ui/graph-helpers';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACCOUNTS = arg('--accounts', 200);
const VPCS = arg('--vpcs', 1);
/** With `--cpu-profile`, the page's JavaScript is sampled during the scan and the heaviest functions printed. */
const CPU_PROFILE = process.argv.includes('--cpu-profile');
/** With `--screenshot`, the page is photographed once a third of the cells are done (test-results/screenshots). */
const SCREENSHOT = process.argv.includes('--screenshot');
/** With `--sandbox-in-process`, the sandbox shares the Node thread with the harness and the scan (as before). */
const IN_PROCESS = process.argv.includes('--sandbox-in-process');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
/** Self time per function of a CDP CPU profile, heaviest first. */
function heaviest(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, top: number): string[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, ms]) => `${Math.round(ms).toString().padStart(7)} ms  ${k}`);
}

const START = `(() => {
  window.__frames = []; window.__long = []; window.__recording = true;
  let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__recording) requestAnimationFrame(tick); };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
})()`;
const STOP = `(() => { window.__recording = false; return { frames: window.__frames, long: window.__long }; })()`;

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const scenario = resolveScenario(`generated:accounts=${ACCOUNTS},regions=17,vpcs=${VPCS},seed=7,ous=${Math.round(Math.sqrt(ACCOUNTS))}`);
  const dir = mkdtempSync(join(tmpdir(), 'peerscape-bench-org-ui-'));
  const cloud = IN_PROCESS
    ? await startSandbox({ scenario, faults: { latencyMs: 20, jitterMs: 10 } })
    : await startSandboxProcess(scenario, dir, ['--latency', '20ms', '--jitter', '10ms']);
  const files = 'writeAwsFiles' in cloud ? await cloud.writeAwsFiles(dir) : cloud;
  const sandboxCpu0 = 'cpuMs' in cloud ? cloud.cpuMs() : undefined;
  // Scan threads as the app and `npm start` use them (the test harness scans on its calling thread).
  const harness = await startHarness(
    { config: readFileSync(files.configFile, 'utf8'), credentials: readFileSync(files.credentialsFile, 'utf8') },
    { discoveryLimits: { scanThreads: DEFAULT_SCAN_THREADS } },
  );
  const session = await openBrowser();
  try {
    const { page } = session;
    await page.goto(harness.url);
    await page.getByRole('tab', { name: 'Discovery' }).click();
    const panel = page.getByTestId('discovery-panel');
    await panel.getByRole('button', { name: 'Add organization…' }).click();
    const dialog = page.getByTestId('add-organization');
    const t0 = performance.now();
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    await dialog.getByTestId('organization-tree').waitFor({ timeout: 300_000 });
    const readMs = performance.now() - t0;
    const scanButton = dialog.getByRole('button', { name: /^Scan \d+ accounts$/ });
    const scanned = Number((await scanButton.textContent())?.match(/\d+/)?.[0]);

    const cdp = CPU_PROFILE ? await session.context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
      await cdp.send('Profiler.start');
    }
    await page.evaluate(START);
    // The Node side's event loop (harness, scan and, unless in its own process, the sandbox): how late its timers fire.
    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    const t1 = performance.now();
    await scanButton.click();
    // The Node side saves the snapshot when the scan ends; the page then has three minutes to catch up.
    const savedFile = join(harness.home, 'data', 'snapshot.json');
    let savedMs: number | undefined;
    let watch: NodeJS.Timeout | undefined;
    const stuck = new Promise<false>((resolve) => {
      watch = setInterval(() => {
        if (savedMs === undefined && existsSync(savedFile)) savedMs = performance.now() - t1;
        if (savedMs !== undefined && performance.now() - t1 - savedMs > 180_000) resolve(false);
      }, 200);
    });
    let shot: string | undefined;
    const photographer = SCREENSHOT
      ? setInterval(() => {
          void panel
            .getByTestId('org-progress-count')
            .textContent({ timeout: 1_000 })
            .then(async (text) => {
              const [done, all] = (/(\d+) of (\d+)/.exec(text ?? '') ?? []).slice(1).map(Number);
              if (shot !== undefined || !done || !all || done < all / 3) return;
              shot = 'pending';
              shot = await session.screenshot('organization-ui-bench-mid-scan');
            })
            .catch((e: unknown) => console.error(`no mid-scan screenshot yet: ${String(e).split('\n')[0]}`));
        }, 1_000)
      : undefined;
    const caughtUp = await Promise.race([panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 1_800_000 }).then(() => true), stuck]);
    clearInterval(watch);
    clearInterval(photographer);
    if (shot) console.log(`mid-scan screenshot: ${shot}`);
    const scanMs = performance.now() - t1;
    loopDelay.disable();
    const sandboxCpu1 = 'cpuMs' in cloud ? cloud.cpuMs() : undefined;
    if (!caughtUp) {
      const heading = await panel.locator('#progress-heading').textContent({ timeout: 30_000 }).catch((e: unknown) => `unreadable: ${String(e)}`);
      throw new Error(`the page did not show the end of the scan 180 s after the Node side saved it (at ${Math.round(savedMs!)} ms); the heading says ${heading}`);
    }
    const { frames, long } = (await page.evaluate(STOP)) as { frames: number[]; long: number[] };
    const drawnDuringScan = (await page.evaluate(`performance.getEntriesByName('peerscape:layout-end').length`)) as number;
    if (cdp) {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Parameters<typeof heaviest>[0] };
      const file = join(mkdtempSync(join(tmpdir(), 'peerscape-bench-profile-')), 'page.cpuprofile');
      writeFileSync(file, JSON.stringify(profile));
      console.log(`page CPU profile: ${file}; self time by function:`);
      for (const line of heaviest(profile, 25)) console.log(line);
    }
    const grid = panel.getByTestId('org-grid');
    const rowsCollapsed = await grid.locator('[role="row"]').count();
    for (let i = 0; i < 100; i++) {
      const closed = grid.locator('button[aria-expanded="false"]').first();
      if ((await closed.count()) === 0) break;
      await closed.click();
    }
    const rowsOpen = await grid.locator('[role="row"]').count();
    const count = await panel.getByTestId('org-progress-count').textContent();
    const ws = await callHarness(harness, 'getWorkspace', {});
    const causes: Record<string, number> = {};
    const failures = (ws.ok ? (ws.value.snapshot?.coverage ?? []) : []).filter((c) => c.state === 'failed');
    for (const c of failures) causes[c.cause ?? c.errorCode ?? 'other'] = (causes[c.cause ?? c.errorCode ?? 'other'] ?? 0) + 1;
    // A few failures in full per cause, so a count is never left unexplained.
    const examples = new Map<string, string[]>();
    for (const c of failures) {
      const key = c.cause ?? c.errorCode ?? 'other';
      const list = examples.get(key) ?? [];
      if (list.length < 3) list.push(`${c.accountId ?? c.profile} ${c.region}: ${c.errorCode ?? '-'}: ${c.message ?? ''}`);
      examples.set(key, list);
    }

    const figures = {
      accounts: ACCOUNTS,
      scannedAccounts: scanned,
      scanThreads: DEFAULT_SCAN_THREADS,
      readMs: Math.round(readMs),
      scanMs: Math.round(scanMs),
      savedMs: Math.round(savedMs ?? NaN),
      layoutsDrawn: drawnDuringScan,
      frames: frames.length,
      p95FrameMs: round(percentile(frames, 95)),
      maxFrameMs: round(Math.max(...frames)),
      longTasks: long.length,
      longestTaskMs: round(Math.max(0, ...long)),
      gridRowsCollapsed: rowsCollapsed,
      gridRowsOpen: rowsOpen,
      nodeLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6),
      nodeLoopDelayMaxMs: round(loopDelay.max / 1e6),
      sandbox: IN_PROCESS ? 'in-process' : 'own-process',
      ...(sandboxCpu0 !== undefined && sandboxCpu1 !== undefined ? { sandboxCpuMs: sandboxCpu1 - sandboxCpu0 } : {}),
      failedCauses: causes,
      load: loadavg().map(round),
    };
    console.log(`grid: ${count}; failed cells by cause: ${JSON.stringify(causes)}`);
    for (const [cause, list] of examples) for (const line of list) console.log(`  ${cause}: ${line}`);
    console.log(`roster read ${figures.readMs} ms; scan of ${scanned} accounts × 17 regions ${figures.scanMs} ms`);
    console.log(`the Node side saved the snapshot after ${figures.savedMs} ms; layouts drawn in the page: ${drawnDuringScan}`);
    console.log(`frames during the scan: ${frames.length}, p95 ${figures.p95FrameMs} ms, max ${figures.maxFrameMs} ms; long tasks ${long.length}, longest ${figures.longestTaskMs} ms`);
    console.log(`Node event loop delay during the scan: p99 ${figures.nodeLoopDelayP99Ms} ms, max ${figures.nodeLoopDelayMaxMs} ms`);
    console.log(`grid rows in the DOM: ${rowsCollapsed} with OUs collapsed, ${rowsOpen} with the OUs on screen opened`);
    console.log(`load average ${figures.load.join(' ')} (2 shared cores)`);
    console.log(JSON.stringify(figures));
  } finally {
    await session.close();
    await harness.close();
    await cloud.stop();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
