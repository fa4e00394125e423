import { describe, expect, it } from 'vitest';

import { traceWorldOf } from '../../../shared/analysis/trace-world';
import type { CidrRange } from '../../../shared/cidr/parse-cidr';
import { parseCidrRange } from '../../../shared/cidr/parse-cidr';
import type { Trace } from '../../../shared/forwarding/trace';
import { traceFromSubnet } from '../../../shared/forwarding/trace';
import type { PeeringStatus, Route, Topology } from '../../../shared/model/topology';
import { traceWords } from '../../../shared/words/trace-words';
import { peering, route, routeTable, subnet, topology, vpc } from '../../support/fixtures/build-topology';

const a = vpc('vpc-a', '10.0.0.0/16');
const b = vpc('vpc-b', '10.1.0.0/16');
const c = vpc('vpc-c', '10.2.0.0/16');

function net(aRoutes: readonly Route[], status: PeeringStatus = 'active'): Topology {
  return topology({
    vpcs: [a, b, c],
    subnets: [subnet('subnet-a1', a, '10.0.1.0/24'), subnet('subnet-b1', b, '10.1.1.0/24')],
    routeTables: [
      routeTable('rtb-a1', a, { subnetIds: ['subnet-a1'], routes: aRoutes }),
      routeTable('rtb-amain', a, { main: true }),
      routeTable('rtb-bmain', b, { main: true, routes: [route('10.0.0.0/16', 'pcx-ab'), route('0.0.0.0/0', 'igw-b')] }),
    ],
    peerings: [peering('pcx-ab', a, b, status)],
  });
}

function range(text: string): CidrRange {
  const r = parseCidrRange(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function trace(t: Topology, to: string, from = 'subnet-a1'): Trace {
  return traceFromSubnet(traceWorldOf(t), from as never, range(to));
}

describe('a trace, hop by hop', () => {
  it('goes subnet → its table → the deciding route → the peering → the peer table → delivered', () => {
    const x = trace(net([route('10.1.0.0/16', 'pcx-ab')]), '10.1.1.20/32');
    expect(x.hops.map((h) => h.kind)).toEqual(['subnet', 'table', 'decision', 'peering', 'table', 'decision']);
    expect(x.hops[1]).toEqual({ kind: 'table', tableKind: 'vpc-route-table', routeTableId: 'rtb-a1', vpcId: 'vpc-a', via: 'explicit' });
    expect(x.hops[3]).toEqual({ kind: 'peering', peeringId: 'pcx-ab', status: 'active', toVpcId: 'vpc-b' });
    expect(x.hops[4]).toMatchObject({ routeTableId: 'rtb-bmain', via: 'peering' });
    expect(x.end).toEqual({ kind: 'delivered', vpcId: 'vpc-b', subnetId: 'subnet-b1' });
    expect(traceWords(x)).toBe(
      '10.1.1.20/32: subnet-a1 → rtb-a1 (associated): 10.1.0.0/16 → pcx-ab → into vpc-b → rtb-bmain (peer table): 10.1.0.0/16 → local → delivered in vpc-b (subnet-b1)',
    );
  });

  it('drops what the peer does not hold, with where the peer would have sent it as evidence', () => {
    const x = trace(net([route('10.0.0.0/8', 'pcx-ab')]), '10.2.0.0/16');
    expect(x.end).toEqual({ kind: 'dropped', reason: 'beyond-peer' });
    const last = x.hops.at(-1);
    expect(last?.kind === 'decision' && last.forwarding.parts.map((p) => p.target.id)).toEqual(['igw-b']);
  });

  it('ends at a blackhole, a peering that is not active, a gateway, a carve, and a missing route', () => {
    expect(trace(net([route('10.1.0.0/16', 'pcx-ab', 'blackhole')]), '10.1.0.0/16').end).toEqual({ kind: 'dropped', reason: 'blackhole' });
    expect(trace(net([route('10.1.0.0/16', 'pcx-ab')], 'pending-acceptance'), '10.1.0.0/16').end).toEqual({ kind: 'dropped', reason: 'peering-not-active' });
    expect(trace(net([route('0.0.0.0/0', 'nat-1')]), '10.1.0.0/16').end).toEqual({ kind: 'exits', target: { kind: 'nat-gateway', id: 'nat-1' } });
    expect(trace(net([route('10.1.0.0/16', 'pcx-ab'), route('10.1.1.0/24', 'tgw-1')]), '10.1.0.0/16').end).toEqual({ kind: 'split' });
    expect(trace(net([]), '10.1.0.0/16').end).toEqual({ kind: 'dropped', reason: 'no-route' });
    expect(trace(net([]), '10.0.1.9/32').end).toEqual({ kind: 'delivered', vpcId: 'vpc-a', subnetId: 'subnet-a1' });
  });

  it('marks a trace a prefix list may change, and one whose start is not in the snapshot', () => {
    const x = trace(net([route('pl-0a1b', 'pcx-ab')]), '10.1.0.0/16');
    expect(x.uncertain).toBe(true);
    expect(traceWords(x)).toContain('if the prefix list holds it');
    expect(trace(net([]), '10.1.0.0/16', 'subnet-zz').end).toEqual({ kind: 'unknown', missing: 'subnet' });
  });
});
