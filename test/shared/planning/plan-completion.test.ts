import { describe, expect, it } from 'vitest';

import type { Peering, Topology } from '../../../shared/model/topology';
import { planCompletion } from '../../../shared/planning/plan-completion';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

function patchPeering(t: Topology, patch: Partial<Peering>): Topology {
  return { ...t, peerings: t.peerings.map((p) => ({ ...p, ...patch })) };
}

function withoutPeeringRoutes(t: Topology, vpcId: string): Topology {
  return { ...t, routeTables: t.routeTables.map((rt) => (rt.vpcId === vpcId ? { ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') } : rt)) };
}

describe('planCompletion', () => {
  it('accepts a pending request only when asked, and then adds the accepter routes after it', () => {
    const t = withoutPeeringRoutes(patchPeering(buildPeeredPair(), { status: 'pending-acceptance' }), 'vpc-b');
    const r = planCompletion(t, 'pcx-ab', undefined, { accept: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.purpose).toBe('accept');
    expect(r.value.steps.map((s) => [s.id, s.profile, s.dependsOn])).toEqual([
      ['accept', 'profile-222222222222', []],
      ['route:rtb-bmain:10.0.0.0/16', 'profile-222222222222', ['accept']],
      ['route:rtb-bmain:2600:1f18:a::/56', 'profile-222222222222', ['accept']],
    ]);
    expect(r.value.steps[1]!.params).toEqual({ RouteTableId: 'rtb-bmain', DestinationCidrBlock: '10.0.0.0/16', VpcPeeringConnectionId: 'pcx-ab' });
  });

  it('plans the accept alone, or the routes of a pending peering alone: a plan never does more than it names', () => {
    const t = withoutPeeringRoutes(patchPeering(buildPeeredPair(), { status: 'pending-acceptance' }), 'vpc-b');
    const accept = planCompletion(t, 'pcx-ab', undefined, { accept: true, withoutRoutes: true });
    if (!accept.ok) throw new Error(accept.error.message);
    expect(accept.value.steps.map((s) => s.action)).toEqual(['AcceptVpcPeeringConnection']);
    expect(accept.value).toMatchObject({ purpose: 'accept', title: 'Accept pcx-ab' });
    const routes = planCompletion(t, 'pcx-ab', undefined, { sides: ['accepter'] });
    if (!routes.ok) throw new Error(routes.error.message);
    expect(routes.value.steps.map((s) => [s.action, s.dependsOn])).toEqual([
      ['CreateRoute', []],
      ['CreateRoute', []],
    ]);
    expect(routes.value).toMatchObject({ purpose: 'complete', title: 'Add 2 routes to pcx-ab' });
    const already = planCompletion(buildPeeredPair(), 'pcx-ab', undefined, { accept: true, withoutRoutes: true });
    expect(already.ok || already.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('already active') });
  });

  it('adds only the missing routes of an active peering, and DNS when asked', () => {
    const t = withoutPeeringRoutes(buildPeeredPair(), 'vpc-a');
    const r = planCompletion(t, 'pcx-ab', undefined, { dns: { accepter: true } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.steps.map((s) => s.id)).toEqual([
      'route:rtb-a1:10.1.0.0/16',
      'route:rtb-a1:2600:1f18:b::/56',
      'route:rtb-amain:10.1.0.0/16',
      'route:rtb-amain:2600:1f18:b::/56',
      'dns:accepter',
    ]);
    expect(r.value.steps[4]).toMatchObject({ region: 'eu-west-1', profile: 'profile-222222222222', dependsOn: [] });
  });

  it('limits routes to the chosen side', () => {
    const t = withoutPeeringRoutes(withoutPeeringRoutes(buildPeeredPair(), 'vpc-a'), 'vpc-b');
    const r = planCompletion(t, 'pcx-ab', undefined, { sides: ['accepter'] });
    expect(r.ok && r.value.steps.every((s) => s.side === 'accepter')).toBe(true);
  });

  it('refuses a final peering with its next step, and says when nothing is missing', () => {
    const rejected = planCompletion(patchPeering(buildPeeredPair(), { status: 'rejected' }), 'pcx-ab');
    expect(rejected.ok || rejected.error).toMatchObject({ code: 'conflict', fix: expect.stringContaining('request a new peering') });
    const nothing = planCompletion(buildPeeredPair(), 'pcx-ab');
    expect(nothing.ok || nothing.error.message).toContain('lacks nothing');
  });

  it('adds the security-group rules asked for to an active peering: the peer blocks in, named after the peering', () => {
    const t = buildPeeredPair();
    const r = planCompletion(t, 'pcx-ab', undefined, {
      withoutRoutes: true,
      securityGroupRules: [{ groupIds: ['sg-app', 'sg-db'], protocol: 'tcp', ports: { from: 443, to: 443 }, source: 'cidr' }],
    });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.steps.map((s) => [s.id, s.action, s.side, s.profile, s.dependsOn, s.needsActive])).toEqual([
      ['ingress:sg-app:1', 'AuthorizeSecurityGroupIngress', 'requester', 'profile-111111111111', [], false],
      ['ingress:sg-db:2', 'AuthorizeSecurityGroupIngress', 'accepter', 'profile-222222222222', [], false],
    ]);
    expect(r.value.steps[0]!.params).toEqual({
      GroupId: 'sg-app',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          IpRanges: [{ CidrIp: '10.1.0.0/16', Description: 'peerscape pcx-ab from vpc-b' }],
          Ipv6Ranges: [{ CidrIpv6: '2600:1f18:b::/56', Description: 'peerscape pcx-ab from vpc-b' }],
        },
      ],
    });
  });

  it('refuses rules on a group outside the two VPCs, and a reference to the peer\'s groups waits for the accept', () => {
    const t = buildPeeredPair();
    const outside = planCompletion(t, 'pcx-ab', undefined, { withoutRoutes: true, securityGroupRules: [{ groupIds: ['sg-nope'], protocol: '-1', source: 'cidr' }] });
    expect(outside.ok || outside.error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('sg-nope') });
    const pending = planCompletion(patchPeering(t, { status: 'pending-acceptance' }), 'pcx-ab', undefined, {
      accept: true,
      withoutRoutes: true,
      securityGroupRules: [{ groupIds: ['sg-db'], protocol: 'tcp', ports: { from: 5432, to: 5432 }, source: 'sg-reference', peerGroupIds: ['sg-app'] }],
    });
    if (!pending.ok) throw new Error(pending.error.message);
    expect(pending.value.steps.map((s) => [s.id, s.dependsOn, s.needsActive])).toEqual([
      ['accept', [], false],
      ['ingress:sg-db:1', ['accept'], true],
    ]);
    expect(pending.value.steps[1]!.params).toMatchObject({ IpPermissions: [{ UserIdGroupPairs: [{ GroupId: 'sg-app', UserId: '111111111111', Description: 'peerscape pcx-ab from vpc-a' }] }] });
  });

  it('lets the peer VPC\'s blocks in even when AWS reports the pending peering\'s accepter side empty', () => {
    const t = patchPeering(buildPeeredPair(), { status: 'pending-acceptance' });
    const emptySide: Topology = { ...t, peerings: t.peerings.map((p) => ({ ...p, accepter: { ...p.accepter, cidrBlocks: [], ipv6CidrBlocks: [] } })) };
    const r = planCompletion(emptySide, 'pcx-ab', undefined, { withoutRoutes: true, securityGroupRules: [{ groupIds: ['sg-app'], protocol: 'tcp', ports: { from: 443, to: 443 }, source: 'cidr' }] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.steps.find((s) => s.id === 'ingress:sg-app:1')!.params).toMatchObject({
      IpPermissions: [{ IpRanges: [{ CidrIp: '10.1.0.0/16' }], Ipv6Ranges: [{ CidrIpv6: '2600:1f18:b::/56' }] }],
    });
  });
});
