import { describe, expect, it } from 'vitest';

import { collectDiagramMembers } from '../../../../shared/diagram/members';
import { summariseNetwork } from '../../../../shared/diagram/region-summaries';
import type { Topology } from '../../../../shared/model/topology';
import { summaryEmphasis } from '../../../../renderer/graph/overview/summary-emphasis';
import { computeViewState } from '../../../../renderer/graph/view-state';
import type { Selection } from '../../../../renderer/store/app-store';
import { demoLikeTopology, demoVpcId } from '../../../support/fixtures/snapshots/demo-like';

const topology: Topology = demoLikeTopology();
const summary = summariseNetwork({ accounts: collectDiagramMembers(topology), peerings: topology.peerings, conflicts: [], completeness: new Map() });
const NO_SELECTION: Selection = { vpcIds: [] };
const regionOf = (key: string) => summary.regionOfVpc.get(demoVpcId(key))!;

describe('summaryEmphasis', () => {
  it('marks nothing when the canvas emphasises nothing', () => {
    const e = summaryEmphasis(summary, computeViewState(topology, NO_SELECTION, 'normal', '', false));
    expect(e.regions.size).toBe(0);
    expect(e.links.size).toBe(0);
  });

  it("outlines the selected VPC's region, marks its peers' regions, dims the rest, and makes the selection's links strong", () => {
    const selected = demoVpcId('prod-app');
    const e = summaryEmphasis(summary, computeViewState(topology, { vpcIds: [selected] }, 'normal', '', false));
    expect(e.regions.get(regionOf('prod-app'))).toMatchObject({ mark: 'selected', dimmed: false, selected: 1 });
    const incident = new Set(topology.peerings.filter((p) => p.requester.vpcId === selected || p.accepter.vpcId === selected).map((p) => p.id));
    const strong = summary.links.filter((l) => l.peeringIds.some((id) => incident.has(id)));
    expect(strong.length).toBeGreaterThan(0);
    for (const l of strong) expect(e.links.get(l.id)).toBe('strong');
    for (const l of summary.links.filter((x) => !strong.includes(x))) expect(e.links.get(l.id)).toBe('dimmed');
    const regions = [...summary.regions.values()];
    expect(regions.some((r) => e.regions.get(r.id)?.mark === 'peer')).toBe(true);
    for (const r of regions.filter((x) => !e.regions.get(x.id)?.mark)) expect(e.regions.get(r.id)?.dimmed).toBe(true);
  });

  it('counts the search matches in each region, so search still helps zoomed out', () => {
    const view = computeViewState(topology, NO_SELECTION, 'normal', 'prod-app', false);
    const e = summaryEmphasis(summary, view);
    const marked = [...e.regions].filter(([, r]) => r.mark === 'match');
    expect(marked.length).toBeGreaterThan(0);
    expect(e.regions.get(regionOf('prod-app'))).toMatchObject({ mark: 'match', matches: 1 });
    expect(marked.reduce((n, [, r]) => n + r.matches, 0)).toBe(view.search!.hits.filter((h) => h.kind === 'vpc').length);
  });

  it('marks the regions of conflicting VPCs in conflicts mode', () => {
    const e = summaryEmphasis(summary, computeViewState(topology, NO_SELECTION, 'conflicts', '', false));
    expect(e.regions.get(regionOf('dev-app'))!.mark).toBe('conflict');
  });
});
