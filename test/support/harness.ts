/** Starts the browser harness on the real main API, with a temp home, for UI specs. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { EmitEvent } from '../../shared/api/contract';
import { createJsonSettingsStore } from '../../electron/workspace/settings-store';
import { createMainApi } from '../../electron/api/main-api';
import type { MainApiDeps } from '../../electron/api/main-api';
import { startLoopbackServer } from '../../electron/harness/loopback-server';
import type { LoopbackServer } from '../../electron/harness/loopback-server';
import { makeTempHome } from './main-api-fixture';

const RENDERER_DIR = join(import.meta.dirname, '..', '..', 'out', 'renderer');

/** Serve the built renderer; fails with a hint when `electron-vite build` has not run. */
export async function startHarness(
  files: { config?: string; credentials?: string } = {},
  overrides: Partial<MainApiDeps> = {},
): Promise<LoopbackServer & { home: string; env: Record<string, string> }> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npx electron-vite build` (npm run test:e2e does) first');
  }
  const { home, env } = makeTempHome(files);
  const server = await startLoopbackServer({
    staticDir: RENDERER_DIR,
    makeApi: (emit: EmitEvent) =>
      createMainApi({
        appName: 'Peerscape',
        appVersion: '0.0.0-e2e',
        shell: 'browser',
        env,
        homeDir: home,
        dataDir: join(home, 'data'),
        settings: createJsonSettingsStore(join(home, 'data', 'settings.json')),
        emit,
        now: () => new Date(),
        ...overrides,
      }),
  });
  return Object.assign(server, { home, env });
}
