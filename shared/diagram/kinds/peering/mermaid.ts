/** A peering in Mermaid: a link labelled with its title and state, dotted unless active, styled with the scene's colour, dash and width. */
import type { MermaidEdge } from '../../../export/mermaid-markup';
import { mermaidLabel, mermaidStyle, mmd } from '../../../export/syntax/mermaid';
import type { ScenePeering } from './scene';

export const peeringMermaid: MermaidEdge<ScenePeering> = {
  arrow: (e) => (e.peering.status === 'active' ? mmd`-->` : mmd`-.->`),
  label: (e) => mermaidLabel([`${e.label.title} · ${e.label.detail}`]),
  linkStyle: (e) => {
    const dash = e.look.dash ? mmd`,stroke-dasharray:${mermaidStyle(e.look.dash)}` : mmd``;
    return mmd`stroke:${mermaidStyle(e.colour)},stroke-width:${e.look.width}px${dash}`;
  },
};
