/** An attachment in Mermaid: an undirected link (`---` or dotted `-.-` unless available) labelled with its title and state, styled with the scene's colour, dash and width. */
import type { MermaidEdge } from '../../../export/mermaid-markup';
import { mermaidLabel, mermaidStyle, mmd } from '../../../export/syntax/mermaid';
import type { SceneTgwAttachment } from './scene';

export const tgwAttachmentMermaid: MermaidEdge<SceneTgwAttachment> = {
  arrow: (e) => (e.attachment.state === 'available' ? mmd`---` : mmd`-.-`),
  label: (e) => mermaidLabel([`${e.label.title} · ${e.label.detail}`]),
  linkStyle: (e) => {
    const dash = e.look.dash ? mmd`,stroke-dasharray:${mermaidStyle(e.look.dash)}` : mmd``;
    return mmd`stroke:${mermaidStyle(e.colour)},stroke-width:${e.look.width}px${dash}`;
  },
};
