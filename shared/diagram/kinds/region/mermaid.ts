/** A region frame in Mermaid: a subgraph inside its account's. */
import type { MermaidBox } from '../../../export/mermaid-markup';
import { idPart } from '../../../export/mermaid-markup';
import { mermaidId, mermaidLabel } from '../../../export/syntax/mermaid';
import type { SceneRegion } from './scene';

export const regionMermaid: MermaidBox<SceneRegion> = {
  shape: 'subgraph',
  subgraph: (b) => ({ id: mermaidId(`reg_${idPart(b.accountId)}_${idPart(b.region)}`), title: mermaidLabel([b.region]), body: [] }),
};
