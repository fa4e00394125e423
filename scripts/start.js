#!/usr/bin/env node
// `npm start` after `electron-vite build`: open Peerscape in Electron, and when Electron's binary
// cannot be had, say so in Peerscape's words.
//
// The electron package (45) carries no binary: it downloads one from GitHub the first time it
// runs. Offline that download fails, and the package then prints a stack trace and advice to
// reinstall it, which cannot help. This script looks for the binary first (the one
// ELECTRON_OVERRIDE_DIST_PATH points at, else the downloaded one), runs the package's own
// installer when there is none, and on failure prints what happened and the ways on: an Electron
// the user already has, the browser harness (`npm run dev:browser`), a mirror. Exit codes:
// 69 (EX_UNAVAILABLE) the download failed, 78 (EX_CONFIG) ELECTRON_OVERRIDE_DIST_PATH holds no
// Electron; otherwise Electron's own.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** Exit codes of this script besides Electron's own. */
const START_EXIT = { downloadFailed: 69, overrideMissing: 78 };

/** The app folder: the one holding package.json, whose "main" Electron opens. */
const APP_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** The path of Electron's executable inside its folder, as the electron package names it per platform. */
function executableIn(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The electron package the app depends on: its folder and version. */
function electronPackage() {
  const manifest = createRequire(join(APP_ROOT, 'package.json')).resolve('electron/package.json');
  return { dir: dirname(manifest), version: JSON.parse(readFileSync(manifest, 'utf8')).version };
}

/** The binary the electron package downloaded before, when it is there and of its version. */
function downloadedBinary(pkg) {
  try {
    const relative = readFileSync(join(pkg.dir, 'path.txt'), 'utf8');
    const version = readFileSync(join(pkg.dir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '');
    const binary = join(pkg.dir, 'dist', relative);
    return version === pkg.version && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** The one line of an installer's output that says why it failed: its error's message, never a stack frame. */
function failureReason(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^at\s/.test(l));
  const error = lines.map((l) => /^(?:\w*Error|Error)(?: \[[\w-]+\])?: (.+)$/.exec(l)).find(Boolean);
  // eslint-disable-next-line no-control-regex -- an installer's output may hold terminal escapes: they are dropped
  const reason = (error ? error[1] : (lines.at(-1) ?? 'no reason given')).replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  return reason.length > 160 ? `${reason.slice(0, 159)}…` : reason;
}

/** What to print when the download failed: what happened, and each way on. */
function downloadFailedMessage(version, reason, platform = process.platform, arch = process.arch) {
  const exe = executableIn(platform);
  return [
    '',
    `Peerscape cannot open its window: Electron ${version} is not on this machine and downloading it failed (${reason}).`,
    'Electron fetches its binary from GitHub the first time it runs; nothing is wrong with Peerscape or its build.',
    '',
    'Ways on:',
    `  - Use an Electron ${version} you already have: point ELECTRON_OVERRIDE_DIST_PATH at the folder holding its ${exe}, e.g.`,
    `      ELECTRON_OVERRIDE_DIST_PATH=$HOME/electron-v${version}-${platform}-${arch} npm start`,
    '    (the folder of an unpacked electron-v…-<platform>-<arch>.zip from Electron\'s GitHub releases).',
    '  - Use Peerscape in a browser, with no Electron at all: npm run dev:browser, then open the address it',
    '    prints. The same app and Node side run there; only the desktop window is missing.',
    '  - With a mirror of Electron\'s releases, set ELECTRON_MIRROR to it and run npm start again.',
    '',
  ].join('\n');
}

/** What to print when ELECTRON_OVERRIDE_DIST_PATH holds no Electron. */
function overrideMissingMessage(folder, platform = process.platform) {
  const exe = executableIn(platform);
  return [
    '',
    `Peerscape cannot open its window: ELECTRON_OVERRIDE_DIST_PATH is ${folder}, but there is no ${join(folder, exe)}.`,
    `Point it at the folder that holds Electron's ${exe} (an unpacked electron-v…-<platform>-<arch>.zip), or unset it`,
    'to let Electron download its binary; npm run dev:browser runs Peerscape in a browser instead.',
    '',
  ].join('\n');
}

/** Run the installer of the electron package (it downloads and unpacks the binary); its output is kept, not shown. */
function download(pkg) {
  process.stdout.write(`Downloading Electron ${pkg.version} (first start only)…\n`);
  const r = spawnSync(process.execPath, [join(pkg.dir, 'install.js')], {
    cwd: pkg.dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_GET_NO_PROGRESS: '1' },
  });
  if (r.status === 0) return { ok: true };
  return { ok: false, reason: failureReason(`${r.stdout ?? ''}\n${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`) };
}

/** Run Electron on the app folder with `args`, passing signals on and ending with its exit code. */
function runElectron(binary, args) {
  const child = spawn(binary, ['.', ...args], { cwd: APP_ROOT, stdio: 'inherit', windowsHide: false });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    process.stderr.write(`\nPeerscape cannot open its window: ${binary} did not start (${e.message}).\n`);
    process.exit(START_EXIT.overrideMissing);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const args = process.argv.slice(2);
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executableIn(process.platform));
    if (!existsSync(binary)) {
      process.stderr.write(overrideMissingMessage(override));
      process.exit(START_EXIT.overrideMissing);
    }
    return runElectron(binary, args);
  }
  const pkg = electronPackage();
  let binary = downloadedBinary(pkg);
  if (!binary) {
    const got = download(pkg);
    binary = got.ok ? downloadedBinary(pkg) : undefined;
    if (!binary) {
      process.stderr.write(downloadFailedMessage(pkg.version, got.ok ? 'the installer finished but left no binary' : got.reason));
      process.exit(START_EXIT.downloadFailed);
    }
  }
  return runElectron(binary, args);
}

main();
