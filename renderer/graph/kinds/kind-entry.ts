/** The shape of one line of the graph's kinds table: what a kind gives the canvas and the panels.
 *
 * Every member but the component and the mapping is optional: a kind fills in what it has
 * (a frame has no inspector, a would-be path no search terms), and each shared part of the
 * canvas loops over the kinds that have its member.
 */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import type { ComponentType } from 'react';

import type { KeepOff } from '../../../shared/diagram/edge-router';
import type { Topology } from '../../../shared/model/topology';
import type { AppState } from '../../store/app-state';
import type { CanvasLabel } from '../edges/edge-routes';
import type { KindEmphasis } from '../emphasis';
import type { AppEdge, AppNode } from '../flow-types';
import type { LegendRows } from '../legend-parts';
import type { EdgePainter, NodePainter } from '../overview/paint';
import type { KindSearch } from '../search-entry';
import type { InspectorSectionProps } from './inspector-parts';
import type { PlacedBox, ToFlowContext } from './to-flow-context';

/** Kinds drawn as nodes (`type` of a React Flow node). */
export type NodeKind = NonNullable<AppNode['type']>;
/** Kinds drawn as edges. */
export type EdgeKind = NonNullable<AppEdge['type']>;
/** Every kind the graph draws. */
export type GraphKind = NodeKind | EdgeKind;

/** The node of kind `K`. */
export type NodeOf<K extends NodeKind> = Extract<AppNode, { type?: K }>;
/** The edge of kind `K`. */
export type EdgeOf<K extends EdgeKind> = Extract<AppEdge, { type?: K }>;

/** What a kind adds to the status bar's summary of the network. */
export interface KindStatus {
  /** How many are drawn, e.g. `18 VPCs`; the summary lists every kind's count first. */
  readonly count?: (topology: Topology, showDeleted: boolean) => string | undefined;
  /** A finding worth a glance, e.g. `2 conflicts`; listed after every count. */
  readonly findings?: (topology: Topology) => string | undefined;
}

/** Members every kind may have, drawn as a node or an edge. */
interface CommonEntry {
  readonly inspector?: ComponentType<InspectorSectionProps>;
  /** The topology's lists this kind is drawn from; the layout worker is sent only these. */
  readonly reads?: readonly (keyof Topology)[];
  /** Its classes for the canvas's modes and the selection (search matches are marked for every kind alike). */
  readonly emphasis?: KindEmphasis;
  /** Its items and the words that find them. */
  readonly search?: KindSearch;
  /** Its rows in the legend, by section. */
  readonly legend?: LegendRows;
  readonly status?: KindStatus;
}

/** A kind drawn as a node: made from a laid-out box of the same kind. */
export interface NodeKindEntry<K extends NodeKind> extends CommonEntry {
  readonly drawn: 'node';
  readonly component: NodeTypes[string];
  /** The node for a box, or nothing when the box's member is gone. */
  readonly toNode: (placed: PlacedBox, ctx: ToFlowContext) => NodeOf<K> | undefined;
  /** How the zoomed-out overview paints its boxes. */
  readonly overview?: NodePainter<NodeOf<K>>;
  /** What routed edges keep off its nodes: all of a card, a frame's title band (edges/edge-routes.ts). */
  readonly keepOff?: KeepOff;
}

/** A kind drawn as an edge. */
export interface EdgeKindEntry<K extends EdgeKind> extends CommonEntry {
  readonly drawn: 'edge';
  readonly component: EdgeTypes[string];
  /** The edges between drawn nodes; absent for edges the view derives (would-be paths). */
  readonly toEdges?: (topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean) => EdgeOf<K>[];
  /** How the zoomed-out overview paints its edges. */
  readonly overview?: EdgePainter<EdgeOf<K>>;
  /** Its label now, if it shows one: the router places it off cards, frame titles and other labels. */
  readonly label?: (s: AppState, edge: EdgeOf<K>) => CanvasLabel | undefined;
}

/** The entry of kind `K`. */
export type KindEntry<K extends GraphKind> = K extends NodeKind ? NodeKindEntry<K> : K extends EdgeKind ? EdgeKindEntry<K> : never;
