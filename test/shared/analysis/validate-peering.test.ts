import { describe, expect, it } from 'vitest';

import type { VpcId } from '../../../shared/model/ids';
import type { Peering, PeeringStatus, Topology } from '../../../shared/model/topology';
import type { PeeringRefusal } from '../../../shared/analysis/validate-peering';
import { createPeeringValidator, validatePeering } from '../../../shared/analysis/validate-peering';
import { peering, topology, vpc } from '../../support/fixtures/build-topology';

const app = vpc('vpc-app', '10.0.0.0/16', { name: 'app', secondary: ['100.64.0.0/20'], ipv6: ['2600:1f18:a::/56'] });
const db = vpc('vpc-db', '10.1.0.0/16', { name: 'db', accountId: '222222222222', region: 'us-east-1' });
const clash = vpc('vpc-clash', '10.0.128.0/17', { name: 'clash' });
const clash2 = vpc('vpc-clash2', '172.16.0.0/16', { secondary: ['100.64.8.0/24'] });
const clash6 = vpc('vpc-clash6', '172.17.0.0/16', { ipv6: ['2600:1f18:a:10::/64'] });

/** `count` filler VPCs with peerings of `status` to `hub`, all requested by `requesterAccount`. */
function fillers(hub: typeof app, count: number, status: PeeringStatus): { vpcs: ReturnType<typeof vpc>[]; peerings: Peering[] } {
  const vpcs = Array.from({ length: count }, (_, i) => vpc(`vpc-f${String(i).padStart(3, '0')}` as VpcId, `172.${20 + Math.floor(i / 200)}.${i % 200}.0/24`));
  return { vpcs, peerings: vpcs.map((v, i) => peering(`pcx-f${String(i).padStart(3, '0')}`, hub, v, status)) };
}

function codes(t: Topology, a: VpcId, b: VpcId): readonly string[] {
  return validatePeering(t, a, b).reasons.map((r) => r.code);
}

