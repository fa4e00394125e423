import { describe, expect, it } from 'vitest';

import { traceWorldOf } from '../../../shared/analysis/trace-world';
import { parseCidrRange } from '../../../shared/cidr/parse-cidr';
import type { Trace } from '../../../shared/forwarding/trace';
import { traceFromSubnet } from '../../../shared/forwarding/trace';
import type { Route, Subnet, Topology, TransitGateway, TransitGatewayAttachment, TransitGatewayRoute } from '../../../shared/model/topology';
import { traceWords } from '../../../shared/words/trace-words';
import {
  route,
  routeTable,
  subnet,
  tgwRoute,
  topology,
  transitGateway,
  transitGatewayPeering,
  transitGatewayRouteTable,
  vpc,
  vpcAttachment,
} from '../../support/fixtures/build-topology';

const a = vpc('vpc-a', '10.0.0.0/16');
const b = vpc('vpc-b', '10.1.0.0/16');
const c = vpc('vpc-c', '10.2.0.0/16', { region: 'us-east-1' });
const a1 = subnet('subnet-a1', a, '10.0.1.0/24');
const a2: Subnet = { ...subnet('subnet-a2', a, '10.0.2.0/24'), availabilityZone: 'eu-west-1b' };
const b1 = subnet('subnet-b1', b, '10.1.1.0/24');
const c1 = subnet('subnet-c1', c, '10.2.1.0/24');

interface Tweaks {
  readonly gw1?: Partial<TransitGateway>;
  readonly attA?: Partial<TransitGatewayAttachment>;
  readonly rtb1Routes?: readonly TransitGatewayRoute[];
  readonly rtb2Routes?: readonly TransitGatewayRoute[];
  readonly associateA?: boolean;
  readonly peeringState?: string;
  readonly aRoutes?: readonly Route[];
}

/** a and b on tgw-1 (eu-west-1), c on tgw-2 (us-east-1), the gateways peered; two VPN attachments on tgw-1. */
function net(t: Tweaks = {}): Topology {
  const gw1 = { ...transitGateway('tgw-1', { defaultRouteTableId: 'tgw-rtb-1' }), ...t.gw1 };
  const gw2 = transitGateway('tgw-2', { region: 'us-east-1', defaultRouteTableId: 'tgw-rtb-2' });
  const attA = { ...vpcAttachment('tgw-attach-a', gw1, a, [a1], t.associateA === false ? undefined : 'tgw-rtb-1'), ...t.attA };
  const attB = vpcAttachment('tgw-attach-b', gw1, b, [b1], 'tgw-rtb-1');
  const attC = vpcAttachment('tgw-attach-c', gw2, c, [c1], 'tgw-rtb-2');
  const vpn = (id: `tgw-attach-${string}`): TransitGatewayAttachment => {
    const { vpc: _drop, ...rest } = attB;
    return { ...rest, id, resourceType: 'vpn', resourceId: `vpn-${id.slice(-2)}` };
  };
  const [v1, v2] = [vpn('tgw-attach-v1'), vpn('tgw-attach-v2')];
  const p = transitGatewayPeering('tgw-attach-p', gw1, gw2, { requester: 'tgw-rtb-1', accepter: 'tgw-rtb-2' });
  const peer = { ...p.peering, state: t.peeringState ?? 'available' };
  const rtb1 = transitGatewayRouteTable('tgw-rtb-1', gw1, {
    associations: [...(t.associateA === false ? [] : [attA]), attB, p.attachments[0], v1, v2],
    propagations: [attA, attB],
    routes: t.rtb1Routes ?? [
      tgwRoute('10.0.0.0/16', [attA], 'propagated'),
      tgwRoute('10.1.0.0/16', [attB], 'propagated'),
      tgwRoute('10.2.0.0/16', [p.attachments[0]]),
      tgwRoute('10.9.0.0/16', 'blackhole'),
      tgwRoute('172.16.0.0/12', [v2, v1], 'propagated'),
    ],
  });
  const rtb2 = transitGatewayRouteTable('tgw-rtb-2', gw2, {
    associations: [attC, p.attachments[1]],
    routes: t.rtb2Routes ?? [tgwRoute('10.2.0.0/16', [attC], 'propagated'), tgwRoute('10.0.0.0/15', [p.attachments[1]])],
  });
  return topology({
    vpcs: [a, b, c],
    subnets: [a1, a2, b1, c1],
    routeTables: [
      routeTable('rtb-a', a, { main: true, routes: t.aRoutes ?? [route('10.0.0.0/8', 'tgw-1'), route('172.16.0.0/12', 'tgw-1')] }),
      routeTable('rtb-b', b, { main: true, routes: [route('10.0.0.0/16', 'tgw-1')] }),
      routeTable('rtb-c', c, { main: true, routes: [route('10.0.0.0/8', 'tgw-2')] }),
    ],
    transitGateways: [gw1, gw2],
    transitGatewayAttachments: [attA, attB, attC, v1, v2, ...p.attachments],
    transitGatewayPeerings: [peer],
    transitGatewayRouteTables: [rtb1, rtb2],
  });
}

function trace(t: Topology, to: string, from = 'subnet-a1'): Trace {
  const r = parseCidrRange(to);
  if (!r.ok) throw new Error(r.error.message);
  return traceFromSubnet(traceWorldOf(t), from as never, r.value);
}

