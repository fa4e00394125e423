/** The analyses against a second, deliberately simple implementation (`oracle/simple-analysis.ts`)
 * on random topologies (`oracle/random-topology.ts`): blocks, conflicts, route completeness,
 * reachability and route anomalies must agree with it on every one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { findCidrConflicts } from '../../../shared/analysis/cidr-conflicts';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import { findRouteAnomalies } from '../../../shared/analysis/route-anomalies';
import { computeRouteCompleteness } from '../../../shared/analysis/route-completeness';
import { traceWorldOf } from '../../../shared/analysis/trace-world';
import { tryParseCidrRange } from '../../../shared/cidr/parse-cidr';
import { traceFromSubnet } from '../../../shared/forwarding/trace';
import { collectVpcBlocks } from '../../../shared/cidr/vpc-blocks';
import type { VpcId } from '../../../shared/model/ids';
import { PEERING_STATUSES, vpcKnownFromPeerings } from '../../../shared/model/topology';
import { arbTopology, arbTopologyWithGateway } from './oracle/random-topology';
import * as simple from './oracle/simple-analysis';

const RUNS = { numRuns: 600 };

function keyOf(text: string): string {
  const b = simple.parse(text);
  if (!b) throw new Error(`unreadable block ${text}`);
  return simple.key(b);
}

describe('the analyses agree with a simple re-computation on random topologies', () => {
  it('reads every VPC\'s blocks as the simple rule does: its own held ones, else its best peering side', () => {
    fc.assert(
      fc.property(arbTopology, (t) => {
        const byVpc = collectVpcBlocks(t).byVpc;
        for (const id of simple.knownVpcIds(t)) {
          const expected = (simple.vpcBlocks(t, id) ?? []).map(simple.key).sort();
          expect((byVpc.get(id) ?? []).map((b) => keyOf(b.cidr)).sort(), id).toEqual(expected);
          if (!t.vpcs.some((v) => v.id === id)) {
            const standIn = vpcKnownFromPeerings(t.peerings, id)!;
            expect(standIn.cidrBlocks.map((b) => keyOf(b.cidr)).sort(), `stand-in ${id}`).toEqual(expected);
          }
        }
      }),
      RUNS,
    );
  });

  it('finds exactly the overlapping VPC pairs and the routing ambiguities', () => {
    fc.assert(
      fc.property(arbTopology, (t) => {
        const report = findCidrConflicts(t);
        const found: Record<string, string[]> = {};
        for (const c of report.conflicts) found[`${c.vpcA}|${c.vpcB}`] = c.overlaps.map((o) => `${keyOf(o.blockA)}~${keyOf(o.blockB)}`).sort();
        expect(found).toEqual(simple.conflicts(t));
        const ambiguities = report.ambiguities.map((a) => `${a.hubVpcId}>${a.peers[0].vpcId}:${keyOf(a.peers[0].block)}~${a.peers[1].vpcId}:${keyOf(a.peers[1].block)}`).sort();
        expect(ambiguities).toEqual(simple.ambiguities(t));
      }),
      RUNS,
    );
  });

  it('judges route completeness per side and per table, in every peering status', () => {
    fc.assert(
      fc.property(arbTopology, (t) => {
        const result = computeRouteCompleteness(t, { statuses: PEERING_STATUSES });
        expect(result.map((r) => r.peeringId)).toEqual(t.peerings.map((p) => p.id));
        for (const r of result) {
          const p = t.peerings.find((x) => x.id === r.peeringId)!;
          for (const role of ['requester', 'accepter'] as const) {
            const side = r[role];
            const expected = simple.sideCompleteness(t, p, role);
            const tables: Record<string, Record<string, string>> = {};
            for (const table of side.tables) {
              tables[table.routeTableId] = {};
              for (const c of table.checks) tables[table.routeTableId]![keyOf(c.peerCidr)] = c.state;
            }
            expect({ summary: side.summary, tables }, `${r.peeringId} ${role}`).toEqual(expected);
          }
        }
      }),
      RUNS,
    );
  });

  it('gives the reachability verdict and route hops the simple walk gives, between VPCs and subnets, IPv4 and IPv6', () => {
    fc.assert(
      fc.property(arbTopology, fc.nat(), (t, seed) => {
        // Peered VPCs and their subnets, then a few pairs at random: explain also proposes peerings, which costs more than the checks.
        const pairs: [string, string][] = [];
        for (const p of t.peerings) {
          if (p.status !== 'active') continue;
          const [a, b] = [p.requester.vpcId, p.accepter.vpcId];
          const [sa, sb] = [t.subnets.find((s) => s.vpcId === a)?.id, t.subnets.find((s) => s.vpcId === b)?.id];
          pairs.push([a, b], [b, a], ...(sa && sb ? [[sa, sb] as [string, string]] : []), ...(sa ? [[sa, b] as [string, string]] : []));
        }
        const endpoints = [...t.vpcs.map((v) => v.id as string), ...t.subnets.map((s) => s.id as string)];
        for (let k = 0; k < 3 && endpoints.length > 0; k++) pairs.push([endpoints[(seed + k * 7) % endpoints.length]!, endpoints[(seed * 3 + k) % endpoints.length]!]);
        for (const [from, to] of pairs) {
          for (const fam of [4, 6] as const) {
            const x = explainReachability(t, from, to, { family: fam === 4 ? 'ipv4' : 'ipv6' });
            const expected = simple.reachability(t, from, to, fam);
            const hop = (kind: string) => x.checks.filter((c) => c.kind === kind).map((c) => c.status).filter((s) => s !== 'skipped');
            expect({ verdict: x.verdict, source: hop('source-route'), back: hop('return-route') }, `${from} → ${to} IPv${fam}`).toEqual(expected);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('walks a block from a subnet to where the simple rules say it ends: delivered, out through a gateway, dropped, or split', () => {
    fc.assert(
      fc.property(arbTopology, (t) => {
        // Every block the topology names: VPC blocks, subnets and route destinations, so traces cross peerings, carve and fall short.
        const texts = new Set<string>([...t.vpcs.flatMap((v) => v.cidrBlocks.map((b) => b.cidr)), ...t.subnets.map((s) => s.cidr), ...t.routeTables.flatMap((rt) => rt.routes.map((r) => r.destination))]);
        const world = traceWorldOf(t);
        for (const subnet of t.subnets) {
          for (const text of texts) {
            const range = tryParseCidrRange(text);
            if (!range) continue;
            const trace = traceFromSubnet(world, subnet.id, range);
            const end = trace.end;
            const found =
              end.kind === 'delivered' ? `delivered:${end.vpcId}`
              : end.kind === 'exits' ? `exits:${end.target.id}`
              : end.kind === 'dropped' ? `dropped:${end.reason}`
              : end.kind === 'unknown' ? `unknown:${end.missing}`
              : 'split';
            expect(found, `${subnet.id} → ${text}`).toBe(simple.traceEnd(t, subnet.id, simple.parse(text)!));
            // Plain data: a trace goes into JSON (the CLI's --json) as it is.
            expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('walks a block through a transit gateway to where the simple rules say it ends: attachment, association, the gateway table, the attached VPC', () => {
    let throughGateway = 0;
    const ends = new Map<string, number>();
    fc.assert(
      fc.property(arbTopologyWithGateway, (t) => {
        const texts = new Set<string>([...t.vpcs.flatMap((v) => v.cidrBlocks.map((b) => b.cidr)), ...t.subnets.map((s) => s.cidr), ...t.transitGatewayRouteTables.flatMap((rt) => rt.routes.map((r) => (r.destination.kind === 'cidr' ? r.destination.cidr : '')))]);
        const world = traceWorldOf(t);
        for (const subnet of t.subnets) {
          for (const text of texts) {
            const range = tryParseCidrRange(text);
            if (!range) continue;
            const trace = traceFromSubnet(world, subnet.id, range);
            const end = trace.end;
            const found =
              end.kind === 'delivered' ? `delivered:${end.vpcId}`
              : end.kind === 'exits' ? `exits:${end.target.id}`
              : end.kind === 'dropped' ? `dropped:${end.reason}`
              : end.kind === 'unknown' ? `unknown:${end.missing}`
              : 'split';
            if (trace.hops.some((h) => h.kind === 'tgw-attachment')) {
              throughGateway++;
              const kind = found.startsWith('delivered:') ? 'delivered' : found;
              ends.set(kind, (ends.get(kind) ?? 0) + 1);
            }
            expect(found, `${subnet.id} → ${text}`).toBe(simple.traceEnd(t, subnet.id, simple.parse(text)!));
          }
        }
      }),
      { numRuns: 300, seed: 21 },
    );
    expect(throughGateway).toBeGreaterThan(50);
    // Each way a gateway walk ends comes up often enough to be compared.
    for (const kind of ['delivered', 'dropped:no-route', 'dropped:blackhole', 'dropped:no-association', 'dropped:attachment-not-available', 'dropped:beyond-attachment', 'split']) {
      expect(ends.get(kind) ?? 0, kind).toBeGreaterThan(5);
    }
  });

  it('finds the route anomalies the simple rules find, with the VPCs a route into a peering is meant for', () => {
    fc.assert(
      fc.property(arbTopology, (t) => {
        const found = findRouteAnomalies(t).map(
          (a) => `${a.routeTableId} ${a.route.destination} ${a.kind}${a.kind === 'beyond-peer' ? ` [${[...a.intendedVpcIds].sort().join(',')}]` : ''}`,
        );
        expect(found).toEqual(simple.anomalies(t));
      }),
      RUNS,
    );
  });

  it('covers what it claims: the generator makes each kind of case often enough', () => {
    const counts = { propagatedTies: 0, prefixLists: 0, carved: 0, unscannedEmptyFirst: 0, unknownChecks: 0, deliveredAcrossPeering: 0, beyondPeer: 0, exits: 0, split: 0, blackholed: 0 };
    fc.assert(
      fc.property(arbTopology, (t) => {
        for (const rt of t.routeTables) {
          const dests = rt.routes.filter((r) => r.origin === 'EnableVgwRoutePropagation').map((r) => r.destination);
          if (rt.routes.some((r) => r.origin !== 'EnableVgwRoutePropagation' && dests.includes(r.destination))) counts.propagatedTies++;
          if (rt.routes.some((r) => r.destination.startsWith('pl-'))) counts.prefixLists++;
        }
        for (const id of simple.knownVpcIds(t)) {
          if (t.vpcs.some((v) => v.id === id)) continue;
          const first = t.peerings.flatMap((p) => [p.requester, p.accepter]).find((s) => s.vpcId === id)!;
          if (first.cidrBlocks.length + first.ipv6CidrBlocks.length === 0 && (simple.vpcBlocks(t, id as VpcId) ?? []).length > 0) counts.unscannedEmptyFirst++;
        }
        const world = traceWorldOf(t);
        for (const subnet of t.subnets) {
          for (const v of t.vpcs) {
            const range = tryParseCidrRange(v.cidrBlocks[0]?.cidr ?? '');
            if (!range || v.id === subnet.vpcId) continue;
            const end = traceFromSubnet(world, subnet.id, range).end;
            if (end.kind === 'delivered' && end.vpcId !== subnet.vpcId) counts.deliveredAcrossPeering++;
            if (end.kind === 'dropped' && end.reason === 'beyond-peer') counts.beyondPeer++;
            if (end.kind === 'dropped' && end.reason === 'blackhole') counts.blackholed++;
            if (end.kind === 'exits') counts.exits++;
            if (end.kind === 'split') counts.split++;
          }
        }
        for (const r of computeRouteCompleteness(t, { statuses: PEERING_STATUSES })) {
          for (const side of [r.requester, r.accepter]) {
            for (const table of side.tables) {
              for (const c of table.checks) {
                if (c.state === 'partial') counts.carved++;
                if (c.state === 'unknown') counts.unknownChecks++;
              }
            }
          }
        }
      }),
      { numRuns: 400, seed: 17 },
    );
    for (const [what, n] of Object.entries(counts)) expect(n, what).toBeGreaterThan(10);
  });
});
