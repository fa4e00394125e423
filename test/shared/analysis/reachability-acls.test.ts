import { describe, expect, it } from 'vitest';

import type { ReachabilityCheckKind, ReachabilityExplanation } from '../../../shared/analysis/explain-reachability';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { NetworkAcl, NetworkAclEntry, Topology } from '../../../shared/model/topology';
import { aclEntry, networkAcl } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

const DB = { protocol: 'tcp', port: 5432 } as const;

function check(x: ReachabilityExplanation, kind: ReachabilityCheckKind) {
  const found = x.checks.find((c) => c.kind === kind);
  if (!found) throw new Error(`no ${kind} check in ${x.checks.map((c) => c.kind).join(', ')}`);
  return found;
}

/** The peered pair with `acl` added to its ACLs (replacing one of the same id). */
function withAcl(t: Topology, acl: NetworkAcl): Topology {
  return { ...t, networkAcls: [...t.networkAcls.filter((a) => a.id !== acl.id), acl] };
}

const pair = buildPeeredPair();
const [vpcA, vpcB] = [pair.vpcs[0]!, pair.vpcs[1]!];

/** db's subnet behind its own ACL with `entries`, plus `*` denies both ways. */
function dbAcl(entries: readonly NetworkAclEntry[]): Topology {
  return withAcl(pair, networkAcl('acl-db', vpcB, { isDefault: false, subnetIds: ['subnet-b1'], entries: [...entries, aclEntry('in', '*', 'deny', '-1', null, '0.0.0.0/0'), aclEntry('out', '*', 'deny', '-1', null, '0.0.0.0/0')] }));
}