describe('a trace through transit gateways', () => {
  it('goes VPC table → the VPC attachment → the table associated with it → its decision → the egress attachment → the destination VPC', () => {
    const x = trace(net(), '10.1.1.20/32');
    expect(x.hops.map((h) => h.kind)).toEqual(['subnet', 'table', 'decision', 'tgw-attachment', 'tgw-table', 'tgw-decision', 'tgw-attachment', 'table', 'decision']);
    expect(x.hops[3]).toEqual({ kind: 'tgw-attachment', role: 'ingress', transitGatewayId: 'tgw-1', attachmentId: 'tgw-attach-a', resourceType: 'vpc', resourceId: 'vpc-a', state: 'available' });
    expect(x.hops[4]).toEqual({ kind: 'tgw-table', transitGatewayId: 'tgw-1', routeTableId: 'tgw-rtb-1', attachmentId: 'tgw-attach-a' });
    expect(x.end).toEqual({ kind: 'delivered', vpcId: 'vpc-b', subnetId: 'subnet-b1' });
    expect(traceWords(x)).toBe(
      '10.1.1.20/32: subnet-a1 → rtb-a (main table): 10.0.0.0/8 → tgw-1 (transit gateway) → tgw-1 by tgw-attach-a → tgw-rtb-1 (associated with tgw-attach-a): 10.1.0.0/16 → tgw-attach-b (propagated) → out by tgw-attach-b (vpc vpc-b) → rtb-b (destination table): 10.1.0.0/16 → local → delivered in vpc-b (subnet-b1)',
    );
    expect(JSON.parse(JSON.stringify(x))).toEqual(x);
  });

  it('crosses a gateway peering to the table the other gateway associates with it, and on to the VPC there', () => {
    const x = trace(net(), '10.2.1.0/24');
    expect(x.end).toEqual({ kind: 'delivered', vpcId: 'vpc-c', subnetId: 'subnet-c1' });
    expect(traceWords(x)).toContain('10.2.0.0/16 → tgw-attach-p → out by tgw-attach-p (peering tgw-2) → over tgw-attach-p to tgw-2 → tgw-rtb-2 (associated with tgw-attach-p): 10.2.0.0/16 → tgw-attach-c (propagated) → out by tgw-attach-c (vpc vpc-c)');
    expect(trace(net({ peeringState: 'pendingAcceptance' }), '10.2.1.0/24').end).toEqual({ kind: 'dropped', reason: 'tgw-peering-not-available' });
  });

  it('drops at a gateway blackhole, where the gateway table has no route, and in a loop between gateways', () => {
    expect(trace(net(), '10.9.1.0/24').end).toEqual({ kind: 'dropped', reason: 'blackhole' });
    const none = trace(net(), '10.5.0.0/16');
    expect(none.end).toEqual({ kind: 'dropped', reason: 'no-route' });
    expect(none.hops.at(-1)?.kind).toBe('tgw-decision');
    const [, p] = net().transitGatewayAttachments.filter((x) => x.id === 'tgw-attach-p');
    const loop = net({ rtb1Routes: [tgwRoute('10.7.0.0/16', [p!])], rtb2Routes: [tgwRoute('10.7.0.0/16', [p!])] });
    expect(trace(loop, '10.7.0.0/16').end).toEqual({ kind: 'dropped', reason: 'tgw-loop' });
  });

  it('leaves by VPN attachments of an equal-cost route as one way', () => {
    const x = trace(net(), '172.16.1.0/24');
    expect(x.end).toEqual({ kind: 'exits', target: { kind: 'transit-gateway-attachment', id: 'tgw-attach-v1' } });
    expect(traceWords(x)).toContain('172.16.0.0/12 → tgw-attach-v1 + tgw-attach-v2 (propagated, ECMP) → out by tgw-attach-v1 (vpn vpn-v1)');
  });

  it('drops traffic from a zone the attachment has no subnet in, from an unassociated or unavailable attachment, and with no attachment', () => {
    expect(trace(net(), '10.1.1.0/24', 'subnet-a2').end).toEqual({ kind: 'dropped', reason: 'no-attachment-subnet-in-az' });
    expect(trace(net({ associateA: false }), '10.1.1.0/24').end).toEqual({ kind: 'dropped', reason: 'no-association' });
    expect(trace(net({ attA: { state: 'pendingAcceptance' } }), '10.1.1.0/24').end).toEqual({ kind: 'dropped', reason: 'attachment-not-available' });
    expect(trace(net({ attA: { transitGatewayId: 'tgw-9' } }), '10.1.1.0/24').end).toEqual({ kind: 'dropped', reason: 'no-attachment' });
  });

  it('ends unknown, saying why, at a gateway whose routing was not read; a gateway not in the snapshot is beyond it', () => {
    const x = trace(net({ gw1: { routing: { state: 'unread', reason: 'owner-not-scanned' } } }), '10.1.1.0/24');
    expect(x.end).toEqual({ kind: 'unknown', missing: 'tgw-routing', transitGatewayId: 'tgw-1', reason: 'owner-not-scanned' });
    expect(traceWords(x)).toContain("unknown: tgw-1's routing was not read: its owner's account and region were not scanned");
    expect(trace(net({ aRoutes: [route('10.1.0.0/16', 'tgw-7')] }), '10.1.1.0/24').end).toEqual({ kind: 'exits', target: { kind: 'transit-gateway', id: 'tgw-7' } });
  });

  it('prefers a more specific peering route in the VPC table to a wider transit gateway route', () => {
    const x = trace(net({ aRoutes: [route('10.0.0.0/8', 'tgw-1'), route('10.1.1.0/24', 'pcx-ab')] }), '10.1.1.0/24');
    expect(x.hops.map((h) => h.kind)).toContain('peering');
    expect(trace(net({ aRoutes: [route('10.0.0.0/8', 'tgw-1'), route('10.1.1.0/24', 'pcx-ab')] }), '10.1.2.0/24').end).toEqual({ kind: 'delivered', vpcId: 'vpc-b' });
  });
});
