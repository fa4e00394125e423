/** Benchmark of an organisation scan: `npm run bench:organization [-- --accounts N]`.
 *
 * The sandbox cloud runs in its own process with a generated organisation (default 200 accounts ×
 * 17 regions × 5 VPCs, OUs, a few suspended accounts), 20 ± 10 ms per call and EC2-like token
 * buckets (100 burst, 20/s per account, region and action; the sandbox applies the same bucket
 * to STS per calling account). The scan reads the roster with the management profile and assumes
 * PeerscapeReadOnly in every account × region, as `peerscape scan --organization` does.
 *
 * Printed: wall time, calls by action (the sandbox's counters), the AssumeRole throttle floor
 * ((AssumeRole calls − burst) / refill: every session comes from the one sign-in account), the
 * client's CPU time and peak RSS; ends with one line of JSON. Asserts nothing about time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { resolveScenario } from '@peerscape/sandbox-cloud';

import { createCallScheduler } from '../../electron/aws/call-scheduler';
import { runDiscovery } from '../../electron/discovery/run-discovery';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACCOUNTS = arg('--accounts', 200);
const REGIONS = 17;
const VPCS_PER_REGION = arg('--vpcs', 5);
const BURST = 100;
const REFILL_PER_SECOND = 20;

async function main(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'peerscape-bench-org-'));
  const scenario = resolveScenario(`generated:accounts=${ACCOUNTS},regions=${REGIONS},vpcs=${VPCS_PER_REGION},seed=7,ous=${Math.round(Math.sqrt(ACCOUNTS))}`);
  const scenarioFile = join(home, 'scenario.json');
  writeFileSync(scenarioFile, JSON.stringify({ ...scenario, settings: { ...scenario.settings, outstandingRequestsPerAccount: 1000 } }));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(import.meta.dirname, '..', '..', 'packages', 'sandbox-cloud', 'bin', 'peerscape-sandbox.js'),
      ...['--scenario', scenarioFile, '--latency', '10ms', '--jitter', '20ms', '--throttle-describe', `${BURST}/${REFILL_PER_SECOND}`, '--port', '0', '--out', join(home, '.aws')],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const text = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start within 300 s: ${err}`)), 300_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('Ctrl-C stops the sandbox.')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}: ${err}`)));
  });
  const field = (name: string) => new RegExp(`^${name}:\\s+(.+)$`, 'm').exec(text)?.[1]?.trim() ?? '';
  const [, management = '', managementId = ''] = /([A-Za-z0-9._-]+) \((\d{12})/.exec(field('Profiles')) ?? [];
  const scheduler = createCallScheduler({});
  const env = { AWS_CONFIG_FILE: field('AWS config'), AWS_SHARED_CREDENTIALS_FILE: field('AWS credentials') };
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await runDiscovery({ organization: { profile: management } }, { env, homeDir: home, now: () => new Date(), scheduler });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (!r.ok) throw new Error(r.error.message);
  const s = r.value;
  // The scheduler's STS buckets: one per sign-in account and region.
  const regionsSeen = [...new Set(s.coverage.map((c) => c.region))];
  const buckets = regionsSeen.map((region) => scheduler.bucket(`sts/${managementId}/${region}/AssumeRole`));
  const assumeRoles = buckets.reduce((n, b) => n + (b?.attempts ?? 0), 0);
  const throttledAssumeRoles = buckets.reduce((n, b) => n + (b?.throttled ?? 0), 0);
  const stsFloorMs = (Math.max(0, assumeRoles - throttledAssumeRoles - BURST) / REFILL_PER_SECOND) * 1000;
  const failed = s.coverage.filter((c) => c.state !== 'complete');
  const regionCells = s.coverage.filter((c) => c.region !== '*').length;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill('SIGINT');
  await exited;
  rmSync(home, { recursive: true, force: true });
  console.log(`Organisation: ${s.organization?.accounts.length} accounts (${ACCOUNTS} active) × ${REGIONS} regions × ${VPCS_PER_REGION} VPCs; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}`);
  console.log(`Wall:        ${(wallMs / 1000).toFixed(1)} s for ${regionCells} account × region cells (${failed.length} not complete)`);
  console.log(`VPCs:        ${s.topology.vpcs.length}`);
  console.log(`AssumeRole:  ${assumeRoles} attempts (${throttledAssumeRoles} throttled); STS throttle floor ${(stsFloorMs / 1000).toFixed(1)} s`);
  console.log(`Client CPU:  ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
  console.log(`Peak RSS:    ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  console.log(JSON.stringify({ bench: 'organization', accounts: ACCOUNTS, regions: REGIONS, vpcsPerRegion: VPCS_PER_REGION, wallMs: Math.round(wallMs), cells: regionCells, failed: failed.length, vpcs: s.topology.vpcs.length, assumeRoles, throttledAssumeRoles, stsFloorMs: Math.round(stsFloorMs), clientCpuMs: Math.round((cpu.user + cpu.system) / 1000), peakRssMb: Math.round(peakRss / 1024 / 1024) }));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
