/** An account frame in SVG: its outline, its name in bold and its id beside it. */
import type { SvgBox } from '../../../export/svg-markup';
import { group, outline, text } from '../../../export/svg-markup';
import { xmlAttr } from '../../../export/syntax/xml';
import { accountName } from '../../names';
import { estimateTextWidth, fitText } from '../../text-metrics';
import type { SceneAccount } from './scene';

export const accountSvg: SvgBox<SceneAccount> = {
  layer: 'under-edges',
  draw: (b, p) => {
    const name = accountName(b.account) ?? (b.scanned ? 'Account' : 'Not scanned');
    const maxWidth = b.width - 28;
    const nameText = fitText(name, maxWidth * 0.6, 14, { bold: true });
    const nameWidth = estimateTextWidth(nameText, 14, { bold: true });
    return group([
      outline(b, b.style),
      text(b.x + 16, b.y + 25, nameText, { size: 14, fill: xmlAttr(b.style.text), weight: 650 }),
      text(b.x + 16 + nameWidth + 10, b.y + 25, fitText(b.accountId, maxWidth - nameWidth - 10, 12, { mono: true }), { size: 12, fill: p.muted, mono: true }),
    ]);
  },
};
