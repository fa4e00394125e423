/** The peerings' legend rows: every status's look, the deleted-peerings switch, and what end dots mean. */
import { useCallback } from 'react';
import type { ChangeEvent, CSSProperties } from 'react';

import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import type { EdgeCategory } from '../../../../shared/diagram/style';
import { EDGE_STYLES, edgeStyleOf } from '../../../../shared/diagram/style';
import { useAppStore } from '../../../store/store-context';
import type { LegendRows } from '../../legend-parts';
import { LineSample } from '../../legend-parts';
import { LARGE_NETWORK_VPCS, vpcBoxCount } from '../../overview/OverviewCanvas';

/** The style's legend text as a phrase among others: `Pending acceptance` → `pending acceptance`. */
function phrase(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** An active peering's sample in the look its route state gives it, with each side's end dot. */
function EndsSample({ category, left, right }: { category: EdgeCategory; left: string; right: string }) {
  return (
    <svg className="legend-sample" width="34" height="12" viewBox="0 0 34 12" aria-hidden="true">
      <g className="peering-edge" style={edgeLookProperties(edgeStyleOf(category)) as CSSProperties}>
        <path className="peering-line react-flow__edge-path" d="M 6,6 L 28,6" />
        <circle className={`route-end route-${left}`} cx="6" cy="6" r="4" />
        <circle className={`route-end route-${right}`} cx="28" cy="6" r="4" />
      </g>
    </svg>
  );
}

function PeeringStatusRows() {
  const showDeleted = useAppStore((s) => s.showDeleted);
  const large = useAppStore((s) => vpcBoxCount(s.layout) >= LARGE_NETWORK_VPCS);
  const setShowDeleted = useAppStore((s) => s.setShowDeleted);
  const onDeleted = useCallback((e: ChangeEvent<HTMLInputElement>) => void setShowDeleted(e.target.checked), [setShowDeleted]);
  return (
    <>
      {EDGE_STYLES.map((s) => (
        <span key={s.category} className="legend-item" data-edge-style={s.category}>
          <LineSample look={s} className="peering-line" />
          {phrase(s.label)}
        </span>
      ))}
      <label className={`legend-item legend-check${showDeleted ? '' : ' is-off'}`} title="Draw peerings deleted in the last hours too">
        <input type="checkbox" checked={showDeleted} onChange={onDeleted} aria-label="show deleted" />
        show deleted
      </label>
      {large && <span className="legend-item legend-note">large network: status by colour only</span>}
    </>
  );
}

function PeeringRouteRows() {
  return (
    <>
      <span className="legend-item" title="Both VPCs route the other's blocks to the peering">
        <EndsSample category="active-complete" left="complete" right="complete" />
        both sides
      </span>
      <span className="legend-item" title="Only one VPC routes to the peering: traffic cannot return">
        <EndsSample category="active-partial" left="complete" right="none" />
        one side
      </span>
      <span className="legend-item">
        <EndsSample category="active-none" left="none" right="none" />
        none
      </span>
    </>
  );
}

/** The peering kind's legend rows. */
export const PEERING_LEGEND: LegendRows = { peerings: PeeringStatusRows, routes: PeeringRouteRows };
