/**
 * The graph's kinds, one line each: what the canvas draws as a node or an edge, the component
 * that draws it, how it is made from the topology and layout, and the inspector section shown
 * when one is selected. The canvas takes its node and edge types from here, the mapping to React
 * Flow elements loops over it, and the inspector picks the section of the selected kind.
 */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import type { ComponentType } from 'react';

import type { Topology } from '../../../shared/model/topology';
import type { AppEdge, AppNode } from '../flow-types';
import { AccountFrame, RegionFrame } from './frames/FrameNodes';
import { accountNode, regionNode } from './frames/to-flow';
import { GhostEdge } from './ghost/GhostEdge';
import type { InspectorSectionProps } from './inspector-parts';
import { PeeringEdge } from './peering/PeeringEdge';
import { PeeringInspector } from './peering/PeeringInspector';
import { peeringEdges } from './peering/to-flow';
import type { PlacedBox, ToFlowContext } from './to-flow-context';
import { VpcInspector } from './vpc/VpcInspector';
import { VpcNode } from './vpc/VpcNode';
import { vpcNode } from './vpc/to-flow';

/** Kinds drawn as nodes (`type` of a React Flow node). */
export type NodeKind = NonNullable<AppNode['type']>;
/** Kinds drawn as edges. */
export type EdgeKind = NonNullable<AppEdge['type']>;
/** Every kind the graph draws. */
export type GraphKind = NodeKind | EdgeKind;

/** A kind drawn as a node: made from a laid-out box of the same kind. */
export interface NodeKindEntry<K extends NodeKind> {
  readonly drawn: 'node';
  readonly component: NodeTypes[string];
  /** The node for a box, or nothing when the box's member is gone. */
  readonly toNode: (placed: PlacedBox, ctx: ToFlowContext) => Extract<AppNode, { type?: K }> | undefined;
  readonly inspector?: ComponentType<InspectorSectionProps>;
}

/** A kind drawn as an edge. */
export interface EdgeKindEntry<K extends EdgeKind> {
  readonly drawn: 'edge';
  readonly component: EdgeTypes[string];
  /** The edges between drawn nodes; absent for edges the view derives (would-be paths). */
  readonly toEdges?: (topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean) => Extract<AppEdge, { type?: K }>[];
  readonly inspector?: ComponentType<InspectorSectionProps>;
}

/** The entry of kind `K`. */
export type KindEntry<K extends GraphKind> = K extends NodeKind ? NodeKindEntry<K> : K extends EdgeKind ? EdgeKindEntry<K> : never;

/** The one table of the graph's kinds. */
export const GRAPH_KINDS = {
  account: { drawn: 'node', component: AccountFrame, toNode: accountNode },
  region: { drawn: 'node', component: RegionFrame, toNode: regionNode },
  vpc: { drawn: 'node', component: VpcNode, toNode: vpcNode, inspector: VpcInspector },
  peering: { drawn: 'edge', component: PeeringEdge, toEdges: peeringEdges, inspector: PeeringInspector },
  ghost: { drawn: 'edge', component: GhostEdge },
} as const satisfies { readonly [K in GraphKind]: KindEntry<K> };

type Entries = [GraphKind, KindEntry<GraphKind>][];

/** React Flow's node types, built once (React Flow must never see a new map). */
export const NODE_TYPES: NodeTypes = Object.fromEntries((Object.entries(GRAPH_KINDS) as Entries).flatMap(([kind, e]) => (e.drawn === 'node' ? [[kind, e.component]] : [])));

/** React Flow's edge types, built once. */
export const EDGE_TYPES: EdgeTypes = Object.fromEntries((Object.entries(GRAPH_KINDS) as Entries).flatMap(([kind, e]) => (e.drawn === 'edge' ? [[kind, e.component]] : [])));

/** Makes the edges of one kind from the topology. */
export type ToEdges = (topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean) => readonly AppEdge[];

/** The kinds whose edges come from the topology, in table order. */
export const TOPOLOGY_EDGE_KINDS: readonly ToEdges[] = (Object.entries(GRAPH_KINDS) as Entries).flatMap(([, e]) => (e.drawn === 'edge' && e.toEdges ? [e.toEdges] : []));

/** The inspector section of `kind`, if a selected one has details to show. */
export function inspectorOf(kind: GraphKind): ComponentType<InspectorSectionProps> | undefined {
  const entry = GRAPH_KINDS[kind];
  return 'inspector' in entry ? entry.inspector : undefined;
}
