import { describe, expect, it } from 'vitest';

import type { Result } from '../../../shared/core/result';
import { planPeering, type PeeringRequest } from '../../../shared/planning/plan-peering';
import type { PeeringPlan, PlanStep } from '../../../shared/planning/plan-types';
import { findBrokenDependencies, PEERING_ID_REF, resolvePeeringRef, withDisabledSteps } from '../../../shared/planning/plan-types';
import { route, routeTable, topology as buildTopology } from '../../support/fixtures/build-topology';
import { unpeeredPair } from './planning-fixtures';

function expectPlan(r: Result<PeeringPlan>): PeeringPlan {
  if (!r.ok) throw new Error(`expected a plan, got ${r.error.code}: ${r.error.message} / ${r.error.fix}`);
  return r.value;
}

function stepIds(plan: PeeringPlan): string[] {
  return plan.steps.map((s) => s.id);
}

function step(plan: PeeringPlan, id: string): PlanStep {
  const s = plan.steps.find((x) => x.id === id);
  if (!s) throw new Error(`no step ${id} in ${stepIds(plan).join(', ')}`);
  return s;
}

function ingressStep(plan: PeeringPlan, id: string): PlanStep<'authorize-ingress'> {
  const s = step(plan, id);
  if (s.kind !== 'authorize-ingress') throw new Error(`step ${id} is a ${s.kind} step, not authorize-ingress`);
  return s;
}

const base: PeeringRequest = { requesterVpcId: 'vpc-r', accepterVpcId: 'vpc-x' };

