/** Which peerings and VPCs are drawn from changes a rescan has not confirmed yet. */
import type { PendingUpdate, WorkspaceUpdates } from '../../shared/api/dto';
import type { AppState } from './app-state';

/** The pending update behind each marked peering and VPC (the latest, when several mark one). */
export interface UpdatingIndex {
  readonly peerings: ReadonlyMap<string, PendingUpdate>;
  readonly vpcs: ReadonlyMap<string, PendingUpdate>;
}

const EMPTY: UpdatingIndex = { peerings: new Map(), vpcs: new Map() };
let last: { updates?: WorkspaceUpdates; index: UpdatingIndex } = { index: EMPTY };

/** The index of the store's pending updates, rebuilt only when they change. */
export function updatingOf(s: Pick<AppState, 'updates'>): UpdatingIndex {
  if (last.updates === s.updates) return last.index;
  const peerings = new Map<string, PendingUpdate>();
  const vpcs = new Map<string, PendingUpdate>();
  for (const u of s.updates.pending) {
    for (const id of u.peeringIds) peerings.set(id, u);
    for (const id of u.vpcIds) vpcs.set(id, u);
  }
  const index = s.updates.pending.length === 0 ? EMPTY : { peerings, vpcs };
  last = { updates: s.updates, index };
  return index;
}

/** The class a marked card or edge adds: `is-updating`, or `is-update-failed` when the rescan did not confirm it. */
export function updatingClass(update: PendingUpdate | undefined): string {
  if (!update) return '';
  return update.state === 'failed' ? 'is-updating is-update-failed' : 'is-updating';
}
