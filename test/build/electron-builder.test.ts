/**
 * The packaging configuration, read as electron-builder reads it: electron-builder.yml passes
 * electron-builder's own schema, and the fuse wire it would write into the packaged binary sets
 * every fuse @electron/fuses knows, each to the value that locks the app down.
 */
import { join } from 'node:path';

import { FuseV1Options } from '@electron/fuses';
import { LinuxPackager } from 'electron-builder';
import type { Configuration } from 'electron-builder';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** What each fuse must be in the packaged app. */
const LOCKED_DOWN: Record<FuseV1Options, boolean> = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The page is served from app://, so file:// needs none of its old extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

async function loadConfig(): Promise<Configuration> {
  return getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s own schema', async () => {
    await expect(validateConfiguration(await loadConfig(), new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('sets every Electron fuse, each locked down, in the fuse wire electron-builder writes', async () => {
    const config = await loadConfig();
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toBeTruthy();
    // The packager's own translation from the config section to @electron/fuses' wire.
    const generate = (LinuxPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<Record<string, unknown>> }).generateFuseConfig;
    const wire = await generate.call(undefined, config.electronFuses);
    const fuses = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    expect(fuses.length).toBeGreaterThanOrEqual(8);
    for (const fuse of fuses) expect(wire[fuse], FuseV1Options[fuse]).toBe(LOCKED_DOWN[fuse]);
  });
});
