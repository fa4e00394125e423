/** A TGW peering in draw.io: a wide edge hub to hub (draw.io's `shape=link` double line), bent through the middle of the scene's curve. */
import type { DrawioEdge } from '../../../export/drawio-markup';
import { drawioStyle } from '../../../export/drawio-markup';
import { xml, xmlAttrLines, xmlNum } from '../../../export/syntax/xml';
import { quadraticAt } from '../../geometry';
import type { SceneTgwPeering } from './scene';

export const tgwPeeringDrawio: DrawioEdge<SceneTgwPeering> = {
  cell: (r, ends, p) => {
    const { edge } = r;
    const s = drawioStyle({
      shape: 'link',
      edgeStyle: 'none',
      curved: 1,
      html: 0,
      endArrow: 'none',
      startArrow: 'none',
      width: 3,
      strokeColor: edge.colour,
      strokeWidth: 1.5,
      fontColor: edge.colour,
      fontSize: 10,
      fontStyle: 1,
      labelBackgroundColor: p.panel,
      labelBorderColor: edge.colour,
      ...(edge.look.dash ? { dashed: 1, dashPattern: edge.look.dash, fixDash: 1 } : {}),
    });
    const mid = quadraticAt(r.start, r.ctrl, r.end, 0.5);
    return xml`<mxCell id="${ends.id}" value="${xmlAttrLines([edge.label.title, edge.label.detail])}" style="${s}" edge="1" parent="1" source="${ends.source}" target="${ends.target}"><mxGeometry relative="1" as="geometry"><Array as="points"><mxPoint x="${xmlNum(mid.x)}" y="${xmlNum(mid.y)}"/></Array></mxGeometry></mxCell>`;
  },
};
