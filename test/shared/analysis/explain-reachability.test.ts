import { describe, expect, it } from 'vitest';

import type { ReachabilityCheckKind, ReachabilityExplanation } from '../../../shared/analysis/explain-reachability';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { Route, SecurityGroup, Topology } from '../../../shared/model/topology';
import { peering, route, routeTable, rule, securityGroup, subnet, topology, vpc } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

function statusOf(x: ReachabilityExplanation, kind: ReachabilityCheckKind): string[] {
  return x.checks.filter((c) => c.kind === kind).map((c) => c.status);
}

function failing(x: ReachabilityExplanation) {
  return x.checks.filter((c) => c.status === 'fail');
}

function withGroups(t: Topology, change: (g: SecurityGroup) => SecurityGroup): Topology {
  return { ...t, securityGroups: t.securityGroups.map(change) };
}

describe('explainReachability: reachable', () => {
  const t = buildPeeredPair();

  it('passes every hop from an app address to the database port', () => {
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 });
    expect(x.verdict).toBe('reachable');
    expect(x.peeringId).toBe('pcx-ab');
    expect(x.checks.map((c) => `${c.kind}:${c.status}`)).toEqual([
      'source:pass',
      'destination:pass',
      'peering:pass',
      'source-route:pass',
      'return-route:pass',
      'source-egress:pass',
      'destination-ingress:pass',
      'source-acl-outbound:pass',
      'destination-acl-inbound:pass',
      'destination-acl-return:pass',
      'source-acl-return:pass',
    ]);
    expect(x.from).toMatchObject({ kind: 'ip', vpcId: 'vpc-a', subnetIds: ['subnet-a1'], cidrs: ['10.0.1.10/32'] });
    expect(x.checks[0]!.message).toBe('Source 10.0.1.10 is in subnet subnet-a1 (10.0.1.0/24) of app (vpc-a).');
    expect(x.checks[3]!.resourceIds).toEqual(['rtb-a1', 'pcx-ab']);
    expect(x.checks[6]!.message).toContain('db (sg-db) ingress allows tcp 5432 from 10.0.0.0/16');
    expect(x.notes.join(' ')).not.toContain('Network ACLs');
    expect(x.checks[7]!.message).toBe('acl-a (default) of subnet-a1, outbound, allows tcp/5432 to 10.1.1.20/32 by rule 100 (allow all 0.0.0.0/0).');
  });

  it('names what the scan could not read in an endpoint’s account and region as not checked there, and nothing elsewhere', () => {
    const a = t.vpcs.find((v) => v.id === 'vpc-a')!;
    const coverage = [
      { profile: 'p', accountId: a.accountId, region: a.region, state: 'complete' as const, unread: [{ kind: 'networkAcls', errorCode: 'UnauthorizedOperation', message: 'grant ec2:DescribeNetworkAcls' }] },
      { profile: 'q', accountId: '999999999999', region: a.region, state: 'complete' as const, unread: [{ kind: 'instances', errorCode: 'UnauthorizedOperation', message: 'm' }] },
    ];
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432, coverage });
    expect(x.verdict).toBe('reachable');
    expect(x.notes.filter((n) => n.startsWith('The scan could not read'))).toEqual([
      `The scan could not read network ACLs in account ${a.accountId} · ${a.region} (UnauthorizedOperation): they were not checked there.`,
    ]);
    expect(x.notes.join(' ')).not.toContain('not in the snapshot');
    expect(explainReachability(t, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 }).notes.join(' ')).not.toContain('could not read');
  });

  it('checks every table of a VPC endpoint, the main one for unassociated subnets', () => {
    const x = explainReachability(t, 'vpc-a', 'subnet-b1', { protocol: 'tcp', port: 5432 });
    expect(x.verdict).toBe('reachable');
    expect(x.checks.filter((c) => c.kind === 'source-route').map((c) => c.resourceIds[0])).toEqual(['rtb-a1', 'rtb-amain']);
  });

  it('passes over IPv6 when the endpoints are IPv6 addresses', () => {
    const x = explainReachability(t, '2600:1f18:a:1::5', '2600:1f18:b:1::9', { protocol: 'tcp', port: 5432 });
    expect(x.verdict).toBe('reachable');
  });

  it('accepts a security-group reference across a same-region peering', () => {
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 6432 });
    expect(x.verdict).toBe('reachable');
    expect(x.checks.find((c) => c.kind === 'destination-ingress')!.message).toContain('group sg-app across pcx-ab');
  });

  it('needs no peering inside one VPC', () => {
    const x = explainReachability(t, 'subnet-a1', 'subnet-a2');
    expect(x.checks.find((c) => c.kind === 'peering')!.message).toContain('local route');
    expect(statusOf(x, 'source-route')).toEqual([]);
  });
});

