/** A tooltip with everything a region summary says, for the pointer over it; the pointer says a click zooms in. */
import { useStore as useFlowStore, useStoreApi } from '@xyflow/react';
import { useEffect, useState } from 'react';

import { colourVar } from '../../../shared/diagram/css-variables';
import { accountBoxId } from '../../../shared/diagram/layout';
import type { NetworkSummary } from '../../../shared/diagram/region-summaries';
import { edgeStyleOf } from '../../../shared/diagram/style';
import type { AppNode } from '../flow-types';
import type { PaintedBox } from './paint';
import { regionAt } from './region-hit';
import type { SummaryEmphasis } from './summary-emphasis';
import { accountNamesOf } from './SummaryList';
import { countOf, emphasisWords } from './summary-words';

/** Props of the tooltip. */
interface SummaryHoverProps {
  readonly summary: NetworkSummary;
  readonly boxes: ReadonlyMap<string, PaintedBox<AppNode>>;
  readonly emphasis: SummaryEmphasis;
}

/** Where the pointer is over which region, in pixels of the flow's element. */
interface Hover {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

/** The tooltip, following the pointer over a region summary while no button is pressed. */
export function SummaryHover({ summary, boxes, emphasis }: SummaryHoverProps) {
  const flow = useStoreApi();
  const domNode = useFlowStore((s) => s.domNode);
  const [hover, setHover] = useState<Hover | undefined>();

  useEffect(() => {
    if (!domNode) return;
    const clear = () => {
      domNode.classList.remove('is-over-summary');
      setHover(undefined);
    };
    const move = (event: PointerEvent) => {
      // Only over the empty pane: not while panning, nor over the legend or the controls.
      if (event.buttons !== 0 || !(event.target instanceof Element) || !event.target.classList.contains('react-flow__pane')) return clear();
      const bounds = domNode.getBoundingClientRect();
      const [tx, ty, k] = flow.getState().transform;
      const x = event.clientX - bounds.left;
      const y = event.clientY - bounds.top;
      const region = regionAt(boxes, { x: (x - tx) / k, y: (y - ty) / k });
      if (!region) return clear();
      domNode.classList.add('is-over-summary');
      setHover({ id: region.node.id, x, y });
    };
    domNode.addEventListener('pointermove', move);
    domNode.addEventListener('pointerleave', clear);
    domNode.addEventListener('wheel', clear, { passive: true });
    return () => {
      domNode.removeEventListener('pointermove', move);
      domNode.removeEventListener('pointerleave', clear);
      domNode.removeEventListener('wheel', clear);
      domNode.classList.remove('is-over-summary');
    };
  }, [domNode, boxes, flow]);

  const region = hover ? summary.regions.get(hover.id) : undefined;
  if (!hover || !region || !domNode) return null;
  const account = accountNamesOf(boxes).get(accountBoxId(region.accountId)) ?? region.accountId;
  const worst = region.worst ? edgeStyleOf(region.worst) : undefined;
  const marks = emphasisWords(emphasis.regions.get(region.id)).replace(/^; /, '');
  // Beside the pointer, flipped to its other side near the flow's right and bottom edges.
  const left = hover.x + 260 > domNode.clientWidth ? hover.x - 256 : hover.x + 14;
  const top = hover.y + 150 > domNode.clientHeight ? hover.y - 140 : hover.y + 16;
  return (
    <div className="overview-tooltip" role="tooltip" data-testid="summary-tooltip" style={{ left, top }}>
      <div className="overview-tooltip-title">
        {account} <span className="mono">{region.region}</span>
      </div>
      <div>
        {countOf(region.vpcCount, 'VPC')} · {countOf(region.peeringCount, 'peering')}
        {region.innerPeeringCount > 0 ? ` (${region.innerPeeringCount} inside)` : ''}
      </div>
      <div className={region.conflictCount > 0 ? 'overview-tooltip-bad' : undefined}>{countOf(region.conflictCount, 'CIDR conflict')}</div>
      <div>
        {worst ? (
          <>
            <span className="overview-tooltip-swatch" style={{ background: colourVar(worst.colour) }} /> worst: {worst.label}
          </>
        ) : (
          'no peerings'
        )}
      </div>
      {marks && <div>{marks}</div>}
      <div className="overview-tooltip-hint">Click to zoom in</div>
    </div>
  );
}
