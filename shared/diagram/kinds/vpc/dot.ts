/** A VPC card in DOT: a node labelled with its lines, its border in the card's colour (DOT draws no stripe). */
import type { DotBox } from '../../../export/dot-markup';
import { dotBoxStyle } from '../../../export/dot-markup';
import { dot, dotId, dotLabel } from '../../../export/syntax/dot';
import type { SceneVpc } from './scene';
import { vpcLabelLines } from './scene';

export const vpcDot: DotBox<SceneVpc> = {
  shape: 'node',
  attributes: (b) => {
    const s = b.style;
    return dot`label=${dotLabel(vpcLabelLines(b))}, style=${dotBoxStyle(s)}, fillcolor=${dotId(s.fill)}, color=${dotId(s.stripe)}, fontcolor=${dotId(s.text)}, penwidth=${s.strokeWidth}`;
  },
};
