/** A region frame in DOT: a cluster inside its account's. */
import type { DotBox } from '../../../export/dot-markup';
import { dotBoxStyle } from '../../../export/dot-markup';
import { dot, dotId, dotLabel } from '../../../export/syntax/dot';
import type { SceneRegion } from './scene';

export const regionDot: DotBox<SceneRegion> = {
  shape: 'cluster',
  key: (b) => `${b.accountId}_${b.region}`,
  attributes: (b) => {
    const s = b.style;
    return dot`label=${dotLabel([b.region])}; style=${dotBoxStyle(s)}; fillcolor=${dotId(s.fill)}; color=${dotId(s.stroke)}; fontcolor=${dotId(s.text)}; fontsize=11;`;
  },
};
