import { describe, expect, it } from 'vitest';

import type { PeeringId } from '../../../shared/model/ids';
import type { Topology } from '../../../shared/model/topology';
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

  it('asks for routes first when a side does not route to it, whatever the rules', () => {
    const t = buildPeeredPair();
    const unrouted: Topology = { ...t, securityGroups: [], routeTables: t.routeTables.map((rt) => (rt.vpcId === 'vpc-b' ? { ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') } : rt)) };
    const step = stepOf(unrouted);
    expect(step.tone).toBe('act');
    expect(step.action).toContain('Add routes in vpc-b (no routes)');
  });
});
