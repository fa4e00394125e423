import { describe, expect, it } from 'vitest';

import { DRAWN_TOPOLOGY_KEYS, EDGE_TYPES, GRAPH_KINDS, inspectorOf, KIND_ENTRIES, NODE_TYPES, statusPartsOf, TOPOLOGY_EDGE_KINDS } from '../../../../renderer/graph/kinds';
import { DEMO_PEERINGS, demoLikeTopology } from '../../../support/fixtures/snapshots/demo-like';

describe('the graph kinds table', () => {
  it('gives React Flow a component for every kind, as a node or an edge', () => {
    expect(Object.keys(NODE_TYPES).sort()).toEqual(['account', 'region', 'tgw', 'vpc']);
    expect(Object.keys(EDGE_TYPES).sort()).toEqual(['ghost', 'peering', 'tgw-attachment', 'tgw-peering']);
    for (const [kind, entry] of Object.entries(GRAPH_KINDS)) expect((entry.drawn === 'node' ? NODE_TYPES : EDGE_TYPES)[kind]).toBe(entry.component);
  });

  it('makes edges from the topology only for kinds that have them (would-be paths come from the view)', () => {
    expect(TOPOLOGY_EDGE_KINDS).toEqual([GRAPH_KINDS.peering.toEdges, GRAPH_KINDS['tgw-attachment'].toEdges, GRAPH_KINDS['tgw-peering'].toEdges]);
  });

  it('has an inspector section for VPCs, peerings and transit gateway parts, none for frames and would-be paths', () => {
    expect(inspectorOf('vpc')).toBe(GRAPH_KINDS.vpc.inspector);
    expect(inspectorOf('peering')).toBe(GRAPH_KINDS.peering.inspector);
    for (const kind of ['tgw', 'tgw-attachment', 'tgw-peering'] as const) expect(inspectorOf(kind)).toBe(GRAPH_KINDS[kind].inspector);
    for (const kind of ['account', 'region', 'ghost'] as const) expect(inspectorOf(kind)).toBeUndefined();
  });

  it('lists VPCs, peerings and transit gateways as search results, frames only lending their words to what they hold', () => {
    expect(KIND_ENTRIES.filter(([, e]) => e.search?.result).map(([kind]) => kind)).toEqual(['vpc', 'peering', 'tgw']);
    expect(KIND_ENTRIES.filter(([, e]) => e.search && !e.search.result).map(([kind]) => kind)).toEqual(['account', 'region']);
  });

  it('sends the layout only the topology lists the kinds are drawn from', () => {
    expect(DRAWN_TOPOLOGY_KEYS).toEqual(['accounts', 'vpcs', 'peerings', 'transitGateways', 'transitGatewayAttachments', 'transitGatewayPeerings']);
  });

  it('sums up a topology in the status bar: every count, then every finding', () => {
    const topology = demoLikeTopology();
    expect(topology.peerings.some((p) => p.id === DEMO_PEERINGS.deleted)).toBe(true);
    expect(statusPartsOf(topology, false)).toEqual([`${topology.vpcs.length} VPCs`, `${topology.peerings.length - 1} peerings (1 deleted hidden)`, '2 conflicts']);
    expect(statusPartsOf(topology, true)[1]).toBe(`${topology.peerings.length} peerings`);
  });
});
