/** The would-be path's and the proposed peering's legend rows. */
import { GHOST_EDGE, PROPOSED_EDGE } from '../../../../shared/diagram/style';
import type { LegendRows } from '../../legend-parts';
import { LineSample } from '../../legend-parts';

function MarkRows() {
  return (
    <>
      <GhostRows />
      <ProposedRows />
    </>
  );
}

function GhostRows() {
  return (
    <span className="legend-item" title="Peering is not transitive: the dashed path does not carry traffic">
      <LineSample look={GHOST_EDGE} className="ghost-line" />
      would-be path
    </span>
  );
}

function ProposedRows() {
  return (
    <span className="legend-item" title="Fix this path: the peering the fix plan would create">
      <LineSample look={PROPOSED_EDGE} className="ghost-line" />
      proposed peering
    </span>
  );
}

/** The would-be path kind's legend rows. */
export const GHOST_LEGEND: LegendRows = { marks: MarkRows };
