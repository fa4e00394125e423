/**
 * What `npm run build` writes for the `peerscape` CLI (the e2e run builds first): plain
 * JavaScript in out/cli/ that finds its scan worker beside it, and, with the app's bundles, the
 * proof that package.json's "dependencies" are exactly the packages the built code imports.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { parseSnapshot } from '../../shared/model/snapshot-schema';

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'out');
const CLI = join(OUT, 'cli');
const tmp = mkdtempSync(join(tmpdir(), 'peerscape-cli-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every JavaScript file under `dir`. */
function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? scripts(join(dir, e.name)) : /\.[cm]?js$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** The module specifiers `code` imports: static, dynamic with a literal, re-exported or required. */
function specifiers(code: string): string[] {
  const patterns = [/^(?:import|export)\s[^;]*?\bfrom\s*"([^"]+)"/gm, /^import\s*"([^"]+)"/gm, /\bimport\(\s*"([^"]+)"\s*\)/g, /\brequire\(\s*"([^"]+)"\s*\)/g];
  return patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[1]!));
}

/** The package a bare specifier names (`@scope/name/…` or `name/…`), or undefined for a file or a Node built-in. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a `peerscape` whose bin is `bin`, in `cwd`, with `env` added to this process's. */
function run(bin: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the built CLI', () => {
  it('is ES modules in one flat folder that import each other, Node built-ins and packages, never TypeScript or tsx', () => {
    const files = readdirSync(CLI);
    expect(files).toEqual(expect.arrayContaining(['peerscape.js', 'scan-worker.js']));
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(CLI, file), 'utf8');
      for (const spec of specifiers(code)) {
        expect(spec, file).not.toMatch(/\.tsx?$|^tsx(\/|$)/);
        // A chunk in a subfolder would look for scan-worker.js in that subfolder.
        if (spec.startsWith('.')) expect(existsSync(join(CLI, spec)) && !spec.slice(2).includes('/'), `${file} imports ${spec}`).toBe(true);
      }
    }
    // Each command is a chunk of its own, loaded when it runs: the entry holds the table.
    const entry = readFileSync(join(CLI, 'peerscape.js'), 'utf8');
    for (const command of ['analyze', 'explain', 'export', 'scan']) expect(entry).toMatch(new RegExp(`import\\("\\./${command}-[\\w-]+\\.js"\\)`));
    expect(scripts(CLI).some((f) => readFileSync(f, 'utf8').includes('"./scan-worker.js"'))).toBe(true);
  });

  it('scans on worker threads started from scan-worker.js in its own folder', async () => {
    const ok = await run(join(ROOT, 'bin', 'peerscape.js'), ['scan', '--sandbox', 'demo', '--out', 's.json'], tmp);
    expect(ok.stderr).toMatch(/Scanned 4 account\(s\)/);
    expect(ok.code, ok.stderr).toBe(0);
    expect(parseSnapshot(readFileSync(join(tmp, 's.json'), 'utf8')).ok).toBe(true);

    // A copy of the bundle whose worker first leaves a mark: the scan's threads start from the
    // scan-worker.js beside the bundle they belong to (a scan thread that cannot start would
    // leave the scan to the calling thread, which succeeds too, so only the mark tells).
    const copy = join(tmp, 'checkout');
    cpSync(join(ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(CLI, join(copy, 'out', 'cli'), { recursive: true });
    renameSync(join(copy, 'out', 'cli', 'scan-worker.js'), join(copy, 'out', 'cli', 'scan-worker-real.js'));
    writeFileSync(
      join(copy, 'out', 'cli', 'scan-worker.js'),
      `import { appendFileSync } from 'node:fs';\nappendFileSync(process.env.PEERSCAPE_WORKER_MARK, import.meta.url + '\\n');\nawait import('./scan-worker-real.js');\n`,
    );
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const mark = join(tmp, 'worker-mark');
    const copied = await run(join(copy, 'bin', 'peerscape.js'), ['scan', '--sandbox', 'demo', '--region', 'us-east-1', '--out', 'copied.json'], tmp, { PEERSCAPE_WORKER_MARK: mark });
    expect(copied.code, copied.stderr).toBe(0);
    expect(readFileSync(mark, 'utf8')).toContain(pathToFileURL(join(copy, 'out', 'cli', 'scan-worker.js')).href);
  }, 90_000);
});

describe('runtime dependencies', () => {
  it('are exactly the packages the built app and CLI import (Electron, the runtime itself, aside)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const importedBy = new Map<string, Set<string>>();
    for (const file of ['main', 'preload', 'cli'].flatMap((d) => scripts(join(OUT, d)))) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        const name = packageOf(spec);
        if (name) importedBy.set(name, (importedBy.get(name) ?? new Set()).add(file.slice(OUT.length + 1)));
      }
    }
    // electron-builder supplies Electron and wants it among the devDependencies.
    expect(Object.keys(pkg.devDependencies)).toContain('electron');
    expect([...(importedBy.get('electron') ?? [])].every((f) => !f.startsWith('cli/'))).toBe(true);
    importedBy.delete('electron');
    expect([...importedBy.keys()].sort()).toEqual(Object.keys(pkg.dependencies).sort());
    // What the CLI's export needs, and what only a build step runs.
    expect(Object.keys(pkg.dependencies)).toContain('elkjs');
    expect(Object.keys(pkg.devDependencies)).toContain('tsx');
  });
});
