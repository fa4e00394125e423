/** An account frame in Mermaid: a subgraph whose regions stack top to bottom. */
import type { MermaidBox } from '../../../export/mermaid-markup';
import { idPart } from '../../../export/mermaid-markup';
import { mermaidId, mermaidLabel, mmd } from '../../../export/syntax/mermaid';
import type { SceneAccount } from './scene';
import { accountFrameLabel } from './scene';

export const accountMermaid: MermaidBox<SceneAccount> = {
  shape: 'subgraph',
  subgraph: (b) => ({ id: mermaidId(`acct_${idPart(b.accountId)}`), title: mermaidLabel([accountFrameLabel(b)]), body: [mmd`direction TB`] }),
};
