/** A transit gateway hub in DOT: a hexagon node labelled with its lines, in its owner's colour. */
import type { DotBox } from '../../../export/dot-markup';
import { dotBoxStyle } from '../../../export/dot-markup';
import { dot, dotId, dotLabel } from '../../../export/syntax/dot';
import type { SceneTgw } from './scene';
import { tgwLabelLines } from './scene';

export const tgwDot: DotBox<SceneTgw> = {
  shape: 'node',
  attributes: (b) => {
    const s = b.style;
    return dot`shape=hexagon, label=${dotLabel(tgwLabelLines(b))}, style=${dotBoxStyle(s)}, fillcolor=${dotId(s.fill)}, color=${dotId(s.stroke)}, fontcolor=${dotId(s.text)}, penwidth=${s.strokeWidth}`;
  },
};
