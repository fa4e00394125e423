import { describe, expect, it } from 'vitest';

import type { Peering, Topology } from '../../../shared/model/topology';
import { planDeletion, planRejection } from '../../../shared/planning/plan-deletion';
import { rule, rulePeer, securityGroup, topology as buildTopology } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

function withStatus(t: Topology, status: Peering['status']): Topology {
  return { ...t, peerings: t.peerings.map((p) => ({ ...p, status })) };
}

function ids(r: ReturnType<typeof planDeletion>): string[] {
  if (!r.ok) throw new Error(r.error.message);
  return r.value.steps.map((s) => s.id);
}

describe('planDeletion', () => {
  it('deletes an active peering as the requester, then removes every route to it in both VPCs', () => {
    const r = planDeletion(buildPeeredPair(), 'pcx-ab');
    expect(ids(r).filter((id) => !id.startsWith('revoke'))).toEqual([
      'delete',
      'delete-route:rtb-a1:10.1.0.0/16',
      'delete-route:rtb-a1:2600:1f18:b::/56',
      'delete-route:rtb-amain:10.1.0.0/16',
      'delete-route:rtb-amain:2600:1f18:b::/56',
      'delete-route:rtb-bmain:10.0.0.0/16',
      'delete-route:rtb-bmain:2600:1f18:a::/56',
    ]);
    if (!r.ok) return;
    const del = r.value.steps[0]!;
    expect(del).toMatchObject({ action: 'DeleteVpcPeeringConnection', profile: 'profile-111111111111', accountId: '111111111111', params: { VpcPeeringConnectionId: 'pcx-ab' } });
    const accepterRoute = r.value.steps.find((s) => s.id === 'delete-route:rtb-bmain:10.0.0.0/16')!;
    expect(accepterRoute).toMatchObject({ profile: 'profile-222222222222', accountId: '222222222222', dependsOn: ['delete'], needsConfirmation: true });
    expect(accepterRoute.params).toEqual({ RouteTableId: 'rtb-bmain', DestinationCidrBlock: '10.0.0.0/16' });
    expect(accepterRoute.cleanup?.params).toEqual({ RouteTableId: 'rtb-bmain', DestinationCidrBlock: '10.0.0.0/16', VpcPeeringConnectionId: 'pcx-ab' });
  });

  it('revokes rules marked as added for the peering, and offers rules that merely allow the peer block unticked', () => {
    const t = buildPeeredPair();
    const marked = { ...rule('tcp', 443, '10.0.0.0/16'), description: 'peerscape pcx-ab from vpc-a' };
    const withMarked: Topology = {
      ...t,
      securityGroups: t.securityGroups.map((g) => (g.id === 'sg-db' ? { ...g, ingress: [...g.ingress, marked] } : g)),
    };
    const r = planDeletion(withMarked, 'pcx-ab');
    if (!r.ok) throw new Error(r.error.message);
    const revokes = r.value.steps.filter((s) => s.kind === 'revoke-ingress');
    // sg-db: 5432 from 10.0.0.0/16 and from the IPv6 block (unmarked), 6432 from sg-app (a group of the peer), 443 (marked).
    expect(revokes.map((s) => [s.title.split(' (')[0], s.enabled])).toEqual([
      ['Revoke tcp 5432 from 10.0.0.0/16 from sg-db', false],
      ['Revoke tcp 5432 from 2600:1f18:a::/56 from sg-db', false],
      ['Revoke tcp 6432 from sg-app from sg-db', false],
      ['Revoke tcp 443 from 10.0.0.0/16 from sg-db', true],
    ]);
    expect(revokes[3]!.params).toEqual({ GroupId: 'sg-db', IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }] });
    expect(revokes[0]!.warning).toContain('may serve something else');
  });

  it('revokes a group reference made across the peering, account-qualified', () => {
    const t = buildPeeredPair();
    const vpcB = t.vpcs.find((v) => v.id === 'vpc-b')!;
    const ref = rule('tcp', 80, rulePeer('sg-app', { accountId: '111111111111', peeringId: 'pcx-ab' }));
    const r = planDeletion(buildTopology({ ...t, securityGroups: [securityGroup('sg-web', vpcB, { ingress: [ref] })] }), 'pcx-ab');
    if (!r.ok) throw new Error(r.error.message);
    const revoke = r.value.steps.find((s) => s.kind === 'revoke-ingress')!;
    expect(revoke.enabled).toBe(true);
    expect(revoke.params.IpPermissions).toEqual([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: 'sg-app', UserId: '111111111111' }] }]);
  });

  it('deletes a pending request only as the requester', () => {
    const r = planDeletion(withStatus(buildPeeredPair(), 'pending-acceptance'), 'pcx-ab', { '222222222222': ['b'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.steps[0]).toMatchObject({ id: 'delete', accountId: '111111111111' });
    expect(r.value.steps[0]!.profile).toBeUndefined();
    expect(r.value.notes[0]?.fix).toContain('Reject it instead as account 222222222222 (profile b)');
  });

  it('lets the accepter delete an active peering when no requester profile is known', () => {
    const r = planDeletion(buildPeeredPair(), 'pcx-ab', { '222222222222': ['b'] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.steps[0]).toMatchObject({ id: 'delete', profile: 'b', accountId: '222222222222', side: 'accepter' });
  });

  it('plans no delete for rejected, failed or expired peerings (AWS refuses), only the cleanup, and says why', () => {
    for (const status of ['rejected', 'failed', 'expired'] as const) {
      const r = planDeletion(withStatus(buildPeeredPair(), status), 'pcx-ab');
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.steps.some((s) => s.kind === 'delete')).toBe(false);
      expect(r.value.steps.some((s) => s.kind === 'delete-route')).toBe(true);
      expect(r.value.steps.find((s) => s.kind === 'delete-route')?.dependsOn).toEqual([]);
      expect(r.value.notes[0]?.message).toContain(`is ${status}: there is nothing to delete`);
    }
  });

  it('asks to wait for a peering that is still settling, and says when nothing points at a finished one', () => {
    const settling = planDeletion(withStatus(buildPeeredPair(), 'provisioning'), 'pcx-ab');
    expect(settling.ok || settling.error).toMatchObject({ code: 'conflict', fix: 'Wait a moment, rescan, then delete it.' });
    const bare = withStatus({ ...buildPeeredPair(), routeTables: [], securityGroups: [] }, 'expired');
    const nothing = planDeletion(bare, 'pcx-ab');
    expect(nothing.ok || nothing.error.message).toContain('Nothing to do for pcx-ab');
  });

  it('names an unknown peering and says to rescan', () => {
    const r = planDeletion(buildPeeredPair(), 'pcx-nope');
    expect(r.ok || r.error).toMatchObject({ code: 'not-found', fix: expect.stringContaining('Rescan') });
  });

  it('can leave the cleanup out', () => {
    expect(ids(planDeletion(buildPeeredPair(), 'pcx-ab', undefined, { withoutCleanup: true }))).toEqual(['delete']);
  });
});

describe('planRejection', () => {
  it('rejects a pending request as the accepter, in the accepter region', () => {
    const r = planRejection(withStatus(buildPeeredPair(), 'pending-acceptance'), 'pcx-ab');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.steps).toEqual([
      expect.objectContaining({ kind: 'reject', action: 'RejectVpcPeeringConnection', profile: 'profile-222222222222', accountId: '222222222222', region: 'eu-west-1' }),
    ]);
  });

  it('refuses to reject an active peering and points at deleting it instead', () => {
    const r = planRejection(buildPeeredPair(), 'pcx-ab');
    expect(r.ok || r.error).toMatchObject({ code: 'conflict', fix: 'Delete pcx-ab instead.' });
  });

  it('says who must reject when no profile acts in the accepter account', () => {
    const r = planRejection(withStatus(buildPeeredPair(), 'pending-acceptance'), 'pcx-ab', { '111111111111': ['a'] });
    expect(r.ok || r.error).toMatchObject({ code: 'unauthorized', fix: expect.stringContaining('Actions → Reject request') });
  });
});
