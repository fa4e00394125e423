/** A region frame in draw.io: a swimlane container titled with the region's code. */
import type { DrawioBox } from '../../../export/drawio-markup';
import { drawioOutline, drawioStyle } from '../../../export/drawio-markup';
import { xml, xmlAttr } from '../../../export/syntax/xml';
import type { SceneRegion } from './scene';
import { REGION_TITLE_HEIGHT } from './scene';

export const regionDrawio: DrawioBox<SceneRegion> = {
  container: true,
  cell: (b, at) => {
    const s = drawioStyle({ swimlane: '', container: 1, collapsible: 0, ...drawioOutline(b.style), startSize: REGION_TITLE_HEIGHT, fontStyle: 1, fontSize: 12, align: 'left', spacingLeft: 10, fillColor: b.style.fill, swimlaneFillColor: b.style.fill, fontColor: b.style.text, html: 0 });
    return xml`<mxCell id="${at.id}" value="${xmlAttr(b.region)}" style="${s}" vertex="1" parent="${at.parent}">${at.geometry}</mxCell>`;
  },
};
