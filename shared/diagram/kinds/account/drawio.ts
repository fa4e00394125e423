/** An account frame in draw.io: a swimlane container titled with the account. */
import type { DrawioBox } from '../../../export/drawio-markup';
import { drawioOutline, drawioStyle } from '../../../export/drawio-markup';
import { xml, xmlAttr } from '../../../export/syntax/xml';
import type { SceneAccount } from './scene';
import { ACCOUNT_TITLE_HEIGHT, accountFrameLabel } from './scene';

export const accountDrawio: DrawioBox<SceneAccount> = {
  container: true,
  cell: (b, at) => {
    const s = drawioStyle({ swimlane: '', container: 1, collapsible: 0, ...drawioOutline(b.style), startSize: ACCOUNT_TITLE_HEIGHT, fontStyle: 1, fontSize: 14, align: 'left', spacingLeft: 12, fillColor: b.style.fill, swimlaneFillColor: b.style.fill, fontColor: b.style.text, html: 0 });
    return xml`<mxCell id="${at.id}" value="${xmlAttr(accountFrameLabel(b))}" style="${s}" vertex="1" parent="${at.parent}">${at.geometry}</mxCell>`;
  },
};
