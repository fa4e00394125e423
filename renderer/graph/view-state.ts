/** How each card and edge looks right now: selected, peer, dimmed, in conflict, matched …
 *
 * Computed once per change of (topology, selection, mode, query) and memoised, so each of a
 * thousand node components selects its own class name in O(1) and re-renders only when that
 * string changes (React Flow performance guide: narrow selectors, no whole-array subscriptions).
 */
import type { NoDirectPathExplanation } from '../../shared/analysis/transitive-paths';
import { explainNoDirectPath } from '../../shared/analysis/transitive-paths';
import type { PeeringId, VpcId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';
import type { AppState, CanvasMode, Selection } from '../store/app-store';
import { updatingClass, updatingOf } from '../store/updates';
import { conflictsOf, indexOf, membersOf, neighbourhoodOf } from './derive';
import type { GhostFlowEdge } from './flow-types';
import { ghostEdge } from './kinds/ghost/to-flow';
import { searchOf } from './search';
import type { SearchResult } from './search';

/** The canvas's current emphasis. */
export interface ViewState {
  /** VPC id → space-separated classes (`is-selected is-peer …`). */
  readonly vpcClass: ReadonlyMap<VpcId, string>;
  /** Class for VPCs not in `vpcClass`. */
  readonly defaultVpcClass: string;
  /** Peering id → classes. */
  readonly edgeClass: ReadonlyMap<PeeringId, string>;
  readonly defaultEdgeClass: string;
  /** Dashed would-be paths to draw. */
  readonly ghosts: readonly GhostFlowEdge[];
  /** The explanation for two selected VPCs. */
  readonly pair?: NoDirectPathExplanation;
  readonly search?: SearchResult;
}

const EMPTY: ViewState = { vpcClass: new Map(), defaultVpcClass: '', edgeClass: new Map(), defaultEdgeClass: '', ghosts: [] };

/** At most this many dashed would-be paths from one selected VPC; the inspector lists them all. */
export const MAX_GHOSTS = 40;

function add(map: Map<string, string>, id: string, cls: string): void {
  const prev = map.get(id);
  map.set(id, prev ? `${prev} ${cls}` : cls);
}

/** Compute the view for the given inputs (exported for tests; components use `viewStateOf`). */
export function computeViewState(topology: Topology, selection: Selection, mode: CanvasMode, query: string, showDeleted: boolean): ViewState {
  const vpcClass = new Map<string, string>();
  const edgeClass = new Map<string, string>();
  const ghosts: GhostFlowEdge[] = [];
  const index = indexOf(topology);
  const labelOf = (id: VpcId) => index.vpcById.get(id)?.name ?? id;
  let dimOthers = false;
  let dimEdges = false;
  let pair: NoDirectPathExplanation | undefined;

  if (mode === 'conflicts') {
    for (const id of conflictsOf(topology).byVpc.keys()) add(vpcClass, id, 'is-conflict');
    dimOthers = true;
    dimEdges = true;
  }

  const members = membersOf(topology, showDeleted);
  const search = query.trim() ? searchOf(topology, members, query) : undefined;
  if (search && !search.problem) {
    for (const id of search.ids) add(vpcClass, id, 'is-match');
    dimOthers = true;
    dimEdges = true;
  }

  const [first, second] = selection.vpcIds;
  if (first && !second) {
    const near = neighbourhoodOf(topology, first);
    add(vpcClass, first, 'is-selected');
    for (const id of near.peers) add(vpcClass, id, 'is-peer');
    for (const why of near.indirect) add(vpcClass, why.b, 'is-indirect');
    for (const p of index.peeringsByVpc.get(first) ?? []) add(edgeClass, p.id, 'is-incident');
    for (const why of near.indirect.slice(0, MAX_GHOSTS)) ghosts.push(ghostEdge(why, first, why.b, labelOf));
    dimOthers = true;
    dimEdges = true;
  } else if (first && second) {
    add(vpcClass, first, 'is-selected');
    add(vpcClass, second, 'is-selected');
    pair = explainNoDirectPath(topology, first, second);
    if (pair.status === 'direct') add(edgeClass, pair.peeringId, 'is-on-path');
    else {
      if (pair.status === 'not-yet-active') add(edgeClass, pair.peeringId, 'is-on-path');
      for (const id of pair.path.slice(1, -1)) add(vpcClass, id, 'is-on-path');
      for (const id of pair.peeringIds) add(edgeClass, id, 'is-on-path');
      if (pair.status === 'indirect') ghosts.push(ghostEdge(pair, first, second, labelOf));
    }
    dimOthers = true;
    dimEdges = true;
  } else if (selection.item?.kind === 'peering') {
    const p = index.peeringById.get(selection.item.id as PeeringId);
    add(edgeClass, selection.item.id, 'is-selected');
    if (p) {
      add(vpcClass, p.requester.vpcId, 'is-peer');
      add(vpcClass, p.accepter.vpcId, 'is-peer');
    }
    dimOthers = true;
    dimEdges = true;
  }

  if (!dimOthers && vpcClass.size === 0 && edgeClass.size === 0 && ghosts.length === 0 && !search) return EMPTY;
  return {
    vpcClass,
    defaultVpcClass: dimOthers ? 'is-dimmed' : '',
    edgeClass,
    defaultEdgeClass: dimEdges ? 'is-dimmed' : '',
    ghosts,
    ...(pair ? { pair } : {}),
    ...(search ? { search } : {}),
  } as ViewState;
}

let last: { topology?: Topology; selection?: Selection; mode?: CanvasMode; query?: string; showDeleted?: boolean; view: ViewState } = { view: EMPTY };

/** The view of the store's current state, recomputed only when one of its inputs changes. */
export function viewStateOf(s: AppState): ViewState {
  const topology = s.snapshot?.topology;
  if (!topology) return EMPTY;
  if (last.topology === topology && last.selection === s.selection && last.mode === s.mode && last.query === s.query && last.showDeleted === s.showDeleted) {
    return last.view;
  }
  const view = computeViewState(topology, s.selection, s.mode, s.query, s.showDeleted);
  last = { topology, selection: s.selection, mode: s.mode, query: s.query, showDeleted: s.showDeleted, view };
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
