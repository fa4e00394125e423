import { describe, expect, it } from 'vitest';

import type { ReachEntry, ReachRollUp, ReachRow, ReachTraffic } from '../../../shared/analysis/estate-reach';
import { computeReachRollUp, computeReachRow, parseReachTraffic, REACH_REASONS } from '../../../shared/analysis/estate-reach';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { VpcId } from '../../../shared/model/ids';
import type { Topology } from '../../../shared/model/topology';
import { aclEntry, networkAcl, routeTable, subnet } from '../../support/fixtures/build-topology';
import { ACCOUNT_A, ACCOUNT_B, ACCOUNT_C, buildReachEstate } from '../../support/fixtures/reach-estate';

const HTTPS: ReachTraffic = { protocol: 'tcp', port: 443 };

function rowOf(source: Parameters<typeof computeReachRow>[1], traffic: ReachTraffic = HTTPS): ReachRow {
  const r = computeReachRow(buildReachEstate(), source, traffic);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function byDestination(row: ReachRow): Map<VpcId, ReachEntry> {
  return new Map(row.entries.map((e) => [e.to, e]));
}

describe('computeReachRow: each reason a connected VPC cannot be reached', () => {
  const row = rowOf({ kind: 'vpc', vpcId: 'vpc-hub' });
  const entries = byDestination(row);

  it('lists every connected VPC with its verdict, reason and deciding check, and no unconnected one', () => {
    const summary = Object.fromEntries(row.entries.map((e) => [e.to, [e.verdict, e.reason ?? '', e.stage ?? ''].join(' ').trim()]));
    expect(summary).toEqual({
      'vpc-ok': 'reachable',
      'vpc-noroute': 'blocked no-route source-route',
      'vpc-wrong': 'blocked wrong-target source-route',
      'vpc-black': 'blocked blackhole source-route',
      'vpc-return': 'blocked no-route return-route',
      'vpc-sg': 'blocked security-group destination-ingress',
      'vpc-acl': 'blocked network-acl destination-acl-return',
      'vpc-pending': 'blocked peering-not-active',
      'vpc-far': 'blocked not-transitive',
      'vpc-far2': 'blocked not-transitive',
    });
    expect(entries.has('vpc-island')).toBe(false);
    expect(entries.has('vpc-lone')).toBe(false);
    expect([row.reachable, row.blocked, row.undetermined]).toEqual([1, 9, 0]);
  });

  it('orders reachable before blocked, then by account and VPC id', () => {
    expect(row.entries.map((e) => e.to)).toEqual([
      'vpc-ok',
      'vpc-far',
      'vpc-acl',
      'vpc-far2',
      'vpc-noroute',
      'vpc-sg',
      'vpc-black',
      'vpc-pending',
      'vpc-return',
      'vpc-wrong',
    ]);
  });

  it('words each directly peered pair as the explainer does, with the same verdict', () => {
    for (const e of row.entries.filter((x) => x.reason !== 'not-transitive' && x.reason !== 'peering-not-active')) {
      const x = explainReachability(buildReachEstate(), 'vpc-hub', e.to, { protocol: 'tcp', port: 443 });
      expect(x.verdict === 'reachable' ? 'reachable' : 'blocked').toBe(e.verdict);
      if (e.verdict === 'blocked') {
        const failing = x.checks.find((c) => c.status === 'fail')!;
        expect(failing.kind).toBe(e.stage);
        expect(e.message).toBe(failing.message);
        expect(e.fix).toBe(failing.fix);
      }
    }
  });

  it('names the target a wrong route goes to, and the blackholed peering', () => {
    expect(entries.get('vpc-wrong')!.message).toContain('eni-appliance');
    expect(entries.get('vpc-black')!.message).toContain('blackhole');
    expect(entries.get('vpc-black')!.peeringId).toBe('pcx-black');
  });

  it("names the network ACL that drops the reply, in the explainer's words", () => {
    const e = entries.get('vpc-acl')!;
    const x = explainReachability(buildReachEstate(), 'vpc-hub', 'vpc-acl', { protocol: 'tcp', port: 443 });
    const hop = x.checks.find((c) => c.kind === 'destination-acl-return')!;
    expect(hop.status).toBe('fail');
    expect(e).toMatchObject({ verdict: 'blocked', reason: 'network-acl', stage: 'destination-acl-return', peeringId: 'pcx-acl', message: hop.message, fix: hop.fix });
    expect(e.message).toContain('acl-aclweb');
    expect(e.message).toContain('denies the reply, tcp ports 1024-65535 to 10.0.0.0/16 by rule *');
  });

  it('says which peering is not active yet and how to activate it', () => {
    const e = entries.get('vpc-pending')!;
    expect(e.peeringId).toBe('pcx-pending');
    expect(e.message).toContain('pending-acceptance');
    expect(e.fix).toBe(`Accept pcx-pending as account ${ACCOUNT_C} in eu-west-1.`);
  });

  it('names the VPC a non-transitive path goes through, and how many peerings it has', () => {
    expect(entries.get('vpc-far')).toMatchObject({ from: 'vpc-hub', through: 'vpc-ok', hops: 2 });
    expect(entries.get('vpc-far2')).toMatchObject({ from: 'vpc-hub', through: 'vpc-ok', hops: 3 });
    expect(entries.get('vpc-far')!.message).toBe('Connected only through ok (vpc-ok): VPC peering is not transitive, so traffic cannot pass through another VPC.');
  });

  it('judges the port asked about: SSH reaches the SSH-only VPC and no HTTPS-only one', () => {
    const ssh = byDestination(rowOf({ kind: 'vpc', vpcId: 'vpc-hub' }, { protocol: 'tcp', port: 22 }));
    expect(ssh.get('vpc-sg')!.verdict).toBe('reachable');
    expect(ssh.get('vpc-ok')).toMatchObject({ verdict: 'blocked', reason: 'security-group', stage: 'destination-ingress' });
  });

  it('counts a prefix-list rule as undetermined, not blocked', () => {
    const t = buildReachEstate();
    const withList = {
      ...t,
      securityGroups: t.securityGroups.map((g) => (g.vpcId === 'vpc-ok' ? { ...g, ingress: [{ protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'prefix-list' as const, prefixListId: 'pl-1' } }] } : g)),
    };
    const r = computeReachRow(withList, { kind: 'vpc', vpcId: 'vpc-hub' }, HTTPS);
    expect(r.ok && r.value.entries.find((e) => e.to === 'vpc-ok')).toMatchObject({ verdict: 'undetermined', stage: 'destination-ingress' });
  });
});

