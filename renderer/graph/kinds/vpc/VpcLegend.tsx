/** The VPC cards' legend rows: the marks a card can carry. */
import type { LegendRows } from '../../legend-parts';

function VpcMarkRows() {
  return (
    <>
      <span className="legend-item">
        <span className="legend-swatch conflict" />
        CIDR overlap
      </span>
      <span className="legend-item">
        <span className="legend-swatch indirect" />
        only via others
      </span>
    </>
  );
}

/** The VPC kind's legend rows. */
export const VPC_LEGEND: LegendRows = { marks: VpcMarkRows };
