/** The renderer's one zustand store, built from slices around an injected API client.
 *
 * It keeps what the user did and what the Node side sent: the snapshot, the positions, the
 * layout's boxes as React Flow nodes, the selection and modes. Findings are never stored: the
 * graph derives them from the snapshot (renderer/graph/derive.ts).
 */
import { applyNodeChanges } from '@xyflow/react';
import type { NodeChange } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';

import type { PeerscapeClient } from '../../shared/api/contract';
import type { AppInfo, NodePosition, ProfilesReport, SandboxStatus } from '../../shared/api/dto';
import type { DiscoveryCell } from '../../shared/api/events';
import type { ApiError } from '../../shared/core/result';
import type { DiagramLayout } from '../../shared/diagram/layout';
import type { PeeringId, VpcId } from '../../shared/model/ids';
import type { Snapshot } from '../../shared/model/snapshot';
import type { AppNode } from '../graph/flow-types';
import { membersOf } from '../graph/derive';
import type { LayoutRunner } from '../graph/layout/layout-runner';
import { runLayoutInPage } from '../graph/layout/layout-runner';
import { toFlowNodes } from '../graph/to-flow-elements';

/** Colour scheme of the whole window. */
export type Theme = 'dark' | 'light';

/** What the canvas paints. */
export type CanvasMode = 'normal' | 'conflicts';

/** Tabs of the side panel. */
export type SidePanelTab = 'inspector' | 'findings' | 'discovery' | 'audit';

/** The selected VPCs (one, or two for a reachability question) or one peering. */
export interface Selection {
  readonly vpcIds: readonly VpcId[];
  readonly peeringId?: PeeringId;
}

/** A requester/accepter pair chosen by dropping one VPC on another. */
export interface PeeringPair {
  readonly requesterVpcId: VpcId;
  readonly accepterVpcId: VpcId;
}

/** The discovery run the UI follows. */
export interface DiscoveryRun {
  /** Set while a run is starting or running. */
  readonly runId?: string;
  readonly busy: boolean;
  readonly cells: readonly DiscoveryCell[];
  readonly finished: boolean;
  /** Why the last start failed, with its fix. */
  readonly error?: ApiError;
  readonly source?: 'aws' | 'sandbox';
}

/** Layout progress and timing, for the status bar and the benchmark. */
export interface LayoutStatus {
  readonly running: boolean;
  readonly ms?: number;
  readonly ranIn?: 'worker' | 'page';
  readonly error?: string;
}

/** Everything the UI keeps. */
export interface AppState {
  readonly client: PeerscapeClient;
  readonly appInfo?: AppInfo;
  readonly profiles?: ProfilesReport;
  /** The last failure to show in the status bar, with its fix. */
  readonly lastError?: ApiError;
  readonly theme: Theme;

  /** True once getWorkspace answered (so the first-run screen does not flash). */
  readonly workspaceLoaded: boolean;
  readonly snapshot?: Snapshot;
  /** Node id → position the user dragged it to (relative to its frame). */
  readonly positions: Readonly<Record<string, NodePosition>>;
  readonly sandbox?: SandboxStatus;
  /** The boxes of the current snapshot's topology. */
  readonly layout?: DiagramLayout;
  readonly layoutStatus: LayoutStatus;
  /** React Flow nodes made from `layout`; edges are derived in the canvas. */
  readonly nodes: readonly AppNode[];
  /** Bumped when the view must fit the whole network again (Re-layout), even if no box came or went. */
  readonly fitRequest: number;

  readonly selection: Selection;
  readonly mode: CanvasMode;
  readonly showDeleted: boolean;
  readonly query: string;
  readonly panel: SidePanelTab;
  /** The VPC a drag-to-peer started from, while the drag lasts. */
  readonly peeringDragFrom?: VpcId;
  /** The peering plan opened by a valid drop. */
  readonly plan?: PeeringPair;
  /** The refusal shown after an invalid drop. */
  readonly refusal?: PeeringPair;
  readonly discovery: DiscoveryRun;
  /** Profiles and regions the user picked for the next scan (all when undefined). */
  readonly scanProfiles?: readonly string[];
  readonly scanRegions?: readonly string[];

