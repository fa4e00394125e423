/** A TGW peering in Mermaid: a thick link (`===`) when available, dotted otherwise, labelled with its title and state. */
import type { MermaidEdge } from '../../../export/mermaid-markup';
import { mermaidLabel, mermaidStyle, mmd } from '../../../export/syntax/mermaid';
import type { SceneTgwPeering } from './scene';

export const tgwPeeringMermaid: MermaidEdge<SceneTgwPeering> = {
  arrow: (e) => (e.peering.state === 'available' ? mmd`===` : mmd`-.-`),
  label: (e) => mermaidLabel([`${e.label.title} · ${e.label.detail}`]),
  linkStyle: (e) => {
    const dash = e.look.dash ? mmd`,stroke-dasharray:${mermaidStyle(e.look.dash)}` : mmd``;
    return mmd`stroke:${mermaidStyle(e.colour)},stroke-width:${e.look.width}px${dash}`;
  },
};
