import { describe, expect, it } from 'vitest';

import type { RouteCheck } from '../../../shared/analysis/route-completeness';
import { checkTableRoute, computeRouteCompleteness } from '../../../shared/analysis/route-completeness';
import { describeRouteCheck, suggestRouteFix } from '../../../shared/analysis/route-words';
import { routePriority, selectVpcRoutes } from '../../../shared/forwarding/vpc-table';
import { indexTopology } from '../../../shared/analysis/topology-index';
import { parseCidrRange } from '../../../shared/cidr/parse-cidr';
import type { Route } from '../../../shared/model/topology';
import { peering, prefixList, route, routeTable, subnet, topology, vpc } from '../../support/fixtures/build-topology';

const a = vpc('vpc-a', '10.0.0.0/16');

/** A route a virtual private gateway propagated into the table. */
function propagated(destination: string, target = 'vgw-1'): Route {
  return { ...route(destination, target), origin: 'EnableVgwRoutePropagation' };
}

function range(text: string) {
  const r = parseCidrRange(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function tableOf(routes: readonly Route[]) {
  const t = topology({ vpcs: [a], routeTables: [routeTable('rtb-1', a, { main: true, routes })] });
  return { index: indexTopology(t), table: t.routeTables[0]! };
}

function check(routes: readonly Route[], peer: string): RouteCheck {
  const { index, table } = tableOf(routes);
  return checkTableRoute(index, table, range(peer), 'pcx-1');
}

describe('route priority: longest prefix, then static over prefix list over propagated', () => {
  it('classes routes by origin and destination', () => {
    expect(routePriority(route('10.1.0.0/16', 'pcx-1'))).toBe('static');
    expect(routePriority(route('10.0.0.0/16', 'local'))).toBe('static');
    expect(routePriority(route('pl-0a1b', 'vpce-1'))).toBe('prefix-list');
    expect(routePriority(propagated('10.1.0.0/16'))).toBe('propagated');
  });

  it.each([
    ['listed first', [propagated('10.1.0.0/16'), route('10.1.0.0/16', 'pcx-1')]],
    ['listed last', [route('10.1.0.0/16', 'pcx-1'), propagated('10.1.0.0/16')]],
  ])('a peering route beats a propagated route for the same block, the propagated one %s', (_, routes) => {
    const c = check(routes, '10.1.0.0/16');
    expect(c).toMatchObject({ state: 'ok', route: { target: { kind: 'peering', peeringId: 'pcx-1' } } });
    const { index, table } = tableOf(routes);
    const selection = selectVpcRoutes(index, table, range('10.1.0.0/16'));
    expect(selection.covering?.route.origin).toBe('CreateRoute');
    expect(selection.outranked.map((r) => r.origin)).toEqual(['EnableVgwRoutePropagation']);
  });

  it('lets a more specific propagated route win over a less specific static one', () => {
    const c = check([route('10.0.0.0/8', 'pcx-1'), propagated('10.1.0.0/16')], '10.1.0.0/16');
    expect(c).toMatchObject({ state: 'elsewhere', route: { destination: '10.1.0.0/16', origin: 'EnableVgwRoutePropagation' } });
    expect(describeRouteCheck(c, 'pcx-1')).toContain('propagated');
    // A new static route outranks the propagated one: create it, there is nothing to replace.
    expect(suggestRouteFix(c, 'rtb-1', 'pcx-1')).toContain('aws ec2 create-route');
    expect(suggestRouteFix(check([route('10.1.0.0/16', 'tgw-1')], '10.1.0.0/16'), 'rtb-1', 'pcx-1')).toContain('aws ec2 replace-route');
  });

  it('judges a carved block by the routes that win inside it, priority included', () => {
    // Inside the block, the static /24 to the peering outranks the propagated /24: all of it goes to pcx-1.
    expect(check([route('10.1.0.0/16', 'pcx-1'), propagated('10.1.2.0/24'), route('10.1.2.0/24', 'pcx-1')], '10.1.0.0/16').state).toBe('ok');
    const carved = check([route('10.1.0.0/16', 'pcx-1'), route('10.1.2.0/24', 'pcx-1'), propagated('10.1.2.0/24'), propagated('10.1.3.0/24')], '10.1.0.0/16');
    expect(carved).toMatchObject({ state: 'partial', notToPeering: [{ destination: '10.1.3.0/24', origin: 'EnableVgwRoutePropagation' }] });
  });

  it('keeps IPv6 apart and applies the same rule to it', () => {
    expect(check([propagated('2600:1f18:b::/56'), route('2600:1f18:b::/56', 'pcx-1')], '2600:1f18:b::/56').state).toBe('ok');
    expect(check([route('10.1.0.0/16', 'pcx-1')], '2600:1f18:b::/56').state).toBe('missing');
  });

  it('lets a route more specific than the local route decide inside the VPC (a middlebox)', () => {
    const { index, table } = tableOf([route('10.0.1.0/24', 'eni-1')]);
    expect(selectVpcRoutes(index, table, range('10.0.1.7/32')).deciders.map((d) => d.route.target)).toEqual([{ kind: 'other', id: 'eni-1' }]);
    expect(selectVpcRoutes(index, table, range('10.0.2.7/32')).deciders.map((d) => d.route.target)).toEqual([{ kind: 'local' }]);
    const subnetWide = selectVpcRoutes(index, table, range('10.0.0.0/16'));
    expect(subnetWide.deciders.map((d) => d.route.destination)).toEqual(['10.0.0.0/16', '10.0.1.0/24']);
  });

  it('still decides with a blackhole route: the traffic is dropped, not passed to a wider route', () => {
    expect(check([route('10.0.0.0/8', 'tgw-1'), route('10.1.0.0/16', 'pcx-1', 'blackhole')], '10.1.0.0/16').state).toBe('blackhole');
  });
});

describe('prefix-list routes, whose entries are not in the snapshot', () => {
  it('may carry a block only when no route of the block\'s own prefix outranks them', () => {
    const list = route('pl-0a1b', 'pcx-1');
    expect(check([list], '10.1.0.0/16')).toMatchObject({ state: 'unknown', route: list });
    expect(check([list, route('0.0.0.0/0', 'igw-1')], '10.1.0.0/16')).toMatchObject({ state: 'unknown', otherwise: { destination: '0.0.0.0/0' } });
    expect(check([list, route('10.0.0.0/8', 'tgw-1')], '10.1.0.0/16')).toMatchObject({ state: 'unknown', otherwise: { destination: '10.0.0.0/8' } });
    // A list beats a propagated route with the same destination, if it holds it.
    expect(check([propagated('10.1.0.0/16'), list], '10.1.0.0/16')).toMatchObject({ state: 'unknown', otherwise: { origin: 'EnableVgwRoutePropagation' } });
    // A static route of the block outranks any list entry for it.
    expect(check([list, route('10.1.0.0/16', 'tgw-1')], '10.1.0.0/16').state).toBe('elsewhere');
    expect(check([list, route('10.1.0.0/16', 'pcx-1')], '10.1.0.0/16').state).toBe('ok');
  });

  it('leaves a block that fails anyway as it is, and ignores lists sent anywhere but this peering', () => {
    // The more specific route to the transit gateway fails the block whatever the list holds.
    expect(check([route('pl-0a1b', 'pcx-1'), route('10.1.2.0/24', 'tgw-1')], '10.1.0.0/16').state).toBe('elsewhere');
    expect(check([route('pl-0a1b', 'pcx-1', 'blackhole')], '10.1.0.0/16').state).toBe('missing');
    expect(check([route('pl-63a5400a', 'vpce-1'), route('0.0.0.0/0', 'igw-1')], '10.1.0.0/16')).toMatchObject({ state: 'missing', fallback: { destination: '0.0.0.0/0' } });
    expect(check([route('pl-63a5400a', 'vpce-1'), route('10.1.0.0/16', 'pcx-1')], '10.1.0.0/16').state).toBe('ok');
  });

  it('says what to check and how to make it certain, and never counts such a side as complete', () => {
    const c = check([route('pl-0a1b', 'pcx-1')], '10.1.0.0/16');
    expect(describeRouteCheck(c, 'pcx-1')).toBe('10.1.0.0/16 → pcx-1 only if prefix list pl-0a1b holds it (its entries are not in the snapshot); otherwise it has no route');
    expect(suggestRouteFix(c, 'rtb-1', 'pcx-1')).toContain('aws ec2 create-route --route-table-id rtb-1 --destination-cidr-block 10.1.0.0/16');
    const b = vpc('vpc-b', '10.1.0.0/16');
    const t = topology({
      vpcs: [a, b],
      subnets: [subnet('subnet-a', a, '10.0.1.0/24')],
      routeTables: [routeTable('rtb-a', a, { main: true, routes: [route('pl-0a1b', 'pcx-1')] })],
      peerings: [peering('pcx-1', a, b)],
    });
    const side = computeRouteCompleteness(t)[0]!.requester;
    expect(side.summary).toBe('partial');
    expect(side.tables[0]!.checks[0]!.state).toBe('unknown');
  });
});

describe('prefix-list routes whose list is in the snapshot: one route per entry, ranked as a prefix-list route', () => {
  /** A table with `routes` and the lists `lists` (id → entries) in the snapshot. */
  function checkWithLists(routes: readonly Route[], lists: Readonly<Record<string, readonly string[]>>, peer: string): RouteCheck {
    const t = topology({
      vpcs: [a],
      routeTables: [routeTable('rtb-1', a, { main: true, routes })],
      prefixLists: Object.entries(lists).map(([id, cidrs]) => prefixList(id as `pl-${string}`, cidrs)),
    });
    return checkTableRoute(indexTopology(t), t.routeTables[0]!, range(peer), 'pcx-1');
  }

  it('carries a block an entry holds, and none it does not', () => {
    const list = route('pl-0a1b', 'pcx-1');
    expect(checkWithLists([list], { 'pl-0a1b': ['192.168.0.0/16', '10.1.0.0/16'] }, '10.1.0.0/16')).toMatchObject({ state: 'ok', route: list });
    expect(checkWithLists([list], { 'pl-0a1b': ['10.1.0.0/16'] }, '10.1.4.0/24')).toMatchObject({ state: 'ok', route: list });
    expect(checkWithLists([list], { 'pl-0a1b': ['192.168.0.0/16'] }, '10.1.0.0/16')).toMatchObject({ state: 'missing' });
  });

  it('takes the longest prefix first: an entry more specific than a static route wins, a less specific one loses', () => {
    expect(checkWithLists([route('pl-0a1b', 'pcx-1'), route('10.0.0.0/8', 'tgw-1')], { 'pl-0a1b': ['10.1.0.0/16'] }, '10.1.0.0/16').state).toBe('ok');
    expect(checkWithLists([route('pl-0a1b', 'pcx-1'), route('10.1.0.0/16', 'tgw-1')], { 'pl-0a1b': ['10.0.0.0/8'] }, '10.1.0.0/16')).toMatchObject({ state: 'elsewhere', route: { destination: '10.1.0.0/16' } });
  });

  it('for equal prefixes: static over prefix-list over propagated, whatever the order listed', () => {
    const entries = { 'pl-0a1b': ['10.1.0.0/16'] };
    expect(checkWithLists([route('pl-0a1b', 'pcx-1'), route('10.1.0.0/16', 'tgw-1')], entries, '10.1.0.0/16')).toMatchObject({ state: 'elsewhere', route: { destination: '10.1.0.0/16' } });
    expect(checkWithLists([route('10.1.0.0/16', 'tgw-1'), route('pl-0a1b', 'pcx-1')], entries, '10.1.0.0/16').state).toBe('elsewhere');
    expect(checkWithLists([propagated('10.1.0.0/16'), route('pl-0a1b', 'pcx-1')], entries, '10.1.0.0/16')).toMatchObject({ state: 'ok', route: { destination: 'pl-0a1b' } });
    expect(checkWithLists([route('pl-0a1b', 'pcx-1'), propagated('10.1.0.0/16')], entries, '10.1.0.0/16').state).toBe('ok');
    // A propagated route to the peering loses to a list entry of equal prefix sent elsewhere.
    expect(checkWithLists([propagated('10.1.0.0/16', 'pcx-1'), route('pl-0a1b', 'vpce-1')], entries, '10.1.0.0/16')).toMatchObject({ state: 'elsewhere', route: { destination: 'pl-0a1b' } });
  });

  it('reports the entry that decided with its own prefix, and the outranked route', () => {
    const t = topology({
      vpcs: [a],
      routeTables: [routeTable('rtb-1', a, { main: true, routes: [propagated('10.1.0.0/16'), route('pl-0a1b', 'pcx-1')] })],
      prefixLists: [prefixList('pl-0a1b', ['10.1.0.0/16'])],
    });
    const selection = selectVpcRoutes(indexTopology(t), t.routeTables[0]!, range('10.1.2.0/24'));
    expect(selection.covering).toMatchObject({ route: { destination: 'pl-0a1b' }, range: { cidr: '10.1.0.0/16' } });
    expect(selection.outranked.map((r) => r.origin)).toEqual(['EnableVgwRoutePropagation']);
    expect(selection.listRoutes).toEqual([]);
  });

  it('does not reuse a table compiled without the list once the list is known', () => {
    const routes = [route('pl-0a1b', 'pcx-1')];
    expect(check(routes, '10.1.0.0/16').state).toBe('unknown');
    const t = topology({ vpcs: [a], routeTables: [routeTable('rtb-1', a, { main: true, routes })], prefixLists: [prefixList('pl-0a1b', ['10.1.0.0/16'])] });
    const table = { ...t.routeTables[0]!, routes };
    expect(checkTableRoute(indexTopology(t), table, range('10.1.0.0/16'), 'pcx-1').state).toBe('ok');
  });
});
