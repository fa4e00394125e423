import { describe, expect, it } from 'vitest';

import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { NetworkAcl, NetworkAclEntry } from '../../../shared/model/kinds/network-acl';
import type { Topology } from '../../../shared/model/topology';
import { freeRuleNumber } from '../../../shared/analysis/acl-rule-numbers';
import { planPathFix, type PathFix } from '../../../shared/planning/plan-path-fix';
import type { PlanStep } from '../../../shared/planning/plan-types';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';
import { peering, route, routeTable, rule, securityGroup, subnet, topology, vpc } from '../../support/fixtures/build-topology';
import { unpeeredPair } from './planning-fixtures';

function planOf(fix: ReturnType<typeof planPathFix>): Extract<PathFix, { status: 'plan' }> {
  if (!fix.ok) throw new Error(`${fix.error.message} ${fix.error.fix}`);
  if (fix.value.status !== 'plan') throw new Error(fix.value.message);
  return fix.value;
}

const ids = (steps: readonly PlanStep[]) => steps.map((s) => s.id);

function entry(ruleNumber: number, egress: boolean, action: 'allow' | 'deny', cidr: string, protocol = '-1', ports?: [number, number]): NetworkAclEntry {
  return { ruleNumber, egress, action, cidr, protocol, ...(ports ? { fromPort: ports[0], toPort: ports[1] } : {}) };
}

/** An ACL of `vpcId` guarding `subnetIds`, with the `*` deny closing each direction. */
function acl(id: `acl-${string}`, t: Topology, vpcId: string, subnetIds: readonly string[], entries: readonly NetworkAclEntry[], isDefault = false): NetworkAcl {
  const v = t.vpcs.find((x) => x.id === vpcId)!;
  return {
    id,
    vpcId: v.id,
    accountId: v.accountId,
    region: v.region,
    isDefault,
    subnetIds: subnetIds as NetworkAcl['subnetIds'],
    entries: [...entries, entry(32767, false, 'deny', '0.0.0.0/0'), entry(32767, true, 'deny', '0.0.0.0/0')],
  };
}

/** The default ACL AWS gives a VPC: allow all both ways at 100. */
function openAcl(id: `acl-${string}`, t: Topology, vpcId: string): NetworkAcl {
  return acl(id, t, vpcId, [], [entry(100, false, 'allow', '0.0.0.0/0'), entry(100, true, 'allow', '0.0.0.0/0')], true);
}

/** The peered pair with default ACLs on both VPCs: everything is in place for tcp 5432. */
function workingPair(): Topology {
  const t = buildPeeredPair();
  return { ...t, networkAcls: [openAcl('acl-a', t, 'vpc-a'), openAcl('acl-b', t, 'vpc-b')] };
}

