/**
 * The graph's kinds, one line each: what the canvas draws as a node or an edge, the component
 * that draws it, how it is made from the topology and layout, and what it adds to each shared
 * part of the canvas (kind-entry.ts lists the members): the inspector section shown when one is
 * selected, its emphasis, its search terms, its legend rows, how the zoomed-out overview paints
 * it, its part of the status bar, and the topology lists the layout reads for it. The canvas,
 * the mapping to React Flow elements, the inspector, the view state, the search, the legend,
 * the overview, the layout runner and the status bar loop over this table.
 */
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import type { ComponentType } from 'react';

import type { Topology } from '../../../shared/model/topology';
import type { AppEdge } from '../flow-types';
import { AccountFrame, RegionFrame } from './frames/FrameNodes';
import { ACCOUNT_PAINTER, REGION_PAINTER } from './frames/paint-overview';
import { ACCOUNT_SEARCH, REGION_SEARCH } from './frames/search';
import { ACCOUNT_TITLE_BAND, accountNode, REGION_TITLE_BAND, regionNode } from './frames/to-flow';
import { GhostEdge, ghostLabel } from './ghost/GhostEdge';
import { GHOST_LEGEND } from './ghost/GhostLegend';
import type { InspectorSectionProps } from './inspector-parts';
import type { GraphKind, KindEntry } from './kind-entry';
import { PEERING_EMPHASIS } from './peering/emphasis';
import { PeeringEdge } from './peering/PeeringEdge';
import { PeeringInspector } from './peering/PeeringInspector';
import { peeringLabel } from './peering/label';
import { PEERING_LEGEND } from './peering/PeeringLegend';
import { PEERING_PAINTER } from './peering/paint-overview';
import { PEERING_SEARCH } from './peering/search';
import { PEERING_STATUS } from './peering/status';
import { peeringEdges } from './peering/to-flow';
import { TgwInspector } from './tgw/TgwInspector';
import { TgwNode } from './tgw/TgwNode';
import { TGW_PAINTER } from './tgw/paint-overview';
import { TGW_SEARCH } from './tgw/search';
import { TGW_STATUS } from './tgw/status';
import { tgwNode } from './tgw/to-flow';
import { TgwAttachmentEdge } from './tgw-attachment/TgwAttachmentEdge';
import { TgwAttachmentInspector } from './tgw-attachment/TgwAttachmentInspector';
import { tgwAttachmentLabel } from './tgw-attachment/label';
import { TGW_LEGEND } from './tgw-attachment/TgwLegend';
import { tgwAttachmentEdges } from './tgw-attachment/to-flow';
import { TgwPeeringEdge, tgwPeeringLabel } from './tgw-peering/TgwPeeringEdge';
import { TgwPeeringInspector } from './tgw-peering/TgwPeeringInspector';
import { tgwPeeringEdges } from './tgw-peering/to-flow';
import { VPC_EMPHASIS } from './vpc/emphasis';
import { VPC_SEARCH } from './vpc/search';
import { VPC_STATUS } from './vpc/status';
import { VpcInspector } from './vpc/VpcInspector';
import { VPC_LEGEND } from './vpc/VpcLegend';
import { VpcNode } from './vpc/VpcNode';
import { vpcNode } from './vpc/to-flow';

export type { EdgeKind, EdgeKindEntry, GraphKind, KindEntry, KindStatus, NodeKind, NodeKindEntry } from './kind-entry';

