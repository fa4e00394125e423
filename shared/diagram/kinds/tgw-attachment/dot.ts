/** An attachment in DOT: an undirected-looking edge (no arrowhead, a box at the hub) with its id, labelled with its title and state. */
import type { Dot, DotEdge } from '../../../export/dot-markup';
import { dot, dotId, dotLabel } from '../../../export/syntax/dot';
import type { LinePattern } from '../../style';
import type { SceneTgwAttachment } from './scene';

const LINE: Readonly<Record<LinePattern, Dot>> = { solid: dot`solid`, dashed: dot`dashed`, dotted: dot`dotted` };

export const tgwAttachmentDot: DotEdge<SceneTgwAttachment> = {
  attributes: (e) => {
    const colour = dotId(e.colour);
    return dot`id=${dotId(e.id)}, label=${dotLabel([e.label.title, e.label.detail])}, color=${colour}, fontcolor=${colour}, style=${LINE[e.look.line]}, penwidth=${e.look.width}, arrowhead=box, arrowtail=dot, dir=both`;
  },
};