describe('validatePeering reasons', () => {
  const base = topology({ vpcs: [app, db, clash, clash2, clash6] });
  const cases: readonly { name: string; t: Topology; a: VpcId; b: VpcId; code: PeeringRefusal['code']; message: readonly string[]; fix: string }[] = [
    { name: 'the same VPC', t: base, a: 'vpc-app', b: 'vpc-app', code: 'same-vpc', message: ['itself', 'vpc-app'], fix: 'two different VPCs' },
    { name: 'an unknown accepter', t: base, a: 'vpc-app', b: 'vpc-nope', code: 'unknown-vpc', message: ['accepter', 'vpc-nope'], fix: 'rescan' },
    { name: 'an unknown requester', t: base, a: 'vpc-nope', b: 'vpc-db', code: 'unknown-vpc', message: ['requester', 'vpc-nope'], fix: 'Check the id' },
    {
      name: 'overlapping primary blocks',
      t: base,
      a: 'vpc-app',
      b: 'vpc-clash',
      code: 'cidr-overlap',
      message: ['app (vpc-app) primary block 10.0.0.0/16', 'clash (vpc-clash) primary block 10.0.128.0/17'],
      fix: 'Re-address',
    },
    {
      name: 'a secondary block overlapping',
      t: base,
      a: 'vpc-app',
      b: 'vpc-clash2',
      code: 'cidr-overlap',
      message: ['secondary block 100.64.0.0/20', 'secondary block 100.64.8.0/24'],
      fix: 'Disassociate the overlapping secondary block (100.64.0.0/20 from vpc-app)',
    },
    { name: 'overlapping IPv6 blocks', t: base, a: 'vpc-app', b: 'vpc-clash6', code: 'cidr-overlap', message: ['IPv6 block 2600:1f18:a::/56', '2600:1f18:a:10::/64'], fix: 'never be peered' },
    {
      name: 'an active peering already there',
      t: topology({ vpcs: [app, db], peerings: [peering('pcx-1', db, app)] }),
      a: 'vpc-app',
      b: 'vpc-db',
      code: 'already-peered',
      message: ['pcx-1 (active)'],
      fix: 'check its routes and security groups',
    },
    {
      name: 'a request pending acceptance',
      t: topology({ vpcs: [app, db], peerings: [{ ...peering('pcx-2', app, db, 'pending-acceptance'), expirationTime: '2026-12-01T00:00:00Z' }] }),
      a: 'vpc-app',
      b: 'vpc-db',
      code: 'already-peered',
      message: ['pcx-2', 'pending acceptance', 'expires 2026-12-01T00:00:00Z'],
      fix: 'Accept pcx-2 as account 222222222222 in us-east-1 (profile profile-222222222222)',
    },
    {
      name: 'a peering being provisioned',
      t: topology({ vpcs: [app, db], peerings: [peering('pcx-3', app, db, 'provisioning')] }),
      a: 'vpc-app',
      b: 'vpc-db',
      code: 'already-peered',
      message: ['pcx-3', 'provisioning'],
      fix: 'Wait',
    },
    {
      name: 'a peering being deleted',
      t: topology({ vpcs: [app, db], peerings: [peering('pcx-4', app, db, 'deleting')] }),
      a: 'vpc-app',
      b: 'vpc-db',
      code: 'already-peered',
      message: ['pcx-4', 'being deleted'],
      fix: 'Wait until pcx-4 is deleted',
    },
    (() => {
      const f = fillers(app, 50, 'active');
      return {
        name: 'the requester at its active quota',
        t: topology({ vpcs: [app, db, ...f.vpcs], peerings: f.peerings }),
        a: 'vpc-app' as VpcId,
        b: 'vpc-db' as VpcId,
        code: 'active-quota' as const,
        message: ['app (vpc-app) already has 50 active peerings', 'quota is 50'],
        fix: 'Service Quotas',
      };
    })(),
    (() => {
      const f = fillers(db, 50, 'active');
      return {
        name: 'the accepter at its active quota',
        t: topology({ vpcs: [app, db, ...f.vpcs], peerings: f.peerings }),
        a: 'vpc-app' as VpcId,
        b: 'vpc-db' as VpcId,
        code: 'active-quota' as const,
        message: ['db (vpc-db) already has 50'],
        fix: 'account 222222222222, us-east-1',
      };
    })(),
    (() => {
      const f = fillers(app, 25, 'pending-acceptance');
      return {
        name: 'the requester account at its outstanding-request quota',
        t: topology({ vpcs: [app, db, ...f.vpcs], peerings: f.peerings }),
        a: 'vpc-app' as VpcId,
        b: 'vpc-db' as VpcId,
        code: 'outstanding-quota' as const,
        message: ['Account 111111111111 already has 25 peering requests awaiting acceptance'],
        fix: 'pcx-f000, pcx-f001',
      };
    })(),
  ];

  it.each(cases)('refuses $name ($code) with a message and a fix', ({ t, a, b, code, message, fix }) => {
    const verdict = validatePeering(t, a, b);
    expect(verdict.ok).toBe(false);
    const reason = verdict.reasons.find((r) => r.code === code);
    expect(reason, JSON.stringify(verdict.reasons)).toBeDefined();
    for (const m of message) expect(reason!.message).toContain(m);
    expect(reason!.fix).toContain(fix);
    expect(verdict.summary).toContain('Cannot peer');
  });

  it('names every overlapping block pair, each as its own reason with detail fields', () => {
    const wide = vpc('vpc-wide', '10.0.0.0/8', { secondary: ['100.64.0.0/16'] });
    const verdict = validatePeering(topology({ vpcs: [app, wide] }), 'vpc-app', 'vpc-wide');
    const overlaps = verdict.reasons.filter((r) => r.code === 'cidr-overlap');
    expect(overlaps.map((r) => (r.code === 'cidr-overlap' ? `${r.requesterCidr}|${r.accepterCidr}` : ''))).toEqual(['10.0.0.0/16|10.0.0.0/8', '100.64.0.0/20|100.64.0.0/16']);
  });

  it('reports several reasons at once', () => {
    const f = fillers(app, 50, 'active');
    const t = topology({ vpcs: [app, clash, ...f.vpcs], peerings: [...f.peerings, peering('pcx-x', app, clash, 'pending-acceptance')] });
    expect(codes(t, 'vpc-app', 'vpc-clash')).toEqual(['cidr-overlap', 'already-peered', 'active-quota']);
  });

  it('lets quotas be raised', () => {
    const f = fillers(app, 50, 'active');
    const t = topology({ vpcs: [app, db, ...f.vpcs], peerings: f.peerings });
    expect(validatePeering(t, 'vpc-app', 'vpc-db', { quotas: { activePerVpc: 125 } }).ok).toBe(true);
  });

  it('does not count peerings in a final state', () => {
    const t = topology({ vpcs: [app, db], peerings: (['deleted', 'rejected', 'failed', 'expired'] as const).map((s, i) => peering(`pcx-${i}`, app, db, s)) });
    expect(validatePeering(t, 'vpc-app', 'vpc-db').ok).toBe(true);
  });
});

