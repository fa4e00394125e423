/** The renderer's one zustand store, built from slices around an injected API client.
 *
 * It keeps what the user did and what the Node side sent: the snapshot, the positions, the
 * layout's boxes as React Flow nodes, the selection and modes. Findings are never stored: the
 * graph derives them from the snapshot (renderer/graph/derive.ts).
 */
import { createStore } from 'zustand/vanilla';

import type { PeerscapeClient } from '../../shared/api/contract';
import { runLayoutInPage } from '../graph/layout/layout-runner';
import type { AppState, AppStore, AppStoreOptions, Theme } from './app-state';
import { discoverySlice } from './discovery-slice';
import { historySlice } from './history-slice';
import { selectionSlice } from './selection-slice';
import { workspaceSlice } from './workspace-slice';

export type { AppState, AppStore, AppStoreOptions, CanvasChange, CanvasMode, DiscoveryRun, LayoutStatus, PeeringPair, SelectedItem, Selection, SidePanelTab, Theme } from './app-state';

/** Create the store; nothing is fetched until `loadStartup` runs (once; later calls join it). */
export function createAppStore(client: PeerscapeClient, options: AppStoreOptions | Theme = {}): AppStore {
  const opts: AppStoreOptions = typeof options === 'string' ? { theme: options } : options;
  return createStore<AppState>()((set, get) => ({
    ...workspaceSlice(set, get, client, opts.layoutRunner ?? runLayoutInPage, opts.theme ?? 'dark'),
    ...selectionSlice(set, get),
    ...discoverySlice(set, get, client),
    ...historySlice(set, get),
  }));
}
