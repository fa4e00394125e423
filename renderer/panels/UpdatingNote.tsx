/** The inspector's word on an item drawn from a change a rescan has not confirmed yet. */
import { useEffect, useRef } from 'react';

import type { PendingUpdate } from '../../shared/api/dto';
import { useAppStore } from '../store/store-context';
import { updatingOf } from '../store/updates';

/** The pending update that marks a peering or a VPC, if any. */
export function usePendingUpdate(item: { readonly peeringId?: string; readonly vpcId?: string }): PendingUpdate | undefined {
  return useAppStore((s) => {
    const index = updatingOf(s);
    return (item.peeringId ? index.peerings.get(item.peeringId) : undefined) ?? (item.vpcId ? index.vpcs.get(item.vpcId) : undefined);
  });
}

/**
 * Scroll the nearest scrolling ancestor just enough to show `el`. Not `scrollIntoView`, which
 * also scrolls the window's own overflow-hidden boxes and would shift the whole layout.
 */
function revealInPanel(el: HTMLElement | null): void {
  let panel = el?.parentElement;
  while (panel && !(panel.scrollHeight > panel.clientHeight && /auto|scroll/.test(getComputedStyle(panel).overflowY))) panel = panel.parentElement;
  if (!el || !panel) return;
  const box = el.getBoundingClientRect();
  const view = panel.getBoundingClientRect();
  if (box.top < view.top) panel.scrollTop -= view.top - box.top + 8;
  else if (box.bottom > view.bottom) panel.scrollTop += box.bottom - view.bottom + 8;
}

function regionsOf(update: PendingUpdate): string {
  const regions = [...new Set(update.scope.map((s) => s.region))];
  return regions.length === 1 ? regions[0]! : `${regions.slice(0, -1).join(', ')} and ${regions.at(-1)}`;
}

/** "Updating": shown as the calls left it while the touched regions are rescanned; or why that rescan failed, with Refresh. */
export function UpdatingNote({ update }: { update: PendingUpdate }) {
  const refresh = useAppStore((s) => s.refresh);
  const busy = useAppStore((s) => s.discovery.busy);
  const box = useRef<HTMLDivElement>(null);
  // The action that caused it was clicked further down the inspector: bring the news into view.
  useEffect(() => revealInPanel(box.current), [update.runId, update.state]);
  if (update.state === 'confirming') {
    return (
      <div ref={box} className="updating-note" role="status" data-testid="updating-note" data-state="confirming">
        <span className="badge updating">updating</span> {update.title}: shown as the calls left it; rescanning {regionsOf(update)} to confirm.
      </div>
    );
  }
  return (
    <div ref={box} className="updating-note failed" role="alert" data-testid="updating-note" data-state="failed">
      <span className="badge bad">not confirmed</span> {update.error?.message ?? `${update.title}: the rescan did not finish.`} {update.error?.fix}
      <div className="row">
        <button type="button" className="ghost" disabled={busy} onClick={() => void refresh()}>
          Refresh
        </button>
      </div>
    </div>
  );
}
