/** The pieces of the Mermaid export every kind's nodes are built from: ids made from any text,
 * and what a diagram kind gives the Mermaid writer to draw its boxes or edges. */
import type { ResolvedBoxStyle } from '../diagram/kinds/kind';
import { stableHash } from './labels';
import type { Encoded } from './syntax/encoded';

/** Mermaid source. */
export type Mmd = Encoded<'mermaid'>;

/**
 * Part of an id from any text: `eu-west-1` → `eu_west_1`; text that is not letters, digits and
 * inner `-` becomes `_` and a hash (a plain part never starts with `_`, so the two never meet).
 */
export function idPart(raw: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(raw) ? raw.replace(/-/g, '_') : `_${stableHash(raw)}`;
}

/** A node's look, shared by every node of the same `name` through one class. */
export interface MermaidLook {
  readonly name: string;
  readonly style: ResolvedBoxStyle;
}

/**
 * How a box kind is drawn in Mermaid: as a subgraph (the writer writes `subgraph <id>[<title>]`,
 * then the body lines, the children and `end`), or as a node (`<id><node>`, e.g. `vpc_1["…"]`)
 * with an optional look for its class.
 */
export type MermaidBox<B> =
  | {
      readonly shape: 'subgraph';
      subgraph(box: B): { readonly id: Mmd; readonly title: Mmd; readonly body: readonly Mmd[] };
    }
  | {
      readonly shape: 'node';
      id(box: B): Mmd;
      node(box: B): Mmd;
      look(box: B): MermaidLook | undefined;
    };

/** How an edge kind is drawn in Mermaid: its arrow and label (`<from> <arrow>|<label>| <to>`) and its `linkStyle`. */
export interface MermaidEdge<E> {
  arrow(edge: E): Mmd;
  label(edge: E): Mmd;
  linkStyle(edge: E): Mmd;
}