  loadStartup(): Promise<void>;
  setTheme(theme: Theme): void;
  /** Show `snapshot` and lay it out (keeping dragged positions). */
  applySnapshot(snapshot: Snapshot): Promise<void>;
  importSnapshotText(json: string): Promise<boolean>;
  exportSnapshot(): Promise<{ filename: string; json: string } | undefined>;
  /** Forget dragged positions and lay everything out again. */
  relayout(): Promise<void>;
  onNodesChange(changes: NodeChange<AppNode>[]): void;
  /** Persist the positions of nodes the user just dragged. */
  saveNodePositions(ids: readonly string[]): Promise<void>;
  /** Select a VPC; `additive` (shift-click) keeps the previous one as the first of a pair. */
  selectVpc(id: VpcId, additive?: boolean): void;
  selectPeering(id: PeeringId): void;
  clearSelection(): void;
  setMode(mode: CanvasMode): void;
  toggleConflicts(): void;
  setShowDeleted(show: boolean): Promise<void>;
  setQuery(query: string): void;
  setPanel(panel: SidePanelTab): void;
  startPeeringDrag(from: VpcId): void;
  endPeeringDrag(): void;
  openPlan(pair: PeeringPair): void;
  closePlan(): void;
  refuse(pair: PeeringPair): void;
  dismissRefusal(): void;
  setScanChoice(choice: { profiles?: readonly string[]; regions?: readonly string[] }): void;
  startDiscovery(source: 'aws' | 'sandbox'): Promise<void>;
  /** Start the sandbox cloud, then scan it. */
  openSandbox(): Promise<void>;
  /** Scan again what the workspace shows: the sandbox (started again if needed) or AWS. */
  refresh(): Promise<void>;
  cancelDiscovery(): Promise<void>;
  /** Clear transient UI: refusal, plan, search, selection, mode, in that order of priority. */
  escape(): void;
}

/** A store bound to `client`. Tests pass a loopback client; the app passes `api`. */
export type AppStore = StoreApi<AppState>;

/** Options of `createAppStore`. */
export interface AppStoreOptions {
  readonly theme?: Theme;
  /** Where layouts run; the app passes the Web Worker runner, tests the in-page one. */
  readonly layoutRunner?: LayoutRunner;
}