describe('the reach view agrees with the explainer', () => {
  const explainerVerdict = (t: Topology, from: VpcId, to: VpcId, traffic: ReachTraffic): string => {
    const v = explainReachability(t, from, to, { protocol: traffic.protocol, ...(traffic.port !== undefined ? { port: traffic.port } : {}) }).verdict;
    return v === 'unreachable' ? 'blocked' : v;
  };

  /** Every entry of every VPC's row, against the explainer asked about the same pair. */
  function disagreements(t: Topology, traffic: ReachTraffic): string[] {
    const out: string[] = [];
    for (const v of t.vpcs) {
      const r = computeReachRow(t, { kind: 'vpc', vpcId: v.id }, traffic);
      if (!r.ok) throw new Error(r.error.message);
      for (const e of r.value.entries) {
        const x = explainerVerdict(t, v.id, e.to, traffic);
        if (x !== e.verdict) out.push(`${v.id} → ${e.to}: row ${e.verdict}, explainer ${x}`);
      }
    }
    return out;
  }

  it('on every pair of the fixture estate, for HTTPS, SSH and all traffic', () => {
    const t = buildReachEstate();
    for (const traffic of [HTTPS, { protocol: 'tcp', port: 22 } as const, { protocol: '-1' } as const]) expect(disagreements(t, traffic)).toEqual([]);
  });

  it('on a whole VPC: some subnet pair passing the ACLs is enough, every table serving a subnet must route', () => {
    const base = buildReachEstate();
    const ok = base.vpcs.find((v) => v.id === 'vpc-ok')!;
    const closed = networkAcl('acl-okclosed', ok, { isDefault: false, subnetIds: ['subnet-ok2'], entries: [aclEntry('in', '*', 'deny', '-1', null, '0.0.0.0/0'), aclEntry('out', '*', 'deny', '-1', null, '0.0.0.0/0')] });
    // A second subnet of vpc-ok behind an ACL that denies everything: its first subnet still passes.
    const aclSplit: Topology = { ...base, subnets: [...base.subnets, subnet('subnet-ok2', ok, '10.1.2.0/24')], networkAcls: [...base.networkAcls, closed] };
    expect(explainerVerdict(aclSplit, 'vpc-hub', 'vpc-ok', HTTPS)).toBe('reachable');
    const aclRow = computeReachRow(aclSplit, { kind: 'vpc', vpcId: 'vpc-hub' }, HTTPS);
    expect(aclRow.ok && aclRow.value.entries.find((e) => e.to === 'vpc-ok')).toMatchObject({ verdict: 'reachable' });
    // The same subnet served by its own table with no route back: the VPC is blocked.
    const unrouted = routeTable('rtb-ok2', ok, { subnetIds: ['subnet-ok2'] });
    const routeSplit: Topology = { ...base, subnets: aclSplit.subnets, routeTables: [...base.routeTables, unrouted] };
    expect(explainerVerdict(routeSplit, 'vpc-hub', 'vpc-ok', HTTPS)).toBe('blocked');
    const row = computeReachRow(routeSplit, { kind: 'vpc', vpcId: 'vpc-hub' }, HTTPS);
    expect(row.ok && row.value.entries.find((e) => e.to === 'vpc-ok')).toMatchObject({ verdict: 'blocked', reason: 'no-route', stage: 'return-route' });
    for (const t of [aclSplit, routeSplit]) expect(disagreements(t, HTTPS)).toEqual([]);
  });

  it('leaves a pair undetermined, as the explainer does, when a VPC\'s ACLs are not in the snapshot', () => {
    const base = buildReachEstate();
    const unread: Topology = { ...base, networkAcls: base.networkAcls.filter((a) => a.vpcId !== 'vpc-ok') };
    const row = computeReachRow(unread, { kind: 'vpc', vpcId: 'vpc-hub' }, HTTPS);
    expect(row.ok && row.value.entries.find((e) => e.to === 'vpc-ok')).toMatchObject({ verdict: 'undetermined', stage: 'source-acl-outbound' });
    expect(disagreements(unread, HTTPS)).toEqual([]);
  });
});

