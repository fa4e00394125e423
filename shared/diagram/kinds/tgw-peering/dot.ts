/** A TGW peering in DOT: a double line (two colours joined by `:`) hub to hub, with its id, labelled with its title and state. */
import type { Dot, DotEdge } from '../../../export/dot-markup';
import { dot, dotId, dotLabel } from '../../../export/syntax/dot';
import type { LinePattern } from '../../style';
import type { SceneTgwPeering } from './scene';

const LINE: Readonly<Record<LinePattern, Dot>> = { solid: dot`solid`, dashed: dot`dashed`, dotted: dot`dotted` };

export const tgwPeeringDot: DotEdge<SceneTgwPeering> = {
  attributes: (e) => {
    const colour = dotId(e.colour);
    return dot`id=${dotId(e.id)}, label=${dotLabel([e.label.title, e.label.detail])}, color=${dotId(`${e.colour}:${e.colour}`)}, fontcolor=${colour}, style=${LINE[e.look.line]}, penwidth=${e.look.width / 2}, arrowhead=box, arrowtail=box, dir=both`;
  },
};
