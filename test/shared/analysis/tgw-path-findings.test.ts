import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { explainReachability, firstRouteHopFix } from '../../../shared/analysis/explain-reachability';
import { analyzeSnapshot, summarizeFindings } from '../../../shared/analysis/findings';
import { findAsymmetricPaths, findGatewayRouteDrops } from '../../../shared/analysis/tgw-path-findings';
import type { Topology, TransitGatewayRoute, TransitGatewayRouteTable } from '../../../shared/model/topology';
import { route, snapshot, tgwRoute, topology } from '../../support/fixtures/build-topology';
import { buildTgwEstate } from '../../bench/tgw-bench-estate';
import { tgwEstate } from '../../support/fixtures/tgw-reach-estate';
import { arbTopologyWithGateway } from './oracle/random-topology';

const blackholed = tgwEstate({
  rtb1Routes: (x) => [tgwRoute('10.0.0.0/16', [x.a], 'propagated'), tgwRoute('10.1.0.0/16', [x.b], 'propagated'), tgwRoute('10.2.0.0/16', 'blackhole')],
});

describe('findings about transit gateway paths', () => {
  it('finds a VPC route into a gateway whose table blackholes or has no route for a network behind the gateway', () => {
    expect(findGatewayRouteDrops(tgwEstate())).toEqual([]);
    // c's own 10.2/16 stays in c (its local route), so only a loses traffic to c.
    expect(findGatewayRouteDrops(blackholed).map((d) => [d.routeTableId, d.destination, d.reason, d.partly, d.gatewayRoute, d.lost])).toEqual([
      ['rtb-a', '10.0.0.0/8', 'blackhole', true, '10.2.0.0/16', { cidr: '10.2.0.0/16', vpcId: 'vpc-c' }],
    ]);
    const noRouteToC = tgwEstate({
      rtb1Routes: (x) => [tgwRoute('10.0.0.0/16', [x.a], 'propagated'), tgwRoute('10.1.0.0/16', [x.b], 'propagated')],
      routes: { a: [route('10.1.0.0/16', 'pcx-ab'), route('10.2.0.0/16', 'tgw-1')] },
    });
    expect(findGatewayRouteDrops(noRouteToC)).toEqual([
      {
        routeTableId: 'rtb-a',
        vpcId: 'vpc-a',
        destination: '10.2.0.0/16',
        transitGatewayId: 'tgw-1',
        attachmentId: 'tgw-attach-a',
        tgwRouteTableId: 'tgw-rtb-1',
        reason: 'no-route',
        partly: false,
        isServing: true,
        lost: { cidr: '10.2.0.0/16', vpcId: 'vpc-c' },
      },
    ]);
    // Unassociated, a's route is dropped whole: b is reached by the peering (the longer prefix), c is lost.
    expect(findGatewayRouteDrops(tgwEstate({ unassociated: ['a'] })).map((d) => [d.routeTableId, d.reason, d.lost])).toEqual([['rtb-a', 'no-association', { cidr: '10.2.0.0/16', vpcId: 'vpc-c' }]]);
    // A gateway whose routing was not read is never reported: its forwarding is unknown.
    expect(findGatewayRouteDrops(tgwEstate({ tgw1Unread: true, rtb1Routes: () => [] }))).toEqual([]);
  });

  it('finds traffic for a network a VPN attachment, or an attached VPC not scanned, holds that the gateway blackholes', () => {
    const base = tgwEstate({ routes: { a: [route('10.1.0.0/16', 'pcx-ab'), route('10.0.0.0/8', 'tgw-1'), route('192.168.0.0/16', 'tgw-1')] } });
    const vpn = { ...base.transitGatewayAttachments[0]!, id: 'tgw-attach-vpn', resourceType: 'vpn', resourceId: 'vpn-office', vpc: undefined } as const;
    const [rtb1, rtb2] = base.transitGatewayRouteTables as [TransitGatewayRouteTable, TransitGatewayRouteTable];
    const withVpn = (routes: readonly TransitGatewayRoute[]): Topology => ({
      ...base,
      transitGatewayAttachments: [...base.transitGatewayAttachments, vpn],
      transitGatewayRouteTables: [{ ...rtb1, routes: [...rtb1.routes, ...routes] }, rtb2],
    });
    expect(findGatewayRouteDrops(withVpn([tgwRoute('192.168.0.0/16', [vpn])]))).toEqual([]);
    expect(findGatewayRouteDrops(withVpn([tgwRoute('192.168.0.0/16', [vpn]), tgwRoute('192.168.1.0/24', 'blackhole')])).map((d) => [d.destination, d.gatewayRoute, d.lost])).toEqual([
      ['192.168.0.0/16', '192.168.1.0/24', { cidr: '192.168.0.0/16', attachmentId: 'tgw-attach-vpn' }],
    ]);
    // A VPC of an account not scanned is known by the routes to its attachment.
    const x = { ...base.transitGatewayAttachments[0]!, id: 'tgw-attach-x', resourceId: 'vpc-x', vpc: undefined } as const;
    const unscanned: Topology = {
      ...base,
      transitGatewayAttachments: [...base.transitGatewayAttachments, x],
      transitGatewayRouteTables: [{ ...rtb1, routes: [...rtb1.routes, tgwRoute('10.7.0.0/16', [x], 'propagated'), tgwRoute('10.7.1.0/24', 'blackhole')] }, rtb2],
    };
    expect(findGatewayRouteDrops(unscanned).map((d) => [d.routeTableId, d.gatewayRoute, d.lost])).toEqual([
      ['rtb-a', '10.7.1.0/24', { cidr: '10.7.0.0/16', attachmentId: 'tgw-attach-x' }],
      ['rtb-c', '10.7.1.0/24', { cidr: '10.7.0.0/16', attachmentId: 'tgw-attach-x' }],
    ]);
  });

  it('leaves out drops of what no network behind the gateway holds, and what the VPC sends elsewhere', () => {
    // 192.168/16 and 0.0.0.0/0 lead nowhere behind tgw-1: the gateway drops nothing anyone could reach that way.
    expect(findGatewayRouteDrops(tgwEstate({ routes: { a: [route('10.1.0.0/16', 'pcx-ab'), route('10.0.0.0/8', 'tgw-1'), route('192.168.0.0/16', 'tgw-1')] } }))).toEqual([]);
    expect(findGatewayRouteDrops(tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc'), route('0.0.0.0/0', 'tgw-1')] } }))).toEqual([]);
    // A blackhole in the unused space of a summary route.
    const unused = tgwEstate({ rtb1Routes: (x) => [tgwRoute('10.0.0.0/16', [x.a], 'propagated'), tgwRoute('10.1.0.0/16', [x.b], 'propagated'), tgwRoute('10.2.0.0/16', [x.c], 'propagated'), tgwRoute('10.3.0.0/16', [x.p]), tgwRoute('10.9.0.0/16', 'blackhole')] });
    expect(findGatewayRouteDrops(unused)).toEqual([]);
    // b's block blackholed, but a and c reach b by their peerings (the longer prefix).
    const bBlackholed = tgwEstate({ rtb1Routes: (x) => [tgwRoute('10.0.0.0/16', [x.a], 'propagated'), tgwRoute('10.1.0.0/16', 'blackhole'), tgwRoute('10.2.0.0/16', [x.c], 'propagated'), tgwRoute('10.3.0.0/16', [x.p])] });
    expect(findGatewayRouteDrops(bBlackholed)).toEqual([]);
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
    expect(drop.message).toBe('rtb-a of vpc-a sends 10.0.0.0/8 to tgw-1, but tgw-rtb-1 of tgw-1 (for tgw-attach-a) blackholes 10.2.0.0/16 of it: traffic for vpc-c (10.2.0.0/16) is dropped at the gateway.');
    expect(drop.fix).toContain('aws ec2 delete-transit-gateway-route --transit-gateway-route-table-id tgw-rtb-1 --destination-cidr-block 10.2.0.0/16 --region eu-west-1');
    const oneWay = a.findings.find((f) => f.id === 'asymmetric-path:vpc-d|vpc-b')!;
    expect(oneWay.message).toBe('vpc-d reaches vpc-b through tgw-2 → tgw-1, but vpc-b does not reach back (dropped: no route): replies are lost, so connections fail.');
    expect(oneWay.fix).toBe('Route 10.3.0.0/16 to tgw-1 in rtb-b: aws ec2 create-route --route-table-id rtb-b --destination-cidr-block 10.3.0.0/16 --transit-gateway-id tgw-1 --profile profile-111111111111 --region eu-west-1');
    expect(summarizeFindings(a)).toMatch(/, 1 dropping gateway route, \d+ one-way pairs\.$/);
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
