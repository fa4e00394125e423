import { describe, expect, it } from 'vitest';

import type { ReachabilityCheckKind, ReachabilityExplanation } from '../../../shared/analysis/explain-reachability';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { Route, Topology } from '../../../shared/model/topology';
import { route } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

const DB = { protocol: 'tcp', port: 5432 } as const;
const pair = buildPeeredPair();

function check(x: ReachabilityExplanation, kind: ReachabilityCheckKind) {
  const found = x.checks.find((c) => c.kind === kind);
  if (!found) throw new Error(`no ${kind} check`);
  return found;
}

/** The pair with rtb-a1's route to db's block replaced by `replacement`. */
function routeDbVia(replacement: Route): Topology {
  return {
    ...pair,
    routeTables: pair.routeTables.map((t) => (t.id === 'rtb-a1' ? { ...t, routes: t.routes.map((r) => (r.destination === '10.1.0.0/16' ? replacement : r)) } : t)),
  };
}

describe('explainReachability: gateways as route targets', () => {
  it.each([
    ['nat-0a1', 'NAT gateway', 'nat-gateway', 'a NAT gateway path cannot carry traffic to a peered VPC'],
    ['igw-a', 'internet gateway', 'internet-gateway', 'an internet gateway path cannot carry traffic to a peered VPC'],
    ['vgw-1', 'virtual private gateway', 'virtual-private-gateway', 'the virtual private gateway takes it out of the VPC, not over the peering'],
    ['vpce-1', 'VPC endpoint', 'vpc-endpoint', 'the VPC endpoint takes it out of the VPC, not over the peering'],
  ])('fails naming %s when the route for the destination points at it', (id, words, kind, why) => {
    const x = explainReachability(routeDbVia(route('10.1.0.0/16', id)), '10.0.1.10', '10.1.1.20', DB);
    expect(x.verdict).toBe('unreachable');
    const c = check(x, 'source-route');
    expect(c.status).toBe('fail');
    expect(c.message).toContain(`The route for it points at ${words} ${id}: ${why}`);
    expect(c.resourceIds).toContain(id);
    expect(c.blockedBy).toEqual({
      kind: 'route',
      routeTableId: 'rtb-a1',
      subnetIds: ['subnet-a1'],
      destination: '10.1.1.20/32',
      routeDestination: '10.1.0.0/16',
      target: { kind, id },
      blackhole: false,
      peeringId: 'pcx-ab',
    });
  });

  it('names the internet gateway of the default route when no route sends the destination to the peering', () => {
    const t = { ...pair, routeTables: pair.routeTables.map((tb) => (tb.id === 'rtb-a1' ? { ...tb, routes: tb.routes.filter((r) => r.destination !== '10.1.0.0/16') } : tb)) };
    const c = check(explainReachability(t, '10.0.1.10', '10.1.1.20', DB), 'source-route');
    expect(c.message).toContain('points at internet gateway igw-a');
    expect(c.blockedBy).toMatchObject({ kind: 'route', routeDestination: '0.0.0.0/0', target: { kind: 'internet-gateway', id: 'igw-a' } });
  });

  it('says a route is missing, with no target, when nothing matches', () => {
    const t = { ...pair, routeTables: pair.routeTables.map((tb) => (tb.id === 'rtb-bmain' ? { ...tb, routes: tb.routes.filter((r) => r.target.kind === 'local') } : tb)) };
    const c = check(explainReachability(t, '10.0.1.10', '10.1.1.20', DB), 'return-route');
    expect(c.blockedBy).toEqual({ kind: 'route', routeTableId: 'rtb-bmain', subnetIds: ['subnet-b1'], destination: '10.0.1.10/32', target: null, blackhole: false, peeringId: 'pcx-ab' });
    expect(c.fix).toContain('create-route');
  });

  it('marks a blackhole route to the peering', () => {
    const c = check(explainReachability(routeDbVia(route('10.1.0.0/16', 'pcx-ab', 'blackhole')), '10.0.1.10', '10.1.1.20', DB), 'source-route');
    expect(c.blockedBy).toMatchObject({ kind: 'route', blackhole: true, target: { kind: 'peering', id: 'pcx-ab' } });
  });
});

describe('explainReachability: what blocked, as data', () => {
  it('a security group without the rule', () => {
    const x = explainReachability(pair, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 22, destinationSecurityGroupIds: ['sg-db'] });
    const c = check(x, 'destination-ingress');
    expect(c.blockedBy).toEqual({ kind: 'security-group', groupIds: ['sg-db'], direction: 'ingress', protocol: 'tcp', port: 22, cidrs: ['10.0.1.10/32'] });
    expect(c.fix).toContain('authorize-security-group-ingress');
  });

  it('a peering that is not active, or none', () => {
    const pending: Topology = { ...pair, peerings: pair.peerings.map((p) => ({ ...p, status: 'pending-acceptance' as const })) };
    expect(check(explainReachability(pending, 'vpc-a', 'vpc-b'), 'peering').blockedBy).toEqual({ kind: 'peering', vpcIds: ['vpc-a', 'vpc-b'], peeringId: 'pcx-ab', status: 'pending-acceptance' });
    const none: Topology = { ...pair, peerings: [] };
    expect(check(explainReachability(none, 'vpc-a', 'vpc-b'), 'peering').blockedBy).toEqual({ kind: 'peering', vpcIds: ['vpc-a', 'vpc-b'] });
  });

  it('an endpoint that is not in the snapshot', () => {
    expect(check(explainReachability(pair, 'vpc-nope', 'vpc-b'), 'source').blockedBy).toEqual({ kind: 'endpoint', role: 'source', input: 'vpc-nope' });
  });

  it('every failing check carries one', () => {
    const broken: Topology = { ...routeDbVia(route('10.1.0.0/16', 'nat-1')), securityGroups: pair.securityGroups.map((g) => ({ ...g, ingress: [] })) };
    const x = explainReachability(broken, '10.0.1.10', '10.1.1.20', DB);
    const failing = x.checks.filter((c) => c.status === 'fail');
    expect(failing.length).toBeGreaterThan(1);
    for (const c of failing) expect(c.blockedBy, c.kind).toBeDefined();
  });
});
