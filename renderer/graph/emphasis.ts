/** What a kind reads and writes to emphasise its items: the shared part of the canvas's view state.
 *
 * view-state.ts asks every kind for its marks in three phases, in this order: the canvas mode
 * (conflicts paint VPCs), the search (the same for every kind), then the selection.
 */
import type { NoDirectPathExplanation } from '../../shared/analysis/transitive-paths';
import type { Topology } from '../../shared/model/topology';
import type { CanvasMode, PathFixPair, Selection } from '../store/app-state';
import type { GhostFlowEdge } from './flow-types';

/** What the emphasis is computed from. */
export interface EmphasisInput {
  readonly topology: Topology;
  readonly selection: Selection;
  readonly mode: CanvasMode;
  /** The pair whose fix is open: its proposed changes are drawn. */
  readonly pathFix?: PathFixPair;
}

/** Where a kind puts its marks. */
export interface EmphasisMarks {
  /** Add a class to a node (`is-selected`, `is-peer` …). */
  node(id: string, cls: string): void;
  /** Add a class to an edge. */
  edge(id: string, cls: string): void;
  /** Draw a dashed would-be path. */
  ghost(edge: GhostFlowEdge): void;
  /** The explanation for two selected VPCs, for the inspector. */
  pair(explanation: NoDirectPathExplanation): void;
  /** Dim every node and edge without a class of its own. */
  dim(): void;
}

/** A kind's emphasis; each phase is optional. */
export interface KindEmphasis {
  /** Marks for the canvas mode. */
  readonly mode?: (input: EmphasisInput, marks: EmphasisMarks) => void;
  /** Marks for the selection, when it holds items of this kind. */
  readonly selection?: (input: EmphasisInput, marks: EmphasisMarks) => void;
}