/** The one table of the graph's kinds. */
export const GRAPH_KINDS = {
  account: { drawn: 'node', component: AccountFrame, toNode: accountNode, reads: ['accounts'], search: ACCOUNT_SEARCH, overview: ACCOUNT_PAINTER, keepOff: { titleBand: ACCOUNT_TITLE_BAND } },
  region: { drawn: 'node', component: RegionFrame, toNode: regionNode, search: REGION_SEARCH, overview: REGION_PAINTER, keepOff: { titleBand: REGION_TITLE_BAND } },
  vpc: {
    drawn: 'node',
    component: VpcNode,
    toNode: vpcNode,
    inspector: VpcInspector,
    reads: ['vpcs'],
    emphasis: VPC_EMPHASIS,
    search: VPC_SEARCH,
    legend: VPC_LEGEND,
    status: VPC_STATUS,
    keepOff: 'whole',
  },
  peering: {
    drawn: 'edge',
    component: PeeringEdge,
    toEdges: peeringEdges,
    inspector: PeeringInspector,
    reads: ['peerings'],
    emphasis: PEERING_EMPHASIS,
    search: PEERING_SEARCH,
    legend: PEERING_LEGEND,
    overview: PEERING_PAINTER,
    status: PEERING_STATUS,
    label: peeringLabel,
  },
  ghost: { drawn: 'edge', component: GhostEdge, legend: GHOST_LEGEND, label: ghostLabel },
  tgw: {
    drawn: 'node',
    component: TgwNode,
    toNode: tgwNode,
    inspector: TgwInspector,
    reads: ['transitGateways'],
    search: TGW_SEARCH,
    overview: TGW_PAINTER,
    status: TGW_STATUS,
    keepOff: 'whole',
  },
  'tgw-attachment': {
    drawn: 'edge',
    component: TgwAttachmentEdge,
    toEdges: tgwAttachmentEdges,
    inspector: TgwAttachmentInspector,
    reads: ['transitGatewayAttachments'],
    legend: TGW_LEGEND,
    label: tgwAttachmentLabel,
  },
  'tgw-peering': { drawn: 'edge', component: TgwPeeringEdge, toEdges: tgwPeeringEdges, inspector: TgwPeeringInspector, reads: ['transitGatewayPeerings'], label: tgwPeeringLabel },
} as const satisfies { readonly [K in GraphKind]: KindEntry<K> };

/** Every kind with its entry, in table order, typed for the loops of the canvas's shared parts. */
export const KIND_ENTRIES = Object.entries(GRAPH_KINDS) as readonly (readonly [GraphKind, KindEntry<GraphKind>])[];
const ENTRIES = KIND_ENTRIES;

/** The entry of `kind`, typed for code that handles any kind. */
export function entryOf(kind: GraphKind): KindEntry<GraphKind> {
  return GRAPH_KINDS[kind];
}

/** React Flow's node types, built once (React Flow must never see a new map). */
export const NODE_TYPES: NodeTypes = Object.fromEntries(ENTRIES.flatMap(([kind, e]) => (e.drawn === 'node' ? [[kind, e.component]] : [])));

/** React Flow's edge types, built once. */
export const EDGE_TYPES: EdgeTypes = Object.fromEntries(ENTRIES.flatMap(([kind, e]) => (e.drawn === 'edge' ? [[kind, e.component]] : [])));

/** Makes the edges of one kind from the topology. */
export type ToEdges = (topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean) => readonly AppEdge[];

/** The kinds whose edges come from the topology, in table order. */
export const TOPOLOGY_EDGE_KINDS: readonly ToEdges[] = ENTRIES.flatMap(([, e]) => (e.drawn === 'edge' && e.toEdges ? [e.toEdges] : []));

/** The inspector section of `kind`, if a selected one has details to show. */
export function inspectorOf(kind: GraphKind): ComponentType<InspectorSectionProps> | undefined {
  return entryOf(kind).inspector;
}

/** The topology lists the kinds are drawn from, in table order. */
export const DRAWN_TOPOLOGY_KEYS: readonly (keyof Topology)[] = ENTRIES.flatMap(([, e]) => e.reads ?? []);

/** The status bar's summary of a topology: every kind's count, then every kind's findings. */
export function statusPartsOf(topology: Topology, showDeleted: boolean): string[] {
  const counts = ENTRIES.map(([, e]) => e.status?.count?.(topology, showDeleted));
  const findings = ENTRIES.map(([, e]) => e.status?.findings?.(topology));
  return [...counts, ...findings].filter((part): part is string => part !== undefined);
}
