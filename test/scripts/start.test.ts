/** `npm start` after its build step, in a checkout whose Electron has never been downloaded and
 * cannot be: Peerscape's own message (what happened, ELECTRON_OVERRIDE_DIST_PATH, the browser
 * harness) and its exit code, never Electron's stack trace and reinstall advice.
 *
 * The checkout is a copy of this one's package.json and scripts/ with a fresh copy of the electron
 * package (no binary, no path.txt); the other packages are linked. Electron's download goes to a
 * closed port on 127.0.0.1 and its cache is an empty folder, so it fails the same way offline, on a
 * machine with internet, and on one that downloaded Electron before.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const checkout = mkdtempSync(join(tmpdir(), 'peerscape-start-'));
const modules = join(checkout, 'node_modules');
let closedPort = 0;

/** A port nothing listens on: one the system handed out and that was closed again. */
async function freePortThenClosed(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  copyFileSync(join(ROOT, 'package.json'), join(checkout, 'package.json'));
  cpSync(join(ROOT, 'scripts'), join(checkout, 'scripts'), { recursive: true });
  mkdirSync(join(modules, '.bin'), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== 'electron' && entry !== '.bin') symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry), 'dir');
  }
  const electron = join(modules, 'electron');
  mkdirSync(electron);
  for (const file of readdirSync(join(ROOT, 'node_modules', 'electron'))) {
    if (/\.(js|json)$/.test(file)) copyFileSync(join(ROOT, 'node_modules', 'electron', file), join(electron, file));
  }
  symlinkSync('../electron/cli.js', join(modules, '.bin', 'electron'));
  mkdirSync(join(checkout, 'electron-cache'));
  closedPort = await freePortThenClosed();
});
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** What `npm start` runs after `electron-vite build`, as package.json says, run in the copied checkout. */
function startAfterBuild(env: Record<string, string> = {}): Promise<Ran> {
  const start = (JSON.parse(readFileSync(join(checkout, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['start']!;
  const build = 'electron-vite build && ';
  expect(start.startsWith(build), start).toBe(true);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ELECTRON_|electron_|npm_config_electron)/i.test(k)));
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', start.slice(build.length)], {
      cwd: checkout,
      env: {
        ...clean,
        PATH: `${join(modules, '.bin')}${delimiter}${process.env.PATH ?? ''}`,
        ELECTRON_MIRROR: `http://127.0.0.1:${closedPort}/`,
        electron_config_cache: join(checkout, 'electron-cache'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Peerscape's own words, and none of Electron's: no stack frame, no reinstall advice. */
function expectOwnMessage(r: Ran): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/install-electron|delete `node_modules|Error:/);
  expect(r.stderr).toMatch(/^\nPeerscape cannot open its window: /);
}

describe('npm start', () => {
  it('ends with its own message and exit 69 when Electron cannot be downloaded', async () => {
    const r = await startAfterBuild();
    expect(r.stdout).toContain('Downloading Electron 45.4.1 (first start only)…');
    expectOwnMessage(r);
    expect(r.stderr).toContain('Electron 45.4.1 is not on this machine and downloading it failed (fetch failed).');
    expect(r.stderr).toMatch(/ELECTRON_OVERRIDE_DIST_PATH=\S+electron-v45\.4\.1-\w+-\w+ npm start/);
    expect(r.stderr).toContain('npm run dev:browser, then open the address it');
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe("  - With a mirror of Electron's releases, set ELECTRON_MIRROR to it and run npm start again.");
    expect(r.code).toBe(69);
    expect(existsSync(join(modules, 'electron', 'dist'))).toBe(false);
  }, 60_000);

  it('says when ELECTRON_OVERRIDE_DIST_PATH holds no Electron, with exit 78', async () => {
    const empty = join(checkout, 'not-electron');
    mkdirSync(empty, { recursive: true });
    const r = await startAfterBuild({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expectOwnMessage(r);
    expect(r.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH is ${empty}, but there is no ${join(empty, 'electron')}.`);
    expect(r.code).toBe(78);
  });

  it('runs the Electron ELECTRON_OVERRIDE_DIST_PATH points at on the app folder, and ends with its exit code', async () => {
    const dist = join(checkout, 'electron-dist');
    mkdirSync(dist, { recursive: true });
    const mark = join(checkout, 'ran.txt');
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\nprintf '%s|%s' "$PWD" "$*" > '${mark}'\nexit 3\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    const r = await startAfterBuild({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(r.code, r.stderr).toBe(3);
    expect(readFileSync(mark, 'utf8')).toBe(`${checkout}|.`);
  });
});
