/** The would-be path's legend row. */
import { GHOST_EDGE } from '../../../../shared/diagram/style';
import type { LegendRows } from '../../legend-parts';
import { LineSample } from '../../legend-parts';

function GhostRows() {
  return (
    <span className="legend-item" title="Peering is not transitive: the dashed path does not carry traffic">
      <LineSample look={GHOST_EDGE} className="ghost-line" />
      would-be path
    </span>
  );
}

/** The would-be path kind's legend rows. */
export const GHOST_LEGEND: LegendRows = { marks: GhostRows };
