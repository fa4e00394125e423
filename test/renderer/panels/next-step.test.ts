import { describe, expect, it } from 'vitest';

import type { PeeringId } from '../../../shared/model/ids';
import type { PeeringStatus, Topology } from '../../../shared/model/topology';
import { peeringChecklist } from '../../../shared/planning/peering-checklist';
import { routesOf } from '../../../renderer/graph/derive';
import { nextStepWithChecklist } from '../../../renderer/panels/next-step';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

const pcx = 'pcx-ab' as PeeringId;

function stepOf(t: Topology) {
  const p = t.peerings.find((x) => x.id === pcx)!;
  return nextStepWithChecklist(p, t.accounts, routesOf(t).byPeering.get(pcx), peeringChecklist(t, pcx));
}

describe('the next step of an active peering', () => {
  it('needs nothing when it is routed both ways and a security group admits the peer', () => {
    const step = stepOf(buildPeeredPair());
    expect(step.tone).toBe('done');
    expect(step.action).toBe('No action needed.');
  });

  it('asks for rules when it is routed both ways but no security group admits the other VPC', () => {
    const t = buildPeeredPair();
    const closed: Topology = { ...t, securityGroups: t.securityGroups.map((g) => ({ ...g, ingress: [] })) };
    const step = stepOf(closed);
    expect(step.tone).toBe('act');
    expect(step.meaning).toContain('no security group of either VPC admits the other');
  });

  it('does not say "no action needed" when neither VPC\'s security groups were scanned', () => {
    const step = stepOf({ ...buildPeeredPair(), securityGroups: [] });
    expect(step.tone).toBe('act');
    expect(step.meaning).toContain("neither VPC's security groups were scanned");
  });

  it('asks for routes first when a side does not route to it, whatever the rules', () => {
    const t = buildPeeredPair();
    const unrouted: Topology = { ...t, securityGroups: [], routeTables: t.routeTables.map((rt) => (rt.vpcId === 'vpc-b' ? { ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') } : rt)) };
    const step = stepOf(unrouted);
    expect(step.tone).toBe('act');
    expect(step.action).toContain('Add routes in vpc-b (no routes)');
  });
});

describe('the next step of a peering that is not active', () => {
  const statuses: readonly PeeringStatus[] = ['initiating-request', 'pending-acceptance', 'provisioning', 'deleting', 'deleted', 'rejected', 'expired', 'failed'];

  it('says what the checklist says of the same peering, in every status', () => {
    for (const status of statuses) {
      const t = buildPeeredPair();
      const withStatus: Topology = { ...t, peerings: t.peerings.map((p) => (p.id === pcx ? { ...p, status, statusMessage: status === 'failed' ? 'Overlapping CIDR blocks' : undefined } : p)) };
      const step = stepOf(withStatus);
      const checklist = peeringChecklist(withStatus, pcx);
      if (!checklist.ok) throw new Error(checklist.error.message);
      const words = checklist.value.items.flatMap((i) => [i.detail, i.action?.label ?? '']).join('\n');
      expect(words, status).toContain(step.meaning);
      expect(step.tone, status).toBe(status === 'pending-acceptance' ? 'act' : ['deleted', 'rejected', 'expired', 'failed'].includes(status) ? 'gone' : 'wait');
    }
  });

  it('gives the accept command with the accepter account\'s profile when one is known', () => {
    const t = buildPeeredPair();
    const pending: Topology = { ...t, peerings: t.peerings.map((p) => ({ ...p, status: 'pending-acceptance' as const })) };
    const p = pending.peerings.find((x) => x.id === pcx)!;
    const step = stepOf(pending);
    const profile = pending.accounts.find((a) => a.id === p.accepter.accountId)!.profiles[0]!;
    expect(step.action).toContain(`with profile ${profile}`);
    expect(step.command).toBe(`aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id ${pcx} --region ${p.accepter.region} --profile ${profile}`);
  });
});

describe('the next step of a peering with nothing to route', () => {
  it('says the VPC has no subnets and asks for nothing, instead of asking for routes on one side', () => {
    const t = buildPeeredPair();
    const empty: Topology = {
      ...t,
      subnets: t.subnets.filter((s) => s.vpcId !== 'vpc-b'),
      routeTables: t.routeTables.map((rt) => (rt.vpcId === 'vpc-a' ? { ...rt, routes: [] } : rt)),
      securityGroups: t.securityGroups.map((g) => ({ ...g, ingress: [] })),
    };
    expect(routesOf(empty).byPeering.get(pcx)?.overall).toBe('nothing-to-route');
    expect(routesOf(empty).incompleteByVpc.size).toBe(0);
    const step = stepOf(empty);
    expect(step.tone).toBe('done');
    expect(step.meaning).toContain('db (vpc-b) has no subnets');
    expect(step.meaning).toContain('nothing to route');
    expect(step.action).not.toMatch(/add routes/i);
  });
});

describe('the next step of an ended peering, from the whole snapshot', () => {
  it('does not ask to remove routes a delete with cleanup already removed', () => {
    const t = buildPeeredPair();
    const deleted: Topology = {
      ...t,
      peerings: t.peerings.map((p) => ({ ...p, status: 'deleted' as const })),
      routeTables: t.routeTables.map((rt) => ({ ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') })),
    };
    const step = stepOf(deleted);
    expect(step.tone).toBe('gone');
    expect(step.action).not.toMatch(/remove/i);
    expect(stepOf({ ...t, peerings: deleted.peerings }).action).toContain('Remove the 6 routes that still point at pcx-ab');
  });
});
