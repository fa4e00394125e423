import { describe, expect, it } from 'vitest';

import { mayHaveStaleLeftovers, staleRoutesOfVpc, staleRouteWords } from '../../../shared/analysis/peering-leftovers';
import type { StaleLeftovers, StaleRule } from '../../../shared/analysis/stale-rules';
import { staleRuleWords } from '../../../shared/analysis/stale-rules';
import { indexTopology } from '../../../shared/analysis/topology-index';
import type { PeeringId, SecurityGroupId, VpcId } from '../../../shared/model/ids';
import type { Peering, Topology } from '../../../shared/model/topology';
import { planStaleCleanup } from '../../../shared/planning/plan-stale-cleanup';
import { profilesFromTopology } from '../../../shared/planning/plan-types';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

const A = 'vpc-a' as VpcId;
const B = 'vpc-b' as VpcId;
const PCX = 'pcx-ab' as PeeringId;

function withStatus(t: Topology, status: Peering['status']): Topology {
  return { ...t, peerings: t.peerings.map((p) => ({ ...p, status })) };
}

/** AWS has forgotten the peering: the routes to it stay. */
function forgotten(t: Topology): Topology {
  return { ...t, peerings: [] };
}

const inbound: StaleRule = {
  vpcId: A,
  groupId: 'sg-app' as SecurityGroupId,
  groupName: 'app',
  direction: 'ingress',
  protocol: 'tcp',
  fromPort: 443,
  toPort: 443,
  peerGroupId: 'sg-db' as SecurityGroupId,
  peerGroupName: 'db',
  peerAccountId: '222222222222',
  peeringId: PCX,
  peeringStatus: 'deleted',
};
const outbound: StaleRule = { ...inbound, vpcId: B, groupId: 'sg-db' as SecurityGroupId, groupName: 'db', direction: 'egress', peerGroupId: 'sg-app' as SecurityGroupId, peerGroupName: 'app', peerAccountId: '111111111111' };

describe('stale routes of a VPC', () => {
  it('are the routes to a peering that ended or that AWS no longer lists; routes to a live peering are not', () => {
    const active = buildPeeredPair();
    expect(staleRoutesOfVpc(indexTopology(active), A)).toEqual([]);
    expect(staleRoutesOfVpc(indexTopology(withStatus(active, 'pending-acceptance')), A)).toEqual([]);
    expect(mayHaveStaleLeftovers(indexTopology(active), A)).toBe(false);

    const deleted = staleRoutesOfVpc(indexTopology(withStatus(active, 'deleted')), A);
    expect(deleted.map((r) => `${r.routeTableId} ${r.destination} ${r.peeringStatus}`)).toEqual([
      'rtb-a1 10.1.0.0/16 deleted',
      'rtb-a1 2600:1f18:b::/56 deleted',
      'rtb-amain 10.1.0.0/16 deleted',
      'rtb-amain 2600:1f18:b::/56 deleted',
    ]);
    const gone = staleRoutesOfVpc(indexTopology(forgotten(active)), B);
    expect(gone.map((r) => [r.routeTableId, r.destination, r.peeringId, r.peeringStatus])).toEqual([
      ['rtb-bmain', '10.0.0.0/16', PCX, undefined],
      ['rtb-bmain', '2600:1f18:a::/56', PCX, undefined],
    ]);
    expect(mayHaveStaleLeftovers(indexTopology(forgotten(active)), B)).toBe(true);
    expect(staleRouteWords({ ...gone[0]!, state: 'blackhole' })).toBe('10.0.0.0/16 in rtb-bmain → pcx-ab (no longer shown by AWS, blackhole)');
  });

  it('says each stale rule with its group, ports, peer group and peering', () => {
    expect(staleRuleWords(inbound)).toBe('app (sg-app) inbound tcp 443 from 222222222222/sg-db (db) across pcx-ab (deleted)');
    expect(staleRuleWords(outbound)).toBe('db (sg-db) outbound tcp 443 to 111111111111/sg-app (app) across pcx-ab (deleted)');
  });
});

describe('planStaleCleanup', () => {
  const t = withStatus(buildPeeredPair(), 'deleted');
  const profiles = profilesFromTopology(t.accounts);
  const routes = [...staleRoutesOfVpc(indexTopology(t), A), ...staleRoutesOfVpc(indexTopology(t), B)];
  const leftovers: StaleLeftovers = {
    vpcs: [
      { vpcId: A, accountId: '111111111111', region: 'eu-west-1', rules: [inbound] },
      { vpcId: B, accountId: '222222222222', region: 'eu-west-1', rules: [outbound] },
    ],
    routes,
  };

  it('revokes each stale rule in its own account (outbound with RevokeSecurityGroupEgress) and deletes each stale route', () => {
    const r = planStaleCleanup(t, { peeringId: PCX }, leftovers, profiles);
    if (!r.ok) throw new Error(r.error.message);
    const plan = r.value;
    expect(plan.title).toBe('Remove the 6 routes and 2 security-group rules left pointing at deleted peerings from pcx-ab');
    expect(plan.steps.map((s) => s.kind)).toEqual(['revoke-ingress', 'revoke-egress', ...routes.map(() => 'delete-route')]);
    expect(plan.steps[0]).toMatchObject({
      action: 'RevokeSecurityGroupIngress',
      side: 'requester',
      accountId: '111111111111',
      profile: 'profile-111111111111',
      params: { GroupId: 'sg-app', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-db', UserId: '222222222222' }] }] },
      needsConfirmation: true,
    });
    expect(plan.steps[1]).toMatchObject({
      action: 'RevokeSecurityGroupEgress',
      side: 'accepter',
      accountId: '222222222222',
      profile: 'profile-222222222222',
      params: { GroupId: 'sg-db', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, UserIdGroupPairs: [{ GroupId: 'sg-app', UserId: '111111111111' }] }] },
    });
    // A reference across a peering that is gone cannot be authorized again: no undo.
    expect(plan.steps[1]!.cleanup).toBeUndefined();
    expect(plan.steps.every((s) => s.dependsOn.length === 0)).toBe(true);
  });

  it("plans one VPC's leftovers in that VPC alone, and notes a VPC whose rules could not be read", () => {
    const error = { code: 'unauthorized' as const, message: 'No local profile acts in account 222222222222.', fix: 'Add a profile.' };
    const r = planStaleCleanup(t, { vpcId: A }, { vpcs: [{ ...leftovers.vpcs[0]!, error }], routes: staleRoutesOfVpc(indexTopology(t), A) }, profiles);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.peeringId).toBeUndefined();
    expect([r.value.requester.vpcId, r.value.accepter.vpcId]).toEqual([A, A]);
    expect(r.value.steps.every((s) => s.accountId === '111111111111' && s.side === 'requester')).toBe(true);
    expect(r.value.notes).toEqual([{ level: 'warning', message: `The stale rules of ${A} are not planned: ${error.message}`, fix: error.fix }]);
  });

  it('refuses when nothing is left, and a peering or VPC not in the scan, saying what to do', () => {
    expect(planStaleCleanup(t, { peeringId: PCX }, { vpcs: [], routes: [] }, profiles)).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('Nothing is left') } });
    expect(planStaleCleanup(t, { peeringId: 'pcx-zz' as PeeringId }, leftovers, profiles)).toMatchObject({ ok: false, error: { code: 'not-found', fix: expect.stringContaining('its VPCs') } });
    expect(planStaleCleanup(t, { vpcId: 'vpc-zz' as VpcId }, leftovers, profiles)).toMatchObject({ ok: false, error: { code: 'not-found', fix: expect.stringContaining('Rescan') } });
  });
});
