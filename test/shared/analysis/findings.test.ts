import { describe, expect, it } from 'vitest';

import { analyzeSnapshot, FINDING_KINDS, FINDING_ORDER, hasFindings, summarizeFindings } from '../../../shared/analysis/findings';
import { computeRouteCompleteness } from '../../../shared/analysis/route-completeness';
import { listRouteGaps } from '../../../shared/analysis/route-gaps';
import type { Topology } from '../../../shared/model/topology';
import { buildAnalysisSnapshot, buildAnalysisTopology } from '../../support/fixtures/analysis-snapshot';
import { peering, route, routeTable, snapshot, subnet, topology, vpc } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

/** The analysis fixture plus one route of each anomaly kind, in app's main table. */
function withAnomalies(): Topology {
  const t = buildAnalysisTopology();
  const gone = vpc('vpc-e', '10.4.0.0/16', { name: 'gone' });
  return {
    ...t,
    vpcs: [...t.vpcs, gone],
    peerings: [...t.peerings, peering('pcx-ae', t.vpcs[0]!, gone, 'deleted'), peering('pcx-ap', t.vpcs[0]!, gone, 'pending-acceptance')],
    routeTables: t.routeTables.map((rt) =>
      rt.id === 'rtb-amain'
        ? { ...rt, routes: [...rt.routes, route('10.4.0.0/16', 'pcx-ae', 'blackhole'), route('10.4.1.0/24', 'pcx-ap', 'blackhole'), route('0.0.0.0/0', 'pcx-ab'), route('10.3.0.0/16', 'pcx-ab')] }
        : rt,
    ),
  };
}

describe('analyzeSnapshot', () => {
  it('lists every finding once, by kind in showing order, with a stable id, words and a table row', () => {
    const a = analyzeSnapshot(snapshot(withAnomalies()));
    const kinds = a.findings.map((f) => f.kind);
    expect(kinds).toEqual([...kinds].sort((x, y) => FINDING_ORDER.indexOf(x) - FINDING_ORDER.indexOf(y)));
    expect(new Set(a.findings.map((f) => f.id)).size).toBe(a.findings.length);
    for (const f of a.findings) {
      expect(f.cells, f.id).toHaveLength(FINDING_KINDS[f.kind].columns.length);
      expect(f.subject.length, f.id).toBeGreaterThan(0);
      expect(f.message.length, f.id).toBeGreaterThan(0);
    }
    expect(a.findings.filter((f) => f.kind === 'cidr-conflict').map((f) => f.id)).toEqual(['cidr-conflict:vpc-a|vpc-c']);
  });

  it('includes the route anomalies: a stale route, a route into a peering not active yet, a default route and a route beyond the peer', () => {
    const anomalies = analyzeSnapshot(snapshot(withAnomalies())).findings.filter((f) => f.kind === 'route-anomaly');
    expect(anomalies.map((f) => f.cells[3])).toEqual(['stale (deleted)', 'not active yet (pending-acceptance)', 'beyond peer', 'beyond peer']);
    expect(anomalies.map((f) => f.subject)).toContain('rtb-amain · 0.0.0.0/0 → pcx-ab');
    // A route to a peering that is gone is found from its table's VPC, not from an edge the canvas may not draw.
    expect(anomalies[0]!.focus).toEqual({ kind: 'vpcs', vpcIds: ['vpc-a'] });
    expect(anomalies[2]!.focus).toEqual({ kind: 'peering', peeringId: 'pcx-ab' });
  });

  it('names VPCs as "name (id)" everywhere', () => {
    const a = analyzeSnapshot(buildAnalysisSnapshot());
    const words = a.findings.flatMap((f) => [f.subject, f.message, ...f.cells]).join('\n');
    expect(words).toContain('app (vpc-a)');
    expect(words).not.toMatch(/vpc-[a-d] \(/);
  });

  it('lists the cells that did not load, and counts every kind in its summary', () => {
    const s = buildAnalysisSnapshot();
    const missing = { ...s, coverage: [...s.coverage, { profile: 'p2', region: 'us-east-1' as const, state: 'failed' as const, errorCode: 'AuthFailure', message: 'Refresh the credentials of p2.' }] };
    const a = analyzeSnapshot(missing);
    expect(a.findings[0]).toMatchObject({ kind: 'not-scanned', id: 'not-scanned:p2/us-east-1', severity: 'bad' });
    expect(a.findings[0]!.message).toContain('Refresh the credentials of p2.');
    expect(summarizeFindings(a)).toMatch(/^1 CIDR conflict, 1 routing ambiguity, 3 non-transitive pairs, 3 route gaps, 0 route anomalies\.$/);
    expect(hasFindings(a)).toBe(true);
    expect(hasFindings(analyzeSnapshot(snapshot(buildPeeredPair())))).toBe(false);
  });

  it('reports no route gap for a peering to a VPC with no subnets, and says there is nothing to route', () => {
    const x = vpc('vpc-x', '10.0.0.0/16', { name: 'app' });
    const empty = vpc('vpc-e', '10.1.0.0/16', { name: 'empty' });
    const t = topology({
      vpcs: [x, empty],
      subnets: [subnet('subnet-x', x, '10.0.1.0/24')],
      routeTables: [routeTable('rtb-x', x, { main: true }), routeTable('rtb-e', empty, { main: true })],
      peerings: [peering('pcx-1', x, empty)],
    });
    expect(listRouteGaps(computeRouteCompleteness(t))).toEqual([]);
    const a = analyzeSnapshot(snapshot(t));
    expect(a.findings.filter((f) => f.kind === 'route-gap')).toEqual([]);
    expect(a.notes['route-gap']).toEqual(['empty (vpc-e) has no subnets: no route table can carry traffic over pcx-1, so there is nothing to route.']);
  });
});
