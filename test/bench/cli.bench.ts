/** Benchmark of the CLI's start-up: `npm run bench:cli`.
 *
 * Times, as real processes, a bare `node -e 0` (what any Node program pays) against
 * `peerscape --help` and `peerscape scan --help` through bin/peerscape.js and the built bundle
 * (built first when stale). The three run in turn, round after round, so a busy machine slows
 * them alike; after warm-up rounds it prints the median, fastest and slowest of each and their
 * ratio to node, and ends with one line of JSON; asserts nothing about time.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

import { CLI_BIN, ensureCliBundle, ROOT } from '../support/cli-bundle';

const ROUNDS = 15;
const WARMUP_ROUNDS = 2;

interface Case {
  readonly label: string;
  readonly args: readonly string[];
  /** What stdout must hold, so an error is never timed as a start-up. */
  readonly expect: string;
}

const CASES: readonly Case[] = [
  { label: 'node -e 0', args: ['-e', '0'], expect: '' },
  { label: 'peerscape --help', args: [CLI_BIN, '--help'], expect: 'Usage: peerscape <command>' },
  { label: 'peerscape scan --help', args: [CLI_BIN, 'scan', '--help'], expect: 'Usage: peerscape scan' },
];

/** Wall time of one run of `node ARGS`, in milliseconds. */
function time(c: Case): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd: ROOT, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 || !r.stdout.includes(c.expect)) throw new Error(`${c.label} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;

ensureCliBundle();
const samples = CASES.map(() => [] as number[]);
for (let r = 0; r < WARMUP_ROUNDS + ROUNDS; r++) {
  CASES.forEach((c, i) => {
    const ms = time(c);
    if (r >= WARMUP_ROUNDS) samples[i]!.push(ms);
  });
}

const [nodeMs, helpMs, scanHelpMs] = samples.map(median) as [number, number, number];
console.log(`CLI start-up, ${ROUNDS} runs each after ${WARMUP_ROUNDS} warm-up rounds (node ${process.version}, load ${loadavg()[0]!.toFixed(2)}):`);
CASES.forEach((c, i) => {
  const xs = samples[i]!;
  const m = median(xs);
  console.log(
    `  ${c.label.padEnd(24)} median ${m.toFixed(0).padStart(5)} ms  (fastest ${Math.min(...xs).toFixed(0)}, slowest ${Math.max(...xs).toFixed(0)})` +
      (i > 0 ? `  ${(m / nodeMs).toFixed(2)}× node` : ''),
  );
});

console.log(
  JSON.stringify({
    nodeMs: round(nodeMs),
    helpMs: round(helpMs),
    scanHelpMs: round(scanHelpMs),
    helpRatio: Math.round((helpMs / nodeMs) * 100) / 100,
    scanHelpRatio: Math.round((scanHelpMs / nodeMs) * 100) / 100,
    runs: ROUNDS,
    loadAverage1m: round(loadavg()[0]!),
  }),
);
