/** The built CLI (out/cli/) that tests run as a real `peerscape` process, kept in step with the sources.
 *
 * The unit suite runs before `npm run build` in `npm test`, and a developer edits sources between
 * runs, so vitest's global setup calls `ensureCliBundle()`: it builds the CLI when the bundle is
 * missing or older than any file it was made from (sources.json, written by the build), and
 * otherwise costs a few file stats. A build goes to a folder of its own and then takes the
 * place of out/cli/ by rename, so a test run elsewhere never sees a half-written bundle.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The checkout. */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The bundle folder and its entry, as bin/peerscape.js loads it. */
export const CLI_DIR = join(ROOT, 'out', 'cli');
export const CLI_ENTRY = join(CLI_DIR, 'peerscape.js');
/** The `peerscape` command as package.json's "bin" names it. */
export const CLI_BIN = join(ROOT, 'bin', 'peerscape.js');

/** Why the bundle must be rebuilt, or undefined when it is up to date. */
export function cliBundleStaleReason(dir = CLI_DIR): string | undefined {
  const entry = join(dir, 'peerscape.js');
  const list = join(dir, 'sources.json');
  if (!existsSync(entry) || !existsSync(list)) return `${entry} is not built`;
  const builtAt = statSync(entry).mtimeMs;
  const sources = JSON.parse(readFileSync(list, 'utf8')) as string[];
  for (const file of sources) {
    const path = join(ROOT, file);
    if (!existsSync(path)) return `${file} is gone`;
    if (statSync(path).mtimeMs > builtAt) return `${file} changed`;
  }
  return undefined;
}

/** Build the CLI into out/cli/ unless it is up to date; throws with vite's output when the build fails. */
export function ensureCliBundle(): void {
  const why = cliBundleStaleReason();
  if (!why) return;
  const fresh = `${CLI_DIR}.build-${process.pid}`;
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.ts', '--outDir', fresh], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`building the CLI (${why}) failed:\n${r.stdout}${r.stderr}`);
  }
  const old = `${CLI_DIR}.old-${process.pid}`;
  try {
    renameSync(CLI_DIR, old);
  } catch {
    // No bundle yet, or another run just moved it away.
  }
  try {
    renameSync(fresh, CLI_DIR);
  } catch {
    // Another run put its own fresh build in place first.
    rmSync(fresh, { recursive: true, force: true });
  }
  rmSync(old, { recursive: true, force: true });
}

/** vitest's global setup (vitest.config.ts). */
export function setup(): void {
  ensureCliBundle();
}