describe('planPathFix', () => {
  it('proposes nothing when the path already works, ACLs included', () => {
    const fix = planPathFix(workingPair(), { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 });
    expect(fix.ok && fix.value.status).toBe('nothing-to-fix');
    if (fix.ok && fix.value.status === 'nothing-to-fix') expect(fix.value.message).toContain('Nothing to change');
  });

  it('plans the missing direct peering through planPeering, routing only the tables of the subnets involved', () => {
    const { topology: t } = unpeeredPair();
    const fix = planOf(planPathFix(t, { from: 'subnet-r1', to: 'subnet-x1', protocol: 'tcp', port: 5432 }));
    expect(fix.proposesPeering).toBe(true);
    expect(fix.plan.purpose).toBe('fix-path');
    const create = fix.plan.steps.find((s) => s.kind === 'create')!;
    // Cross-account, as the drag-to-peer plan makes it.
    expect(create.params).toMatchObject({ VpcId: 'vpc-r', PeerVpcId: 'vpc-x', PeerOwnerId: '222222222222' });
    expect(fix.plan.steps.some((s) => s.kind === 'accept')).toBe(true);
    const routes = fix.plan.steps.filter((s) => s.kind === 'create-route');
    // subnet-r1 uses rtb-r1 only (not the main or spare tables); subnet-x1 uses rtb-x1 (not rtb-xmain); whole blocks are routed.
    expect(ids(routes).sort()).toEqual(['route:rtb-r1:10.1.0.0/16', 'route:rtb-x1:10.0.0.0/16']);
    // sg-x already allows tcp 5432 from 10.0.0.0/16 and sg-r allows all egress: no rule is proposed again.
    expect(fix.plan.steps.filter((s) => s.kind === 'authorize-ingress' || s.kind === 'authorize-egress')).toEqual([]);
  });

  it('routes only the missing direction over an existing peering', () => {
    const base = workingPair();
    const t: Topology = { ...base, routeTables: base.routeTables.map((rt) => (rt.id === 'rtb-bmain' ? { ...rt, routes: rt.routes.filter((r) => r.target.kind === 'local') } : rt)) };
    expect(explainReachability(t, 'subnet-a1', 'subnet-b1', { protocol: 'tcp', port: 5432 }).verdict).toBe('unreachable');
    const fix = planOf(planPathFix(t, { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 }));
    expect(fix.proposesPeering).toBe(false);
    expect(fix.plan.peeringId).toBe('pcx-ab');
    expect(ids(fix.plan.steps)).toEqual(['route:rtb-bmain:10.0.0.0/16']);
    expect(fix.plan.steps[0]!.params).toMatchObject({ VpcPeeringConnectionId: 'pcx-ab', DestinationCidrBlock: '10.0.0.0/16' });
    expect(fix.plan.steps[0]!.side).toBe('accepter');
  });

  it('accepts a pending peering instead of requesting another', () => {
    const base = workingPair();
    const t: Topology = { ...base, peerings: base.peerings.map((p) => ({ ...p, status: 'pending-acceptance' as const })) };
    const fix = planOf(planPathFix(t, { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 }));
    expect(ids(fix.plan.steps)).toEqual(['accept']);
    expect(fix.plan.steps[0]!.params).toEqual({ VpcPeeringConnectionId: 'pcx-ab' });
  });

  it("adds one ingress rule on the destination referencing the source's group in one region", () => {
    const fix = planOf(planPathFix(workingPair(), { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 443 }));
    expect(ids(fix.plan.steps)).toEqual(['ingress:sg-db:path']);
    const step = fix.plan.steps[0]!;
    expect(step.kind).toBe('authorize-ingress');
    expect(step.params).toEqual({
      GroupId: 'sg-db',
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-app', UserId: '111111111111', Description: 'peerscape path fix vpc-a to vpc-b' }] }],
    });
    // The peering is active already: the reference waits for nothing.
    expect(step.needsActive).toBe(false);
  });

  it('allows the source CIDR across regions, where group references do not work', () => {
    const { topology: t } = unpeeredPair({ accepterRegion: 'us-east-1' });
    const fix = planOf(planPathFix(t, { from: 'subnet-r1', to: 'subnet-x1', protocol: 'tcp', port: 443 }));
    const ingress = fix.plan.steps.filter((s) => s.kind === 'authorize-ingress');
    expect(ingress).toHaveLength(1);
    expect(ingress[0]!.params).toMatchObject({ GroupId: 'sg-x', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.1.0/24' }] }] });
    expect(fix.plan.steps.find((s) => s.kind === 'create')!.params).toMatchObject({ PeerRegion: 'us-east-1' });
  });

  it("adds egress on the source only when its groups' egress does not allow the traffic", () => {
    const base = workingPair();
    const t: Topology = { ...base, securityGroups: base.securityGroups.map((g) => (g.id === 'sg-app' ? { ...g, egress: [rule('tcp', 443, '0.0.0.0/0')] } : g)) };
    const fix = planOf(planPathFix(t, { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 }));
    expect(ids(fix.plan.steps)).toEqual(['egress:sg-app:path']);
    expect(fix.plan.steps[0]!).toMatchObject({ kind: 'authorize-egress', action: 'AuthorizeSecurityGroupEgress', params: { GroupId: 'sg-app' } });
    expect(fix.plan.steps[0]!.cleanup?.action).toBe('RevokeSecurityGroupEgress');
  });

  it('adds an ACL allow entry below the deciding deny, and the return traffic its ephemeral ports', () => {
    const base = workingPair();
    const aclB = acl('acl-b1', base, 'vpc-b', ['subnet-b1'], [
      entry(10, false, 'allow', '192.168.0.0/16'),
      entry(50, false, 'deny', '10.0.0.0/8'),
      entry(100, false, 'allow', '0.0.0.0/0'),
      // Outbound allows only tcp 5432 onwards: the reply to the client's ephemeral port is dropped by `*`.
      entry(100, true, 'allow', '10.0.0.0/16', '6', [5432, 5432]),
    ]);
    const t: Topology = { ...base, networkAcls: [openAcl('acl-a', base, 'vpc-a'), openAcl('acl-bdefault', base, 'vpc-b'), aclB] };
    const fix = planOf(planPathFix(t, { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 }));
    expect(ids(fix.plan.steps)).toEqual(['acl:acl-b1:in:20', 'acl:acl-b1:out:110']);
    expect(fix.plan.steps[0]!.params).toEqual({ NetworkAclId: 'acl-b1', RuleNumber: 20, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.1.0/24', PortRange: { From: 5432, To: 5432 } });
    expect(fix.plan.steps[1]!.params).toEqual({ NetworkAclId: 'acl-b1', RuleNumber: 110, Egress: true, Protocol: '6', RuleAction: 'allow', CidrBlock: '10.0.1.0/24', PortRange: { From: 1024, To: 65535 } });
    expect(fix.plan.steps[0]!.cleanup).toMatchObject({ action: 'DeleteNetworkAclEntry', params: { NetworkAclId: 'acl-b1', RuleNumber: 20, Egress: false } });
    expect(fix.plan.steps[0]!.title).toContain('rule 50 denies it');
  });

  it('checks the source subnet ACL both ways too', () => {
    const base = workingPair();
    const aclA = acl('acl-a1', base, 'vpc-a', ['subnet-a1'], [entry(100, true, 'allow', '0.0.0.0/0')]);
    const t: Topology = { ...base, networkAcls: [openAcl('acl-adefault', base, 'vpc-a'), aclA, openAcl('acl-b', base, 'vpc-b')] };
    const fix = planOf(planPathFix(t, { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 }));
    // Inbound of the source's subnet: only the `*` deny, so the reply needs an allow on 1024-65535.
    expect(ids(fix.plan.steps)).toEqual(['acl:acl-a1:in:10']);
    expect(fix.plan.steps[0]!.params).toMatchObject({ CidrBlock: '10.1.1.0/24', PortRange: { From: 1024, To: 65535 }, Egress: false });
  });

  it("plans an entry for exactly the ACL hops the explainer finds blocked, with the explainer's deny", () => {
    const base = workingPair();
    // Inbound allows part of the source subnet, which the explainer passes; outbound denies the reply at 40.
    const aclB = acl('acl-b1', base, 'vpc-b', ['subnet-b1'], [entry(100, false, 'allow', '10.0.1.0/25'), entry(40, true, 'deny', '10.0.0.0/8'), entry(100, true, 'allow', '0.0.0.0/0')]);
    const t: Topology = { ...base, networkAcls: [openAcl('acl-a', base, 'vpc-a'), openAcl('acl-bdefault', base, 'vpc-b'), aclB] };
    const fix = planOf(planPathFix(t, { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 }));
    const blocked = fix.explanation.checks.filter((c) => c.blockedBy?.kind === 'nacl').map((c) => c.kind);
    expect(blocked).toEqual(['destination-acl-return']);
    expect(ids(fix.plan.steps)).toEqual(['acl:acl-b1:out:10']);
    expect(fix.plan.steps[0]!.title).toContain('rule 40 denies it');
    // The explainer's fix sentence gives the same rule number.
    expect(fix.explanation.checks.find((c) => c.kind === 'destination-acl-return')!.fix).toContain('--rule-number 10 ');
  });

  it('says why instead of a plan when the VPCs overlap', () => {
    const a = vpc('vpc-1', '10.0.0.0/16', { name: 'one' });
    const b = vpc('vpc-2', '10.0.0.0/16', { name: 'two' });
    const t = topology({
      vpcs: [a, b],
      subnets: [subnet('subnet-1', a, '10.0.1.0/24'), subnet('subnet-2', b, '10.0.2.0/24')],
      routeTables: [routeTable('rtb-1', a, { main: true }), routeTable('rtb-2', b, { main: true })],
      securityGroups: [securityGroup('sg-1', a), securityGroup('sg-2', b)],
    });
    const fix = planPathFix(t, { from: 'vpc-1', to: 'vpc-2' });
    expect(fix.ok).toBe(false);
    if (!fix.ok) {
      expect(fix.error.message).toMatch(/cannot be fixed/);
      expect(fix.error.message).toMatch(/overlap/i);
    }
  });

  it('refuses an unknown endpoint with what to fix', () => {
    const fix = planPathFix(workingPair(), { from: 'vpc-nope', to: 'vpc-b' });
    expect(fix.ok).toBe(false);
    if (!fix.ok) expect(fix.error.message).toContain('vpc-nope');
  });

  it('after the planned changes, the explainer says reachable', () => {
    // Apply the plan's route and rule steps to the topology as AWS would, then ask again.
    const { topology: t } = unpeeredPair();
    const fix = planOf(planPathFix(t, { from: 'subnet-r1', to: 'subnet-x1', protocol: 'tcp', port: 443 }));
    const r = t.vpcs[0]!;
    const x = t.vpcs[1]!;
    const pcx = { ...peering('pcx-new', r, x), id: 'pcx-new' as const };
    const after: Topology = {
      ...t,
      // Read with the default ACLs AWS gives each VPC: without ACLs in the snapshot the explainer cannot decide them.
      networkAcls: [openAcl('acl-r', t, 'vpc-r'), openAcl('acl-x', t, 'vpc-x')],
      peerings: [pcx],
      routeTables: t.routeTables.map((rt) => {
        const added = fix.plan.steps.filter((s) => s.kind === 'create-route' && s.params.RouteTableId === rt.id);
        return { ...rt, routes: [...rt.routes, ...added.map((s) => route(s.target!.destination!, 'pcx-new'))] };
      }),
      securityGroups: t.securityGroups.map((g) => (g.id === 'sg-x' ? { ...g, ingress: [...g.ingress, rule('tcp', 443, 'sg-r')] } : g)),
    };
    expect(explainReachability(after, 'subnet-r1', 'subnet-x1', { protocol: 'tcp', port: 443 }).verdict).toBe('reachable');
    expect(planPathFix(after, { from: 'subnet-r1', to: 'subnet-x1', protocol: 'tcp', port: 443 })).toMatchObject({ ok: true, value: { status: 'nothing-to-fix' } });
  });
});

describe('freeRuleNumber', () => {
  it('takes the next ten above the highest entry below the deny, else the highest free number below it', () => {
    expect(freeRuleNumber(new Set([100, 32767]), 32767)).toBe(110);
    expect(freeRuleNumber(new Set([10, 50, 100]), 50)).toBe(20);
    expect(freeRuleNumber(new Set([1, 2, 3]), 3)).toBe(undefined);
    expect(freeRuleNumber(new Set([18, 20]), 20)).toBe(19);
  });
});
