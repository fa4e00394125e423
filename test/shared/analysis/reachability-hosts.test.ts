import { describe, expect, it } from 'vitest';

import type { ReachabilityCheckKind, ReachabilityExplanation } from '../../../shared/analysis/explain-reachability';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { Topology } from '../../../shared/model/topology';
import { aclEntry, instance, networkAcl, networkInterface, securityGroup } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

const DB = { protocol: 'tcp', port: 5432 } as const;
const base = buildPeeredPair();
const vpcB = base.vpcs[1]!;
const [subnetA1, , subnetB1] = base.subnets;

/**
 * The peered pair with an app instance (i-app on eni-app, 10.0.1.10, group sg-app), a db
 * instance on the db group (i-db on eni-db, 10.1.1.20 and an IPv6 address) and a closed one
 * (i-closed on eni-closed, 10.1.1.30, group sg-closed, which allows nothing in).
 */
function withHosts(): Topology {
  const app = networkInterface('eni-app', subnetA1!, ['10.0.1.10', '2600:1f18:a:1::10'], ['sg-app'], 'i-app');
  const db = networkInterface('eni-db', subnetB1!, ['10.1.1.20', '2600:1f18:b:1::20'], ['sg-db'], 'i-db');
  const closed = networkInterface('eni-closed', subnetB1!, ['10.1.1.30'], ['sg-closed'], 'i-closed');
  return {
    ...base,
    securityGroups: [...base.securityGroups, securityGroup('sg-closed', vpcB)],
    networkInterfaces: [app, db, closed],
    instances: [instance('i-app', app, { name: 'web-1' }), instance('i-db', db), instance('i-closed', closed)],
  };
}

const t = withHosts();

function check(x: ReachabilityExplanation, kind: ReachabilityCheckKind) {
  const found = x.checks.find((c) => c.kind === kind);
  if (!found) throw new Error(`no ${kind} check`);
  return found;
}

describe('explainReachability: instances and network interfaces as endpoints', () => {
  it('takes an instance by id: its primary interface, address, subnet and own groups', () => {
    const x = explainReachability(t, 'i-app', 'i-db', DB);
    expect(x.verdict).toBe('reachable');
    expect(x.from).toMatchObject({ kind: 'instance', vpcId: 'vpc-a', subnetIds: ['subnet-a1'], cidrs: ['10.0.1.10/32'], securityGroupIds: ['sg-app'] });
    expect(check(x, 'source').message).toBe('Source is instance web-1 (i-app) through its primary interface eni-app at 10.0.1.10 in subnet subnet-a1 of app (vpc-a), with groups sg-app.');
    expect(check(x, 'destination-ingress').resourceIds).toEqual(['sg-db']);
    // Both ends are exact: no note that any group of a VPC counts.
    expect(x.notes).toEqual([]);
  });

  it("fails on the instance's own groups even when another group of its VPC would allow the traffic", () => {
    const x = explainReachability(t, 'i-app', 'i-closed', DB);
    expect(x.verdict).toBe('unreachable');
    expect(check(x, 'destination-ingress')).toMatchObject({ status: 'fail', blockedBy: { kind: 'security-group', groupIds: ['sg-closed'], direction: 'ingress' } });
    // The same address as a VPC's subnet, without the instance, counts any group of db's VPC.
    expect(explainReachability(t, 'subnet-a1', 'subnet-b1', DB).verdict).toBe('reachable');
  });

  it('takes a network interface by id, and its IPv6 addresses when asked', () => {
    const x = explainReachability(t, 'eni-app', 'eni-db', { ...DB, family: 'ipv6' });
    expect(x.from).toMatchObject({ kind: 'interface', cidrs: ['2600:1f18:a:1::10/128'] });
    expect(x.to).toMatchObject({ kind: 'interface', cidrs: ['2600:1f18:b:1::20/128'], securityGroupIds: ['sg-db'] });
    expect(x.verdict).toBe('reachable');
  });

  it('reads an IP address an interface holds as that interface, with its groups', () => {
    const x = explainReachability(t, '10.0.1.10', '10.1.1.30', DB);
    expect(x.to).toMatchObject({ kind: 'ip', securityGroupIds: ['sg-closed'] });
    expect(check(x, 'destination').message).toContain('on eni-closed with groups sg-closed');
    expect(check(x, 'destination-ingress').status).toBe('fail');
  });

  it("checks the network ACL of the instance's subnet", () => {
    const closedAcl = networkAcl('acl-b1', vpcB, { isDefault: false, subnetIds: ['subnet-b1'], entries: [aclEntry('in', '*', 'deny', '-1', null, '0.0.0.0/0'), aclEntry('out', 100, 'allow', '-1', null, '0.0.0.0/0')] });
    const x = explainReachability({ ...t, networkAcls: [...t.networkAcls, closedAcl] }, 'i-app', 'i-db', DB);
    expect(check(x, 'destination-acl-inbound')).toMatchObject({ status: 'fail', blockedBy: { aclId: 'acl-b1', ruleNumber: 32767, cidrs: ['10.0.1.10/32'] } });
  });

  it('fails for an instance or interface the snapshot does not have, or without an address of the family', () => {
    expect(check(explainReachability(t, 'i-nope', 'i-db'), 'source')).toMatchObject({ status: 'fail', blockedBy: { kind: 'endpoint', role: 'source', input: 'i-nope' } });
    expect(check(explainReachability(t, 'i-app', 'eni-nope'), 'destination').message).toBe('The destination network interface eni-nope is not in the snapshot.');
    expect(check(explainReachability(t, 'i-app', 'i-closed', { family: 'ipv6' }), 'destination').message).toBe('Instance i-closed has no IPv6 address in the snapshot.');
  });

  it('keeps the note for an endpoint that is not an instance or interface, and drops it for one that is', () => {
    expect(explainReachability(t, 'vpc-a', 'i-db', DB).notes).toEqual([
      "vpc-a is not an instance or interface: any security group of its VPC counts as the endpoint's; give an instance or interface id, or name the groups, to be exact.",
    ]);
    expect(explainReachability(t, 'vpc-a', 'i-db', { ...DB, sourceSecurityGroupIds: ['sg-app'] }).notes).toEqual([]);
  });
});