/** Create the store; nothing is fetched until `loadStartup` runs (once; later calls join it). */
export function createAppStore(client: PeerscapeClient, options: AppStoreOptions | Theme = {}): AppStore {
  const opts: AppStoreOptions = typeof options === 'string' ? { theme: options } : options;
  const runLayout = opts.layoutRunner ?? runLayoutInPage;
  let layoutGeneration = 0;
  let unsubscribe: (() => void) | undefined;
  let startup: Promise<void> | undefined;

  return createStore<AppState>()((set, get) => {
    async function layOut(snapshot: Snapshot, positions: Readonly<Record<string, NodePosition>>): Promise<void> {
      const generation = ++layoutGeneration;
      set({ layoutStatus: { ...get().layoutStatus, running: true } });
      if (typeof performance !== 'undefined') performance.mark('peerscape:layout-start');
      try {
        const { showDeleted } = get();
        const outcome = await runLayout(snapshot.topology, { positions, includeDeletedPeerings: showDeleted });
        // A newer snapshot or a re-layout started meanwhile: its result wins.
        if (generation !== layoutGeneration || get().snapshot !== snapshot) return;
        const members = membersOf(snapshot.topology, showDeleted);
        if (typeof performance !== 'undefined') performance.mark('peerscape:layout-end');
        set({
          layout: outcome.layout,
          nodes: toFlowNodes(outcome.layout, members, snapshot.topology),
          layoutStatus: { running: false, ms: outcome.ms, ranIn: outcome.ranIn },
        });
      } catch (error) {
        if (generation !== layoutGeneration) return;
        const message = error instanceof Error ? error.message : String(error);
        set({
          layoutStatus: { running: false, error: message },
          lastError: { code: 'internal', message: `The diagram could not be laid out: ${message}`, fix: 'Try Re-layout; if it keeps failing, report it with the snapshot.' },
        });
      }
    }

    async function startupOnce(): Promise<void> {
      subscribe();
      const [info, profiles, workspace] = await Promise.all([client.getAppInfo({}), client.listProfiles({}), client.getWorkspace({})]);
      if (typeof performance !== 'undefined') performance.mark('peerscape:workspace-received');
      set({
        ...(info.ok ? { appInfo: info.value } : { lastError: info.error }),
        ...(profiles.ok ? { profiles: profiles.value } : { lastError: profiles.error }),
        workspaceLoaded: true,
      });
      if (!workspace.ok) {
        set({ lastError: workspace.error });
        return;
      }
      const w = workspace.value;
      set({
        positions: w.positions,
        sandbox: w.sandbox,
        ...(w.profiles ? { scanProfiles: w.profiles } : {}),
        ...(w.regions ? { scanRegions: w.regions } : {}),
      });
      if (w.snapshot) await get().applySnapshot(w.snapshot);
    }

    function subscribe(): void {
      if (unsubscribe) return;
      const offSnapshot = client.on('snapshotUpdated', (snapshot) => void get().applySnapshot(snapshot));
      const offProgress = client.on('discoveryProgressed', (progress) => {
        const run = get().discovery;
        if (run.runId && progress.runId !== run.runId) return;
        set({
          discovery: {
            ...run,
            runId: progress.runId,
            cells: progress.cells,
            finished: progress.finished,
            busy: !progress.finished,
          },
        });
      });
      unsubscribe = () => {
        offSnapshot();
        offProgress();
      };
    }

    return {
      client,
      theme: opts.theme ?? 'dark',
      workspaceLoaded: false,
      positions: {},
      layoutStatus: { running: false },
      nodes: [],
      fitRequest: 0,
      selection: { vpcIds: [] },
      mode: 'normal',
      showDeleted: false,
      query: '',
      panel: 'discovery',
      discovery: { busy: false, cells: [], finished: false },

      loadStartup() {
        // Once per store: the entry starts it before React renders, the window's effect joins it.
        return (startup ??= startupOnce());
      },

      setTheme(theme) {
        set({ theme });
      },

      async applySnapshot(snapshot) {
        const previous = get().snapshot;
        if (previous === snapshot) return;
        set({ snapshot, refusal: undefined });
        // Keep the selection only if its VPCs survived the rescan.
        const ids = new Set(snapshot.topology.vpcs.map((v) => v.id));
        const selection = get().selection;
        if (selection.vpcIds.some((id) => !ids.has(id))) set({ selection: { vpcIds: [] } });
        await layOut(snapshot, get().positions);
      },

      async importSnapshotText(json) {
        const result = await client.importSnapshot({ json });
        if (!result.ok) {
          set({ lastError: result.error });
          return false;
        }
        set({ lastError: undefined });
        await get().applySnapshot(result.value);
        return true;
      },

      async exportSnapshot() {
        const result = await client.exportSnapshot({});
        if (!result.ok) {
          set({ lastError: result.error });
          return undefined;
        }
        return result.value;
      },

      async relayout() {
        const result = await client.resetPositions({});
        if (!result.ok) set({ lastError: result.error });
        set({ positions: {}, fitRequest: get().fitRequest + 1 });
        const snapshot = get().snapshot;
        if (snapshot) await layOut(snapshot, {});
      },

      onNodesChange(changes) {
        // Nodes come with their measured size from the layout, so React Flow's measurement of a
        // freshly mounted card repeats the same numbers: skipping those keeps a pan that brings
        // cards into view from rebuilding the node array. Resizes (a frame growing around a
        // dragged card, `setAttributes`) and real size changes still apply.
        const byId = new Map(get().nodes.map((n) => [n.id, n]));
        const relevant = changes.filter((c) => {
          if (c.type !== 'dimensions' || c.setAttributes || c.resizing) return true;
          const m = byId.get(c.id)?.measured;
          return !m || !c.dimensions || m.width !== c.dimensions.width || m.height !== c.dimensions.height;
        });
        if (relevant.length === 0) return;
        set({ nodes: applyNodeChanges(relevant, get().nodes as AppNode[]) });
      },

      async saveNodePositions(ids) {
        const byId = new Map(get().nodes.map((n) => [n.id, n]));
        const moved: Record<string, NodePosition> = {};
        for (const id of ids) {
          const node = byId.get(id);
          if (node) moved[id] = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
        }
        if (Object.keys(moved).length === 0) return;
        set({ positions: { ...get().positions, ...moved } });
        const result = await client.savePositions({ positions: moved });
        if (!result.ok) set({ lastError: result.error });
      },

      selectVpc(id, additive = false) {
        const current = get().selection.vpcIds;
        let vpcIds: VpcId[];
        if (additive && current.length > 0) {
          const first = current[current.length - 1]!;
          vpcIds = first === id ? [id] : [first, id];
        } else {
          vpcIds = [id];
        }
        set({ selection: { vpcIds }, panel: 'inspector' });
      },

      selectPeering(id) {
        set({ selection: { vpcIds: [], peeringId: id }, panel: 'inspector' });
      },

      clearSelection() {
        if (get().selection.vpcIds.length === 0 && !get().selection.peeringId) return;
        set({ selection: { vpcIds: [] } });
      },

      setMode(mode) {
        set({ mode, ...(mode === 'conflicts' ? { panel: 'findings' as const } : {}) });
      },

      toggleConflicts() {
        get().setMode(get().mode === 'conflicts' ? 'normal' : 'conflicts');
      },

      async setShowDeleted(show) {
        if (show === get().showDeleted) return;
        set({ showDeleted: show });
        const snapshot = get().snapshot;
        if (snapshot) await layOut(snapshot, get().positions);
      },

      setQuery(query) {
        set({ query });
      },

      setPanel(panel) {
        set({ panel });
      },

      startPeeringDrag(from) {
        set({ peeringDragFrom: from, refusal: undefined });
      },

      endPeeringDrag() {
        if (get().peeringDragFrom !== undefined) set({ peeringDragFrom: undefined });
      },

      openPlan(pair) {
        set({ plan: pair, refusal: undefined });
      },

      closePlan() {
        set({ plan: undefined });
      },

      refuse(pair) {
        set({ refusal: pair });
      },

      dismissRefusal() {
        set({ refusal: undefined });
      },

      setScanChoice(choice) {
        set({
          ...('profiles' in choice ? { scanProfiles: choice.profiles } : {}),
          ...('regions' in choice ? { scanRegions: choice.regions } : {}),
        });
      },

      async startDiscovery(source) {
        const { scanProfiles, scanRegions } = get();
        set({ discovery: { busy: true, cells: [], finished: false, source }, panel: 'discovery' });
        const result = await client.startDiscovery({
          source,
          ...(source === 'aws' && scanProfiles ? { profiles: [...scanProfiles] } : {}),
          ...(scanRegions && scanRegions.length > 0 ? { regions: [...scanRegions] } : {}),
        });
        if (!result.ok) {
          set({ discovery: { busy: false, cells: [], finished: false, source, error: result.error }, lastError: result.error });
          return;
        }
        const run = get().discovery;
        // Progress events may have arrived before the answer; keep them if they belong to this run.
        set({ discovery: { ...run, runId: result.value.runId, busy: !(run.runId === result.value.runId && run.finished) } });
      },

      async openSandbox() {
        set({ discovery: { busy: true, cells: [], finished: false, source: 'sandbox' }, panel: 'discovery' });
        const started = await client.startSandbox({ scenario: 'demo' });
        if (!started.ok) {
          set({ discovery: { busy: false, cells: [], finished: false, source: 'sandbox', error: started.error }, lastError: started.error });
          return;
        }
        set({ sandbox: started.value });
        await get().startDiscovery('sandbox');
      },

      async refresh() {
        await (get().snapshot?.source.startsWith('sandbox:') ? get().openSandbox() : get().startDiscovery('aws'));
      },

      async cancelDiscovery() {
        const runId = get().discovery.runId;
        if (!runId) return;
        const result = await client.cancelDiscovery({ runId });
        if (!result.ok) {
          set({ lastError: result.error });
          return;
        }
        set({ discovery: { ...get().discovery, busy: false } });
      },

      escape() {
        const s = get();
        if (s.refusal) return set({ refusal: undefined });
        if (s.plan) return set({ plan: undefined });
        if (s.query) return set({ query: '' });
        if (s.selection.vpcIds.length > 0 || s.selection.peeringId) return set({ selection: { vpcIds: [] } });
        if (s.mode !== 'normal') return set({ mode: 'normal' });
      },
    };
  });
}
