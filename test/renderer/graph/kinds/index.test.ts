import { describe, expect, it } from 'vitest';

import { EDGE_TYPES, GRAPH_KINDS, inspectorOf, NODE_TYPES, TOPOLOGY_EDGE_KINDS } from '../../../../renderer/graph/kinds';

describe('the graph kinds table', () => {
  it('gives React Flow a component for every kind, as a node or an edge', () => {
    expect(Object.keys(NODE_TYPES).sort()).toEqual(['account', 'region', 'vpc']);
    expect(Object.keys(EDGE_TYPES).sort()).toEqual(['ghost', 'peering']);
    for (const [kind, entry] of Object.entries(GRAPH_KINDS)) expect((entry.drawn === 'node' ? NODE_TYPES : EDGE_TYPES)[kind]).toBe(entry.component);
  });

  it('makes edges from the topology only for kinds that have them (would-be paths come from the view)', () => {
    expect(TOPOLOGY_EDGE_KINDS).toEqual([GRAPH_KINDS.peering.toEdges]);
  });

  it('has an inspector section for VPCs and peerings, none for frames and would-be paths', () => {
    expect(inspectorOf('vpc')).toBe(GRAPH_KINDS.vpc.inspector);
    expect(inspectorOf('peering')).toBe(GRAPH_KINDS.peering.inspector);
    for (const kind of ['account', 'region', 'ghost'] as const) expect(inspectorOf(kind)).toBeUndefined();
  });
});