describe('computeReachRow from an account', () => {
  const row = rowOf({ kind: 'account', accountId: ACCOUNT_A });
  const entries = byDestination(row);

  it('lists the VPCs outside the account, each with the best any of its VPCs does', () => {
    expect(row.fromVpcIds).toEqual(['vpc-far', 'vpc-hub', 'vpc-island']);
    expect(entries.has('vpc-far')).toBe(false);
    expect(entries.get('vpc-ok')).toMatchObject({ verdict: 'reachable' });
    // vpc-far2 is vpc-far's direct peer: its missing route decides, not the chain from the hub.
    expect(entries.get('vpc-far2')).toMatchObject({ from: 'vpc-far', verdict: 'blocked', reason: 'no-route', stage: 'source-route' });
    expect(entries.get('vpc-sg')).toMatchObject({ from: 'vpc-hub', reason: 'security-group' });
  });
});

describe('computeReachRow: bad input', () => {
  it('refuses a VPC or account the snapshot does not have', () => {
    const t = buildReachEstate();
    const vpcRow = computeReachRow(t, { kind: 'vpc', vpcId: 'vpc-nope' }, HTTPS);
    expect(vpcRow.ok ? null : vpcRow.error).toMatchObject({ code: 'invalid-input', message: 'The VPC vpc-nope is not in the snapshot.' });
    const accountRow = computeReachRow(t, { kind: 'account', accountId: '999999999999' }, HTTPS);
    expect(accountRow.ok ? null : accountRow.error.message).toBe('The account 999999999999 has no VPC in the snapshot.');
  });

  it('reads traffic as typed and says what is wrong with it', () => {
    expect(parseReachTraffic(undefined, '443')).toEqual({ ok: true, value: { protocol: 'tcp', port: 443 } });
    expect(parseReachTraffic('UDP', 53)).toEqual({ ok: true, value: { protocol: 'udp', port: 53 } });
    expect(parseReachTraffic(undefined, undefined)).toEqual({ ok: true, value: { protocol: '-1' } });
    const err = (r: ReturnType<typeof parseReachTraffic>) => (r.ok ? '' : r.error.message);
    expect(err(parseReachTraffic('tcp', '70000'))).toBe('The port must be a whole number from 0 to 65535, not "70000".');
    expect(err(parseReachTraffic('sctp', '1'))).toBe('The protocol must be tcp, udp, icmp or all, not "sctp".');
    expect(err(parseReachTraffic('icmp', '8'))).toBe('A port applies to tcp and udp only, not icmp.');
  });
});

