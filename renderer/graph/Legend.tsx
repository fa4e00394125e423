/** The canvas legend: the diagram style's edge looks, what end dots mean, and the deleted-peerings switch. */
import { Panel } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { ChangeEvent, CSSProperties } from 'react';

import { edgeLookProperties } from '../../shared/diagram/css-variables';
import type { EdgeCategory, EdgeLook } from '../../shared/diagram/style';
import { EDGE_STYLES, GHOST_EDGE, edgeStyleOf } from '../../shared/diagram/style';
import { useAppStore } from '../store/store-context';
import { LARGE_NETWORK_VPCS, vpcBoxCount } from './overview/OverviewCanvas';

/** The style's legend text as a phrase among others: `Pending acceptance` → `pending acceptance`. */
function phrase(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

function LineSample({ look, className }: { look: EdgeLook; className: string }) {
  return (
    <svg className="legend-sample" width="26" height="12" viewBox="0 0 26 12" aria-hidden="true">
      <g className={className === 'ghost-line' ? 'ghost-edge' : 'peering-edge'} style={edgeLookProperties(look) as CSSProperties}>
        <path className={`${className} react-flow__edge-path`} d="M 2,6 L 24,6" />
      </g>
    </svg>
  );
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

/** Legend panel, collapsible, in the canvas's bottom-left corner. */
export function Legend() {
  const [open, setOpen] = useState(true);
  const showDeleted = useAppStore((s) => s.showDeleted);
  const large = useAppStore((s) => vpcBoxCount(s.layout) >= LARGE_NETWORK_VPCS);
  const setShowDeleted = useAppStore((s) => s.setShowDeleted);
  const toggle = useCallback(() => setOpen((o) => !o), []);
  const onDeleted = useCallback((e: ChangeEvent<HTMLInputElement>) => void setShowDeleted(e.target.checked), [setShowDeleted]);
  return (
    <Panel position="bottom-left" className="legend" aria-label="Legend">
      <button type="button" className="legend-toggle" onClick={toggle} aria-expanded={open}>
        Legend {open ? '▾' : '▸'}
      </button>
      {open && (
        <div className="legend-body">
          <div className="legend-items">
            <span className="legend-label">Peerings</span>
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
          </div>
          <div className="legend-items">
            <span className="legend-label">Routes</span>
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
            <span className="legend-label legend-label-gap">Marks</span>
            <span className="legend-item">
              <span className="legend-swatch conflict" />
              CIDR overlap
            </span>
            <span className="legend-item">
              <span className="legend-swatch indirect" />
              only via others
            </span>
            <span className="legend-item" title="Peering is not transitive: the dashed path does not carry traffic">
              <LineSample look={GHOST_EDGE} className="ghost-line" />
              would-be path
            </span>
          </div>
        </div>
      )}
    </Panel>
  );
}
