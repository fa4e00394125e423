/** The canvas legend: what edge colours, dashes and end dots mean, and the deleted-peerings switch. */
import { Panel } from '@xyflow/react';
import { useCallback, useState } from 'react';
import type { ChangeEvent } from 'react';

import type { PeeringStatus } from '../../shared/model/topology';
import { useAppStore } from '../store/store-context';
import { STATUS_WORDS } from './kinds/peering/peering-words';
import { LARGE_NETWORK_VPCS, vpcBoxCount } from './overview/OverviewCanvas';

const STATUSES: readonly PeeringStatus[] = ['active', 'pending-acceptance', 'provisioning', 'failed', 'rejected', 'expired'];

function LineSample({ className }: { className: string }) {
  return (
    <svg className="legend-sample" width="26" height="12" viewBox="0 0 26 12" aria-hidden="true">
      <g className={className}>
        <path className="peering-line react-flow__edge-path" d="M 2,6 L 24,6" />
      </g>
    </svg>
  );
}

function EndsSample({ left, right }: { left: string; right: string }) {
  return (
    <svg className="legend-sample" width="34" height="12" viewBox="0 0 34 12" aria-hidden="true">
      <g className="peering-edge status-active">
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
            {STATUSES.map((s) => (
              <span key={s} className="legend-item">
                <LineSample className={`peering-edge status-${s}`} />
                {STATUS_WORDS[s]}
              </span>
            ))}
            <label className={`legend-item legend-check${showDeleted ? '' : ' is-off'}`} title="Draw peerings deleted in the last hours too">
              <input type="checkbox" checked={showDeleted} onChange={onDeleted} aria-label="show deleted" />
              <LineSample className="peering-edge status-deleted" />
              deleted
            </label>
            {large && <span className="legend-item legend-note">large network: status by colour only</span>}
          </div>
          <div className="legend-items">
            <span className="legend-label">Routes</span>
            <span className="legend-item" title="Both VPCs route the other's blocks to the peering">
              <EndsSample left="complete" right="complete" />
              both sides
            </span>
            <span className="legend-item" title="Only one VPC routes to the peering: traffic cannot return">
              <EndsSample left="complete" right="none" />
              one side
            </span>
            <span className="legend-item">
              <EndsSample left="none" right="none" />
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
              <LineSample className="ghost-edge" />
              would-be path
            </span>
          </div>
        </div>
      )}
    </Panel>
  );
}
