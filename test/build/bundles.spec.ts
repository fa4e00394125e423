/**
 * What `electron-vite build` writes (the e2e run builds first): the three bundles the window
 * needs, in the module formats Electron requires, and a renderer page whose assets all exist.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';

import { describe, expect, it } from 'vitest';

import { runDiscovery } from '../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../electron/discovery/scan-pool';
import { startSandboxServer } from '@peerscape/sandbox-cloud';
import { APP_PAGE_URL, appProtocolHandler } from '../../electron/window/app-protocol';
import { API_METHOD_NAMES } from '../../shared/api/method-names';

const OUT = join(import.meta.dirname, '..', '..', 'out');

describe('the built bundles', () => {
  it('main is one ES module for the Node side that imports Electron and never tsx', () => {
    const main = readFileSync(join(OUT, 'main', 'main.js'), 'utf8');
    expect(main).toMatch(/^import .* from "electron";$/m);
    expect(main).not.toMatch(/from "tsx|require\("tsx/);
  });

  it('main carries the sandbox cloud inside it: the workspace package is bundled, never imported at run time', () => {
    const main = readFileSync(join(OUT, 'main', 'main.js'), 'utf8');
    expect(main).toContain('peerscape-sandbox-state');
    expect(main).not.toMatch(/["']@peerscape\/sandbox-cloud/);
  });

  it('main shows the page through the app:// protocol, never from file://', () => {
    const main = readFileSync(join(OUT, 'main', 'main.js'), 'utf8');
    expect(main).toContain('registerSchemesAsPrivileged');
    expect(main).toContain('app://peerscape');
    expect(main).not.toMatch(/\.loadFile\(|pathToFileURL\([^)]*renderer/);
  });

  it('the built page and every script, style, worker and image it loads are served through app://peerscape', async () => {
    const serve = appProtocolHandler(join(OUT, 'renderer'));
    const page = await serve({ url: APP_PAGE_URL, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const mime: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
    // Follow what the page links, what scripts import or preload, and what workers load.
    const queue = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => new URL(m[1]!, APP_PAGE_URL).href);
    const seen = new Set<string>();
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await serve({ url, method: 'GET' });
      expect(res.status, url).toBe(200);
      const ext = url.split('.').pop()!;
      expect(res.headers.get('content-type'), url).toBe(mime[ext]);
      if (ext !== 'js') continue;
      const code = await res.text();
      for (const m of code.matchAll(/["'`](\.\/)?((?:[\w.-]+\/)*[\w.-]+-[\w-]{8}\.(?:js|css))["'`]/g)) queue.push(new URL(m[2]!, url).href);
    }
    const files = [...seen].map((u) => u.split('/').pop()!);
    for (const prefix of ['index-', 'start-app-', 'layout.worker-', 'elk.bundled-']) expect(files.some((f) => f.startsWith(prefix)), prefix).toBe(true);
  });

  it('the scan worker sits beside main.js, where the main process starts it, and scans the sandbox on its own thread', async () => {
    const entry = join(OUT, 'main', 'scan-worker.js');
    expect(readFileSync(join(OUT, 'main', 'main.js'), 'utf8')).toContain('"./scan-worker.js"');
    const server = await startSandboxServer({ scenario: 'demo', log: () => undefined });
    try {
      const home = mkdtempSync(join(tmpdir(), 'peerscape-bundle-'));
      const files = await server.writeAwsFiles(join(home, '.aws'));
      const threads = new Set<number>();
      const r = await runDiscovery(
        { regions: ['us-east-1'] },
        {
          env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
          homeDir: home,
          now: () => new Date('2026-11-23T12:00:00Z'),
          limits: { scanThreads: 1 },
          scanWorkerEntry: { url: pathToFileURL(entry), kind: 'js' },
          onCellScanned: (c) => threads.add(c.threadId),
        },
      );
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.coverage.every((c) => c.state === 'complete')).toBe(true);
      expect(r.value.topology.vpcs.length).toBeGreaterThan(0);
      // Scanned by the bundled worker, not by this thread after a fallback.
      expect(threads.size).toBe(1);
      expect(threads.has(threadId)).toBe(false);
      // An organisation's accounts too: the bundled worker opens each account's session itself.
      const orgThreads = new Set<number>();
      const org = await runDiscovery(
        { organization: { profile: 'sandbox-network', regions: ['us-east-1'], allowOrganizationAccountAccessRole: true } },
        {
          env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile },
          homeDir: home,
          now: () => new Date('2026-11-23T12:00:00Z'),
          limits: { scanThreads: 1 },
          scanWorkerEntry: { url: pathToFileURL(entry), kind: 'js' },
          onCellScanned: (c) => orgThreads.add(c.threadId),
        },
      );
      if (!org.ok) throw new Error(org.error.message);
      expect(org.value.coverage.every((c) => c.state === 'complete')).toBe(true);
      expect([...orgThreads].every((t) => t !== threadId)).toBe(true);
      expect(orgThreads.size).toBe(1);
    } finally {
      await closeSharedScanPools();
      await server.close();
    }
  }, 60_000);

  it('the preload is a single CommonJS file that requires only electron and exposes every method', () => {
    expect(readdirSync(join(OUT, 'preload'))).toEqual(['preload.cjs']);
    const preload = readFileSync(join(OUT, 'preload', 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    for (const name of API_METHOD_NAMES) expect(preload).toContain(`"${name}"`);
  });

  it('the renderer page has a strict CSP and every asset it links, minified', () => {
    const html = readFileSync(join(OUT, 'renderer', 'index.html'), 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toContain("'unsafe-inline'");
    const linked = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(linked.length).toBeGreaterThanOrEqual(2);
    for (const file of linked) expect(existsSync(join(OUT, 'renderer', file)), file).toBe(true);
    const scripts = readdirSync(join(OUT, 'renderer', 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => f.startsWith('layout.worker-'))).toBe(true);
    for (const f of scripts) {
      // Unminified bundles keep a `// node_modules/…` banner per module.
      expect(readFileSync(join(OUT, 'renderer', 'assets', f), 'utf8'), f).not.toMatch(/^\/\/ node_modules\//m);
    }
  });

  it('the layout worker is a classic script that loads elkjs, unchanged, from beside it', () => {
    const assets = join(OUT, 'renderer', 'assets');
    const worker = readdirSync(assets).find((f) => f.startsWith('layout.worker-'))!;
    const code = readFileSync(join(assets, worker), 'utf8');
    // importScripts throws in a module worker; a classic one cannot hold import or export.
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('importScripts');
    const elk = /elk\.bundled-[\w-]+\.js/.exec(code)?.[0];
    expect(elk).toBeDefined();
    expect(readFileSync(join(assets, elk!), 'utf8')).toBe(readFileSync(join(import.meta.dirname, '..', '..', 'node_modules', 'elkjs', 'lib', 'elk.bundled.js'), 'utf8'));
  });
});
