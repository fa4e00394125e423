/** Every CLI command on an install without devDependencies: `npm run check:omit-dev`.
 *
 * Clones the checkout's HEAD into a temporary folder, runs `npm ci --omit=dev` there (this
 * downloads from the npm registry, so it is a script, not part of `npm test`), copies in the
 * built out/ folder (the CLI is built first when stale) and runs every command through
 * bin/peerscape.js: each --help, `scan --sandbox demo`, analyze, explain, export in every format
 * and a bad snapshot. Prints one line per run and ends with one line of JSON; exits 1 when a
 * build tool got installed or a run did not do what it should.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS } from '../../shared/export/export-formats';
import { ensureCliBundle, ROOT } from '../support/cli-bundle';

/** Packages only a build, a test or the window needs: none may be installed. */
const DEV_ONLY = ['tsx', 'vite', 'electron-vite', 'esbuild', 'typescript', 'vitest', 'electron', 'react', '@xyflow/react', 'mermaid'];

const keep = process.argv.includes('--keep');
const tmp = mkdtempSync(join(tmpdir(), 'peerscape-omit-dev-'));
const clone = join(tmp, 'peerscape');
const work = join(tmp, 'work');
const failures: string[] = [];
let runs = 0;

function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

/** Run the clone's `peerscape ARGS` in the work folder; `exits` lists the codes that mean it worked. */
function peerscape(args: readonly string[], exits: readonly number[], output?: string): void {
  runs++;
  const r = spawnSync(process.execPath, [join(clone, 'bin', 'peerscape.js'), ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, PEERSCAPE_DEBUG: '' } });
  const wrote = output === undefined || (existsSync(join(work, output)) && statSync(join(work, output)).size > 0);
  const said = r.status === 0 || exits.includes(r.status ?? -1) ? '' : ` — ${r.stderr.split('\n').filter((l) => l.startsWith('peerscape') || l.startsWith('  ')).join(' ')}`;
  check(exits.includes(r.status ?? -1) && wrote && !/internal error|^\s+at /m.test(r.stderr), `peerscape ${args.join(' ')} → exit ${r.status}${output ? `, ${output}${wrote ? '' : ' missing'}` : ''}${said}`);
}

try {
  ensureCliBundle();
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'package.json', 'package-lock.json', 'bin'], { cwd: ROOT, encoding: 'utf8' }).trim();
  if (dirty) console.log(`note: package.json, package-lock.json or bin/ have uncommitted changes; the clone has HEAD (${commit}) without them`);
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone]);

  const started = Date.now();
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: clone, stdio: 'inherit' });
  const installMs = Date.now() - started;
  const installed = (name: string) => existsSync(join(clone, 'node_modules', name, 'package.json'));
  for (const name of DEV_ONLY) check(!installed(name), `${name} is not installed`);
  const pkg = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  for (const name of Object.keys(pkg.dependencies)) check(installed(name), `${name} is installed`);

  cpSync(join(ROOT, 'out'), join(clone, 'out'), { recursive: true });
  mkdirSync(work);

  peerscape(['--help'], [0]);
  for (const command of ['scan', 'analyze', 'explain', 'export']) peerscape([command, '--help'], [0]);
  peerscape(['scan', '--sandbox', 'demo', '--out', 's.json'], [0], 's.json');
  peerscape(['analyze', '--snapshot', 's.json'], [0]);
  peerscape(['analyze', '--snapshot', 's.json', '--json'], [0]);
  const snapshot = JSON.parse(readFileSync(join(work, 's.json'), 'utf8')) as { topology: { peerings: { id: string; requester: { vpcId: string }; accepter: { vpcId: string }; status: string }[] } };
  const peered = snapshot.topology.peerings.find((p) => p.status === 'active')!;
  // 0 reachable, 1 not, 3 undecided: each is an answer.
  peerscape(['explain', '--snapshot', 's.json', peered.requester.vpcId, peered.accepter.vpcId, '--port', '443'], [0, 1, 3]);
  for (const format of EXPORT_FORMAT_NAMES) {
    // Code formats (tf, sh) write code for the peerings named.
    const chosen = EXPORT_FORMATS[format].code ? ['--peerings', peered.id] : [];
    peerscape(['export', '--snapshot', 's.json', '--format', format, ...chosen, '--out', `diagram.${format}`], [0], format === 'csv' ? undefined : `diagram.${format}`);
  }
  check(readdirSync(work).filter((f) => f.startsWith('diagram.') && f.endsWith('.csv')).length > 1, 'export --format csv wrote one file per table');
  check(readFileSync(join(work, 'diagram.png')).subarray(1, 4).toString() === 'PNG', 'diagram.png is a PNG');
  peerscape(['analyze', '--snapshot', 'missing.json'], [2]);

  console.log(JSON.stringify({ ok: failures.length === 0, commit, installMs, runs, failures }));
} finally {
  if (keep) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = failures.length === 0 ? 0 : 1;
