/** The selection slice: what is selected, the canvas mode, search, side panel tab, the reach view's question, and the drag-to-peer outcome. */
import type { VpcId } from '../../shared/model/ids';
import type { AppState, GetState, SetState, Selection } from './app-state';

/** The state and actions this slice owns. */
export type SelectionSlice = Pick<
  AppState,
  | 'selection'
  | 'mode'
  | 'query'
  | 'panel'
  | 'selectVpc'
  | 'selectItem'
  | 'selectPeering'
  | 'clearSelection'
  | 'restoreSelection'
  | 'setMode'
  | 'toggleConflicts'
  | 'setQuery'
  | 'setPanel'
  | 'reach'
  | 'openReach'
  | 'closeReach'
  | 'pairTraffic'
  | 'setPairTraffic'
  | 'fixReachEntry'
  | 'startPeeringDrag'
  | 'endPeeringDrag'
  | 'openPlan'
  | 'closePlan'
  | 'openAttachPlan'
  | 'closeAttachPlan'
  | 'openPathFix'
  | 'closePathFix'
  | 'refuse'
  | 'dismissRefusal'
  | 'escape'
>;

function isSameSelection(a: Selection, b: Selection): boolean {
  return a.vpcIds.length === b.vpcIds.length && a.vpcIds.every((id, i) => id === b.vpcIds[i]) && a.item?.kind === b.item?.kind && a.item?.id === b.item?.id;
}

/** The selection slice. */
export function selectionSlice(set: SetState, get: GetState): SelectionSlice {
  /** Select `next` (with `extra` state alongside) and record the change in the canvas history. */
  function select(next: Selection, extra: Partial<AppState> = {}): void {
    const before = get().selection;
    set({ selection: next, ...extra });
    if (!isSameSelection(before, next)) get().record({ kind: 'selection', before, after: next });
  }

  return {
    selection: { vpcIds: [] },
    mode: 'normal',
    query: '',
    panel: 'discovery',

    selectVpc(id, additive = false) {
      const current = get().selection.vpcIds;
      let vpcIds: VpcId[];
      if (additive && current.length > 0) {
        const first = current[current.length - 1]!;
        vpcIds = first === id ? [id] : [first, id];
      } else {
        vpcIds = [id];
      }
      select({ vpcIds }, { panel: 'inspector', pairTraffic: undefined });
    },

    selectItem(item) {
      select({ vpcIds: [], item }, { panel: 'inspector' });
    },

    selectPeering(id) {
      get().selectItem({ kind: 'peering', id });
    },

    clearSelection() {
      if (get().selection.vpcIds.length === 0 && !get().selection.item) return;
      select({ vpcIds: [] });
    },

    restoreSelection(selection) {
      const known = new Set(get().snapshot?.topology.vpcs.map((v) => v.id as string));
      const vpcIds = selection.vpcIds.filter((id) => known.has(id));
      const next: Selection = selection.item ? { vpcIds, item: selection.item } : { vpcIds };
      set({ selection: next, ...(vpcIds.length > 0 || next.item ? { panel: 'inspector' as const } : {}) });
    },

    setMode(mode) {
      set({ mode, ...(mode === 'conflicts' ? { panel: 'findings' as const } : {}) });
    },

    toggleConflicts() {
      get().setMode(get().mode === 'conflicts' ? 'normal' : 'conflicts');
    },

    setQuery(query) {
      set({ query });
    },

    setPanel(panel) {
      set({ panel });
    },

    openReach(query) {
      set({ reach: query, panel: 'reach' });
    },

    closeReach() {
      if (get().reach) set({ reach: undefined });
    },

    setPairTraffic(traffic) {
      set({ pairTraffic: traffic });
    },

    fixReachEntry({ from, to, traffic }) {
      select({ vpcIds: [from, to] }, { panel: 'inspector', pairTraffic: traffic, pathFix: { from, to, traffic }, plan: undefined, refusal: undefined });
    },

    startPeeringDrag(from) {
      set({ peeringDragFrom: from, refusal: undefined });
    },

    endPeeringDrag() {
      if (get().peeringDragFrom !== undefined) set({ peeringDragFrom: undefined });
    },

    openPlan(pair) {
      set({ plan: pair, attachPlan: undefined, refusal: undefined, pathFix: undefined });
    },

    openAttachPlan(pair) {
      set({ attachPlan: pair, plan: undefined, refusal: undefined, pathFix: undefined });
    },

    closeAttachPlan() {
      set({ attachPlan: undefined });
    },

    openPathFix(pair) {
      set({ pathFix: pair, plan: undefined, refusal: undefined });
    },

    closePathFix() {
      set({ pathFix: undefined });
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

    escape() {
      const s = get();
      if (s.refusal) return set({ refusal: undefined });
      if (s.plan) return set({ plan: undefined });
      if (s.attachPlan) return set({ attachPlan: undefined });
      if (s.pathFix) return set({ pathFix: undefined });
      if (s.query) return set({ query: '' });
      if (s.reach && s.panel === 'reach') return set({ reach: undefined });
      if (s.selection.vpcIds.length > 0 || s.selection.item) return select({ vpcIds: [] });
      if (s.mode !== 'normal') return set({ mode: 'normal' });
    },
  };
}
