import { describe, expect, it } from 'vitest';

import type { AnalyzeReport } from '../../../../electron/cli/commands/analyze';
import { ANALYZE_EXIT } from '../../../../electron/cli/commands/analyze';
import { buildAnalysisSnapshot } from '../../../support/fixtures/analysis-snapshot';
import { buildPeeredPair } from '../../../support/fixtures/peered-pair';
import { buildTgwFindingsSnapshot } from '../../../support/fixtures/tgw-findings-snapshot';
import { runCliOver, type CliRun } from '../../../support/cli-run';

/** Run `peerscape analyze` over in-memory files. */
function run(files: Record<string, string>, ...argv: string[]): Promise<CliRun> {
  return runCliOver(files, ['analyze', ...argv]);
}

const files = {
  's.json': JSON.stringify(buildAnalysisSnapshot()),
  'clean.json': JSON.stringify({ ...buildAnalysisSnapshot(), topology: buildPeeredPair() }),
};

describe('peerscape analyze', () => {
  it('prints conflicts, ambiguities, non-transitive pairs and route gaps as tables', async () => {
    const r = await run(files, '--snapshot', 's.json');
    expect(r.code).toBe(ANALYZE_EXIT.ok);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Snapshot s.json: fixture:analysis');
    expect(r.stdout).toContain('CIDR conflicts: 1');
    expect(r.stdout).toMatch(/app \(vpc-a\)\s+legacy \(vpc-c\)\s+10\.0\.0\.0\/16 is the same block as 10\.0\.0\.0\/16/);
    expect(r.stdout).toContain('Routing ambiguities: 1');
    expect(r.stdout).toMatch(/db \(vpc-b\)\s+app \(vpc-a\) 10\.0\.0\.0\/16 pcx-ab\s+legacy \(vpc-c\) 10\.0\.0\.0\/16 pcx-bc/);
    expect(r.stdout).toContain('Reachable only through others: 3');
    expect(r.stdout).toContain('app (vpc-a) → db (vpc-b) → reports (vpc-d) (pcx-ab, pcx-bd)');
    expect(r.stdout).toMatch(/pcx-bd\s+requester\s+db \(vpc-b\)\s+rtb-bmain\s+missing\s+10\.3\.0\.0\/16 has no route to pcx-bd/);
    expect(r.stdout).toContain('falls to 0.0.0.0/0 → igw-d');
    expect(r.stdout).toContain('Fix, e.g.: If 10.0.0.0/16 should go through the peering: aws ec2 replace-route --route-table-id rtb-bmain');
    expect(r.stdout).toContain('Routes into peerings that cannot work: 0');
    expect(r.stdout).toMatch(/Summary: 1 CIDR conflict, 1 routing ambiguity, \d+ non-transitive pairs, \d+ route gaps, 0 route anomalies\./);
    // Every name is worded as everywhere else: "name (id)".
    expect(r.stdout).not.toMatch(/vpc-[a-d] \(/);
  });

  it('prints one JSON document with --json', async () => {
    const r = await run(files, '--snapshot', 's.json', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as AnalyzeReport;
    expect(report.conflicts.conflicts.map((c) => [c.vpcA, c.vpcB])).toEqual([['vpc-a', 'vpc-c']]);
    expect(report.nonTransitive.pairs.map((p) => [p.a, p.b])).toContainEqual(['vpc-a', 'vpc-d']);
    expect(report.routes.peerings.find((p) => p.peeringId === 'pcx-ab')).toEqual({ peeringId: 'pcx-ab', requester: 'complete', accepter: 'complete' });
    expect(report.routes.gaps.filter((g) => g.peeringId === 'pcx-bd').map((g) => [g.side, g.routeTableId, g.state])).toEqual([
      ['requester', 'rtb-bmain', 'missing'],
      ['accepter', 'rtb-dmain', 'missing'],
    ]);
    expect(report.snapshot.vpcNames['vpc-a']).toBe('app');
    // The findings list the app's Findings panel shows, one per thing found.
    expect(report.findings.filter((f) => f.kind === 'cidr-conflict').map((f) => f.id)).toEqual(['cidr-conflict:vpc-a|vpc-c']);
    expect(report.findings.filter((f) => f.kind === 'route-gap')).toHaveLength(report.routes.gaps.length);
  });

  it('lists routes into peerings that cannot work', async () => {
    const snapshot = buildAnalysisSnapshot();
    const topology = {
      ...snapshot.topology,
      routeTables: snapshot.topology.routeTables.map((t) =>
        t.id === 'rtb-dmain' ? { ...t, routes: [...t.routes, { destination: '10.0.0.0/16', target: { kind: 'peering' as const, peeringId: 'pcx-bd' as const }, state: 'active' as const, origin: 'CreateRoute' }] } : t,
      ),
    };
    const r = await run({ 'a.json': JSON.stringify({ ...snapshot, topology }) }, '--snapshot', 'a.json');
    expect(r.stdout).toContain('Routes into peerings that cannot work: 1');
    expect(r.stdout).toMatch(/rtb-dmain\s+reports \(vpc-d\)\s+10\.0\.0\.0\/16 → pcx-bd\s+beyond peer\s+it covers app \(vpc-a\), legacy \(vpc-c\)/);
  });

  it('lists the transit gateway findings, each section with a fix, and counts them in the summary and for --strict', async () => {
    const r = await run({ 'tgw.json': JSON.stringify(buildTgwFindingsSnapshot()) }, '--snapshot', 'tgw.json', '--strict');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(ANALYZE_EXIT.findings);
    expect(r.stdout).toContain('Transit gateways whose routing is unknown: 1');
    expect(r.stdout).toMatch(/far \(tgw-far\)\s+333333333333\s+eu-west-1\s+owner not scanned/);
    expect(r.stdout).toContain('Attachments with no route table: 1');
    expect(r.stdout).toMatch(/tgw-attach-lonely\s+hub \(tgw-hub\)\s+lonely \(vpc-lonely\)\s+none/);
    expect(r.stdout).toContain('Fix, e.g.: Associate it with tgw-rtb-hub: aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id tgw-rtb-hub');
    expect(r.stdout).toContain('VPC blocks not propagated (overlap): 1');
    expect(r.stdout).toMatch(/hub-main \(tgw-rtb-hub\)\s+tgw-attach-copy \(copy \(vpc-copy\)\)\s+10\.0\.0\.0\/16\s+10\.0\.0\.0\/16 → tgw-attach-app \(app \(vpc-app\)\)/);
    expect(r.stdout).toContain('Routes to deleted attachments: 3');
    expect(r.stdout).toMatch(/rtb-old\s+old \(vpc-old\)\s+10\.0\.0\.0\/16 → tgw-hub\s+tgw-attach-old \(deleted\)/);
    expect(r.stdout).toContain('Zones that cannot reach their transit gateway: 1');
    expect(r.stdout).toMatch(/app \(vpc-app\)\s+eu-west-1b\s+hub \(tgw-hub\) \/ tgw-attach-app\s+subnet-appb, subnet-appb2\s+rtb-app/);
    expect(r.stdout).toContain('--add-subnet-ids subnet-appb');
    expect(r.stdout).toContain('Shared transit gateways that auto-accept attachments: 1');
    expect(r.stdout).toContain('--options AutoAcceptSharedAttachments=disable');
    expect(r.stdout).toMatch(/Summary: .*1 unassociated attachment, 1 block not propagated, 3 routes to deleted attachments, 1 zone without an attachment subnet, 1 auto-accepting shared gateway, 0 dropping gateway routes, 1 one-way pair\./);
    const json = JSON.parse((await run({ 'tgw.json': JSON.stringify(buildTgwFindingsSnapshot()) }, '--snapshot', 'tgw.json', '--json')).stdout) as AnalyzeReport;
    expect(json.snapshot.transitGatewayCount).toBe(2);
    expect(json.findings.filter((f) => f.kind.startsWith('tgw-')).map((f) => f.id)).toContain('tgw-zone-gap:tgw-attach-app:eu-west-1b');
  });

  it('limits rows and says how many are left out', async () => {
    const r = await run(files, '--snapshot', 's.json', '--limit', '1');
    expect(r.stdout).toMatch(/… and \d+ more \(use --limit 0 or --json for all\)/);
  });

  it('exits 0 on a clean snapshot and 1 with --strict only when something is found', async () => {
    const clean = await run(files, '--snapshot', 'clean.json', '--strict');
    expect(clean.code).toBe(ANALYZE_EXIT.ok);
    expect(clean.stdout).toContain('None: every VPC pair could be peered');
    expect((await run(files, '--snapshot', 's.json', '--strict')).code).toBe(ANALYZE_EXIT.findings);
  });

  it.each([
    [['--snapshot', 'missing.json'], 'cannot read snapshot missing.json: no such file'],
    [['--json'], '--snapshot FILE is required'],
    [['--snapshot', 's.json', '--limit', 'many'], '--limit must be a whole number'],
    [['--snapshot', 's.json', '--bogus'], 'unknown flag --bogus.'],
  ])('exits 2 for %j, saying why', async (argv, message) => {
    const r = await run(files, ...argv);
    expect(r.code).toBe(ANALYZE_EXIT.usage);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('names the file and the field of a bad snapshot', async () => {
    const snapshot = buildAnalysisSnapshot();
    const broken = { ...snapshot, topology: { ...snapshot.topology, vpcs: [{ ...snapshot.topology.vpcs[0], accountId: 'nope' }] } };
    const r = await run({ 'bad.json': JSON.stringify(broken), 'text.json': 'not json' }, '--snapshot', 'bad.json');
    expect(r.code).toBe(ANALYZE_EXIT.usage);
    expect(r.stderr).toContain('bad.json is not a valid Peerscape snapshot');
    expect(r.stderr).toContain('topology.vpcs.0.accountId: an account id has 12 digits');
    const text = await run({ 'text.json': 'not json' }, '--snapshot', 'text.json');
    expect(text.stderr).toContain('not JSON');
  });

  it('prints its help', async () => {
    const r = await run(files, '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: peerscape analyze --snapshot s.json');
  });
});
