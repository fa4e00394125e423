/** A peering in DOT: an edge with its pcx id, labelled with its title and state, in the scene's colour, line pattern and width. */
import type { Dot, DotEdge } from '../../../export/dot-markup';
import { dot, dotId, dotLabel } from '../../../export/syntax/dot';
import type { LinePattern } from '../../style';
import type { ScenePeering } from './scene';

const LINE: Readonly<Record<LinePattern, Dot>> = { solid: dot`solid`, dashed: dot`dashed`, dotted: dot`dotted` };

export const peeringDot: DotEdge<ScenePeering> = {
  attributes: (e) => {
    const colour = dotId(e.colour);
    return dot`id=${dotId(e.id)}, label=${dotLabel([e.label.title, e.label.detail])}, color=${colour}, fontcolor=${colour}, style=${LINE[e.look.line]}, penwidth=${e.look.width}`;
  },
};
