/** Builds the real main API for tests, with its files in a fresh temp folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { EmitEvent } from '../../shared/api/contract';
import { createJsonSettingsStore } from '../../electron/workspace/settings-store';
import { createMainApi } from '../../electron/api/main-api';
import type { MainApi, MainApiDeps } from '../../electron/api/main-api';
import { createLoopback } from './loopback-transport';
import type { Loopback } from './loopback-transport';

/** A temp home with optional AWS config and credentials file contents. */
export function makeTempHome(files: { config?: string; credentials?: string } = {}): {
  home: string;
  env: Record<string, string>;
} {
  const home = mkdtempSync(join(tmpdir(), 'peerscape-home-'));
  const env: Record<string, string> = {
    AWS_CONFIG_FILE: join(home, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'aws-credentials'),
  };
  if (files.config !== undefined) writeFileSync(env.AWS_CONFIG_FILE!, files.config);
  if (files.credentials !== undefined) writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, files.credentials);
  return { home, env };
}

/** The real main API over the loopback transport, for a temp home. */
export function loopbackMainApi(overrides: Partial<MainApiDeps> & { home: string; env: Record<string, string> }): Loopback<MainApi> {
  return createLoopback((emit: EmitEvent) =>
    createMainApi({
      appName: 'Peerscape',
      appVersion: '0.0.0-test',
      shell: 'browser',
      homeDir: overrides.home,
      dataDir: join(overrides.home, 'data'),
      settings: createJsonSettingsStore(join(overrides.home, 'data', 'settings.json')),
      emit,
      now: () => new Date(),
      ...overrides,
    }),
  );
}
