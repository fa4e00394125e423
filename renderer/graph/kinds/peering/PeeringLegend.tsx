/** The peerings' legend rows: a row for every status a peering can have, one for every route state an active one is drawn in, and the deleted-peerings switch.
 *
 * Every sample is drawn with `peeringLook`, the function the edges are drawn with, so the legend
 * cannot drift from the canvas.
 */
import { useCallback } from 'react';
import type { ChangeEvent, CSSProperties } from 'react';

import type { RouteSummary } from '../../../../shared/analysis/route-completeness';
import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import type { PeeringRouteState } from '../../../../shared/diagram/style';
import { peeringLook } from '../../../../shared/diagram/style';
import { PEERING_STATUSES } from '../../../../shared/model/kinds/peering';
import type { PeeringStatus } from '../../../../shared/model/topology';
import { useAppStore } from '../../../store/store-context';
import type { LegendRows } from '../../legend-parts';
import { LineSample } from '../../legend-parts';
import { LARGE_NETWORK_VPCS, vpcBoxCount } from '../../overview/OverviewCanvas';

/** What each status row says, and the route state its sample is drawn in (an active peering's colour is its routes'). */
export const STATUS_ROWS: Readonly<Record<PeeringStatus, { readonly words: string; readonly title: string }>> = {
  active: { words: 'active', title: 'Active: its colour says how its routes stand (see Routes)' },
  'pending-acceptance': { words: 'pending acceptance', title: 'Requested, waiting for the accepter’s account to accept' },
  'initiating-request': { words: 'initiating request', title: 'AWS is creating the request' },
  provisioning: { words: 'provisioning', title: 'Accepted, AWS is setting it up' },
  deleting: { words: 'deleting', title: 'Being deleted: still there, going away' },
  deleted: { words: 'deleted', title: 'Deleted (shown only with “show deleted”)' },
  rejected: { words: 'rejected', title: 'The accepter rejected the request' },
  expired: { words: 'expired', title: 'Not accepted within 7 days' },
  failed: { words: 'failed', title: 'AWS could not create it (overlapping blocks, most often)' },
};

/** The route states an active peering is drawn in, each with the end dots of its two sides. */
export const ROUTE_ROWS: readonly { readonly state: Exclude<PeeringRouteState, 'not-applicable'>; readonly ends: readonly [RouteSummary, RouteSummary]; readonly words: string; readonly title: string }[] = [
  { state: 'complete', ends: ['complete', 'complete'], words: 'both sides', title: 'Both VPCs route the other’s blocks to the peering' },
  { state: 'partial', ends: ['complete', 'none'], words: 'one side', title: 'Only one VPC routes to the peering: traffic cannot return' },
  { state: 'partial', ends: ['partial', 'partial'], words: 'partial', title: 'Some route tables or blocks have no route to the peering' },
  { state: 'none', ends: ['none', 'none'], words: 'none', title: 'Neither VPC routes to the peering' },
  { state: 'unknown', ends: ['complete', 'unknown'], words: 'a side not scanned', title: 'The peer’s account was not scanned: its routes are unknown' },
  { state: 'nothing-to-route', ends: ['nothing-to-route', 'complete'], words: 'no subnets', title: 'A VPC has no subnets: nothing to route' },
];

/** An active peering's sample in the look its route state gives it, with each side's end dot. */
function EndsSample({ state, ends: [left, right] }: { state: PeeringRouteState; ends: readonly [RouteSummary, RouteSummary] }) {
  return (
    <svg className="legend-sample" width="34" height="12" viewBox="0 0 34 12" aria-hidden="true">
      <g className="peering-edge" style={edgeLookProperties(peeringLook('active', state)) as CSSProperties}>
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
      {PEERING_STATUSES.map((status) => {
        const look = peeringLook(status, 'complete');
        return (
          <span key={status} className="legend-item" data-legend-status={status} data-edge-style={look.category} title={STATUS_ROWS[status].title}>
            <LineSample look={look} className="peering-line" />
            {STATUS_ROWS[status].words}
          </span>
        );
      })}
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
      {ROUTE_ROWS.map((row) => (
        <span key={row.words} className="legend-item" data-legend-route={row.state} data-legend-ends={row.ends.join(' ')} data-edge-style={peeringLook('active', row.state).category} title={row.title}>
          <EndsSample state={row.state} ends={row.ends} />
          {row.words}
        </span>
      ))}
    </>
  );
}

/** The peering kind's legend rows. */
export const PEERING_LEGEND: LegendRows = { peerings: PeeringStatusRows, routes: PeeringRouteRows };