describe('validatePeering kind', () => {
  it('says a same-account, same-region peering can be accepted by the requester', () => {
    const a = vpc('vpc-1', '10.0.0.0/16');
    const b = vpc('vpc-2', '10.1.0.0/16');
    const v = validatePeering(topology({ vpcs: [a, b] }), 'vpc-1', 'vpc-2');
    expect(v.ok).toBe(true);
    expect(v.kind).toEqual({
      sameAccount: true,
      sameRegion: true,
      requesterAccountId: '111111111111',
      requesterRegion: 'eu-west-1',
      accepterAccountId: '111111111111',
      accepterRegion: 'eu-west-1',
      needsAcceptanceBy: 'auto-possible',
      accepterProfiles: ['profile-111111111111'],
      requesterProfiles: ['profile-111111111111'],
    });
    expect(v.summary).toBe("Can peer: same account (111111111111), same region (eu-west-1); the requester's account can accept it itself.");
  });

  it('says a cross-account, cross-region peering needs the accepter account, naming its profile', () => {
    const v = validatePeering(topology({ vpcs: [app, db] }), 'vpc-app', 'vpc-db');
    expect(v.kind).toMatchObject({ sameAccount: false, sameRegion: false, needsAcceptanceBy: 'accepter-account', accepterProfiles: ['profile-222222222222'] });
    expect(v.summary).toContain('account 222222222222 must accept it in us-east-1 (profile profile-222222222222)');
    expect(v.warnings).toEqual([]);
  });

  it('warns when no local profile can accept', () => {
    const t = topology({ vpcs: [app, db], accounts: [{ id: '111111111111', profiles: ['dev'] }] });
    const v = validatePeering(t, 'vpc-app', 'vpc-db');
    expect(v.ok).toBe(true);
    expect(v.kind?.accepterProfiles).toEqual([]);
    expect(v.warnings.map((w) => w.code)).toEqual(['no-accepter-profile']);
    expect(v.summary).toContain('no local profile can');
  });

  it('warns of the routing ambiguity a new peering would create', () => {
    const x = vpc('vpc-x', '10.1.0.0/16');
    const t = topology({ vpcs: [app, db, x], peerings: [peering('pcx-1', app, x)] });
    const v = validatePeering(t, 'vpc-app', 'vpc-db');
    expect(v.ok).toBe(true);
    expect(v.warnings).toHaveLength(1);
    expect(v.warnings[0]).toMatchObject({ code: 'routing-ambiguity', hubVpcId: 'vpc-app', existingPeerVpcId: 'vpc-x', shared: '10.1.0.0/16' });
  });

  it('gives no kind when a VPC is unknown', () => {
    expect(validatePeering(topology({ vpcs: [app] }), 'vpc-app', 'vpc-zzz').kind).toBeNull();
  });
});

describe('createPeeringValidator', () => {
  it('gives the same verdicts as validatePeering for every pair', () => {
    const t = topology({ vpcs: [app, db, clash, clash2, clash6], peerings: [peering('pcx-1', app, db)] });
    const validate = createPeeringValidator(t);
    for (const a of t.vpcs) for (const b of t.vpcs) expect(validate(a.id, b.id)).toEqual(validatePeering(t, a.id, b.id));
  });

  it('reuses one index for every target of a drag over a large topology (timed in bench:analysis)', () => {
    const vpcs = Array.from({ length: 5000 }, (_, i) => vpc(`vpc-${i.toString(16).padStart(5, '0')}` as VpcId, `10.${i >> 8}.${i & 255}.0/24`));
    const t = topology({ vpcs: [...vpcs, vpc('vpc-wide', '10.0.0.0/22')] });
    const validate = createPeeringValidator(t);
    const refused = vpcs.filter((v) => !validate('vpc-wide', v.id).ok).map((v) => v.id);
    expect(refused).toEqual(['vpc-00000', 'vpc-00001', 'vpc-00002', 'vpc-00003']);
  });
});
