import { describe, expect, it } from 'vitest';

import type { PeeringId } from '../../../shared/model/ids';
import type { Topology } from '../../../shared/model/topology';
import { peeringChecklist } from '../../../shared/planning/peering-checklist';
import { callKeys, callLine, planCalls, stepCall } from '../../../shared/planning/plan-calls';
import { planCompletion } from '../../../shared/planning/plan-completion';
import { planDeletion } from '../../../shared/planning/plan-deletion';
import { planPeering } from '../../../shared/planning/plan-peering';
import { PEERING_ID_REF, type PeeringPlan } from '../../../shared/planning/plan-types';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';
import { unpeeredPair } from './planning-fixtures';

const pcx = 'pcx-ab' as PeeringId;

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function createPlan(profiles?: Readonly<Record<string, readonly string[]>>): PeeringPlan {
  return must(planPeering(unpeeredPair({ profiles }).topology, { requesterVpcId: 'vpc-r', accepterVpcId: 'vpc-x', routeTables: ['rtb-r1', 'rtb-x1'], cidrs: ['10.1.0.0/16', '10.0.0.0/16'], name: 'r-to-x' }));
}

function withStatus(t: Topology, status: Topology['peerings'][number]['status']): Topology {
  return { ...t, peerings: t.peerings.map((p) => (p.id === pcx ? { ...p, status } : p)) };
}

describe('planCalls', () => {
  it('lists one call per ticked step with a profile, in plan order, with where it goes and its key parameters', () => {
    const plan = createPlan();
    const { calls, otherSide } = planCalls(plan);
    expect(calls.map((c) => [c.stepId, c.action, c.profile, c.accountId, c.region])).toEqual(plan.steps.map((s) => [s.id, s.action, s.profile, s.accountId, s.region]));
    expect(otherSide).toEqual([]);
    const create = calls[0]!;
    expect(create.keys).toEqual([
      { name: 'VpcId', value: 'vpc-r' },
      { name: 'PeerVpcId', value: 'vpc-x' },
      { name: 'PeerOwnerId', value: '222222222222' },
      { name: 'Tags', value: 'Name=r-to-x, peerscape:run-id and peerscape:call-id (this run\'s ids)' },
    ]);
    const route = calls.find((c) => c.action === 'CreateRoute')!;
    expect(route.keys).toEqual([
      { name: 'RouteTableId', value: 'rtb-r1' },
      { name: 'DestinationCidrBlock', value: '10.1.0.0/16' },
      { name: 'VpcPeeringConnectionId', value: 'the new peering' },
    ]);
    expect(callLine(route)).toBe('CreateRoute (profile profile-111111111111, account 111111111111, eu-west-1): RouteTableId=rtb-r1 DestinationCidrBlock=10.1.0.0/16 VpcPeeringConnectionId=the new peering');
  });

  it('reads unticked steps as the run does: when given, every other step is ticked; an unticked accept is left to the accepter', () => {
    const plan = createPlan();
    const { calls, otherSide } = planCalls(plan, { disabled: ['accept', 'route:rtb-x1:10.0.0.0/16'] });
    expect(calls.map((c) => c.stepId)).toEqual(['create', 'route:rtb-r1:10.1.0.0/16']);
    expect(otherSide.map((c) => c.stepId)).toEqual(['accept']);
    const defaultOff: PeeringPlan = { ...plan, steps: plan.steps.map((s) => (s.id === 'create' ? { ...s, enabled: false } : s)) };
    expect(planCalls(defaultOff).calls.map((c) => c.stepId)).not.toContain('create');
    expect(planCalls(defaultOff, { disabled: [] }).calls.map((c) => c.stepId)).toContain('create');
  });

  it('puts steps without a local profile under the other side, never among the calls Peerscape sends', () => {
    const plan = createPlan({ '222222222222': [] });
    const { calls, otherSide } = planCalls(plan);
    expect(calls.every((c) => c.accountId === '111111111111')).toBe(true);
    expect(otherSide.map((c) => c.action)).toEqual(['AcceptVpcPeeringConnection', 'CreateRoute']);
    expect(otherSide.every((c) => !('profile' in c))).toBe(true);
  });

  it('follows a resumed run: finished steps send nothing more, and the peering id it made fills the parameters; decisions pick ReplaceRoute or nothing', () => {
    const plan = createPlan();
    const run = { peeringId: 'pcx-0new', steps: plan.steps.map((s, i) => ({ stepId: s.id, status: i < 2 ? ('done' as const) : ('conflict' as const) })) };
    const resumed = planCalls(plan, { run, decisions: { 'route:rtb-x1:10.0.0.0/16': 'replace' } });
    expect(resumed.calls.map((c) => [c.stepId, c.action])).toEqual([
      ['accept', 'AcceptVpcPeeringConnection'],
      ['route:rtb-x1:10.0.0.0/16', 'ReplaceRoute'],
    ]);
    expect(resumed.calls[1]!.params).toMatchObject({ VpcPeeringConnectionId: 'pcx-0new' });
    expect(planCalls(plan, { run, decisions: { 'route:rtb-x1:10.0.0.0/16': 'skip' } }).calls.map((c) => c.stepId)).toEqual(['accept']);
    const route = plan.steps.find((s) => s.kind === 'create-route')!;
    expect(stepCall(route, undefined)?.params).toMatchObject({ VpcPeeringConnectionId: PEERING_ID_REF });
  });

  it('names a rule by its ports and sources, and a DNS option by its side', () => {
    const t = buildPeeredPair();
    const rules = must(planCompletion(t, pcx, undefined, { withoutRoutes: true, securityGroupRules: [{ groupIds: ['sg-app'], protocol: 'tcp', ports: { from: 443, to: 443 }, source: 'cidr' }] }));
    expect(planCalls(rules).calls[0]!.keys).toEqual([
      { name: 'GroupId', value: 'sg-app' },
      { name: 'IpPermissions', value: 'tcp 443 from 10.1.0.0/16, 2600:1f18:b::/56' },
    ]);
    const off: Topology = { ...t, peerings: t.peerings.map((p) => ({ ...p, requester: { ...p.requester, allowDnsResolutionFromRemoteVpc: false } })) };
    const dns = must(planCompletion(off, pcx, undefined, { withoutRoutes: true, dns: { requester: true } }));
    expect(planCalls(dns).calls[0]!.keys).toEqual([
      { name: 'VpcPeeringConnectionId', value: 'pcx-ab' },
      { name: 'RequesterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc', value: 'true' },
    ]);
    expect(callKeys({ action: 'DeleteRoute', params: { RouteTableId: 'rtb-1', DestinationIpv6CidrBlock: '2600::/56', DryRun: true } })).toEqual([
      { name: 'RouteTableId', value: 'rtb-1' },
      { name: 'DestinationIpv6CidrBlock', value: '2600::/56' },
    ]);
  });
});