describe('explainReachability: network ACLs', () => {
  it('passes all four hops through the default ACLs, naming the deciding rule', () => {
    const x = explainReachability(pair, '10.0.1.10', '10.1.1.20', DB);
    expect(x.verdict).toBe('reachable');
    expect(check(x, 'destination-acl-inbound').message).toContain('acl-b (default) of subnet-b1, inbound, allows tcp/5432 from 10.0.1.10/32 by rule 100');
    expect(check(x, 'destination-acl-return').message).toContain('the reply, tcp ports 1024-65535 to 10.0.1.10/32');
  });

  it('fails on the lowest-numbered matching entry: a deny at 90 before the allow at 100', () => {
    const t = dbAcl([aclEntry('in', 90, 'deny', 'tcp', 5432, '10.0.0.0/16'), aclEntry('in', 100, 'allow', '-1', null, '0.0.0.0/0'), aclEntry('out', 100, 'allow', '-1', null, '0.0.0.0/0')]);
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', DB);
    expect(x.verdict).toBe('unreachable');
    const c = check(x, 'destination-acl-inbound');
    expect(c.status).toBe('fail');
    expect(c.message).toContain('denies tcp/5432 from 10.0.1.10/32 by rule 90 (deny 10.0.0.0/16)');
    expect(c.blockedBy).toEqual({ kind: 'nacl', aclId: 'acl-db', direction: 'inbound', ruleNumber: 90, subnetIds: ['subnet-b1'], protocol: 'tcp', ports: [5432, 5432], cidrs: ['10.0.1.10/32'] });
    // The number the path-fix plan gives too: the next ten above the entries under the deny.
    expect(c.fix).toContain('aws ec2 create-network-acl-entry --network-acl-id acl-db --rule-number 10 ');
    expect(c.fix).toContain('--no-egress');
  });

  it('evaluates by rule number, not by the order entries are listed', () => {
    const t = dbAcl([aclEntry('in', 200, 'deny', '-1', null, '0.0.0.0/0'), aclEntry('in', 110, 'allow', 'tcp', 5432, '10.0.0.0/16'), aclEntry('out', 100, 'allow', '-1', null, '0.0.0.0/0')]);
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', DB);
    expect(check(x, 'destination-acl-inbound')).toMatchObject({ status: 'pass' });
    expect(check(x, 'destination-acl-inbound').message).toContain('by rule 110');
  });

  it('blocks on a missing return allow: the reply to an ephemeral port needs its own outbound entry', () => {
    // Outbound allows only HTTPS out: nothing of the ephemeral range.
    const t = dbAcl([aclEntry('in', 100, 'allow', 'tcp', 5432, '10.0.0.0/16'), aclEntry('out', 100, 'allow', 'tcp', 443, '0.0.0.0/0')]);
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', DB);
    expect(x.verdict).toBe('unreachable');
    expect(check(x, 'destination-acl-inbound').status).toBe('pass');
    const c = check(x, 'destination-acl-return');
    expect(c.status).toBe('fail');
    expect(c.message).toContain('denies the reply, tcp ports 1024-65535 to 10.0.1.10/32 by rule *');
    expect(c.blockedBy).toMatchObject({ kind: 'nacl', aclId: 'acl-db', direction: 'outbound', ruleNumber: 32767, ports: [1024, 65535] });
    expect(c.fix).toContain('--port-range \'{"From":1024,"To":65535}\'');
    expect(c.fix).toContain('--egress');
  });

  it('is unknown when the reply is allowed on only part of the ephemeral range, naming the ports', () => {
    const t = dbAcl([aclEntry('in', 100, 'allow', 'tcp', 5432, '10.0.0.0/16'), aclEntry('out', 100, 'allow', 'tcp', [32768, 65535], '10.0.0.0/16')]);
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', DB);
    const c = check(x, 'destination-acl-return');
    expect(c.status).toBe('unknown');
    expect(c.message).toContain('only on ports 32768-65535; the rest goes to rule *');
    expect(x.verdict).toBe('undetermined');
  });

  it("checks the source subnet's ACL inbound for the reply", () => {
    const t = withAcl(
      pair,
      networkAcl('acl-app', vpcA, {
        isDefault: false,
        subnetIds: ['subnet-a1'],
        entries: [aclEntry('out', 100, 'allow', '-1', null, '0.0.0.0/0'), aclEntry('in', 100, 'allow', 'tcp', 22, '0.0.0.0/0'), aclEntry('in', '*', 'deny', '-1', null, '0.0.0.0/0')],
      }),
    );
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', DB);
    expect(check(x, 'source-acl-outbound').status).toBe('pass');
    expect(check(x, 'source-acl-return')).toMatchObject({ status: 'fail', blockedBy: { kind: 'nacl', aclId: 'acl-app', direction: 'inbound', ruleNumber: 32767 } });
  });

  it('uses the default ACL for a subnet without an explicit association', () => {
    const t = withAcl(pair, networkAcl('acl-b', vpcB, { entries: [aclEntry('in', '*', 'deny', '-1', null, '0.0.0.0/0'), aclEntry('out', 100, 'allow', '-1', null, '0.0.0.0/0')] }));
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', DB);
    expect(check(x, 'destination-acl-inbound')).toMatchObject({ status: 'fail', resourceIds: ['acl-b', 'subnet-b1'] });
  });

  it('is unknown, not passing, when a VPC has no ACL in the snapshot (its region was not read)', () => {
    const t: Topology = { ...pair, networkAcls: pair.networkAcls.filter((a) => a.vpcId !== 'vpc-b') };
    const x = explainReachability(t, '10.0.1.10', '10.1.1.20', DB);
    expect(x.verdict).toBe('undetermined');
    expect(check(x, 'destination-acl-inbound').status).toBe('unknown');
    expect(check(x, 'destination-acl-inbound').message).toContain('the network ACLs of vpc-b are not in the snapshot');
    expect(x.notes.join(' ')).not.toContain('Network ACLs are not in the snapshot');
  });

  it('passes a VPC endpoint when some pair of subnets passes, naming the pair that does', () => {
    // subnet-a1 is behind an ACL denying everything; subnet-a2 keeps the default ACL.
    const t = withAcl(pair, networkAcl('acl-closed', vpcA, { isDefault: false, subnetIds: ['subnet-a1'], entries: [aclEntry('in', '*', 'deny', '-1', null, '0.0.0.0/0'), aclEntry('out', '*', 'deny', '-1', null, '0.0.0.0/0')] }));
    const x = explainReachability(t, 'vpc-a', 'subnet-b1', DB);
    expect(x.verdict).toBe('reachable');
    expect(check(x, 'source-acl-outbound').resourceIds).toEqual(['acl-a', 'subnet-a2']);
    // From subnet-a1 alone it fails at its ACL.
    const one = explainReachability(t, 'subnet-a1', 'subnet-b1', DB);
    expect(check(one, 'source-acl-outbound')).toMatchObject({ status: 'fail', blockedBy: { aclId: 'acl-closed', ruleNumber: 32767 } });
  });

  it('checks no ACL between two addresses of one subnet', () => {
    const x = explainReachability(pair, '10.0.1.10', '10.0.1.11', DB);
    expect(x.checks.some((c) => c.kind.includes('acl'))).toBe(false);
  });

  it('matches IPv6 entries for IPv6 traffic only', () => {
    const t = dbAcl([aclEntry('in', 100, 'allow', '-1', null, '0.0.0.0/0'), aclEntry('out', 100, 'allow', '-1', null, '::/0'), aclEntry('in', 101, 'allow', '-1', null, '::/0')]);
    const x = explainReachability(t, '2600:1f18:a:1::5', '2600:1f18:b:1::9', DB);
    expect(check(x, 'destination-acl-inbound').message).toContain('by rule 101');
    const v4 = explainReachability(t, '10.0.1.10', '10.1.1.20', DB);
    expect(check(v4, 'destination-acl-return')).toMatchObject({ status: 'fail' });
  });
});
