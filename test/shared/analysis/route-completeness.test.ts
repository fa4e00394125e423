import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import type { RouteCheck } from '../../../shared/analysis/route-completeness';
import { checkTableRoute, computeRouteCompleteness } from '../../../shared/analysis/route-completeness';
import { describeRouteCheck, suggestRouteFix } from '../../../shared/analysis/route-words';
import { indexTopology } from '../../../shared/analysis/topology-index';
import { parseCidrRange } from '../../../shared/cidr/parse-cidr';
import { collectVpcBlocks } from '../../../shared/cidr/vpc-blocks';
import type { PeeringId, RouteTableId, SubnetId } from '../../../shared/model/ids';
import type { Route, Topology, Vpc } from '../../../shared/model/topology';
import { peering, route, routeTable, subnet, topology, vpc } from '../../support/fixtures/build-topology';
import { buildAnalysisTopology } from '../../support/fixtures/analysis-snapshot';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

const a = vpc('vpc-a', '10.0.0.0/16');

function check(routes: readonly Route[], peer: string): RouteCheck {
  const t = topology({ vpcs: [a], routeTables: [routeTable('rtb-1', a, { main: true, routes })] });
  const r = parseCidrRange(peer);
  if (!r.ok) throw new Error(r.error.message);
  return checkTableRoute(indexTopology(t), t.routeTables[0]!, r.value, 'pcx-1');
}

