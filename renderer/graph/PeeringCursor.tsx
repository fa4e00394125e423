/** While dragging to peer: the verdict on the VPC under the pointer, next to the pointer, at screen size.
 *
 * Cards are scaled with the canvas, so at a low zoom their own text is unreadable; this tag is
 * not. It names the reason in full (both CIDR blocks for an overlap), from the same
 * validatePeering verdict that refuses the drop.
 */
import { useConnection, useStore as useFlowStore } from '@xyflow/react';
import { useMemo } from 'react';

import type { VpcId } from '../../shared/model/ids';
import type { TransitGatewayId } from '../../shared/model/topology';
import { useAppStore } from '../store/store-context';
import { attachValidatorOf, validatorOf } from './derive';

const TAG_WIDTH = 380;
const TAG_HEIGHT = 110;

/** Below-right of the pointer, flipped left or up where the canvas would cut the tag off. */
function placeTag(x: number, y: number, width: number, height: number): string {
  const left = x + 18 + TAG_WIDTH > width ? Math.max(4, x - 18 - TAG_WIDTH) : x + 18;
  const top = y + 18 + TAG_HEIGHT > height ? Math.max(4, y - 18 - TAG_HEIGHT) : y + 18;
  return `translate(${left}px, ${top}px)`;
}

/** The pointer tag; renders nothing unless a drag from a VPC is over another VPC card or a transit gateway hub. */
export function PeeringCursor() {
  const state = useConnection((c) =>
    // Over the card the drag started from (it starts anywhere on a card) there is nothing to say yet.
    c.inProgress && c.toNode && (c.toNode.type === 'vpc' || c.toNode.type === 'tgw') && c.toNode.id !== c.fromNode.id
      ? { from: c.fromNode.id, to: c.toNode.id, hub: c.toNode.type === 'tgw', x: c.pointer.x, y: c.pointer.y }
      : null,
  );
  const topology = useAppStore((s) => s.snapshot?.topology);
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const from = state?.from;
  const to = state?.to;
  const hub = state?.hub ?? false;
  const verdict = useMemo(
    () => (topology && from && to && !hub ? validatorOf(topology)(from as VpcId, to as VpcId) : undefined),
    [topology, from, to, hub],
  );
  const attach = useMemo(() => (topology && from && to && hub ? attachValidatorOf(topology)(from as VpcId, to as TransitGatewayId) : undefined), [topology, from, to, hub]);
  if (state && attach) {
    const ok = attach.status !== 'refused';
    return (
      <div className={`peer-cursor ${ok ? 'ok' : 'bad'}`} role="status" aria-live="polite" data-testid="peer-cursor" style={{ transform: placeTag(state.x, state.y, width, height) }}>
        <strong>{ok ? 'Release to plan this attachment' : 'Cannot attach'}</strong>
        <span>{ok ? (attach.unknown?.message ?? attach.summary) : attach.reasons[0]?.message}</span>
        {!ok && attach.reasons.length > 1 && <span className="muted">and {attach.reasons.length - 1} more reason{attach.reasons.length > 2 ? 's' : ''}</span>}
      </div>
    );
  }
  if (!state || !verdict) return null;
  return (
    <div
      className={`peer-cursor ${verdict.ok ? 'ok' : 'bad'}`}
      role="status"
      aria-live="polite"
      data-testid="peer-cursor"
      style={{ transform: placeTag(state.x, state.y, width, height) }}
    >
      <strong>{verdict.ok ? 'Release to plan this peering' : 'Cannot peer'}</strong>
      <span>{verdict.ok ? verdict.summary.replace(/^Can peer: /, '') : verdict.reasons[0]?.message}</span>
      {!verdict.ok && verdict.reasons.length > 1 && <span className="muted">and {verdict.reasons.length - 1} more reason{verdict.reasons.length > 2 ? 's' : ''}</span>}
    </div>
  );
}
