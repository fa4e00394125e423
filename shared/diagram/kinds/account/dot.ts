/** An account frame in DOT: a cluster titled with the account. */
import type { DotBox } from '../../../export/dot-markup';
import { dotBoxStyle } from '../../../export/dot-markup';
import { dot, dotId, dotLabel } from '../../../export/syntax/dot';
import type { SceneAccount } from './scene';
import { accountFrameLabel } from './scene';

export const accountDot: DotBox<SceneAccount> = {
  shape: 'cluster',
  key: (b) => b.accountId,
  attributes: (b) => {
    const s = b.style;
    return dot`label=${dotLabel([accountFrameLabel(b)])}; style=${dotBoxStyle(s)}; fillcolor=${dotId(s.fill)}; color=${dotId(s.stroke)}; fontcolor=${dotId(s.text)}; fontsize=13;`;
  },
};
