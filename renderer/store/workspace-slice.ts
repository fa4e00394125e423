/** The workspace slice: the snapshot, its layout as React Flow nodes, dragged positions, and the Node side's events. */
import { applyNodeChanges } from '@xyflow/react';

import type { PeerscapeClient } from '../../shared/api/contract';
import type { NodePosition } from '../../shared/api/dto';
import type { Snapshot } from '../../shared/model/snapshot';
import { membersOf } from '../graph/derive';
import type { AppNode } from '../graph/flow-types';
import type { LayoutRunner } from '../graph/layout/layout-runner';
import { toFlowNodes } from '../graph/to-flow-elements';
import type { AppState, GetState, SetState, Theme } from './app-state';
import { migrateRememberedOrganizations } from './remembered-organization';
import { latestOnly } from './latest-only';

/** The state and actions this slice owns. */
export type WorkspaceSlice = Pick<
  AppState,
  | 'client'
  | 'theme'
  | 'workspaceLoaded'
  | 'updates'
  | 'positions'
  | 'layoutStatus'
  | 'nodes'
  | 'fitRequest'
  | 'showDeleted'
  | 'loadStartup'
  | 'setTheme'
  | 'applySnapshot'
  | 'importSnapshotText'
  | 'reportImportProblem'
  | 'dismissImportProblem'
  | 'exportSnapshot'
  | 'relayout'
  | 'onNodesChange'
  | 'startNodeMove'
  | 'saveNodePositions'
  | 'placeNodes'
  | 'restoreLayout'
  | 'setShowDeleted'
>;