describe('checkTableRoute states', () => {
  it.each<{ name: string; routes: Route[]; peer: string; expected: Partial<RouteCheck> & { state: RouteCheck['state'] }; words: string }>([
    { name: 'an exact route to the peering', routes: [route('10.1.0.0/16', 'pcx-1')], peer: '10.1.0.0/16', expected: { state: 'ok' }, words: '10.1.0.0/16 → pcx-1' },
    { name: 'a wider route to the peering', routes: [route('10.1.0.0/16', 'pcx-1')], peer: '10.1.4.0/24', expected: { state: 'ok' }, words: 'route 10.1.0.0/16' },
    { name: 'no route at all', routes: [], peer: '10.1.0.0/16', expected: { state: 'missing' }, words: 'has no route to pcx-1' },
    {
      name: 'only a default route to the internet gateway',
      routes: [route('0.0.0.0/0', 'igw-1')],
      peer: '10.1.0.0/16',
      expected: { state: 'missing', fallback: { destination: '0.0.0.0/0', target: { kind: 'other', id: 'igw-1' }, state: 'active', origin: 'CreateRoute' } },
      words: 'falls to 0.0.0.0/0 → igw-1',
    },
    { name: 'a blackholed route to the peering', routes: [route('10.1.0.0/16', 'pcx-1', 'blackhole')], peer: '10.1.0.0/16', expected: { state: 'blackhole' }, words: 'is a blackhole' },
    {
      name: 'the same block routed to another peering',
      routes: [route('10.1.0.0/16', 'pcx-9')],
      peer: '10.1.0.0/16',
      expected: { state: 'elsewhere', route: { destination: '10.1.0.0/16', target: { kind: 'peering', peeringId: 'pcx-9' }, state: 'active', origin: 'CreateRoute' } },
      words: 'goes to pcx-9',
    },
    { name: 'a wider route to a transit gateway', routes: [route('10.0.0.0/8', 'tgw-1')], peer: '10.1.0.0/16', expected: { state: 'elsewhere' }, words: 'goes to tgw-1 (route 10.0.0.0/8)' },
    { name: 'a more specific route elsewhere inside the block', routes: [route('10.1.2.0/24', 'tgw-1')], peer: '10.1.0.0/16', expected: { state: 'elsewhere' }, words: 'goes to tgw-1' },
    {
      name: 'only some subnets of the peer routed to the peering',
      routes: [route('10.1.1.0/24', 'pcx-1'), route('0.0.0.0/0', 'nat-1')],
      peer: '10.1.0.0/16',
      expected: { state: 'partial' },
      words: 'only partly → pcx-1 (10.1.1.0/24); 0.0.0.0/0 → nat-1',
    },
    {
      name: 'the peering for the block but a more specific route elsewhere',
      routes: [route('10.1.0.0/16', 'pcx-1'), route('10.1.9.0/24', 'pcx-9')],
      peer: '10.1.0.0/16',
      expected: { state: 'partial' },
      words: '10.1.9.0/24 → pcx-9',
    },
    { name: 'the local route (peer inside this VPC)', routes: [], peer: '10.0.1.0/24', expected: { state: 'elsewhere', route: { destination: '10.0.0.0/16', target: { kind: 'local' }, state: 'active', origin: 'CreateRouteTable' } }, words: 'goes to local' },
    { name: 'an IPv6 peer block', routes: [route('2600:1f18:b::/56', 'pcx-1'), route('::/0', 'igw-1')], peer: '2600:1f18:b::/56', expected: { state: 'ok' }, words: '2600:1f18:b::/56 → pcx-1' },
    { name: 'an IPv6 peer with only the IPv4 route', routes: [route('10.1.0.0/16', 'pcx-1')], peer: '2600:1f18:b::/56', expected: { state: 'missing' }, words: 'has no route' },
  ])('is $expected.state for $name', ({ routes, peer, expected, words }) => {
    const result = check(routes, peer);
    expect(result).toMatchObject(expected);
    expect(describeRouteCheck(result, 'pcx-1')).toContain(words);
    const fix = suggestRouteFix(result, 'rtb-1', 'pcx-1');
    if (result.state === 'ok') expect(fix).toBeNull();
    else expect(fix).toContain(`--vpc-peering-connection-id pcx-1`);
  });

  it('agrees with longest-prefix matching done address by address', () => {
    const destination = fc.oneof(
      fc.constant('0.0.0.0/0'),
      fc.constant('10.0.0.0/8'),
      fc.record({ fourth: fc.integer({ min: 0, max: 63 }), prefix: fc.integer({ min: 26, max: 32 }) }).map(({ fourth, prefix }) => `10.1.0.${fourth}/${prefix}`),
    );
    const routeArb = fc.record({ destination, target: fc.constantFrom('pcx-1', 'pcx-9', 'tgw-1'), blackhole: fc.boolean() });
    const peerArb = fc.record({ fourth: fc.integer({ min: 0, max: 63 }), prefix: fc.integer({ min: 27, max: 30 }) });
    fc.assert(
      fc.property(fc.uniqueArray(routeArb, { maxLength: 8, selector: (r) => parseCidrRange(r.destination).ok && (parseCidrRange(r.destination) as { value: { cidr: string } }).value.cidr }), peerArb, (routes, p) => {
        const result = check(
          routes.map((r) => route(r.destination, r.target, r.blackhole ? 'blackhole' : 'active')),
          `10.1.0.${p.fourth}/${p.prefix}`,
        );
        const peer = parseCidrRange(`10.1.0.${p.fourth}/${p.prefix}`);
        if (!peer.ok) throw new Error('bad peer');
        // Brute force: the winning route of each address (the local route 10.0.0.0/16 never covers 10.1/16).
        const winners = [];
        for (let x = peer.value.start; x <= peer.value.end; x++) {
          let win: { prefix: number; r: (typeof routes)[number] } | undefined;
          for (const r of routes) {
            const range = parseCidrRange(r.destination);
            if (range.ok && range.value.start <= x && x <= range.value.end && (!win || range.value.prefixLength > win.prefix)) win = { prefix: range.value.prefixLength, r };
          }
          winners.push(win);
        }
        const toPeering = winners.filter((w) => w && w.r.target === 'pcx-1' && !w.r.blackhole).length;
        if (toPeering === winners.length) expect(result.state).toBe('ok');
        else if (toPeering > 0) expect(result.state).toBe('partial');
        else if (winners.some((w) => w && w.r.target === 'pcx-1')) expect(result.state).toBe('blackhole');
        else if (winners.some((w) => w && w.prefix > 0)) expect(result.state).toBe('elsewhere');
        else expect(result.state).toBe('missing');
      }),
      { numRuns: 1000 },
    );
  });

  it('tells peerings apart by their whole id, however it is spelled, on both paths and both families', () => {
    // Ids that read alike as numbers (leading zeros, case, the digits before the last 13) or are not hex at all.
    const tricky = ['pcx-1', 'pcx-01', 'pcx-001', 'pcx-a', 'pcx-A', 'pcx-g', 'pcx-', 'pcx-0123456789abcdef0', 'pcx-1123456789abcdef0', 'pcx-0123456789abcdef1'];
    const id = fc.oneof(fc.constantFrom(...tricky), fc.stringMatching(/^pcx-[0-9a-fA-F]{0,19}$/), fc.stringMatching(/^pcx-[0-9a-z]{1,8}$/)) as fc.Arbitrary<PeeringId>;
    const b = vpc('vpc-b', '10.1.0.0/16', { ipv6: ['2600:1f18:1::/56'] });
    const own = vpc('vpc-o', '10.0.0.0/16', { ipv6: ['2600:1f18:2::/56'] });
    fc.assert(
      fc.property(id, id, fc.boolean(), (target, checked, blackhole) => {
        const state = blackhole ? 'blackhole' : 'active';
        const expected = target !== checked ? 'elsewhere' : blackhole ? 'blackhole' : 'ok';
        const table = routeTable('rtb-o', own, { main: true, routes: [route('10.1.0.0/16', target, state), route('2600:1f18:1::/56', target, state)] });
        const t = topology({ vpcs: [own, b], subnets: [subnet('subnet-o', own, '10.0.0.0/24')], routeTables: [table], peerings: [peering(checked, own, b)] });
        const index = indexTopology(t);
        for (const block of ['10.1.0.0/16', '2600:1f18:1::/56']) {
          const range = parseCidrRange(block);
          if (!range.ok) throw new Error(range.error.message);
          expect(checkTableRoute(index, table, range.value, checked).state).toBe(expected);
        }
        const [side] = computeRouteCompleteness(t).map((p) => p.requester);
        expect(side!.tables[0]!.checks.map((c) => c.state)).toEqual([expected, expected]);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores prefix-list destinations', () => {
    expect(check([route('pl-123', 'vpce-1')], '10.1.0.0/16').state).toBe('missing');
  });

  it('suggests the IPv6 flag for an IPv6 block', () => {
    expect(suggestRouteFix(check([], '2600:1f18:b::/56'), 'rtb-1', 'pcx-1')).toContain('--destination-ipv6-cidr-block 2600:1f18:b::/56');
  });
});

function sides(t: Topology) {
  const [result] = computeRouteCompleteness(t);
  if (!result) throw new Error('no peering checked');
  return result;
}

describe('computeRouteCompleteness', () => {
  it('says complete for both sides of a fully routed peering, including IPv6', () => {
    const r = sides(buildPeeredPair());
    expect(r).toMatchObject({ peeringId: 'pcx-ab', status: 'active' });
    expect(r.requester.summary).toBe('complete');
    expect(r.accepter.summary).toBe('complete');
    expect(r.requester.tables.map((t) => [t.routeTableId, t.subnetIds, t.checks.map((c) => c.peerCidr)])).toEqual([
      ['rtb-a1', ['subnet-a1'], ['10.1.0.0/16', '2600:1f18:b::/56']],
      ['rtb-amain', ['subnet-a2'], ['10.1.0.0/16', '2600:1f18:b::/56']],
    ]);
  });

  it('keeps every check it made: each agrees with checking its table alone, the summary with the checks, and JSON keeps them', () => {
    const x = vpc('vpc-x', '10.0.0.0/16');
    const y = vpc('vpc-y', '10.1.0.0/16', { secondary: ['100.64.0.0/16'] });
    const pool: Route[] = [
      route('10.1.0.0/16', 'pcx-1'),
      route('10.1.0.0/16', 'pcx-1', 'blackhole'),
      route('10.1.0.0/16', 'pcx-9'),
      route('10.1.2.0/24', 'tgw-1'),
      route('10.1.0.0/17', 'pcx-1'),
      route('10.1.128.0/17', 'pcx-1'),
      route('10.0.0.0/8', 'tgw-1'),
      route('0.0.0.0/0', 'igw-1'),
      route('100.64.0.0/16', 'pcx-1'),
      route('100.64.0.0/10', 'pcx-1', 'blackhole'),
    ];
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.subarray(pool), fc.subarray(pool), (mainRoutes, otherRoutes) => {
        const t = topology({
          vpcs: [x, y],
          subnets: [subnet('subnet-x1', x, '10.0.0.0/24'), subnet('subnet-x2', x, '10.0.1.0/24'), subnet('subnet-y', y, '10.1.0.0/24')],
          routeTables: [
            routeTable('rtb-xmain', x, { main: true, routes: mainRoutes }),
            routeTable('rtb-x2', x, { subnetIds: ['subnet-x2'], routes: otherRoutes }),
            routeTable('rtb-y', y, { main: true, routes: [route('10.0.0.0/16', 'pcx-1')] }),
          ],
          peerings: [peering('pcx-1', x, y)],
        });
        const result = sides(t);
        const index = indexTopology(t);
        expect(result.requester.tables.map((table) => table.routeTableId)).toEqual(['rtb-xmain', 'rtb-x2']);
        expect(result.accepter.tables.map((table) => table.routeTableId)).toEqual(['rtb-y']);
        for (const side of [result.requester, result.accepter]) {
          expect(side.tables).toBe(side.tables);
          const checks = side.tables.flatMap((table) =>
            table.checks.map((c) => {
              const block = parseCidrRange(c.peerCidr);
              if (!block.ok) throw new Error(block.error.message);
              expect(c).toEqual(checkTableRoute(index, index.routeTableById.get(table.routeTableId)!, block.value, 'pcx-1'));
              seen.add(c.state);
              return c.state;
            }),
          );
          expect(checks).toHaveLength(side === result.requester ? 4 : 1);
          expect(side.summary).toBe(checks.every((c) => c === 'ok') ? 'complete' : checks.some((c) => c === 'ok' || c === 'partial') ? 'partial' : 'none');
          expect(JSON.parse(JSON.stringify(side))).toEqual(JSON.parse(JSON.stringify({ role: side.role, vpcId: side.vpcId, peerVpcId: side.peerVpcId, summary: side.summary, tables: side.tables })));
        }
      }),
      { numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(['blackhole', 'elsewhere', 'missing', 'ok', 'partial']);
  });

  it('checks each side against its own tables when many VPCs share peerings (each side agrees with checking its tables alone)', () => {
    const vpcs = [
      vpc('vpc-0', '10.0.0.0/16', { ipv6: ['2600:1f18:0::/56'] }),
      vpc('vpc-1', '10.1.0.0/16', { secondary: ['100.64.1.0/24'] }),
      vpc('vpc-2', '10.2.0.0/16', { ipv6: ['2600:1f18:2::/56'] }),
      vpc('vpc-3', '10.3.0.0/16'),
      vpc('vpc-4', '10.4.0.0/16'),
    ];
    // vpc-9 is known only from a peering side (its account was not scanned); vpc-4 has no route tables.
    const ghost = vpc('vpc-9', '10.9.0.0/16');
    const all = [...vpcs, ghost];
    const pairs = all.flatMap((x, i) => all.slice(i + 1).map((y) => [x, y] as const));
    const arb = fc.record({
      chosen: fc.uniqueArray(fc.integer({ min: 0, max: pairs.length - 1 }), { minLength: 1, maxLength: 8 }),
      statuses: fc.array(fc.constantFrom('active', 'active', 'pending-acceptance'), { minLength: 8, maxLength: 8 }),
      // For each VPC's two tables, which peer blocks get a route to which peering (by position), if any.
      picks: fc.array(fc.array(fc.integer({ min: -1, max: 7 }), { minLength: 16, maxLength: 16 }), { minLength: 8, maxLength: 8 }),
    });
    fc.assert(
      fc.property(arb, ({ chosen, statuses, picks }) => {
        const peerings = chosen.map((k, i) => peering(`pcx-${(i + 1) * 7}` as PeeringId, pairs[k]![0], pairs[k]![1], statuses[i] as 'active'));
        const blocks = all.flatMap((v) => v.cidrBlocks.map((b) => b.cidr));
        const routeTables = vpcs.slice(0, 4).flatMap((v, n) =>
          [0, 1].map((which) => {
            const routes = blocks
              .map((cidr, j) => ({ cidr, pick: picks[n]![(which * 8 + j) % 16]! }))
              .filter(({ cidr, pick }) => pick >= 0 && !v.cidrBlocks.some((b) => b.cidr === cidr))
              .map(({ cidr, pick }) => route(cidr, peerings[pick % peerings.length]!.id, pick === 7 ? 'blackhole' : 'active'));
            return routeTable(`rtb-${n}${which}` as RouteTableId, v, { main: which === 0, subnetIds: which === 1 ? [`subnet-${n}b` as SubnetId] : [], routes });
          }),
        );
        const subnets = vpcs.flatMap((v, n) => [subnet(`subnet-${n}a` as SubnetId, v, `10.${n}.0.0/24`), subnet(`subnet-${n}b` as SubnetId, v, `10.${n}.1.0/24`)]);
        const t = topology({ vpcs, subnets, routeTables, peerings });
        const index = indexTopology(t);
        const result = computeRouteCompleteness(t);
        expect(result.map((r) => r.peeringId)).toEqual(peerings.filter((p) => p.status === 'active').map((p) => p.id));
        for (const r of result) {
          for (const side of [r.requester, r.accepter]) {
            for (const table of side.tables) {
              const rt = index.routeTableById.get(table.routeTableId)!;
              expect(rt.vpcId).toBe(side.vpcId);
              for (const c of table.checks) {
                const block = parseCidrRange(c.peerCidr);
                if (!block.ok) throw new Error(block.error.message);
                expect(c).toEqual(checkTableRoute(index, rt, block.value, r.peeringId));
              }
            }
            if (side.vpcId === 'vpc-9') expect(side.summary).toBe('unknown');
            if (side.vpcId === 'vpc-4') expect(side.note).toBe('No route tables of vpc-4 are in the snapshot.');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('checks the peer blocks collectVpcBlocks reads, in its order: held ones, canonical, unreadable ones left out, an unscanned VPC from its best peering side', () => {
    // Texts as discovery or a hand-edited snapshot may hold them: same starts, host bits set, upper case, spaces, not a block.
    const texts = ['10.1.0.0/16', '10.1.0.0/20', '10.0.0.0/8', '10.1.0.1/16', ' 10.3.0.0/24', '100.64.0.0/10', '2600:1f18:b::/56', '2600:1F18:A::/56', '2600:1f18:b::/48', '2600:1f18:b::1/56', 'pl-1234', '10.300.0.0/16'];
    const states = ['associated', 'associating', 'disassociating', 'disassociated', 'failed'];
    const arbBlocks = fc.array(fc.record({ text: fc.constantFrom(...texts), state: fc.constantFrom(...states) }), { maxLength: 6 });
    fc.assert(
      fc.property(arbBlocks, arbBlocks, fc.boolean(), fc.subarray(texts), fc.subarray(texts), (peerBlocks, ownExtra, ownIpv6, ghostFirst, ghostLater) => {
        const own = vpc('vpc-own', '192.168.0.0/16', ownIpv6 ? { ipv6: ['2600:1f18:f::/56'] } : {});
        const withExtra: Vpc = { ...own, cidrBlocks: [...own.cidrBlocks, ...ownExtra.map(({ text, state }) => ({ cidr: text, family: text.includes(':') ? ('ipv6' as const) : ('ipv4' as const), primary: false, state }))] };
        const peer: Vpc = { ...vpc('vpc-peer', '172.16.0.0/16'), cidrBlocks: peerBlocks.map(({ text, state }, i) => ({ cidr: text, family: text.includes(':') ? ('ipv6' as const) : ('ipv4' as const), primary: i === 0, state })) };
        // Known only from peerings: a deleted one names it first, an active one later; either side may be empty.
        const ghostSide = (blocks: readonly string[]) => ({ ...vpc('vpc-ghost', '10.9.0.0/16', { accountId: '999999999999' }), cidrBlocks: blocks.map((cidr) => ({ cidr, family: cidr.includes(':') ? ('ipv6' as const) : ('ipv4' as const), primary: false, state: 'associated' })) });
        const t = topology({
          vpcs: [withExtra, peer],
          subnets: [subnet('subnet-own', withExtra, '192.168.0.0/24')],
          routeTables: [routeTable('rtb-own', withExtra, { main: true, routes: [route('10.1.0.0/16', 'pcx-1')] })],
          peerings: [peering('pcx-0', ghostSide(ghostFirst), withExtra, 'deleted'), peering('pcx-1', withExtra, peer), peering('pcx-2', ghostSide(ghostLater), withExtra)],
        });
        const blocks = collectVpcBlocks(t).byVpc;
        const index = indexTopology(t);
        const rt = index.routeTableById.get('rtb-own')!;
        const ownHasIpv6 = blocks.get('vpc-own')!.some((b) => b.family === 'ipv6');
        for (const r of computeRouteCompleteness(t)) {
          const side = r.requester.vpcId === 'vpc-own' ? r.requester : r.accepter;
          const expected = blocks.get(side.peerVpcId)!.filter((b) => ownHasIpv6 || b.family === 'ipv4');
          if (expected.length === 0) {
            expect(side).toMatchObject({ summary: 'unknown', note: `The blocks of ${side.peerVpcId} are unknown.` });
            continue;
          }
          expect(side.tables.map((table) => table.checks.map((c) => c.peerCidr))).toEqual([expected.map((b) => b.cidr)]);
          side.tables[0]!.checks.forEach((c, i) => expect(c).toEqual(checkTableRoute(index, rt, expected[i]!, r.peeringId)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('checks the main table only for subnets without an explicit association', () => {
    const t = buildPeeredPair();
    const allExplicit: Topology = {
      ...t,
      routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-a1' ? { ...rt, subnetIds: ['subnet-a1', 'subnet-a2'] } : rt.id === 'rtb-amain' ? { ...rt, routes: [] } : rt)),
    };
    const r = sides(allExplicit);
    expect(r.requester.tables.map((x) => x.routeTableId)).toEqual(['rtb-a1']);
    expect(r.requester.summary).toBe('complete');
  });

  it('says partial when one table misses the route, and lists the gap', () => {
    const t = buildPeeredPair();
    const broken: Topology = { ...t, routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-amain' ? { ...rt, routes: rt.routes.filter((x) => x.target.kind !== 'peering') } : rt)) };
    const r = sides(broken);
    expect(r.requester.summary).toBe('partial');
    expect(r.requester.tables.find((x) => x.routeTableId === 'rtb-amain')!.checks.map((c) => c.state)).toEqual(['missing', 'missing']);
  });

  it('says none when no table routes any peer block to the peering', () => {
    const t = buildPeeredPair();
    const broken: Topology = { ...t, routeTables: t.routeTables.map((rt) => (rt.vpcId === 'vpc-b' ? { ...rt, routes: rt.routes.filter((x) => x.target.kind !== 'peering') } : rt)) };
    expect(sides(broken).accepter.summary).toBe('none');
  });

  it('requires routes for secondary blocks too', () => {
    const x = vpc('vpc-x', '10.0.0.0/16');
    const y = vpc('vpc-y', '10.1.0.0/16', { secondary: ['100.64.0.0/16'] });
    const t = topology({
      vpcs: [x, y],
      subnets: [subnet('subnet-x', x, '10.0.0.0/24'), subnet('subnet-y', y, '10.1.0.0/24')],
      routeTables: [routeTable('rtb-x', x, { main: true, routes: [route('10.1.0.0/16', 'pcx-1')] }), routeTable('rtb-y', y, { main: true, routes: [route('10.0.0.0/16', 'pcx-1')] })],
      peerings: [peering('pcx-1', x, y)],
    });
    const r = sides(t);
    expect(r.requester.summary).toBe('partial');
    expect(r.requester.tables[0]!.checks.map((c) => `${c.peerCidr}:${c.state}`)).toEqual(['10.1.0.0/16:ok', '100.64.0.0/16:missing']);
    expect(r.accepter.summary).toBe('complete');
  });

  it('does not ask for IPv6 routes when this side has no IPv6 block', () => {
    const x = vpc('vpc-x', '10.0.0.0/16');
    const y = vpc('vpc-y', '10.1.0.0/16', { ipv6: ['2600:1f18:b::/56'] });
    const t = topology({
      vpcs: [x, y],
      subnets: [subnet('subnet-x', x, '10.0.0.0/24')],
      routeTables: [routeTable('rtb-x', x, { main: true, routes: [route('10.1.0.0/16', 'pcx-1')] })],
      peerings: [peering('pcx-1', x, y)],
    });
    const r = sides(t);
    expect(r.requester.summary).toBe('complete');
    expect(r.accepter.summary).toBe('unknown');
    expect(r.accepter.note).toContain('No route tables');
  });

  it('says unknown for a side whose account was not scanned', () => {
    const x = vpc('vpc-x', '10.0.0.0/16');
    const outside = vpc('vpc-o', '10.9.0.0/16', { accountId: '999999999999' });
    const t = topology({ vpcs: [x], subnets: [subnet('subnet-x', x, '10.0.0.0/24')], routeTables: [routeTable('rtb-x', x, { main: true })], peerings: [peering('pcx-1', outside, x)] });
    const r = sides(t);
    expect(r.requester).toMatchObject({ summary: 'unknown', vpcId: 'vpc-o' });
    expect(r.requester.note).toContain('999999999999');
    expect(r.accepter.summary).toBe('none');
  });

  it('says there is nothing to route, on both sides, when a VPC has no subnets: no gap on one side, whatever the other routes', () => {
    const x = vpc('vpc-x', '10.0.0.0/16', { name: 'empty' });
    const y = vpc('vpc-y', '10.1.0.0/16');
    const outside = vpc('vpc-o', '10.9.0.0/16', { accountId: '999999999999' });
    for (const routes of [[route('10.0.0.0/16', 'pcx-1')], []]) {
      const t = topology({
        vpcs: [x, y],
        subnets: [subnet('subnet-y', y, '10.1.0.0/24')],
        routeTables: [routeTable('rtb-x', x, { main: true }), routeTable('rtb-y', y, { main: true, routes })],
        peerings: [peering('pcx-1', y, x)],
      });
      const r = sides(t);
      for (const side of [r.requester, r.accepter]) {
        expect(side, `${routes.length} routes`).toMatchObject({ summary: 'nothing-to-route', tables: [] });
        expect(side.note).toBe('empty (vpc-x) has no subnets: no route table can carry traffic over pcx-1, so there is nothing to route.');
      }
    }
    // Also when the other side was not scanned: the empty VPC alone settles it.
    const t = topology({ vpcs: [x], routeTables: [routeTable('rtb-x', x, { main: true })], peerings: [peering('pcx-1', outside, x)] });
    expect(sides(t).requester.summary).toBe('nothing-to-route');
  });

  it('checks routes to an unscanned VPC with the blocks of a side that has them, not the empty side of the first peering naming it', () => {
    const x = vpc('vpc-x', '10.0.0.0/16');
    const outside = vpc('vpc-o', '10.9.0.0/16', { accountId: '999999999999', secondary: ['10.10.0.0/16'] });
    const failed = peering('pcx-0', x, outside, 'failed');
    const t = topology({
      vpcs: [x],
      subnets: [subnet('subnet-x', x, '10.0.0.0/24')],
      routeTables: [routeTable('rtb-x', x, { main: true, routes: [route('10.9.0.0/16', 'pcx-1')] })],
      peerings: [{ ...failed, accepter: { ...failed.accepter, cidrBlocks: [] } }, peering('pcx-1', x, outside)],
    });
    const r = sides(t);
    expect(r.requester.summary).toBe('partial');
    expect(r.requester.tables[0]!.checks.map((c) => `${c.peerCidr}:${c.state}`)).toEqual(['10.9.0.0/16:ok', '10.10.0.0/16:missing']);
  });

  it('examines only the peerings asked for', () => {
    const t = buildAnalysisTopology();
    expect(computeRouteCompleteness(t, { peeringIds: ['pcx-bd'] }).map((p) => p.peeringId)).toEqual(['pcx-bd']);
    expect(computeRouteCompleteness(t, { peeringIds: [] })).toEqual([]);
  });

  it('examines only active peerings unless asked', () => {
    const t = buildPeeredPair();
    const pending: Topology = { ...t, peerings: t.peerings.map((p) => ({ ...p, status: 'pending-acceptance' as const })) };
    expect(computeRouteCompleteness(pending)).toEqual([]);
    expect(computeRouteCompleteness(pending, { statuses: ['pending-acceptance'] })).toHaveLength(1);
  });
});
