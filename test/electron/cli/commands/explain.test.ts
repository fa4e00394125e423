import { describe, expect, it } from 'vitest';

import { EXPLAIN_EXIT } from '../../../../electron/cli/commands/explain';
import type { ReachabilityExplanation } from '../../../../shared/analysis/explain-reachability';
import { buildAnalysisSnapshot } from '../../../support/fixtures/analysis-snapshot';
import { instance, networkInterface, snapshot } from '../../../support/fixtures/build-topology';
import { tgwEstate } from '../../../support/fixtures/tgw-reach-estate';
import { runCliOver, type CliRun } from '../../../support/cli-run';

const files: Record<string, string> = { 's.json': JSON.stringify(buildAnalysisSnapshot()) };

function run(...argv: string[]): Promise<CliRun> {
  return runCliOver(files, ['explain', ...argv]);
}

describe('peerscape explain', () => {
  it('walks a pair through transit gateways, printing each gateway hop, and the fix of the one that fails', async () => {
    files['tgw.json'] = JSON.stringify(snapshot(tgwEstate()));
    const r = await run('--snapshot', 'tgw.json', 'subnet-a1', 'subnet-d1');
    expect(r.code).toBe(EXPLAIN_EXIT.reachable);
    expect(r.stdout).toContain('subnet-a1 → subnet-d1 (any traffic): REACHABLE via tgw-1 → tgw-2');
    expect(r.stdout).toContain(
      'path 10.3.1.0/24: subnet-a1 → rtb-a (main table): 10.0.0.0/8 → tgw-1 (transit gateway) → tgw-1 by tgw-attach-a → tgw-rtb-1 (associated with tgw-attach-a): 10.3.0.0/16 → tgw-attach-p → out by tgw-attach-p (peering tgw-2) → over tgw-attach-p to tgw-2 → tgw-rtb-2 (associated with tgw-attach-p): 10.3.0.0/16 → tgw-attach-d (propagated) → out by tgw-attach-d (vpc vpc-d) → rtb-d (destination table): 10.3.0.0/16 → local → delivered in vpc-d (subnet-d1)',
    );
    files['tgw-unassociated.json'] = JSON.stringify(snapshot(tgwEstate({ unassociated: ['c'] })));
    const bad = await run('--snapshot', 'tgw-unassociated.json', 'subnet-a1', 'subnet-c1');
    expect(bad.code).toBe(EXPLAIN_EXIT.unreachable);
    expect(bad.stdout).toMatch(/\[FAIL\] return-route\s+rtb-c \(main\), serving subnet-c1, does not route back to the source through tgw-1: the traffic enters by an attachment associated with no route table/);
    expect(bad.stdout).toContain('fix: Associate tgw-attach-c with a route table of tgw-1: aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id tgw-rtb-1 --transit-gateway-attachment-id tgw-attach-c --profile profile-111111111111 --region eu-west-1');
    expect(bad.stdout).toContain('path 10.0.1.0/24: subnet-c1 → rtb-c (main table): 10.0.0.0/8 → tgw-1 (transit gateway) → tgw-1 by tgw-attach-c → dropped: the attachment is associated with no transit gateway route table');
  });

  it('prints every hop passing and exits 0 when reachable', async () => {
    const r = await run('--snapshot', 's.json', 'subnet-a1', '10.1.1.20', '--port', '5432');
    expect(r.code).toBe(EXPLAIN_EXIT.reachable);
    expect(r.stdout).toContain('subnet-a1 → 10.1.1.20 (tcp/5432): REACHABLE via pcx-ab');
    // Seven hops and the four network ACL hops (the request both ways in, the reply both ways back).
    expect(r.stdout.match(/\[pass\]/g)).toHaveLength(11);
    expect(r.stdout).toMatch(/\[pass\] destination-acl-return\s+acl-b \(default\) of subnet-b1, outbound, allows the reply, tcp ports 1024-65535 to 10\.0\.1\.0\/24 by rule 100/);
    expect(r.stdout).not.toContain('Network ACLs are not in the snapshot');
    // Each route hop shows its trace: table, deciding route, peering, the peer's table, the end.
    expect(r.stdout).toContain('path 10.1.1.20/32: subnet-a1 → rtb-a1 (associated): 10.1.0.0/16 → pcx-ab → into vpc-b → rtb-bmain (peer table): 10.1.0.0/16 → local → delivered in vpc-b (subnet-b1)');
  });

  it('prints the ACL entry that denies, its fix, and gives what blocked as data in --json', async () => {
    const snapshot = buildAnalysisSnapshot();
    const topology = {
      ...snapshot.topology,
      networkAcls: snapshot.topology.networkAcls.map((a) =>
        a.id === 'acl-b' ? { ...a, entries: [{ ruleNumber: 50, egress: false, protocol: '6', action: 'deny' as const, cidr: '10.0.0.0/16', fromPort: 5432, toPort: 5432 }, ...a.entries] } : a,
      ),
    };
    files['acl.json'] = JSON.stringify({ ...snapshot, topology });
    const r = await run('--snapshot', 'acl.json', 'subnet-a1', '10.1.1.20', '--port', '5432');
    expect(r.code).toBe(EXPLAIN_EXIT.unreachable);
    expect(r.stdout).toMatch(/\[FAIL\] destination-acl-inbound\s+acl-b \(default\) of subnet-b1, inbound, denies tcp\/5432 from 10\.0\.1\.0\/24 by rule 50 \(deny 10\.0\.0\.0\/16\)/);
    expect(r.stdout).toContain('fix: Allow tcp/5432 from 10.0.1.0/24 in acl-b before rule 50: aws ec2 create-network-acl-entry --network-acl-id acl-b --rule-number 10 ');
    const json = await run('--snapshot', 'acl.json', 'subnet-a1', '10.1.1.20', '--port', '5432', '--json');
    const x = JSON.parse(json.stdout) as ReachabilityExplanation;
    expect(x.checks.find((c) => c.status === 'fail')?.blockedBy).toEqual({
      kind: 'nacl',
      aclId: 'acl-b',
      direction: 'inbound',
      ruleNumber: 50,
      subnetIds: ['subnet-b1'],
      protocol: 'tcp',
      ports: [5432, 5432],
      cidrs: ['10.0.1.0/24'],
    });
  });

  it('exits 3 when a VPC\'s network ACLs are not in the snapshot', async () => {
    const snapshot = buildAnalysisSnapshot();
    files['noacl.json'] = JSON.stringify({ ...snapshot, topology: { ...snapshot.topology, networkAcls: [] } });
    const r = await run('--snapshot', 'noacl.json', 'subnet-a1', '10.1.1.20', '--port', '5432');
    expect(r.code).toBe(EXPLAIN_EXIT.undetermined);
    expect(r.stdout).toMatch(/\[ \?\? \] source-acl-outbound\s+The source subnet's network ACL was not checked: the network ACLs of vpc-a are not in the snapshot/);
  });

  it('takes instance and network interface ids, and refuses ones the snapshot does not have', async () => {
    const snapshot = buildAnalysisSnapshot();
    const [a1, , b1] = snapshot.topology.subnets;
    const app = networkInterface('eni-app', a1!, ['10.0.1.10'], ['sg-app'], 'i-app');
    const db = networkInterface('eni-db', b1!, ['10.1.1.20'], ['sg-db']);
    files['hosts.json'] = JSON.stringify({ ...snapshot, topology: { ...snapshot.topology, networkInterfaces: [app, db], instances: [instance('i-app', app)] } });
    const r = await run('--snapshot', 'hosts.json', 'i-app', 'eni-db', '--port', '5432');
    expect(r.code).toBe(EXPLAIN_EXIT.reachable);
    expect(r.stdout).toContain('Source is instance i-app through its primary interface eni-app at 10.0.1.10 in subnet subnet-a1');
    expect(r.stdout).not.toContain('Note:');
    const bad = await run('--snapshot', 'hosts.json', 'i-nope', 'eni-db');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('FROM i-nope is not an instance in the snapshot.');
  });

  it('prints the failing hop with its fix and exits 1', async () => {
    const r = await run('--snapshot', 's.json', 'subnet-b1', 'subnet-d1');
    expect(r.code).toBe(EXPLAIN_EXIT.unreachable);
    expect(r.stdout).toContain('NOT REACHABLE');
    expect(r.stdout).toMatch(/\[FAIL\] source-route\s+rtb-bmain \(main\)/);
    expect(r.stdout).toContain('fix: Add a route 10.3.0.0/16 → pcx-bd in rtb-bmain');
    expect(r.stdout).toContain('path 10.3.1.0/24: subnet-b1 → rtb-bmain (main table): no route → dropped: no route');
    expect(r.stdout).toContain('path 10.1.1.0/24: subnet-d1 → rtb-dmain (main table): 0.0.0.0/0 → igw-d (internet gateway) → leaves through igw-d');
  });

  it('refuses an address that two VPCs peered with the destination both hold', async () => {
    const r = await run('--snapshot', 's.json', '10.0.1.10', '10.1.1.20');
    expect(r.code).toBe(EXPLAIN_EXIT.unreachable);
    expect(r.stdout).toContain('the address is ambiguous');
    expect(r.stdout).toContain('fix: Give the subnet id instead (subnet-a1 or subnet-c1)');
  });

  it('explains a pair connected only through another VPC', async () => {
    const r = await run('--snapshot', 's.json', 'vpc-a', 'vpc-d', '--json');
    expect(r.code).toBe(EXPLAIN_EXIT.unreachable);
    const x = JSON.parse(r.stdout) as ReachabilityExplanation;
    const peering = x.checks.find((c) => c.kind === 'peering')!;
    expect(peering.status).toBe('fail');
    expect(peering.message).toContain('not transitive');
  });

  it('gives each route hop its trace as data in --json', async () => {
    const r = await run('--snapshot', 's.json', 'vpc-a', 'vpc-b', '--json');
    const x = JSON.parse(r.stdout) as ReachabilityExplanation;
    const hop = x.checks.find((c) => c.kind === 'source-route')!;
    expect(hop.traces?.[0]?.hops.map((h) => h.kind)).toEqual(['subnet', 'table', 'decision', 'peering', 'table', 'decision']);
    expect(hop.traces?.[0]?.end).toEqual({ kind: 'delivered', vpcId: 'vpc-b' });
  });

  it('exits 3 when only a prefix list could decide', async () => {
    const snapshot = buildAnalysisSnapshot();
    const topology = {
      ...snapshot.topology,
      securityGroups: snapshot.topology.securityGroups.map((g) => (g.id === 'sg-db' ? { ...g, ingress: [{ protocol: 'tcp', fromPort: 5432, toPort: 5432, peer: { kind: 'prefix-list' as const, prefixListId: 'pl-1' } }] } : g)),
    };
    files['pl.json'] = JSON.stringify({ ...snapshot, topology });
    const r = await run('--snapshot', 'pl.json', 'subnet-a1', '10.1.1.20', '--port', '5432');
    expect(r.code).toBe(EXPLAIN_EXIT.undetermined);
    expect(r.stdout).toContain('UNDETERMINED');
  });

  it.each([
    [['--snapshot', 's.json', 'vpc-a'], 'give exactly two endpoints'],
    [['10.0.1.10', '10.1.1.20'], '--snapshot FILE is required'],
    [['--snapshot', 's.json', 'vpc-a', 'vpc-b', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['--snapshot', 's.json', 'vpc-a', 'vpc-b', '--protocol', 'sctp'], '--protocol must be tcp, udp, icmp or all'],
    [['--snapshot', 's.json', 'vpc-a', 'vpc-b', '--protocol', 'icmp', '--port', '8'], '--port applies to tcp and udp only'],
    [['--snapshot', 'nope.json', 'vpc-a', 'vpc-b'], 'cannot read snapshot nope.json'],
  ])('exits 2 for %j, saying why', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(EXPLAIN_EXIT.usage);
    expect(r.stderr).toContain(message);
  });

  it('prints its help', async () => {
    const r = await run('-h');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: peerscape explain --snapshot s.json FROM TO');
  });
});

describe('explain endpoints by name, as the app finds VPCs', () => {
  it('takes a name in any case, and prints the name the VPC has', async () => {
    const r = await run('--snapshot', 's.json', 'APP', 'Reports');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^app \(vpc-a\) → reports \(vpc-d\) \(any traffic\): NOT REACHABLE/);
  });

  it('takes part of a name when only one VPC has it', async () => {
    const r = await run('--snapshot', 's.json', 'leg', 'port');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^legacy \(vpc-c\) → reports \(vpc-d\)/);
  });

  it('lists every VPC a name fits, with where each is, and exits 2', async () => {
    const r = await run('--snapshot', 's.json', 'p', 'vpc-b');
    expect(r.code).toBe(EXPLAIN_EXIT.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual([
      'peerscape explain: FROM "p" matches 2 VPCs:',
      '    app      vpc-a  VPC, account profile-111111111111 (111111111111), eu-west-1, 10.0.0.0/16 2600:1f18:a::/56',
      '    reports  vpc-d  VPC, account profile-111111111111 (111111111111), eu-west-1, 10.3.0.0/16',
      '  Give the full name or the id of the one you mean.',
      '',
    ]);
  });

  it('suggests the nearest name for a slip', async () => {
    const r = await run('--snapshot', 's.json', 'vpc-a', 'reprots');
    expect(r.code).toBe(EXPLAIN_EXIT.usage);
    expect(r.stderr).toContain('TO "reprots" is not a VPC id, a subnet id, an IP address, or the name of a VPC or subnet in the snapshot; did you mean reports?');
  });
});