describe('explainReachability: each kind of failure', () => {
  const t = buildPeeredPair();

  it('fails when the two VPCs are connected only through a third', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const hub = vpc('vpc-h', '10.5.0.0/16');
    const c = vpc('vpc-c', '10.9.0.0/16');
    const chain = topology({ vpcs: [a, hub, c], peerings: [peering('pcx-1', a, hub), peering('pcx-2', hub, c)] });
    const x = explainReachability(chain, 'vpc-a', 'vpc-c');
    expect(x.verdict).toBe('unreachable');
    const p = x.checks.find((ch) => ch.kind === 'peering')!;
    expect(p.status).toBe('fail');
    expect(p.message).toContain('not transitive');
    expect(p.fix).toContain('Create a peering from vpc-a to vpc-c');
    expect(statusOf(x, 'source-route')).toEqual(['skipped']);
  });

  it('fails on a peering still pending acceptance, saying who must accept', () => {
    const pending: Topology = { ...t, peerings: t.peerings.map((p) => ({ ...p, status: 'pending-acceptance' as const })) };
    const x = explainReachability(pending, '10.0.1.10', '10.1.1.20');
    const p = x.checks.find((c) => c.kind === 'peering')!;
    expect(p).toMatchObject({ status: 'fail', resourceIds: ['pcx-ab', 'vpc-a', 'vpc-b'] });
    expect(p.fix).toContain('Accept pcx-ab as account 222222222222');
  });

  it('fails when the source table has no route to the peer', () => {
    const broken: Topology = { ...t, routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-a1' ? { ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') } : rt)) };
    const x = explainReachability(broken, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 });
    expect(x.verdict).toBe('unreachable');
    expect(failing(x).map((c) => [c.kind, c.resourceIds[0]])).toEqual([['source-route', 'rtb-a1']]);
    expect(failing(x)[0]!.message).toContain('falls to 0.0.0.0/0 → igw-a');
    expect(failing(x)[0]!.fix).toBe('Add a route 10.1.0.0/16 → pcx-ab in rtb-a1: aws ec2 create-route --route-table-id rtb-a1 --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id pcx-ab');
  });

  it('reaches the peer through the peering route when a VPN propagates the same block, whichever is listed first', () => {
    const vpn: Route = { ...route('10.1.0.0/16', 'vgw-1'), origin: 'EnableVgwRoutePropagation' };
    const shadowed: Topology = { ...t, routeTables: t.routeTables.map((rt) => (rt.vpcId === 'vpc-a' ? { ...rt, routes: [vpn, ...rt.routes] } : rt)) };
    expect(explainReachability(shadowed, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 }).verdict).toBe('reachable');
    // Without the peering route the propagated one decides: the traffic goes to the VPN, and a new static route would outrank it.
    const onlyVpn: Topology = { ...shadowed, routeTables: shadowed.routeTables.map((rt) => (rt.id === 'rtb-a1' ? { ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') } : rt)) };
    const x = explainReachability(onlyVpn, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 });
    expect(failing(x).map((c) => c.kind)).toEqual(['source-route']);
    expect(failing(x)[0]!.fix).toBe('Route 10.1.0.0/16 to pcx-ab in rtb-a1 (it now goes to vgw-1): aws ec2 create-route --route-table-id rtb-a1 --destination-cidr-block 10.1.0.0/16 --vpc-peering-connection-id pcx-ab');
  });

  it('cannot decide a route that only a prefix list to the peering carries', () => {
    const listed: Topology = {
      ...t,
      routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-a1' ? { ...rt, routes: [...rt.routes.filter((r) => r.target.kind !== 'peering'), route('pl-0a1b', 'pcx-ab')] } : rt)),
    };
    const x = explainReachability(listed, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 });
    expect(x.verdict).toBe('undetermined');
    const c = x.checks.find((k) => k.kind === 'source-route')!;
    expect(c).toMatchObject({ status: 'unknown', message: expect.stringContaining('only if prefix list pl-0a1b holds it') });
    expect(c.fix).toContain('Check the entries of pl-0a1b, or route 10.1.0.0/16 itself');
  });

  it('fails when the destination table does not route back', () => {
    const broken: Topology = {
      ...t,
      routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-bmain' ? { ...rt, routes: [...rt.routes.filter((r) => r.target.kind !== 'peering'), route('10.0.0.0/16', 'tgw-1')] } : rt)),
    };
    const x = explainReachability(broken, '10.0.1.10', '10.1.1.20');
    expect(failing(x).map((c) => c.kind)).toEqual(['return-route']);
    expect(failing(x)[0]!.fix).toContain('it now goes to tgw-1');
  });

  it('fails when a route to the peering is a blackhole', () => {
    const broken: Topology = {
      ...t,
      routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-a1' ? { ...rt, routes: rt.routes.map((r) => (r.target.kind === 'peering' ? { ...r, state: 'blackhole' as const } : r)) } : rt)),
    };
    expect(failing(explainReachability(broken, 'subnet-a1', 'subnet-b1'))[0]!.message).toContain('blackhole');
  });

  it('fails when no source group allows the traffic out', () => {
    const closed = withGroups(t, (g) => (g.id === 'sg-app' ? { ...g, egress: [rule('tcp', 443, '0.0.0.0/0')] } : g));
    const x = explainReachability(closed, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 });
    expect(failing(x).map((c) => c.kind)).toEqual(['source-egress']);
    expect(failing(x)[0]!.message).toContain('sg-app allows only tcp 443');
    expect(failing(x)[0]!.fix).toContain('authorize-security-group-egress --group-id sg-app --protocol tcp --port 5432 --cidr 10.1.1.20/32');
  });

  it('fails when the destination group allows another port only', () => {
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 22 });
    expect(failing(x).map((c) => c.kind)).toEqual(['destination-ingress']);
    expect(failing(x)[0]!.message).toContain('No security group of db (vpc-b) (sg-db) allows ingress tcp/22 from 10.0.1.10/32');
  });

  it('fails when the destination allows a source range that does not hold the source', () => {
    const narrow = withGroups(t, (g) => (g.id === 'sg-db' ? { ...g, ingress: [rule('tcp', 5432, '10.0.9.0/24')] } : g));
    expect(failing(explainReachability(narrow, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 })).map((c) => c.kind)).toEqual(['destination-ingress']);
  });

  it('refuses a group reference across an inter-region peering', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const b = vpc('vpc-b', '10.1.0.0/16', { region: 'us-east-1' });
    const x2 = topology({
      vpcs: [a, b],
      subnets: [subnet('subnet-a', a, '10.0.0.0/24'), subnet('subnet-b', b, '10.1.0.0/24')],
      routeTables: [routeTable('rtb-a', a, { main: true, routes: [route('10.1.0.0/16', 'pcx-1')] }), routeTable('rtb-b', b, { main: true, routes: [route('10.0.0.0/16', 'pcx-1')] })],
      securityGroups: [securityGroup('sg-a', a), securityGroup('sg-b', b, { ingress: [rule('tcp', 443, 'sg-a')] })],
      peerings: [peering('pcx-1', a, b)],
    });
    const x = explainReachability(x2, 'subnet-a', 'subnet-b', { protocol: 'tcp', port: 443 });
    expect(failing(x).map((c) => c.kind)).toEqual(['destination-ingress']);
    expect(failing(x)[0]!.message).toContain('inter-region');
  });

  it('is undetermined when only a prefix list could allow the traffic', () => {
    const viaList = withGroups(t, (g) => (g.id === 'sg-db' ? { ...g, ingress: [rule('tcp', 5432, 'pl-123')] } : g));
    const x = explainReachability(viaList, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432 });
    expect(x.verdict).toBe('undetermined');
    expect(statusOf(x, 'destination-ingress')).toEqual(['unknown']);
  });

  it('uses only the named security groups when given', () => {
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', { protocol: 'tcp', port: 5432, destinationSecurityGroupIds: [] });
    expect(failing(x).map((c) => c.kind)).toEqual(['destination-ingress']);
  });
});

