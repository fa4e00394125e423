/** What the renderer's store keeps and does: its state, actions and the types they speak in. */
import type { OrganizationScanRequest, RememberedOrganizationRequests } from '../../shared/model/organization-request';
import type { NodeChange } from '@xyflow/react';
import type { StoreApi } from 'zustand/vanilla';

import type { PeerscapeClient } from '../../shared/api/contract';
import type { AppInfo, NodePosition, ProfilesReport, SandboxStatus, WorkspaceUpdates } from '../../shared/api/dto';
import type { DiscoveryCell } from '../../shared/api/events';
import type { ReachSource, ReachTraffic } from '../../shared/analysis/estate-reach';
import type { ApiError } from '../../shared/core/result';
import type { DiagramLayout } from '../../shared/diagram/layout';
import type { PeeringId, VpcId } from '../../shared/model/ids';
import type { TransitGatewayId } from '../../shared/model/topology';
import type { Snapshot } from '../../shared/model/snapshot';
import type { AppNode } from '../graph/flow-types';
import type { GraphKind } from '../graph/kinds';
import type { LayoutRunner } from '../graph/layout/layout-runner';
import type { History } from './history';

/** Colour scheme of the whole window. */
export type Theme = 'dark' | 'light';

/** What the canvas paints. */
export type CanvasMode = 'normal' | 'conflicts';

/** Tabs of the side panel. */
export type SidePanelTab = 'inspector' | 'findings' | 'reach' | 'discovery' | 'audit';

/**
 * What the reach view shows: one source's row (its connected VPCs, tinted on the canvas) or the
 * account × account matrix, for one traffic.
 */
export interface ReachQuery {
  readonly view: 'row' | 'matrix';
  /** The row's source; without one the row view asks for it. */
  readonly source?: ReachSource;
  readonly traffic: ReachTraffic;
}

/** One selected item of the graph other than a VPC: a peering, or any kind with an inspector section. */
export interface SelectedItem {
  readonly kind: GraphKind;
  readonly id: string;
}

/** The selected VPCs (one, or two for a reachability question) or one other item. */
export interface Selection {
  readonly vpcIds: readonly VpcId[];
  readonly item?: SelectedItem;
}

/** A blocked pair to fix: traffic from `from` to `to`. */
export interface PathFixPair {
  readonly from: VpcId;
  readonly to: VpcId;
  /** The traffic to let through; without it, all traffic. */
  readonly traffic?: ReachTraffic;
}

/** A VPC dropped on a transit gateway hub: the attachment to plan. */
export interface AttachPair {
  readonly vpcId: VpcId;
  readonly transitGatewayId: TransitGatewayId;
}

/** A requester/accepter pair chosen by dropping one VPC on another. */
export interface PeeringPair {
  readonly requesterVpcId: VpcId;
  readonly accepterVpcId: VpcId;
}

/**
 * One step of the canvas's undo history: the state on each side of it, so that undo puts back
 * `before` and redo puts back `after`.
 *
 * A move holds the positions of the nodes it moved (relative to their frames); a layout holds
 * the whole map of saved positions (Re-layout empties it).
 */
export type CanvasChange =
  | { readonly kind: 'move'; readonly before: Readonly<Record<string, NodePosition>>; readonly after: Readonly<Record<string, NodePosition>> }
  | { readonly kind: 'layout'; readonly before: Readonly<Record<string, NodePosition>>; readonly after: Readonly<Record<string, NodePosition>> }
  | { readonly kind: 'selection'; readonly before: Selection; readonly after: Selection };

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
  /** Set when the run scans an organisation: what it asked for. */
  readonly organization?: OrganizationScanRequest;
}

/** Layout progress and timing, for the status bar and the benchmark. */
export interface LayoutStatus {
  readonly running: boolean;
  readonly ms?: number;
  readonly ranIn?: 'worker' | 'page';
  readonly error?: string;
}

/** Why the last import was refused, shown where the user looks until dismissed or the next import succeeds. */
export interface ImportProblem {
  /** The file's name as the user picked it, when known. */
  readonly fileName?: string;
  readonly error: ApiError;
}

/** Everything the UI keeps. */
export interface AppState {
  readonly client: PeerscapeClient;
  readonly appInfo?: AppInfo;
  readonly profiles?: ProfilesReport;
  /** The last failure to show in the status bar, with its fix. */
  readonly lastError?: ApiError;
  /** The last refused import, until dismissed or the next import succeeds. */
  readonly importProblem?: ImportProblem;
  readonly theme: Theme;

