/** The reach view over transit gateways: VPCs joined through a gateway are listed with the gateway
 * path, or the first gateway component that blocks them; and every pair agrees with `explain`. */
import { describe, expect, it } from 'vitest';

import type { ReachRow, ReachTraffic } from '../../../shared/analysis/estate-reach';
import { computeReachRollUp, computeReachRow } from '../../../shared/analysis/estate-reach';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { VpcId } from '../../../shared/model/ids';
import type { Topology } from '../../../shared/model/topology';
import { route, tgwRoute } from '../../support/fixtures/build-topology';
import { tgwEstate } from '../../support/fixtures/tgw-reach-estate';

const HTTPS: ReachTraffic = { protocol: 'tcp', port: 443 };
const VPCS: readonly VpcId[] = ['vpc-a', 'vpc-b', 'vpc-c', 'vpc-d'];

function rowOf(t: Topology, vpcId: VpcId, traffic: ReachTraffic = HTTPS): ReachRow {
  const r = computeReachRow(t, { kind: 'vpc', vpcId }, traffic);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function entry(t: Topology, from: VpcId, to: VpcId) {
  const e = rowOf(t, from).entries.find((x) => x.to === to);
  if (!e) throw new Error(`${to} is not in ${from}'s row`);
  return e;
}

/** c's attachment waits for the owner's acceptance. */
function pendingC(): Topology {
  const t = tgwEstate();
  return { ...t, transitGatewayAttachments: t.transitGatewayAttachments.map((a) => (a.id === 'tgw-attach-c' ? { ...a, state: 'pendingAcceptance' } : a)) };
}

const VARIANTS: Readonly<Record<string, () => Topology>> = {
  'the estate as built': () => tgwEstate(),
  "c's attachment unassociated": () => tgwEstate({ unassociated: ['c'] }),
  "c routing a's block to the b peering": () => tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }),
  "tgw-1's table blackholing c": () =>
    tgwEstate({ rtb1Routes: (att) => [tgwRoute('10.0.0.0/16', [att.a], 'propagated'), tgwRoute('10.1.0.0/16', [att.b], 'propagated'), tgwRoute('10.2.0.0/16', 'blackhole'), tgwRoute('10.3.0.0/16', [att.p])] }),
  "tgw-1's table without a route to c": () => tgwEstate({ rtb1Routes: (att) => [tgwRoute('10.0.0.0/16', [att.a], 'propagated'), tgwRoute('10.1.0.0/16', [att.b], 'propagated'), tgwRoute('10.3.0.0/16', [att.p])] }),
  "tgw-1's routing not read": () => tgwEstate({ tgw1Unread: true }),
  "c's attachment pending acceptance": pendingC,
};

describe('computeReachRow over transit gateways', () => {
  it('lists the VPCs joined through a gateway with the gateway path, beside the peered ones', () => {
    const row = rowOf(tgwEstate(), 'vpc-a');
    expect(row.entries.map((e) => [e.to, e.verdict, e.transitGatewayIds ?? [], e.peeringId ?? ''])).toEqual([
      // b: the peering and tgw-1 both join a and b; a's /16 to pcx-ab beats its /8 to the gateway.
      ['vpc-b', 'reachable', [], 'pcx-ab'],
      ['vpc-c', 'reachable', ['tgw-1'], ''],
      ['vpc-d', 'reachable', ['tgw-1', 'tgw-2'], ''],
    ]);
    expect(row.entries[1]!.message).toBe('vpc-c is reachable through tgw-1: routes both ways carry it, and network ACLs and security groups allow tcp/443.');
    // Before gateways counted, c was "not transitive" (through b) and d was not listed at all.
  });

  it('names the first blocking gateway component of each way a gateway pair fails', () => {
    const component = (t: Topology, from: VpcId, to: VpcId) => {
      const e = entry(t, from, to);
      return [e.verdict, e.reason ?? '', e.gateway?.component ?? '', e.gateway?.direction ?? ''].join(' ').trim();
    };
    expect(component(tgwEstate({ unassociated: ['c'] }), 'vpc-c', 'vpc-a')).toBe('blocked transit-gateway not-associated there');
    expect(component(tgwEstate({ unassociated: ['c'] }), 'vpc-a', 'vpc-c')).toBe('blocked transit-gateway not-associated back');
    expect(component(VARIANTS["tgw-1's table blackholing c"]!(), 'vpc-a', 'vpc-c')).toBe('blocked transit-gateway blackhole there');
    expect(component(VARIANTS["tgw-1's table without a route to c"]!(), 'vpc-a', 'vpc-c')).toBe('blocked transit-gateway no-gateway-route there');
    expect(component(VARIANTS["tgw-1's table without a route to c"]!(), 'vpc-c', 'vpc-a')).toBe('blocked transit-gateway return-path-missing back');
    expect(component(tgwEstate({ routes: { c: [route('10.1.0.0/16', 'pcx-bc')] } }), 'vpc-a', 'vpc-c')).toBe('blocked transit-gateway return-path-missing back');
    expect(component(tgwEstate({ tgw1Unread: true }), 'vpc-a', 'vpc-c')).toBe('undetermined  routing-unknown there');
    const pending = entry(pendingC(), 'vpc-a', 'vpc-c');
    expect(pending).toMatchObject({ verdict: 'blocked', reason: 'transit-gateway', gateway: { component: 'attachment-not-available', attachmentId: 'tgw-attach-c' } });
    expect(pending.fix).toContain('aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-c');
  });

  for (const [name, build] of Object.entries(VARIANTS)) {
    it(`agrees with explain on every pair: ${name}`, () => {
      const t = build();
      let pairs = 0;
      for (const from of VPCS) {
        for (const e of rowOf(t, from).entries) {
          if (e.reason === 'not-transitive' || e.reason === 'peering-not-active') continue;
          pairs++;
          const x = explainReachability(t, from, e.to, { protocol: 'tcp', port: 443 });
          expect(e.verdict, `${from} → ${e.to}`).toBe(x.verdict === 'unreachable' ? 'blocked' : x.verdict);
          if (e.verdict === 'blocked') {
            const failing = x.checks.find((c) => c.status === 'fail')!;
            if (e.stage) expect(failing.kind, `${from} → ${e.to}`).toBe(e.stage);
            expect(e.message, `${from} → ${e.to}`).toBe(failing.message);
            expect(e.fix).toBe(failing.fix);
          }
        }
      }
      expect(pairs).toBeGreaterThanOrEqual(8);
    });
  }

  it("counts the gateway pairs in the roll-up as the rows do", () => {
    for (const build of Object.values(VARIANTS)) {
      const t = build();
      const rows = VPCS.map((v) => rowOf(t, v));
      const sum = (k: 'reachable' | 'blocked' | 'undetermined') => rows.reduce((n, r) => n + r[k], 0);
      const roll = computeReachRollUp(t, HTTPS);
      expect([roll.reachable, roll.blocked, roll.undetermined]).toEqual([sum('reachable'), sum('blocked'), sum('undetermined')]);
    }
  });
});
