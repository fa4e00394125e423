import { describe, expect, it } from 'vitest';

import type { NetworkAcl } from '../../../shared/model/kinds/network-acl';
import type { Topology } from '../../../shared/model/topology';
import { pathFixOf, pathFixRequest } from '../../../renderer/graph/path-fix';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

/** The peered pair with ACLs open both ways and no ingress on the destination's group: only that rule is missing. */
function pairWithoutIngress(): Topology {
  const t = buildPeeredPair();
  const open = (id: `acl-${string}`, vpcId: string): NetworkAcl => {
    const v = t.vpcs.find((x) => x.id === vpcId)!;
    return {
      id,
      vpcId: v.id,
      accountId: v.accountId,
      region: v.region,
      isDefault: true,
      subnetIds: [],
      entries: [
        { ruleNumber: 100, egress: false, action: 'allow', cidr: '0.0.0.0/0', protocol: '-1' },
        { ruleNumber: 100, egress: true, action: 'allow', cidr: '0.0.0.0/0', protocol: '-1' },
      ],
    };
  };
  return { ...t, networkAcls: [open('acl-a', 'vpc-a'), open('acl-b', 'vpc-b')], securityGroups: t.securityGroups.map((g) => (g.id === 'sg-db' ? { ...g, ingress: [] } : g)) };
}

function ingressOf(fix: ReturnType<typeof pathFixOf>) {
  if (!fix.ok || fix.value.status !== 'plan') throw new Error(fix.ok ? 'nothing to fix' : fix.error.message);
  return fix.value.plan.steps.filter((s) => s.kind === 'authorize-ingress').map((s) => (s.params as { readonly IpPermissions: readonly unknown[] }).IpPermissions);
}

describe('the fix the pair inspector asks for', () => {
  it('asks planPathFix for the pair’s protocol and port, or all traffic without one', () => {
    expect(pathFixRequest({ from: 'vpc-a' as never, to: 'vpc-b' as never, traffic: { protocol: 'tcp', port: 5432 } })).toEqual({ from: 'vpc-a', to: 'vpc-b', protocol: 'tcp', port: 5432 });
    expect(pathFixRequest({ from: 'vpc-a' as never, to: 'vpc-b' as never, traffic: { protocol: 'icmp' } })).toEqual({ from: 'vpc-a', to: 'vpc-b', protocol: 'icmp' });
    expect(pathFixRequest({ from: 'vpc-a' as never, to: 'vpc-b' as never })).toEqual({ from: 'vpc-a', to: 'vpc-b' });
  });

  it('opens tcp 5432 only when the pair asks about tcp/5432, and all traffic when it asks about none', () => {
    const t = pairWithoutIngress();
    const narrow = ingressOf(pathFixOf(t, { from: 'vpc-a' as never, to: 'vpc-b' as never, traffic: { protocol: 'tcp', port: 5432 } }));
    expect(narrow).toHaveLength(1);
    expect(narrow[0]).toEqual([expect.objectContaining({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432 })]);
    // Memoised per traffic: the same pair with no traffic is a different question.
    const wide = ingressOf(pathFixOf(t, { from: 'vpc-a' as never, to: 'vpc-b' as never }));
    expect(wide[0]).toEqual([expect.objectContaining({ IpProtocol: '-1' })]);
  });
});
