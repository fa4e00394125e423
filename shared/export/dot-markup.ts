/** The pieces of the DOT export every kind's clusters and nodes are built from, and what a
 * diagram kind gives the DOT writer to draw its boxes or edges. A node's DOT id is its box id. */
import type { ResolvedBoxStyle } from '../diagram/kinds/kind';
import type { Encoded } from './syntax/encoded';
import { dot } from './syntax/dot';

/** DOT source. */
export type Dot = Encoded<'dot'>;

/** A cluster's or node's `style` list: rounded, filled, dashed when its border is. */
export function dotBoxStyle(style: ResolvedBoxStyle): Dot {
  return style.dash ? dot`"rounded,dashed,filled"` : dot`"rounded,filled"`;
}

/**
 * How a box kind is drawn in DOT: as a cluster (the writer writes `subgraph "cluster_<kind>_<key>" {`,
 * the attribute statements, the children and `}`), or as a node (`"<box id>" [<attributes>];`).
 */
export type DotBox<B> =
  | {
      readonly shape: 'cluster';
      /** The cluster's name after `cluster_<kind>_`, unique among the kind's boxes. */
      key(box: B): string;
      /** Its attribute statements (`label=…; style=…;`). */
      attributes(box: B): Dot;
    }
  | {
      readonly shape: 'node';
      attributes(box: B): Dot;
    };

/** How an edge kind is drawn in DOT: the attribute list of `"<from>" -> "<to>" [<attributes>];`. */
export interface DotEdge<E> {
  attributes(edge: E): Dot;
}
