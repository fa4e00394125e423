/** A region frame in SVG: its dashed outline, a ring in its account's colour and the region's code. */
import type { SvgBox } from '../../../export/svg-markup';
import { group, outline, text } from '../../../export/svg-markup';
import { xml, xmlAttr, xmlNum } from '../../../export/syntax/xml';
import { fitText } from '../../text-metrics';
import type { SceneRegion } from './scene';

export const regionSvg: SvgBox<SceneRegion> = {
  layer: 'under-edges',
  draw: (b) =>
    group([
      outline(b, b.style),
      xml`<circle cx="${xmlNum(b.x + 16)}" cy="${xmlNum(b.y + 16)}" r="4" fill="none" stroke="${xmlAttr(b.style.stripe)}" stroke-width="1.5"/>`,
      text(b.x + 26, b.y + 20, fitText(b.region, b.width - 40, 12, { bold: true }), { size: 12, fill: xmlAttr(b.style.text), weight: 600 }),
    ]),
};