describe('computeReachRollUp', () => {
  const t = buildReachEstate();
  const roll = computeReachRollUp(t, HTTPS);
  const cell = (r: ReachRollUp, from: string, to: string) => r.cells.find((c) => c.fromAccountId === from && c.toAccountId === to);

  it('counts every ordered connected pair of VPCs as every VPC row does, per account pair and reason', () => {
    const expected = new Map<string, { reachable: number; blocked: number; undetermined: number; reasons: Record<string, number> }>();
    for (const v of t.vpcs) {
      const r = computeReachRow(t, { kind: 'vpc', vpcId: v.id }, HTTPS);
      if (!r.ok) throw new Error(r.error.message);
      for (const e of r.value.entries) {
        const key = `${v.accountId}>${e.toAccountId}`;
        const c = expected.get(key) ?? { reachable: 0, blocked: 0, undetermined: 0, reasons: Object.fromEntries(REACH_REASONS.map((x) => [x, 0])) };
        c[e.verdict]++;
        if (e.reason) c.reasons[e.reason]!++;
        expected.set(key, c);
      }
    }
    const got = new Map(roll.cells.map((c) => [`${c.fromAccountId}>${c.toAccountId}`, { reachable: c.reachable, blocked: c.blocked, undetermined: c.undetermined, reasons: c.reasons }]));
    expect(got).toEqual(expected);
  });

  it('counts one account pair by hand, with its commonest reason', () => {
    // A → C: hub to wrong, black, pending, return (four direct, each blocked); far to those four (not transitive).
    expect(cell(roll, ACCOUNT_A, ACCOUNT_C)).toMatchObject({
      reachable: 0,
      blocked: 8,
      reasons: { 'not-transitive': 4, 'wrong-target': 1, blackhole: 1, 'peering-not-active': 1, 'no-route': 1, 'security-group': 0 },
      commonestReason: 'not-transitive',
    });
    // A → B: hub reaches ok; far reaches ok (routed both ways, 443 open); the rest are blocked.
    expect(cell(roll, ACCOUNT_A, ACCOUNT_B)).toMatchObject({ reachable: 2 });
    expect([roll.reachable, roll.blocked, roll.undetermined]).toEqual([
      roll.cells.reduce((n, c) => n + c.reachable, 0),
      roll.cells.reduce((n, c) => n + c.blocked, 0),
      0,
    ]);
  });

  it('leaves out account pairs with no connected VPCs and VPCs with no live peering', () => {
    expect(roll.accountIds).toEqual([ACCOUNT_A, ACCOUNT_B, ACCOUNT_C]);
    const lone = computeReachRow(t, { kind: 'vpc', vpcId: 'vpc-lone' }, HTTPS);
    expect(lone.ok && lone.value.entries).toEqual([]);
  });
});