  /** True once getWorkspace answered (so the first-run screen does not flash). */
  readonly workspaceLoaded: boolean;
  readonly snapshot?: Snapshot;
  /** Changes the snapshot shows that a rescan has not confirmed yet: drawn, but marked *updating*. */
  readonly updates: WorkspaceUpdates;
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
  /** The reach view's question, while it is open. */
  readonly reach?: ReachQuery;
  /** The traffic the pair inspector asks about; without it, all traffic. A new selection forgets it. */
  readonly pairTraffic?: ReachTraffic;
  /** The VPC a drag-to-peer started from, while the drag lasts. */
  readonly peeringDragFrom?: VpcId;
  /** The peering plan opened by a valid drop. */
  readonly plan?: PeeringPair;
  /** The refusal shown after an invalid drop. */
  readonly refusal?: PeeringPair;
  /** The attachment plan opened by a valid drop on a transit gateway hub. */
  readonly attachPlan?: AttachPair;
  /** The blocked pair whose fix the canvas shows and the fix panel plans ("Fix this path"). */
  readonly pathFix?: PathFixPair;
  readonly discovery: DiscoveryRun;
  /** Profiles and regions the user picked for the next scan (all when undefined). */
  readonly scanProfiles?: readonly string[];
  readonly scanRegions?: readonly string[];
  /** The last organisation request per source, as the workspace settings remember it. */
  readonly organizationRequests: RememberedOrganizationRequests;
  /** Card moves, layouts and selections the user can undo and redo (bounded). */
  readonly history: History<CanvasChange>;

  loadStartup(): Promise<void>;
  setTheme(theme: Theme): void;
  /** Show `snapshot` and lay it out (keeping dragged positions). */
  applySnapshot(snapshot: Snapshot): Promise<void>;
  /** Open a snapshot file's text; a refusal becomes `importProblem`, a success clears it. */
  importSnapshotText(json: string, fileName?: string): Promise<boolean>;
  /** Say that an import failed before its text reached the API (the file could not be read). */
  reportImportProblem(problem: ImportProblem): void;
  dismissImportProblem(): void;
  exportSnapshot(): Promise<{ filename: string; json: string } | undefined>;
  /** Forget dragged positions and lay everything out again. */
  relayout(): Promise<void>;
  onNodesChange(changes: NodeChange<AppNode>[]): void;
  /** Note where the nodes a drag is about to move stand, so the move can be undone. */
  startNodeMove(ids: readonly string[]): void;
  /** Persist the positions of nodes the user just dragged, and record the move in the history. */
  saveNodePositions(ids: readonly string[]): Promise<void>;
  /** Put nodes at these positions (relative to their frames) and save them; records nothing. */
  placeNodes(positions: Readonly<Record<string, NodePosition>>): Promise<void>;
  /** Make these the saved positions and lay out again with them; records nothing. */
  restoreLayout(positions: Readonly<Record<string, NodePosition>>): Promise<void>;
  /** Select what a history step held (VPCs a rescan removed are left out); records nothing. */
  restoreSelection(selection: Selection): void;
  /** Add a step to the history; a new step forgets what was undone. */
  record(change: CanvasChange): void;
  /** Undo the last step of the history, if any (steps run one at a time, in order). */
  undo(): Promise<void>;
  /** Redo the last undone step, if any. */
  redo(): Promise<void>;
  /** Select a VPC; `additive` (shift-click) keeps the previous one as the first of a pair. */
  selectVpc(id: VpcId, additive?: boolean): void;
  /** Select one item of a kind with an inspector section (a peering …). */
  selectItem(item: SelectedItem): void;
  selectPeering(id: PeeringId): void;
  clearSelection(): void;
  setMode(mode: CanvasMode): void;
  toggleConflicts(): void;
  setShowDeleted(show: boolean): Promise<void>;
  setQuery(query: string): void;
  setPanel(panel: SidePanelTab): void;
  /** Ask the reach view a question and show it (the Reach tab). */
  openReach(query: ReachQuery): void;
  /** Close the reach view: the canvas loses its tint. */
  closeReach(): void;
  /** Ask the pair inspector about `traffic`. */
  setPairTraffic(traffic: ReachTraffic): void;
  /** A blocked entry of the reach view, fixed: select the pair, ask the inspector about the reach view's traffic and plan its fix. */
  fixReachEntry(pair: Required<PathFixPair>): void;
  startPeeringDrag(from: VpcId): void;
  endPeeringDrag(): void;
  openPlan(pair: PeeringPair): void;
  /** Open the attachment plan of a VPC dropped on a hub (closes the peering plan). */
  openAttachPlan(pair: AttachPair): void;
  closeAttachPlan(): void;
  closePlan(): void;
  openPathFix(pair: PathFixPair): void;
  closePathFix(): void;
  refuse(pair: PeeringPair): void;
  dismissRefusal(): void;
  setScanChoice(choice: { profiles?: readonly string[]; regions?: readonly string[] }): void;
  startDiscovery(source: 'aws' | 'sandbox'): Promise<void>;
  /** Scan an organisation from one sign-in (the sandbox started first if it is not running). */
  startOrganizationScan(source: 'aws' | 'sandbox', organization: OrganizationScanRequest): Promise<void>;
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

/** The store's `set`, as each slice receives it. */
export type SetState = StoreApi<AppState>['setState'];
/** The store's `get`, as each slice receives it. */
export type GetState = StoreApi<AppState>['getState'];
