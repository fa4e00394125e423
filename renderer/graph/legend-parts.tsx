/** The legend's sections and the line sample kinds draw their rows with (Legend.tsx lays them out). */
import type { ComponentType, CSSProperties } from 'react';

import { edgeLookProperties } from '../../shared/diagram/css-variables';
import type { EdgeLook } from '../../shared/diagram/style';
import type { Topology } from '../../shared/model/topology';

/** The legend's sections, in the columns the legend lays them out in. */
export const LEGEND_COLUMNS = [
  [{ section: 'peerings', label: 'Peerings' }],
  [
    { section: 'routes', label: 'Routes' },
    { section: 'marks', label: 'Marks' },
  ],
  [{ section: 'tgw', label: 'Transit gateways' }],
] as const;

/** Sections shown only when the snapshot has what they explain (the others always show). */
export const SECTION_SHOWN: Partial<Record<LegendSection, (topology: Topology) => boolean>> = {
  tgw: (topology) => topology.transitGateways.length > 0,
};

/** A section of the legend. */
export type LegendSection = (typeof LEGEND_COLUMNS)[number][number]['section'];

/** A kind's legend rows by section: each renders its `legend-item` spans, the sections' kinds in table order. */
export type LegendRows = Partial<Record<LegendSection, ComponentType>>;

/** A straight line in an edge look; `ghost-line` draws it as a would-be path, anything else as a peering. */
export function LineSample({ look, className }: { look: EdgeLook; className: string }) {
  return (
    <svg className="legend-sample" width="26" height="12" viewBox="0 0 26 12" aria-hidden="true">
      <g className={className === 'ghost-line' ? 'ghost-edge' : 'peering-edge'} style={edgeLookProperties(look) as CSSProperties}>
        <path className={`${className} react-flow__edge-path`} d="M 2,6 L 24,6" />
      </g>
    </svg>
  );
}
