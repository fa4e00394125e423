/** The profiles and regions the user picked last time, kept in the app's small settings store.
 *
 * Same keys as the main API's workspace state (`regions`, `profiles`), so the app, the harness
 * and the CLI agree; the store is electron-store in the app and a JSON file elsewhere
 * (electron/workspace/settings-store.ts).
 */
import type { SettingsStore } from '../workspace/settings-store';
import type { DiscoveryRequest } from './run-discovery';

const REGIONS_KEY = 'regions';
const PROFILES_KEY = 'profiles';

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? [...value] : undefined;
}

/** The request remembered from last time (empty: every profile, every enabled region). */
export function rememberedRequest(store: SettingsStore): DiscoveryRequest {
  const regions = stringList(store.get(REGIONS_KEY));
  const profiles = stringList(store.get(PROFILES_KEY));
  return { ...(regions ? { regions } : {}), ...(profiles ? { profiles } : {}) };
}

/** Remember a request's choices; an empty or missing list means "all" and clears the key. */
export function rememberRequest(store: SettingsStore, req: DiscoveryRequest): void {
  for (const [key, list] of [
    [REGIONS_KEY, req.regions],
    [PROFILES_KEY, req.profiles],
  ] as const) {
    if (list && list.length > 0) store.set(key, [...list]);
    else store.delete(key);
  }
}
