/** How each card and edge looks right now: selected, peer, dimmed, in conflict, matched …
 *
 * Each graph kind adds its own marks (its `emphasis` in renderer/graph/kinds, see ./emphasis.ts);
 * search matches are marked here alike for every kind.
 *
 * Computed once per change of (topology, selection, mode, query, reach question) and memoised, so each of a
 * thousand node components selects its own class name in O(1) and re-renders only when that
 * string changes (React Flow performance guide: narrow selectors, no whole-array subscriptions).
 */
import type { NoDirectPathExplanation } from '../../shared/analysis/transitive-paths';
import type { PeeringId, VpcId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';
import type { ReachQuery } from '../store/app-state';
import type { AppState, CanvasMode, Selection } from '../store/app-store';
import type { PathFixPair } from '../store/app-state';
import { membersOf, reachRowOf } from './derive';
import type { EmphasisInput, EmphasisMarks } from './emphasis';
import { updatingClass, updatingOf } from '../store/updates';
import type { GhostFlowEdge } from './flow-types';
import { entryOf, KIND_ENTRIES } from './kinds';
import { searchOf } from './search';
import type { SearchResult } from './search';

/** The canvas's current emphasis. */
export interface ViewState {
  /** Node id (a VPC card's) → space-separated classes (`is-selected is-peer …`). */
  readonly vpcClass: ReadonlyMap<VpcId, string>;
  /** Class for nodes not in `vpcClass`. */
  readonly defaultVpcClass: string;
  /** Edge id (a peering's) → classes. */
  readonly edgeClass: ReadonlyMap<PeeringId, string>;
  readonly defaultEdgeClass: string;
  /** Dashed would-be paths to draw. */
  readonly ghosts: readonly GhostFlowEdge[];
  /** The explanation for two selected VPCs. */
  readonly pair?: NoDirectPathExplanation;
  readonly search?: SearchResult;
}

const EMPTY: ViewState = { vpcClass: new Map(), defaultVpcClass: '', edgeClass: new Map(), defaultEdgeClass: '', ghosts: [] };

function add(map: Map<string, string>, id: string, cls: string): void {
  const prev = map.get(id);
  map.set(id, prev ? `${prev} ${cls}` : cls);
}

/** Compute the view for the given inputs (exported for tests; components use `viewStateOf`). */
export function computeViewState(
  topology: Topology,
  selection: Selection,
  mode: CanvasMode,
  query: string,
  showDeleted: boolean,
  extra: { readonly pathFix?: PathFixPair; readonly reach?: ReachQuery } = {},
): ViewState {
  const { pathFix, reach } = extra;
  const vpcClass = new Map<string, string>();
  const edgeClass = new Map<string, string>();
  const ghosts: GhostFlowEdge[] = [];
  let dimmed = false;
  let pair: NoDirectPathExplanation | undefined;
  const marks: EmphasisMarks = {
    node: (id, cls) => add(vpcClass, id, cls),
    edge: (id, cls) => add(edgeClass, id, cls),
    ghost: (edge) => void ghosts.push(edge),
    pair: (explanation) => void (pair = explanation),
    dim: () => void (dimmed = true),
  };
  const input: EmphasisInput = { topology, selection, mode, ...(pathFix ? { pathFix } : {}) };

  for (const [, entry] of KIND_ENTRIES) entry.emphasis?.mode?.(input, marks);

  // The reach view's row tints its source and every connected VPC by verdict, and dims the rest.
  if (reach?.view === 'row' && reach.source) {
    const row = reachRowOf(topology, { source: reach.source, traffic: reach.traffic });
    if (row.ok) {
      for (const id of row.value.fromVpcIds) marks.node(id, 'is-reach-source');
      for (const e of row.value.entries) marks.node(e.to, e.verdict === 'reachable' ? 'is-reach-ok' : e.verdict === 'blocked' ? 'is-reach-blocked' : 'is-reach-unknown');
      marks.dim();
    }
  }

  const search = query.trim() ? searchOf(topology, membersOf(topology, showDeleted), query, showDeleted) : undefined;
  if (search && !search.problem) {
    for (const hit of search.hits) (entryOf(hit.kind).drawn === 'node' ? marks.node : marks.edge)(hit.id, 'is-match');
    marks.dim();
  }

  for (const [, entry] of KIND_ENTRIES) entry.emphasis?.selection?.(input, marks);

  if (!dimmed && vpcClass.size === 0 && edgeClass.size === 0 && ghosts.length === 0 && !search) return EMPTY;
  return {
    vpcClass,
    defaultVpcClass: dimmed ? 'is-dimmed' : '',
    edgeClass,
    defaultEdgeClass: dimmed ? 'is-dimmed' : '',
    ghosts,
    ...(pair ? { pair } : {}),
    ...(search ? { search } : {}),
  } as ViewState;
}

let last: { topology?: Topology; selection?: Selection; mode?: CanvasMode; query?: string; showDeleted?: boolean; pathFix?: PathFixPair; reach?: ReachQuery; view: ViewState } = { view: EMPTY };

/** The view of the store's current state, recomputed only when one of its inputs changes. */
export function viewStateOf(s: AppState): ViewState {
  const topology = s.snapshot?.topology;
  if (!topology) return EMPTY;
  // The reach view's tint belongs to the Reach tab: it goes when another tab takes the side panel
  // (a selection opens the inspector) or a path fix opens, whose own marks then hold the canvas;
  // the question stays, and the tint comes back with the tab.
  const reach = s.reach && s.panel === 'reach' && !s.pathFix ? s.reach : undefined;
  if (
    last.topology === topology &&
    last.selection === s.selection &&
    last.mode === s.mode &&
    last.query === s.query &&
    last.showDeleted === s.showDeleted &&
    last.pathFix === s.pathFix &&
    last.reach === reach
  ) {
    return last.view;
  }
  const extra = { ...(s.pathFix ? { pathFix: s.pathFix } : {}), ...(reach ? { reach } : {}) };
  const view = computeViewState(topology, s.selection, s.mode, s.query, s.showDeleted, extra);
  last = { topology, selection: s.selection, mode: s.mode, query: s.query, showDeleted: s.showDeleted, ...extra, view };
  return view;
}

/** `base` plus the mark of a change still being confirmed, if any. */
function withUpdating(base: string, updating: string): string {
  return updating ? (base ? `${base} ${updating}` : updating) : base;
}

/** Classes of one VPC card. */
export function vpcClassOf(s: AppState, id: VpcId): string {
  const view = viewStateOf(s);
  return withUpdating(view.vpcClass.get(id) ?? view.defaultVpcClass, updatingClass(updatingOf(s).vpcs.get(id)));
}

/** Classes of one peering edge. */
export function edgeClassOf(s: AppState, id: PeeringId): string {
  const view = viewStateOf(s);
  return withUpdating(view.edgeClass.get(id) ?? view.defaultEdgeClass, updatingClass(updatingOf(s).peerings.get(id)));
}
