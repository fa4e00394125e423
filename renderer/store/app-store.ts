/** The renderer's one zustand store, built from slices around an injected API client. */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { PeerscapeClient } from '../../shared/api/contract';
import type { AppInfo, ProfilesReport } from '../../shared/api/dto';
import type { ApiError } from '../../shared/api/result';

/** Colour scheme of the whole window. */
export type Theme = 'dark' | 'light';

/** Everything the UI keeps. */
export interface AppState {
  readonly client: PeerscapeClient;
  readonly appInfo?: AppInfo;
  readonly profiles?: ProfilesReport;
  /** The last failure to show in the status bar, with its fix. */
  readonly lastError?: ApiError;
  readonly theme: Theme;
  loadStartup(): Promise<void>;
  setTheme(theme: Theme): void;
}

/** A store bound to `client`. Tests pass a loopback client; the app passes `api`. */
export type AppStore = StoreApi<AppState>;

/** Create the store; nothing is fetched until `loadStartup` runs. */
export function createAppStore(client: PeerscapeClient, initialTheme: Theme = 'dark'): AppStore {
  return createStore<AppState>()((set) => ({
    client,
    theme: initialTheme,
    async loadStartup() {
      const [info, profiles] = await Promise.all([client.getAppInfo({}), client.listProfiles({})]);
      set({
        ...(info.ok ? { appInfo: info.value } : { lastError: info.error }),
        ...(profiles.ok ? { profiles: profiles.value } : { lastError: profiles.error }),
      });
    },
    setTheme(theme) {
      set({ theme });
    },
  }));
}
