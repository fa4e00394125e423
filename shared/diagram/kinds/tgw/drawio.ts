/** A transit gateway hub in draw.io: a rounded box labelled with its lines, its border in its owner's colour. */
import type { DrawioBox } from '../../../export/drawio-markup';
import { drawioOutline, drawioStyle } from '../../../export/drawio-markup';
import { xml, xmlAttrLines } from '../../../export/syntax/xml';
import type { SceneTgw } from './scene';
import { tgwLabelLines } from './scene';

export const tgwDrawio: DrawioBox<SceneTgw> = {
  container: false,
  cell: (b, at) => {
    const s = drawioStyle({
      ...drawioOutline(b.style),
      whiteSpace: 'wrap',
      html: 0,
      align: 'center',
      verticalAlign: 'middle',
      fontFamily: 'Helvetica',
      fontSize: 11,
      fontStyle: 1,
      fillColor: b.style.fill,
      fontColor: b.style.text,
    });
    return xml`<UserObject id="${at.id}" label="${xmlAttrLines(tgwLabelLines(b))}"><mxCell style="${s}" vertex="1" parent="${at.parent}">${at.geometry}</mxCell></UserObject>`;
  },
};
