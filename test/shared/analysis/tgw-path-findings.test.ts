import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { explainReachability, firstRouteHopFix } from '../../../shared/analysis/explain-reachability';
import { analyzeSnapshot, summarizeFindings } from '../../../shared/analysis/findings';
import { findAsymmetricPaths, findGatewayRouteDrops } from '../../../shared/analysis/tgw-path-findings';
import { route, snapshot, tgwRoute, topology } from '../../support/fixtures/build-topology';
import type { Topology } from '../../../shared/model/topology';
import { buildTgwEstate } from '../../bench/tgw-bench-estate';
import { tgwEstate } from '../../support/fixtures/tgw-reach-estate';
import { arbTopologyWithGateway } from './oracle/random-topology';

const blackholed = tgwEstate({
  rtb1Routes: (x) => [tgwRoute('10.0.0.0/16', [x.a], 'propagated'), tgwRoute('10.1.0.0/16', [x.b], 'propagated'), tgwRoute('10.2.0.0/16', 'blackhole')],
});

describe('findings about transit gateway paths', () => {
  it('finds a VPC route into a gateway whose table blackholes part of it, or has no route for it', () => {
    expect(findGatewayRouteDrops(tgwEstate())).toEqual([]);
    expect(findGatewayRouteDrops(blackholed).map((d) => [d.routeTableId, d.destination, d.reason, d.partly, d.gatewayRoute])).toEqual([
      ['rtb-a', '10.0.0.0/8', 'blackhole', true, '10.2.0.0/16'],
      ['rtb-c', '10.0.0.0/8', 'blackhole', true, '10.2.0.0/16'],
    ]);
    const noRoute = tgwEstate({ routes: { a: [route('10.1.0.0/16', 'pcx-ab'), route('10.0.0.0/8', 'tgw-1'), route('192.168.0.0/16', 'tgw-1')] } });
    expect(findGatewayRouteDrops(noRoute)).toEqual([
      {
        routeTableId: 'rtb-a',
        vpcId: 'vpc-a',
        destination: '192.168.0.0/16',
        transitGatewayId: 'tgw-1',
        attachmentId: 'tgw-attach-a',
        tgwRouteTableId: 'tgw-rtb-1',
        reason: 'no-route',
        partly: false,
        isServing: true,
      },
    ]);
    // A gateway whose routing was not read is never reported: its forwarding is unknown.
    expect(findGatewayRouteDrops(tgwEstate({ tgw1Unread: true, rtb1Routes: () => [] }))).toEqual([]);
  });

  it('finds pairs reached through a gateway one way but not back', () => {
    // d reaches b through tgw-2 and tgw-1, but b routes by peerings only.
    expect(findAsymmetricPaths(tgwEstate()).map((p) => [p.from, p.to, p.back.failure])).toEqual([['vpc-d', 'vpc-b', { kind: 'dropped', reason: 'no-route' }]]);
    const noReturn = tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } });
    expect(findAsymmetricPaths(noReturn).map((p) => `${p.from}→${p.to}`)).toEqual(['vpc-a→vpc-c', 'vpc-d→vpc-b', 'vpc-d→vpc-c']);
  });

  it('lists them among the findings with a fix, and counts them in the summary where the estate has a gateway, none or some', () => {
    const a = analyzeSnapshot(snapshot(blackholed));
    const drop = a.findings.find((f) => f.id === 'tgw-route-drop:rtb-a:10.0.0.0/8')!;
    expect(drop.message).toBe('rtb-a of vpc-a sends 10.0.0.0/8 to tgw-1, but tgw-rtb-1 of tgw-1 (for tgw-attach-a) blackholes 10.2.0.0/16 of it: that traffic is dropped at the gateway.');
    expect(drop.fix).toContain('aws ec2 delete-transit-gateway-route --transit-gateway-route-table-id tgw-rtb-1 --destination-cidr-block 10.2.0.0/16 --region eu-west-1');
    const oneWay = a.findings.find((f) => f.id === 'asymmetric-path:vpc-d|vpc-b')!;
    expect(oneWay.message).toBe('vpc-d reaches vpc-b through tgw-2 → tgw-1, but vpc-b does not reach back (dropped: no route): replies are lost, so connections fail.');
    expect(oneWay.fix).toBe('Route 10.3.0.0/16 to tgw-1 in rtb-b: aws ec2 create-route --route-table-id rtb-b --destination-cidr-block 10.3.0.0/16 --transit-gateway-id tgw-1');
    expect(summarizeFindings(a)).toMatch(/, 2 dropping gateway routes, \d+ one-way pairs\.$/);
    expect(summarizeFindings(analyzeSnapshot(snapshot(tgwEstate({ routes: { b: [route('10.0.0.0/16', 'pcx-ab'), route('10.2.0.0/16', 'pcx-bc'), route('10.3.0.0/16', 'tgw-1')] } })))))
      .toMatch(/, 0 dropping gateway routes, 0 one-way pairs\.$/);
    expect(summarizeFindings(analyzeSnapshot(snapshot(topology({}))))).not.toMatch(/gateway routes|one-way/);
  });
});

describe('the fix of a one-way pair', () => {
  /** Explain's fix for `from` → `to`: its first failing route hop's, as the finding reads it. */
  const explainFix = (t: Topology, from: string, to: string) => explainReachability(t, from, to).checks.find((c) => c.status === 'fail' && (c.kind === 'source-route' || c.kind === 'return-route'))?.fix;

  it("is explain's for the direction that fails, on every one-way pair of a small estate of the benchmark's shape", () => {
    const t = buildTgwEstate({ vpcs: 400, gateways: 8, attachments: 240, peerings: 120 }).topology;
    const pairs = findAsymmetricPaths(t);
    expect(pairs.length).toBeGreaterThan(50);
    let withFix = 0;
    for (const p of pairs) {
      const fix = firstRouteHopFix(t, p.to, p.from);
      expect(fix).toBe(explainFix(t, p.to, p.from));
      if (fix) withFix++;
    }
    expect(withFix).toBeGreaterThan(0);
  });

  it("is explain's for every ordered pair of random topologies with a transit gateway, and of the small estate's variants", () => {
    const variants = [tgwEstate(), blackholed, tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }), tgwEstate({ unassociated: ['b'] }), tgwEstate({ tgw1Unread: true })];
    for (const t of variants) for (const a of t.vpcs) for (const b of t.vpcs) expect(firstRouteHopFix(t, a.id, b.id)).toBe(explainFix(t, a.id, b.id));
    fc.assert(
      fc.property(arbTopologyWithGateway, (t) => {
        for (const a of t.vpcs) for (const b of t.vpcs) expect(firstRouteHopFix(t, a.id, b.id)).toBe(explainFix(t, a.id, b.id));
      }),
      { numRuns: 150, seed: 8 },
    );
  });
});
