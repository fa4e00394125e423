/** A transit gateway hub in Mermaid: a hexagon node labelled with its lines, one class per hub look and account hue. */
import type { MermaidBox, Mmd } from '../../../export/mermaid-markup';
import { idPart } from '../../../export/mermaid-markup';
import { mermaidId, mermaidLabel, mmd } from '../../../export/syntax/mermaid';
import type { SceneTgw } from './scene';
import { tgwLabelLines } from './scene';

/** A gateway's node id: `tgw-0a1b` → `tgw_0a1b`. */
export function mermaidTgwId(id: string): Mmd {
  return mermaidId(`tgw_${idPart(id.startsWith('tgw-') ? id.slice(4) : `-${id}`)}`);
}

export const tgwMermaid: MermaidBox<SceneTgw> = {
  shape: 'node',
  id: (b) => mermaidTgwId(b.id),
  node: (b) => mmd`{{${mermaidLabel(tgwLabelLines(b))}}}`,
  look: (b) => ({ name: `${b.unread ? 'tgwUnread' : 'tgw'}${b.hue}`, style: b.style }),
};
