/** A VPC card in Mermaid: a node labelled with its lines, one class per card look. */
import type { MermaidBox, Mmd } from '../../../export/mermaid-markup';
import { idPart } from '../../../export/mermaid-markup';
import { mermaidId, mermaidLabel, mmd } from '../../../export/syntax/mermaid';
import type { SceneVpc } from './scene';
import { vpcLabelLines } from './scene';

/** A VPC's node id: `vpc-0a1b` → `vpc_0a1b`. */
export function mermaidVpcId(vpcId: string): Mmd {
  return mermaidId(`vpc_${idPart(vpcId.startsWith('vpc-') ? vpcId.slice(4) : `-${vpcId}`)}`);
}

export const vpcMermaid: MermaidBox<SceneVpc> = {
  shape: 'node',
  id: (b) => mermaidVpcId(b.id),
  node: (b) => mmd`[${mermaidLabel(vpcLabelLines(b))}]`,
  // A look with the account's colour is one class per account hue.
  look: (b) => ({ name: b.style.name === 'vpc' ? `vpc${b.hue}` : b.style.name === 'vpc-conflict' ? 'conflict' : 'external', style: b.style }),
};
