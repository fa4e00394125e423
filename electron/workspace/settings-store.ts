/** Small per-user settings (positions, picked regions): electron-store in the app, a JSON file elsewhere. */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The part of electron-store's API Peerscape uses, so tests and the harness can use a file. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** A settings store kept in one JSON file, written atomically (temp file + rename). */
export function createJsonSettingsStore(path: string): SettingsStore {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    data = {};
  }
  const flush = () => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(`${path}.tmp`, JSON.stringify(data, null, 2));
    renameSync(`${path}.tmp`, path);
  };
  return {
    get: (key) => data[key],
    set(key, value) {
      data = { ...data, [key]: value };
      flush();
    },
    delete(key) {
      const { [key]: _gone, ...rest } = data;
      data = rest;
      flush();
    },
  };
}
