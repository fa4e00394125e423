/** A peering in draw.io: an edge between the two VPC cells, bent through the middle of the scene's curve, labelled with its title and state. */
import type { DrawioEdge } from '../../../export/drawio-markup';
import { drawioStyle } from '../../../export/drawio-markup';
import { xml, xmlAttrLines, xmlNum } from '../../../export/syntax/xml';
import { quadraticAt } from '../../geometry';
import type { ScenePeering } from './scene';

export const peeringDrawio: DrawioEdge<ScenePeering> = {
  cell: (r, ends, p) => {
    const { edge } = r;
    const s = drawioStyle({
      edgeStyle: 'none',
      curved: 1,
      html: 0,
      endArrow: 'block',
      endFill: 1,
      startArrow: 'oval',
      startFill: 1,
      startSize: 5,
      strokeColor: edge.colour,
      strokeWidth: edge.look.width,
      fontColor: edge.colour,
      fontSize: 10,
      fontStyle: 1,
      labelBackgroundColor: p.panel,
      labelBorderColor: edge.colour,
      ...(edge.look.dash ? { dashed: 1, dashPattern: edge.look.dash, fixDash: 1 } : {}),
    });
    // One waypoint, the middle of the scene's curve, so draw.io bends the edge as the image does.
    const mid = quadraticAt(r.start, r.ctrl, r.end, 0.5);
    return xml`<mxCell id="${ends.id}" value="${xmlAttrLines([edge.label.title, edge.label.detail])}" style="${s}" edge="1" parent="1" source="${ends.source}" target="${ends.target}"><mxGeometry relative="1" as="geometry"><Array as="points"><mxPoint x="${xmlNum(mid.x)}" y="${xmlNum(mid.y)}"/></Array></mxGeometry></mxCell>`;
  },
};