describe('stale routes of a peering that ended', () => {
  it('are a checklist step whose button plans exactly their DeleteRoutes, nothing else', () => {
    const t = withStatus(buildPeeredPair(), 'deleted');
    const checklist = must(peeringChecklist(t, pcx));
    const item = checklist.items.find((i) => i.id === 'stale-routes');
    const routes = t.routeTables.flatMap((rt) => rt.routes.filter((r) => r.target.kind === 'peering' && r.target.peeringId === pcx).map((r) => `${r.destination} in ${rt.id}`));
    expect(routes.length).toBeGreaterThan(1);
    expect(item).toMatchObject({ state: 'todo', action: { kind: 'remove-stale-routes', label: `Remove ${routes.length} stale routes` } });
    expect(item!.detail).toContain(`still point at ${pcx}, which is deleted`);
    const plan = must(planDeletion(t, pcx, undefined, { staleRoutesOnly: true }));
    const { calls } = planCalls(plan);
    expect(calls.map((c) => c.action)).toEqual(routes.map(() => 'DeleteRoute'));
    expect(calls.map((c) => `${c.keys[1]!.value} in ${c.keys[0]!.value}`).sort()).toEqual([...routes].sort());
    expect(plan.title).toBe(`Remove the ${routes.length} stale routes to ${pcx} (deleted)`);
  });

  it('are not there for a live peering, nor once no route points at it; the other side gets commands when no profile acts there', () => {
    const live = buildPeeredPair();
    expect(must(peeringChecklist(live, pcx)).items.some((i) => i.id === 'stale-routes')).toBe(false);
    expect(planDeletion(live, pcx, undefined, { staleRoutesOnly: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const deleted = withStatus(live, 'rejected');
    const clean: Topology = { ...deleted, routeTables: deleted.routeTables.map((rt) => ({ ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') })) };
    expect(must(peeringChecklist(clean, pcx)).items.some((i) => i.id === 'stale-routes')).toBe(false);
    expect(planDeletion(clean, pcx, undefined, { staleRoutesOnly: true })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const noProfiles = must(peeringChecklist(deleted, pcx, {}));
    const action = noProfiles.items.find((i) => i.id === 'stale-routes')?.action;
    expect(action?.kind).toBe('ask-other-side');
    expect(action?.kind === 'ask-other-side' && action.instructions[0]).toMatch(/^aws ec2 delete-route --route-table-id rtb-\S+ --destination-(ipv6-)?cidr-block \S+ --region /);
  });
});
