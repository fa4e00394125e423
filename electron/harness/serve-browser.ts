/** `npm run dev:browser`: the whole app in an ordinary browser, on the same API implementation. */
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { createMainApi } from '../api/main-api';
import type { MainApi } from '../api/main-api';
import { DEFAULT_SCAN_THREADS } from '../discovery/scan-pool';
import { createJsonSettingsStore } from '../workspace/settings-store';
import { startLoopbackServer } from './loopback-server';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { port: { type: 'string' }, 'data-dir': { type: 'string' } } });
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string; version: string };
const dataDir = values['data-dir'] ?? join(homedir(), '.peerscape-browser');
mkdirSync(dataDir, { recursive: true });

let api: MainApi | undefined;
const server = await startLoopbackServer({
  staticDir: join(root, 'out', 'renderer'),
  port: values.port ? Number(values.port) : undefined,
  makeApi: (emit) =>
    (api = createMainApi({
      appName: pkg.productName,
      appVersion: pkg.version,
      shell: 'browser',
      env: process.env,
      homeDir: homedir(),
      dataDir,
      settings: createJsonSettingsStore(join(dataDir, 'settings.json')),
      emit,
      now: () => new Date(),
      // As in the app: scans on worker threads, this thread serves the page.
      discoveryLimits: { scanThreads: DEFAULT_SCAN_THREADS },
    })),
  log: (message, error) => console.error(`[peerscape] ${message}`, error ?? ''),
});
console.log(`Peerscape browser harness: open ${server.url}`);
console.log('(127.0.0.1 only; the #token in the address is this run\'s key. Ctrl-C stops.)');
const stop = () => void Promise.all([server.close(), api?.dispose()]).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
