import { describe, expect, it } from 'vitest';

import { directionReach, vpcReach } from '../../../shared/analysis/vpc-reach';
import type { Subnet } from '../../../shared/model/topology';
import { route, subnet, tgwRoute } from '../../support/fixtures/build-topology';
import { tgwA, tgwEstate } from '../../support/fixtures/tgw-reach-estate';

describe('vpcReach: every VPC a VPC reaches, per direction, over peerings and transit gateways', () => {
  it('lists peered and gateway-connected VPCs with the way the routes choose and the deciding route at each hop', () => {
    const reach = vpcReach(tgwEstate(), 'vpc-a');
    expect(reach.map((r) => [r.vpcId, r.connections, r.there.status, r.there.ways, r.back.status, r.back.ways])).toEqual([
      // b: a peering and the gateway both join them; a's /16 to the peering beats its /8 to the gateway, b routes by the peering.
      ['vpc-b', ['peering', 'transit-gateway'], 'yes', ['peering'], 'yes', ['peering']],
      ['vpc-c', ['transit-gateway'], 'yes', ['transit-gateway'], 'yes', ['transit-gateway']],
      // d: over the gateway peering to tgw-2, both ways.
      ['vpc-d', ['transit-gateway'], 'yes', ['transit-gateway'], 'yes', ['transit-gateway']],
    ]);
    const toB = reach[0]!.there;
    expect(toB.peeringId).toBe('pcx-ab');
    expect(toB.path).toEqual([{ kind: 'vpc-route', vpcId: 'vpc-a', routeTableId: 'rtb-a', destination: '10.1.0.0/16', target: { kind: 'peering', id: 'pcx-ab' } }]);
    expect(reach[2]!.there.path).toEqual([
      { kind: 'vpc-route', vpcId: 'vpc-a', routeTableId: 'rtb-a', destination: '10.0.0.0/8', target: { kind: 'transit-gateway', id: 'tgw-1' } },
      { kind: 'tgw-route', transitGatewayId: 'tgw-1', routeTableId: 'tgw-rtb-1', destination: '10.3.0.0/16', type: 'static', attachmentIds: ['tgw-attach-p'] },
      { kind: 'tgw-peering', attachmentId: 'tgw-attach-p', toTransitGatewayId: 'tgw-2' },
      { kind: 'tgw-route', transitGatewayId: 'tgw-2', routeTableId: 'tgw-rtb-2', destination: '10.3.0.0/16', type: 'propagated', attachmentIds: ['tgw-attach-d'] },
    ]);
    expect(reach[2]!.there.transitGatewayIds).toEqual(['tgw-1', 'tgw-2']);
  });

  it('takes the longest prefix between a peering and a gateway: a /24 to the peering carves a /16 to the gateway', () => {
    const t = tgwEstate({ routes: { a: [route('10.1.1.0/24', 'pcx-ab'), route('10.1.0.0/16', 'tgw-1')] } });
    const there = directionReach(t, 'vpc-a', 'vpc-b');
    expect(there.status).toBe('yes');
    expect(there.ways).toEqual(['peering', 'transit-gateway']);
    expect(there.path.filter((h) => h.kind === 'vpc-route').map((h) => h.kind === 'vpc-route' && `${h.destination} → ${h.target.id}`)).toEqual(['10.1.0.0/16 → tgw-1', '10.1.1.0/24 → pcx-ab']);
  });

  it('says one way only when the return route is missing, and why', () => {
    const t = tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } });
    const toC = vpcReach(t, 'vpc-a').find((r) => r.vpcId === 'vpc-c')!;
    expect([toC.there.status, toC.back.status]).toEqual(['yes', 'no']);
    expect(toC.back.failure).toEqual({ kind: 'dropped', reason: 'no-route' });
  });

  it('reports the gateway hop that drops: a blackhole, no association, a zone without an attachment subnet, unread routing', () => {
    const blackhole = tgwEstate({ rtb1Routes: (x) => [tgwRoute('10.0.0.0/16', [x.a], 'propagated'), tgwRoute('10.2.0.0/16', 'blackhole')] });
    expect(directionReach(blackhole, 'vpc-a', 'vpc-c')).toMatchObject({ status: 'no', failure: { kind: 'dropped', reason: 'blackhole' } });
    expect(directionReach(tgwEstate({ unassociated: ['a'] }), 'vpc-a', 'vpc-c')).toMatchObject({ status: 'no', failure: { kind: 'dropped', reason: 'no-association' } });
    const other: Subnet = { ...subnet('subnet-a2', tgwA, '10.0.2.0/24'), availabilityZone: 'eu-west-1b' };
    expect(directionReach(tgwEstate({ subnets: [other] }), 'vpc-a', 'vpc-c')).toMatchObject({ status: 'some', failure: { kind: 'dropped', reason: 'no-attachment-subnet-in-az' } });
    expect(directionReach(tgwEstate({ tgw1Unread: true }), 'vpc-a', 'vpc-c')).toMatchObject({
      status: 'unknown',
      failure: { kind: 'unknown', missing: 'tgw-routing', transitGatewayId: 'tgw-1', reason: 'owner-not-scanned' },
    });
  });
});