describe('planPeering', () => {
  it('plans a same-account peering that accepts itself with the requester profile, no peer owner or region', () => {
    const { topology } = unpeeredPair({ accepterAccount: '111111111111' });
    const plan = expectPlan(planPeering(topology, base));
    const create = step(plan, 'create');
    expect(create).toMatchObject({ kind: 'create', profile: 'profile-111111111111', accountId: '111111111111', region: 'eu-west-1', action: 'CreateVpcPeeringConnection' });
    expect(create.params).toEqual({
      VpcId: 'vpc-r',
      PeerVpcId: 'vpc-x',
      TagSpecifications: [{ ResourceType: 'vpc-peering-connection', Tags: [{ Key: 'Name', Value: 'app-to-db' }] }],
    });
    expect(create.cleanup).toMatchObject({ action: 'DeleteVpcPeeringConnection', params: { VpcPeeringConnectionId: PEERING_ID_REF } });
    expect(step(plan, 'accept')).toMatchObject({ profile: 'profile-111111111111', accountId: '111111111111', region: 'eu-west-1', dependsOn: ['create'] });
    expect(plan.steps.every((s) => s.enabled)).toBe(true);
  });

  it('sends the peer owner and region of a cross-account, cross-region peering and accepts in the accepter region', () => {
    const { topology } = unpeeredPair({ accepterRegion: 'us-east-1' });
    const plan = expectPlan(planPeering(topology, { ...base, name: 'app db' }));
    expect(step(plan, 'create').params).toMatchObject({ PeerOwnerId: '222222222222', PeerRegion: 'us-east-1' });
    expect(step(plan, 'create').title).toContain('peer owner 222222222222; peer region us-east-1');
    const accept = step(plan, 'accept');
    expect(accept).toMatchObject({ profile: 'profile-222222222222', accountId: '222222222222', region: 'us-east-1', action: 'AcceptVpcPeeringConnection' });
    const accepterRoute = step(plan, 'route:rtb-x1:10.0.0.0/16');
    expect(accepterRoute).toMatchObject({ region: 'us-east-1', profile: 'profile-222222222222', dependsOn: ['accept'] });
  });

  it('routes every peer block, secondary and IPv6, in exactly the tables the subnets use (main included for unassociated subnets)', () => {
    const { topology } = unpeeredPair();
    const plan = expectPlan(planPeering(topology, base));
    expect(stepIds(plan)).toEqual([
      'create',
      'route:rtb-r1:10.1.0.0/16',
      'route:rtb-r1:2600:1f18:b::/56',
      'route:rtb-rmain:10.1.0.0/16',
      'route:rtb-rmain:2600:1f18:b::/56',
      'accept',
      'route:rtb-x1:10.0.0.0/16',
      'route:rtb-x1:10.2.0.0/16',
      'route:rtb-x1:2600:1f18:a::/56',
    ]);
    expect(step(plan, 'route:rtb-r1:2600:1f18:b::/56').params).toEqual({
      RouteTableId: 'rtb-r1',
      DestinationIpv6CidrBlock: '2600:1f18:b::/56',
      VpcPeeringConnectionId: PEERING_ID_REF,
    });
    expect(step(plan, 'route:rtb-x1:10.2.0.0/16').cleanup).toEqual({
      action: 'DeleteRoute',
      params: { RouteTableId: 'rtb-x1', DestinationCidrBlock: '10.2.0.0/16' },
      title: 'Delete the route 10.2.0.0/16 from rtb-x1',
    });
  });

  it('leaves out IPv6 routes from a VPC without IPv6 and says why', () => {
    const { topology } = unpeeredPair({ accepterIpv6: false });
    const plan = expectPlan(planPeering(topology, base));
    expect(stepIds(plan).filter((id) => id.startsWith('route:rtb-x1'))).toEqual(['route:rtb-x1:10.0.0.0/16', 'route:rtb-x1:10.2.0.0/16']);
    expect(plan.notes.map((n) => n.message).join(' ')).toContain('IPv6 block 2600:1f18:a::/56 is not routed from db (vpc-x)');
  });

  it('routes only the chosen tables and CIDRs, each on the side of the VPC that owns the table', () => {
    const { topology } = unpeeredPair();
    const plan = expectPlan(planPeering(topology, { ...base, routeTables: ['rtb-rspare', 'rtb-x1'], cidrs: ['10.1.1.0/24', '10.2.0.0/16'] }));
    expect(stepIds(plan)).toEqual(['create', 'route:rtb-rspare:10.1.1.0/24', 'accept', 'route:rtb-x1:10.2.0.0/16']);
  });

  it('refuses a route table of a third VPC, an unknown table and a CIDR outside both VPCs, saying what to pick', () => {
    const { topology: t } = unpeeredPair();
    const third = buildTopology({ ...t, routeTables: [...t.routeTables, { ...routeTable('rtb-z', t.vpcs[0]!), vpcId: 'vpc-z' }] });
    const wrongTable = planPeering(third, { ...base, routeTables: ['rtb-z'] });
    expect(wrongTable.ok || wrongTable.error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('belongs to vpc-z') });
    const unknown = planPeering(t, { ...base, routeTables: ['rtb-nope'] });
    expect(unknown.ok || unknown.error.message).toContain('rtb-nope is not in the scanned topology');
    const outside = planPeering(t, { ...base, cidrs: ['192.168.0.0/24'] });
    expect(outside.ok || outside.error).toMatchObject({ message: expect.stringContaining('192.168.0.0/24 is not inside any block'), fix: expect.stringContaining('Route only addresses') });
    const hostBits = planPeering(t, { ...base, cidrs: ['10.1.0.1/16'] });
    expect(hostBits.ok || hostBits.error.fix).toContain('10.1.0.0/16');
  });

  it('refuses what validatePeering refuses, with its fix', () => {
    const { topology: t } = unpeeredPair();
    const overlapping = buildTopology({ ...t, vpcs: t.vpcs.map((v) => (v.id === 'vpc-x' ? { ...v, cidrBlocks: [{ cidr: '10.0.128.0/17', family: 'ipv4', primary: true, state: 'associated' }] } : v)) });
    const r = planPeering(overlapping, base);
    expect(r.ok || r.error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('overlaps'), fix: expect.stringContaining('Re-address') });
    const self = planPeering(t, { requesterVpcId: 'vpc-r', accepterVpcId: 'vpc-r' });
    expect(self.ok).toBe(false);
  });

  it('plans the accept without a profile when none acts in the accepter account, and says the owner must accept', () => {
    const { topology } = unpeeredPair({ profiles: { '222222222222': [] } });
    const plan = expectPlan(planPeering(topology, base));
    const accept = step(plan, 'accept');
    expect(accept.profile).toBeUndefined();
    expect(accept.title).toContain('no local profile');
    expect(step(plan, 'route:rtb-x1:10.0.0.0/16').profile).toBeUndefined();
    expect(plan.notes[0]?.message).toContain('its owner must accept the request in eu-west-1 within 7 days');
  });

  it('refuses to plan when no profile can send the request', () => {
    const { topology } = unpeeredPair({ profiles: { '111111111111': [] } });
    const r = planPeering(topology, base);
    expect(r.ok || r.error).toMatchObject({ code: 'unauthorized', fix: expect.stringContaining('Add a profile for account 111111111111') });
  });

  it('uses an explicitly chosen profile, and refuses one not known to act in the account', () => {
    const { topology } = unpeeredPair({ profiles: { '111111111111': ['a1', 'a2'], '222222222222': ['b1'] } });
    expect(step(expectPlan(planPeering(topology, { ...base, requesterProfile: 'a2' })), 'create').profile).toBe('a2');
    const r = planPeering(topology, { ...base, accepterProfile: 'a1' });
    expect(r.ok || r.error.message).toContain('Profile "a1" is not known to act in account 222222222222');
  });

  it('allows the peer CIDRs into chosen groups, marking each rule with the peering so deletion can find it', () => {
    const { topology } = unpeeredPair();
    const plan = expectPlan(planPeering(topology, { ...base, securityGroupRules: [{ groupIds: ['sg-x'], protocol: 'tcp', ports: { from: 5432, to: 5432 }, source: 'cidr' }] }));
    const s = step(plan, 'ingress:sg-x:1');
    expect(s).toMatchObject({ kind: 'authorize-ingress', side: 'accepter', profile: 'profile-222222222222', dependsOn: ['accept'], needsActive: false });
    expect(s.params).toEqual({
      GroupId: 'sg-x',
      IpPermissions: [
        {
          IpProtocol: 'tcp',
          FromPort: 5432,
          ToPort: 5432,
          IpRanges: [
            { CidrIp: '10.0.0.0/16', Description: `peerscape ${PEERING_ID_REF} from vpc-r` },
            { CidrIp: '10.2.0.0/16', Description: `peerscape ${PEERING_ID_REF} from vpc-r` },
          ],
          Ipv6Ranges: [{ CidrIpv6: '2600:1f18:a::/56', Description: `peerscape ${PEERING_ID_REF} from vpc-r` }],
        },
      ],
    });
    expect(s.cleanup?.action).toBe('RevokeSecurityGroupIngress');
    expect(stepIds(plan).indexOf('ingress:sg-x:1')).toBeGreaterThan(stepIds(plan).indexOf('accept'));
  });

  it('references the peer group account-qualified across accounts in one region, after the peering is active', () => {
    const { topology } = unpeeredPair();
    const plan = expectPlan(planPeering(topology, { ...base, securityGroupRules: [{ groupIds: ['sg-x', 'sg-r'], protocol: 'tcp', ports: { from: 443, to: 443 }, source: 'sg-reference' }] }));
    const onX = ingressStep(plan, 'ingress:sg-x:1');
    expect(onX.params.IpPermissions).toEqual([
      { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-r', UserId: '111111111111', Description: `peerscape ${PEERING_ID_REF} from vpc-r` }] },
    ]);
    expect(onX).toMatchObject({ needsActive: true, dependsOn: ['accept'] });
    expect(ingressStep(plan, 'ingress:sg-r:2').params.IpPermissions).toEqual([
      expect.objectContaining({ UserIdGroupPairs: [expect.objectContaining({ GroupId: 'sg-x', UserId: '222222222222' })] }),
    ]);
  });

  it('refuses a security-group reference across regions and points at the CIDR source instead', () => {
    const { topology } = unpeeredPair({ accepterRegion: 'us-east-1' });
    const r = planPeering(topology, { ...base, securityGroupRules: [{ groupIds: ['sg-x', 'sg-r'], protocol: 'tcp', ports: { from: 443, to: 443 }, source: 'sg-reference' }] });
    expect(r.ok || r.error).toMatchObject({ message: expect.stringContaining('only within one region'), fix: "Use source 'cidr' to allow the peer's CIDR blocks instead." });
  });

  it('refuses rules without ports, with ports out of range or backwards, or on a group of another VPC', () => {
    const { topology } = unpeeredPair();
    const rules = (r: PeeringRequest['securityGroupRules']) => planPeering(topology, { ...base, securityGroupRules: r });
    const noPorts = rules([{ groupIds: ['sg-x'], protocol: 'tcp', source: 'cidr' }]);
    expect(noPorts.ok || noPorts.error.fix).toContain('443 to 443');
    const big = rules([{ groupIds: ['sg-x'], protocol: 'udp', ports: { from: 1, to: 70000 }, source: 'cidr' }]);
    expect(big.ok || big.error.message).toContain('port 70000 is outside 0–65535');
    const backwards = rules([{ groupIds: ['sg-x'], protocol: 'tcp', ports: { from: 90, to: 80 }, source: 'cidr' }]);
    expect(backwards.ok || backwards.error.fix).toBe('Write it as 80 to 90.');
    const unknown = rules([{ groupIds: ['sg-nope'], protocol: '-1', source: 'cidr' }]);
    expect(unknown.ok || unknown.error.message).toContain('sg-nope is not in the scanned topology');
    const all = expectPlan(rules([{ groupIds: ['sg-r'], protocol: '-1', source: 'cidr' }]));
    expect(ingressStep(all, 'ingress:sg-r:1').params.IpPermissions).toEqual([expect.objectContaining({ IpProtocol: '-1' })]);
    expect(ingressStep(all, 'ingress:sg-r:1').params.IpPermissions).toEqual([expect.not.objectContaining({ FromPort: expect.anything() })]);
  });

  it('sets DNS resolution per side, by that side in its own region, once active', () => {
    const { topology } = unpeeredPair({ accepterRegion: 'us-east-1' });
    const plan = expectPlan(planPeering(topology, { ...base, dns: { requester: true, accepter: true } }));
    expect(step(plan, 'dns:requester')).toMatchObject({
      region: 'eu-west-1',
      profile: 'profile-111111111111',
      needsActive: true,
      params: { VpcPeeringConnectionId: PEERING_ID_REF, RequesterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: true } },
    });
    expect(step(plan, 'dns:accepter')).toMatchObject({
      region: 'us-east-1',
      profile: 'profile-222222222222',
      params: { AccepterPeeringConnectionOptions: { AllowDnsResolutionFromRemoteVpc: true } },
    });
  });

  it('warns while planning about a route that already sends the destination elsewhere', () => {
    const { topology: t } = unpeeredPair();
    const conflicting = buildTopology({
      ...t,
      routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-r1' ? { ...rt, routes: [...rt.routes, route('10.1.0.0/16', 'tgw-1')] } : rt)),
    });
    const plan = expectPlan(planPeering(conflicting, base));
    expect(step(plan, 'route:rtb-r1:10.1.0.0/16').warning).toContain('already routes 10.1.0.0/16 to tgw-1');
  });

  it('warns about the static route of the destination, not a propagated one listed before it', () => {
    const { topology: t } = unpeeredPair();
    const vpn = { ...route('10.1.0.0/16', 'vgw-1'), origin: 'EnableVgwRoutePropagation' };
    const withRoutes = (extra: readonly (typeof vpn)[]) =>
      expectPlan(planPeering(buildTopology({ ...t, routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-r1' ? { ...rt, routes: [...rt.routes, ...extra] } : rt)) }), base));
    expect(step(withRoutes([vpn, route('10.1.0.0/16', 'tgw-1')]), 'route:rtb-r1:10.1.0.0/16').warning).toContain('already routes 10.1.0.0/16 to tgw-1');
    expect(step(withRoutes([vpn]), 'route:rtb-r1:10.1.0.0/16').warning).toBe('rtb-r1 has 10.1.0.0/16 propagated from vgw-1: the new route takes priority over it.');
  });

  it('lets steps be unticked, and names the dependency to tick again when one is needed', () => {
    const { topology } = unpeeredPair();
    const plan = expectPlan(planPeering(topology, base));
    const { plan: edited, unknown } = withDisabledSteps(plan, ['create', 'nope']);
    expect(unknown).toEqual(['nope']);
    expect(edited.steps.find((s) => s.id === 'create')?.enabled).toBe(false);
    expect(findBrokenDependencies(edited)).toContainEqual({ stepId: 'route:rtb-r1:10.1.0.0/16', missing: 'create' });
    // An unticked accept is somebody else's job: the run waits for it instead of refusing.
    expect(findBrokenDependencies(withDisabledSteps(plan, ['accept']).plan)).toEqual([]);
  });

  it('fills the peering id into every parameter once it is known', () => {
    const { topology } = unpeeredPair();
    const plan = expectPlan(planPeering(topology, { ...base, securityGroupRules: [{ groupIds: ['sg-x'], protocol: 'tcp', ports: { from: 1, to: 2 }, source: 'cidr' }] }));
    const resolved = resolvePeeringRef(step(plan, 'ingress:sg-x:1').params, 'pcx-0123');
    expect(JSON.stringify(resolved)).not.toContain(PEERING_ID_REF);
    expect(JSON.stringify(resolved)).toContain('peerscape pcx-0123 from vpc-r');
  });

  it('is plain data that survives structuredClone', () => {
    const { topology } = unpeeredPair();
    const plan = expectPlan(planPeering(topology, { ...base, dns: { requester: true } }));
    expect(structuredClone(plan)).toEqual(plan);
  });
});
