import { describe, expect, it } from 'vitest';

import { indexTopology } from '../../../shared/analysis/topology-index';
import { parseCidrRange, parseIpAddress } from '../../../shared/cidr/parse-cidr';
import { forward, forwardAddress, singleFate } from '../../../shared/forwarding/forward';
import { targetKindOfId } from '../../../shared/forwarding/targets';
import { forwardTargetOf, vpcRoutes } from '../../../shared/forwarding/vpc-table';
import type { Route } from '../../../shared/model/topology';
import { route, routeTable, topology, vpc } from '../../support/fixtures/build-topology';

const a = vpc('vpc-a', '10.0.0.0/16');

function where(routes: readonly Route[], destination: string) {
  const t = topology({ vpcs: [a], routeTables: [routeTable('rtb-1', a, { main: true, routes })] });
  const table = t.routeTables[0]!;
  const index = indexTopology(t);
  const ip = parseIpAddress(destination);
  if (ip.ok) return forwardAddress(vpcRoutes, index, table.routes, ip.value);
  const block = parseCidrRange(destination);
  if (!block.ok) throw new Error(block.error.message);
  return forward(vpcRoutes, index, table.routes, block.value);
}

describe('targets of every kind', () => {
  it('are told apart by their ids', () => {
    const kinds = ['igw-1', 'eigw-1', 'nat-1', 'tgw-1', 'eni-1', 'i-1', 'vgw-1', 'vpce-1', 'lgw-1', 'cagw-1', 'arn:aws:networkmanager::1:core-network/core-network-1', 'local', 'pcx-1', 'odd-1'].map(targetKindOfId);
    expect(kinds).toEqual([
      'internet-gateway', 'egress-only-internet-gateway', 'nat-gateway', 'transit-gateway', 'network-interface', 'instance',
      'virtual-private-gateway', 'vpc-endpoint', 'local-gateway', 'carrier-gateway', 'core-network', 'local', 'peering', 'unknown',
    ]);
  });

  it('trusts the snapshot for local and peering targets, not an id that looks like one', () => {
    expect(forwardTargetOf({ kind: 'other', id: 'pcx-1' })).toEqual({ kind: 'unknown', id: 'pcx-1' });
    expect(forwardTargetOf({ kind: 'peering', peeringId: 'pcx-1' })).toEqual({ kind: 'peering', id: 'pcx-1' });
  });
});

describe('forward: which route decides a destination, and where it goes', () => {
  const routes = [route('0.0.0.0/0', 'igw-1'), route('10.8.0.0/13', 'tgw-1'), route('10.9.0.0/16', 'nat-1', 'blackhole'), route('10.10.0.0/16', 'pcx-1'), { ...route('10.10.0.0/16', 'vgw-1'), origin: 'EnableVgwRoutePropagation' }];

  it('sends one address by its longest prefix, to any kind of target', () => {
    const fates = ['10.0.3.4', '10.8.1.1', '10.9.1.1', '10.10.1.1', '192.0.2.1'].map((ip) => singleFate(where(routes, ip)));
    expect(fates.map((f) => f && [f.target.kind, f.target.id, f.blackhole])).toEqual([
      ['local', 'local', false],
      ['transit-gateway', 'tgw-1', false],
      ['nat-gateway', 'nat-1', true],
      ['peering', 'pcx-1', false],
      ['internet-gateway', 'igw-1', false],
    ]);
  });

  it('keeps the evidence of a priority decision: the propagated route the static one outranked', () => {
    const f = where(routes, '10.10.0.0/16');
    expect(f.parts.map((p) => [p.route.destination, p.priority, p.prefixLength])).toEqual([['10.10.0.0/16', 'static', 16]]);
    expect(f.outranked.map((p) => [p.target.id, p.priority])).toEqual([['vgw-1', 'propagated']]);
  });

  it('splits a block that routes inside it carve, and says so', () => {
    const f = where(routes, '10.8.0.0/13');
    expect(f.parts.map((p) => p.target.id)).toEqual(['tgw-1', 'nat-1', 'pcx-1']);
    expect(singleFate(f)).toBeUndefined();
  });

  it('leaves an unrouted destination with no part, and lists a prefix list that may take it', () => {
    const noDefault = where([route('pl-0a1b', 'vpce-1')], '192.0.2.0/24');
    expect(noDefault.parts).toEqual([]);
    expect(noDefault.unrouted).toBe(true);
    expect(noDefault.mayDecide.map((p) => [p.target.kind, p.prefixLength])).toEqual([['vpc-endpoint', null]]);
  });
});
