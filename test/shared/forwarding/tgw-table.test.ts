import { describe, expect, it } from 'vitest';

import { indexTopology } from '../../../shared/analysis/topology-index';
import { parseCidrRange } from '../../../shared/cidr/parse-cidr';
import { singleFate } from '../../../shared/forwarding/forward';
import { compileTgwTable, forwardTgw, tgwTargets } from '../../../shared/forwarding/tgw-table';
import type { TransitGatewayAttachment, TransitGatewayRoute } from '../../../shared/model/topology';
import {
  prefixList,
  subnet,
  tgwRoute,
  topology,
  transitGateway,
  transitGatewayRouteTable,
  vpc,
  vpcAttachment,
} from '../../support/fixtures/build-topology';

const gw = transitGateway('tgw-1', { defaultRouteTableId: 'tgw-rtb-1' });
const a = vpc('vpc-a', '10.0.0.0/16');
const b = vpc('vpc-b', '10.1.0.0/16');
const attA = vpcAttachment('tgw-attach-a', gw, a, [subnet('subnet-a1', a, '10.0.1.0/24')], 'tgw-rtb-1');
const attB = vpcAttachment('tgw-attach-b', gw, b, [subnet('subnet-b1', b, '10.1.1.0/24')], 'tgw-rtb-1');
const vpn = (id: `tgw-attach-${string}`): TransitGatewayAttachment => ({ ...attA, id, resourceType: 'vpn', resourceId: `vpn-${id}`, vpc: undefined } as TransitGatewayAttachment);
const vpn1 = vpn('tgw-attach-v1');
const vpn2 = vpn('tgw-attach-v2');

function where(routes: readonly TransitGatewayRoute[], destination: string) {
  const table = transitGatewayRouteTable('tgw-rtb-1', gw, { routes });
  const t = topology({ vpcs: [a, b], transitGateways: [gw], transitGatewayRouteTables: [table], prefixLists: [prefixList('pl-1', ['10.1.2.0/24'])] });
  const block = parseCidrRange(destination);
  if (!block.ok) throw new Error(block.error.message);
  return forwardTgw(indexTopology(t), table, block.value);
}

function decided(routes: readonly TransitGatewayRoute[], destination: string): string {
  const f = where(routes, destination);
  const fate = singleFate(f);
  if (!fate) return f.parts.length === 0 ? 'no route' : 'split';
  return fate.blackhole ? 'blackhole' : `${fate.priority} ${tgwTargets(fate.route).join('+')}`;
}

describe('a transit gateway route table as a table kind', () => {
  it('takes the longest prefix, whatever its type', () => {
    const routes = [tgwRoute('10.0.0.0/8', [attA]), tgwRoute('10.1.0.0/16', [attB], 'propagated')];
    expect(decided(routes, '10.1.2.3/32')).toBe('propagated tgw-attach-b');
    expect(decided(routes, '10.2.0.0/16')).toBe('static tgw-attach-a');
    expect(decided(routes, '192.168.0.0/24')).toBe('no route');
  });

  it('prefers a static route to a propagated one of the same prefix, whichever is listed first', () => {
    const routes = [tgwRoute('10.1.0.0/16', [attB], 'propagated'), tgwRoute('10.1.0.0/16', [attA])];
    expect(decided(routes, '10.1.0.0/16')).toBe('static tgw-attach-a');
    expect(where(routes, '10.1.0.0/16').outranked.map((p) => p.priority)).toEqual(['propagated']);
  });

  it('prefers a VPC propagation to a VPN one of the same prefix, whichever is listed first', () => {
    const routes = [tgwRoute('10.1.0.0/16', [vpn1], 'propagated'), tgwRoute('10.1.0.0/16', [attB], 'propagated')];
    expect(decided(routes, '10.1.5.0/24')).toBe('propagated tgw-attach-b');
    // Read in that order once per routes array.
    const table = transitGatewayRouteTable('tgw-rtb-1', gw, { routes });
    const t = indexTopology(topology({}));
    expect(compileTgwTable(t, table)).toBe(compileTgwTable(t, table));
  });

  it('places a prefix-list route by its entries, between static and propagated', () => {
    const routes = [tgwRoute('pl-1', [attA]), tgwRoute('10.1.2.0/24', [attB], 'propagated'), tgwRoute('10.1.0.0/16', [attB])];
    expect(decided(routes, '10.1.2.9/32')).toBe('prefix-list tgw-attach-a');
    expect(decided(routes, '10.1.3.9/32')).toBe('static tgw-attach-b');
  });

  it('drops at a blackhole route instead of falling to a wider one', () => {
    const routes = [tgwRoute('10.0.0.0/8', [attA]), tgwRoute('10.1.0.0/16', 'blackhole')];
    expect(decided(routes, '10.1.1.1/32')).toBe('blackhole');
    expect(where(routes, '10.1.1.1/32').parts[0]?.target).toEqual({ kind: 'unknown', id: 'blackhole' });
  });

  it('sends an equal-cost multipath route to all its attachments, and names them in one order', () => {
    const routes = [tgwRoute('172.16.0.0/12', [vpn2, vpn1], 'propagated')];
    expect(decided(routes, '172.16.1.0/24')).toBe('propagated tgw-attach-v1+tgw-attach-v2');
    expect(where(routes, '172.16.1.0/24').parts[0]?.target).toEqual({ kind: 'transit-gateway-attachment', id: 'tgw-attach-v1' });
  });
});
