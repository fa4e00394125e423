/** A VPC card in draw.io: a box labelled with its lines, its border in the card's colour (draw.io draws no stripe). */
import type { DrawioBox } from '../../../export/drawio-markup';
import { drawioOutline, drawioStyle } from '../../../export/drawio-markup';
import { xml, xmlAttrLines } from '../../../export/syntax/xml';
import type { SceneVpc } from './scene';
import { vpcLabelLines } from './scene';

export const vpcDrawio: DrawioBox<SceneVpc> = {
  container: false,
  cell: (b, at) => {
    const s = drawioStyle({
      ...drawioOutline({ ...b.style, stroke: b.style.stripe }),
      whiteSpace: 'wrap',
      html: 0,
      align: 'left',
      verticalAlign: 'top',
      spacingLeft: 12,
      spacingTop: 6,
      fontFamily: 'Helvetica',
      fontSize: 11,
      fillColor: b.style.fill,
      fontColor: b.style.text,
    });
    const tooltip = b.conflicted ? xml` tooltip="CIDR blocks overlap another VPC"` : xml``;
    return xml`<UserObject id="${at.id}" label="${xmlAttrLines(vpcLabelLines(b))}"${tooltip}><mxCell style="${s}" vertex="1" parent="${at.parent}">${at.geometry}</mxCell></UserObject>`;
  },
};
