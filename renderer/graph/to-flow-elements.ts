/** Topology + layout → React Flow nodes and edges: the last step from snapshot to screen.
 *
 * Each kind maps its own boxes or edges (renderer/graph/kinds); this loops over them.
 */
import type { DiagramLayout } from '../../shared/diagram/layout';
import type { DiagramAccount } from '../../shared/diagram/members';
import type { Topology } from '../../shared/model/topology';
import type { AppEdge, AppNode } from './flow-types';
import { GRAPH_KINDS, TOPOLOGY_EDGE_KINDS } from './kinds';
import { placeBoxes, toFlowContext } from './kinds/to-flow-context';

/**
 * Nodes for every laid-out box: accounts (absolute), regions (relative to their account) and
 * VPC cards (relative to their region), parents before children as React Flow requires.
 */
export function toFlowNodes(layout: DiagramLayout, members: readonly DiagramAccount[], topology: Topology): AppNode[] {
  const ctx = toFlowContext(members, topology);
  const nodes: AppNode[] = [];
  for (const placed of placeBoxes(layout)) {
    const node = GRAPH_KINDS[placed.box.kind].toNode(placed, ctx);
    if (node) nodes.push(node);
  }
  return nodes;
}

/** The edges every kind draws from the topology between drawn nodes; deleted peerings only when asked. */
export function toFlowEdges(topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean): AppEdge[] {
  return TOPOLOGY_EDGE_KINDS.flatMap((toEdges) => toEdges(topology, nodeIds, showDeleted));
}