/** The workspace slice of a store bound to `client`, laying out with `runLayout`. */
export function workspaceSlice(set: SetState, get: GetState, client: PeerscapeClient, runLayout: LayoutRunner, theme: Theme): WorkspaceSlice {
  let layoutGeneration = 0;
  let unsubscribe: (() => void) | undefined;
  let startup: Promise<void> | undefined;
  // Where the nodes of the drag in progress stood when it started.
  let moveStart: Readonly<Record<string, NodePosition>> | undefined;

  function roundedPositions(ids: readonly string[]): Record<string, NodePosition> {
    const byId = new Map(get().nodes.map((n) => [n.id, n]));
    const out: Record<string, NodePosition> = {};
    for (const id of ids) {
      const node = byId.get(id);
      if (node) out[id] = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
    }
    return out;
  }

  async function persist(positions: Readonly<Record<string, NodePosition>>): Promise<void> {
    const result = await client.savePositions({ positions });
    if (!result.ok) set({ lastError: result.error });
  }

  /** The store's fields that change with the snapshot shown (the selection only if its VPCs survived). */
  function shownPatch(snapshot: Snapshot): Partial<AppState> {
    const ids = new Set(snapshot.topology.vpcs.map((v) => v.id));
    const selection = get().selection;
    return { snapshot, refusal: undefined, ...(selection.vpcIds.some((id) => !ids.has(id)) ? { selection: { vpcIds: [] } } : {}) };
  }

  /**
   * Lay out `snapshot` and draw the result. With `reveal`, the snapshot is not on screen yet and
   * comes with its layout in one update, so the canvas and everything that reads the snapshot
   * redraw once, not once for the snapshot and again for its layout.
   */
  async function layOut(snapshot: Snapshot, positions: Readonly<Record<string, NodePosition>>, reveal = false): Promise<void> {
    const generation = ++layoutGeneration;
    const before = get().snapshot;
    set({ layoutStatus: { ...get().layoutStatus, running: true } });
    if (typeof performance !== 'undefined') performance.mark('peerscape:layout-start');
    try {
      const { showDeleted } = get();
      const outcome = await runLayout(snapshot.topology, { positions, includeDeletedPeerings: showDeleted });
      // A newer snapshot or a re-layout started meanwhile: its result wins.
      if (generation !== layoutGeneration || get().snapshot !== (reveal ? before : snapshot)) return;
      const members = membersOf(snapshot.topology, showDeleted);
      if (typeof performance !== 'undefined') performance.mark('peerscape:layout-end');
      set({
        ...(reveal ? shownPatch(snapshot) : {}),
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
      updates: w.updates,
      ...(w.profiles ? { scanProfiles: w.profiles } : {}),
      ...(w.regions ? { scanRegions: w.regions } : {}),
      organizationRequests: w.organizationRequests ?? {},
    });
    if (w.snapshot) await get().applySnapshot(w.snapshot);
    set({ organizationRequests: await migrateRememberedOrganizations(client, w.organizationRequests ?? {}) });
  }

  // Snapshots pushed during a scan (it streams whole partial ones as regions land) are shown one at
  // a time, each with its layout: one that arrives while another is laid out waits, and a newer
  // one replaces it. The run's last one is applied at once when the run says it finished.
  const pushed = latestOnly<Snapshot>(async (snapshot) => {
    if (get().snapshot !== snapshot) await layOut(snapshot, get().positions, true);
  });
  // The newest pushed snapshot, waiting or being laid out: the one a finished run shows at once.
  let newestPushed: Snapshot | undefined;

  function subscribe(): void {
    if (unsubscribe) return;
    const offSnapshot = client.on('snapshotUpdated', (snapshot) => {
      if (get().discovery.busy) {
        newestPushed = snapshot;
        pushed.offer(snapshot);
        return;
      }
      // Outside a scan (an action's change, the rescan that confirms it, an import) the snapshot
      // shows at once, together with the updates sent just before it.
      pushed.take();
      newestPushed = undefined;
      void get().applySnapshot(snapshot);
    });
    const offUpdates = client.on('updatesChanged', (updates) => set({ updates }));
    const offProgress = client.on('discoveryProgressed', (progress) => {
      // The run's final snapshot came just before this: it waits neither behind a partial one nor
      // for its own layout, so the panels show what the scan found as soon as it ends.
      if (progress.finished) {
        pushed.take();
        const final = newestPushed;
        newestPushed = undefined;
        if (final && get().snapshot !== final) void get().applySnapshot(final);
      }
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
      offUpdates();
      offProgress();
    };
  }

  return {
    client,
    theme,
    workspaceLoaded: false,
    updates: { pending: [] },
    positions: {},
    layoutStatus: { running: false },
    nodes: [],
    fitRequest: 0,
    showDeleted: false,

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
      set(shownPatch(snapshot));
      await layOut(snapshot, get().positions);
    },

    async importSnapshotText(json, fileName) {
      const result = await client.importSnapshot({ json });
      if (!result.ok) {
        set({ importProblem: { ...(fileName ? { fileName } : {}), error: result.error } });
        return false;
      }
      set({ lastError: undefined, importProblem: undefined });
      await get().applySnapshot(result.value);
      return true;
    },

    reportImportProblem(problem) {
      set({ importProblem: problem });
    },

    dismissImportProblem() {
      set({ importProblem: undefined });
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
      const before = get().positions;
      if (Object.keys(before).length > 0) get().record({ kind: 'layout', before, after: {} });
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

    startNodeMove(ids) {
      moveStart = roundedPositions(ids);
    },

    async saveNodePositions(ids) {
      const moved = roundedPositions(ids);
      const start = moveStart;
      moveStart = undefined;
      if (Object.keys(moved).length === 0) return;
      if (start) {
        // A press on the grip without a move, or a move clamped back to where it was, is no step.
        const changed = Object.keys(moved).filter((id) => start[id] && (start[id].x !== moved[id]!.x || start[id].y !== moved[id]!.y));
        if (changed.length > 0) {
          get().record({
            kind: 'move',
            before: Object.fromEntries(changed.map((id) => [id, start[id]!])),
            after: Object.fromEntries(changed.map((id) => [id, moved[id]!])),
          });
        }
      }
      set({ positions: { ...get().positions, ...moved } });
      await persist(moved);
    },

    async placeNodes(positions) {
      const nodes = get().nodes.map((n) => {
        const p = positions[n.id];
        return p ? ({ ...n, position: { x: p.x, y: p.y } } as AppNode) : n;
      });
      set({ nodes, positions: { ...get().positions, ...positions } });
      await persist(positions);
    },

    async restoreLayout(positions) {
      const reset = await client.resetPositions({});
      if (!reset.ok) set({ lastError: reset.error });
      if (Object.keys(positions).length > 0) await persist(positions);
      set({ positions });
      const snapshot = get().snapshot;
      if (snapshot) await layOut(snapshot, positions);
    },

    async setShowDeleted(show) {
      if (show === get().showDeleted) return;
      set({ showDeleted: show });
      const snapshot = get().snapshot;
      if (snapshot) await layOut(snapshot, get().positions);
    },
  };
}