describe('explainReachability: endpoints it cannot resolve', () => {
  const t = buildPeeredPair();

  it.each([
    ['vpc-nope', 'not in the snapshot'],
    ['subnet-nope', 'not in the snapshot'],
    ['hello', 'not a VPC, subnet, instance or network interface id, nor an IP address'],
    ['192.168.0.1', 'No scanned VPC holds 192.168.0.1'],
    ['10.0.200.1', 'in none of its subnets'],
  ])('fails the source check for %j', (from, words) => {
    const x = explainReachability(t, from, '10.1.1.20');
    expect(x.verdict).toBe('unreachable');
    expect(x.checks[0]).toMatchObject({ kind: 'source', status: 'fail' });
    expect(x.checks[0]!.message).toContain(words);
    expect(x.checks).toHaveLength(2);
  });

  it('refuses an address held by two overlapping VPCs and asks for a subnet', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const b = vpc('vpc-b', '10.0.0.0/16');
    const c = vpc('vpc-c', '10.9.0.0/16');
    const t2 = topology({ vpcs: [a, b, c], subnets: [subnet('subnet-a', a, '10.0.1.0/24'), subnet('subnet-b', b, '10.0.1.0/24')] });
    const x = explainReachability(t2, '10.0.1.5', 'vpc-c');
    expect(x.checks[0]!.message).toContain('ambiguous');
    expect(x.checks[0]!.fix).toContain('subnet-a or subnet-b');
  });

  it('reads an address in overlapping VPCs as the one peered with the other endpoint', () => {
    const a = vpc('vpc-a', '10.0.0.0/16');
    const b = vpc('vpc-b', '10.0.0.0/16');
    const c = vpc('vpc-c', '10.9.0.0/16');
    const t2 = topology({
      vpcs: [a, b, c],
      subnets: [subnet('subnet-a', a, '10.0.1.0/24'), subnet('subnet-b', b, '10.0.1.0/24')],
      peerings: [peering('pcx-bc', b, c)],
    });
    const x = explainReachability(t2, 'vpc-c', '10.0.1.5');
    expect(x.to?.vpcId).toBe('vpc-b');
    expect(x.checks[1]!.message).toContain('also in overlapping vpc-a');
  });
});
