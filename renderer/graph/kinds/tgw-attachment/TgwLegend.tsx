/** The transit gateway legend rows: the hub, every attachment look and every TGW peering look, each drawn with the function its edges are drawn with. */
import type { CSSProperties } from 'react';

import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import type { TgwEdgeStyle } from '../../../../shared/diagram/style';
import { TGW_ATTACHMENT_STYLES, TGW_PEERING_STYLES } from '../../../../shared/diagram/style';
import type { LegendRows } from '../../legend-parts';

function TgwSample({ look, peering }: { look: TgwEdgeStyle; peering: boolean }) {
  return (
    <svg className="legend-sample" width="30" height="12" viewBox="0 0 30 12" aria-hidden="true">
      <g className={`tgw-edge ${peering ? 'tgw-peering-edge' : 'tgw-attachment-edge'}`} style={edgeLookProperties(look) as CSSProperties}>
        <path className="tgw-line react-flow__edge-path" d="M 3,6 L 24,6" />
        {peering && <path className="tgw-line-core" d="M 3,6 L 24,6" />}
        <rect className="tgw-end" x="22" y="2" width="8" height="8" rx="1.5" />
      </g>
    </svg>
  );
}

function TgwRows() {
  return (
    <>
      <span className="legend-item" title="A transit gateway, in its owner's region frame; dashed when its routing was not read">
        <span className="legend-swatch tgw" />
        transit gateway
      </span>
      {TGW_ATTACHMENT_STYLES.map((look) => (
        <span key={look.key} className="legend-item" data-legend-tgw={look.key} data-edge-style={look.key} title={look.label}>
          <TgwSample look={look} peering={false} />
          {look.label.replace(/^Attachment,? /, '')}
        </span>
      ))}
      {TGW_PEERING_STYLES.map((look) => (
        <span key={look.key} className="legend-item" data-legend-tgw={look.key} data-edge-style={look.key} title={look.label}>
          <TgwSample look={look} peering />
          {look.label}
        </span>
      ))}
    </>
  );
}

/** The transit gateway kinds' legend rows (shown only when the snapshot has a gateway). */
export const TGW_LEGEND: LegendRows = { tgw: TgwRows };
