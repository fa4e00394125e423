/** An attachment in draw.io: an edge from the VPC cell to the hub cell, bent through the middle of the scene's curve, a dot at the VPC and a square at the hub. */
import type { DrawioEdge } from '../../../export/drawio-markup';
import { drawioStyle } from '../../../export/drawio-markup';
import { xml, xmlAttrLines, xmlNum } from '../../../export/syntax/xml';
import { quadraticAt } from '../../geometry';
import type { SceneTgwAttachment } from './scene';

export const tgwAttachmentDrawio: DrawioEdge<SceneTgwAttachment> = {
  cell: (r, ends, p) => {
    const { edge } = r;
    const s = drawioStyle({
      edgeStyle: 'none',
      curved: 1,
      html: 0,
      endArrow: 'box',
      endFill: 1,
      endSize: 5,
      startArrow: 'oval',
      startFill: 1,
      startSize: 4,
      strokeColor: edge.colour,
      strokeWidth: edge.look.width,
      fontColor: edge.colour,
      fontSize: 10,
      labelBackgroundColor: p.panel,
      labelBorderColor: edge.colour,
      ...(edge.look.dash ? { dashed: 1, dashPattern: edge.look.dash, fixDash: 1 } : {}),
    });
    const mid = quadraticAt(r.start, r.ctrl, r.end, 0.5);
    return xml`<mxCell id="${ends.id}" value="${xmlAttrLines([edge.label.title, edge.label.detail])}" style="${s}" edge="1" parent="1" source="${ends.source}" target="${ends.target}"><mxGeometry relative="1" as="geometry"><Array as="points"><mxPoint x="${xmlNum(mid.x)}" y="${xmlNum(mid.y)}"/></Array></mxGeometry></mxCell>`;
  },
};
