import { describe, expect, it } from 'vitest';

import type { Finding, FindingKind } from '../../../shared/analysis/findings';
import { analyzeSnapshot, FINDING_KINDS, hasFindings, summarizeFindings } from '../../../shared/analysis/findings';
import type { Snapshot } from '../../../shared/model/snapshot';
import type { Topology } from '../../../shared/model/topology';
import { route, routeTable, snapshot, subnet, topology, transitGateway, vpc, vpcAttachment } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';
import { buildTgwFindingsSnapshot, buildTgwFindingsTopology, FAR_OWNER, MEMBER } from '../../support/fixtures/tgw-findings-snapshot';

function ofKind(s: Snapshot, kind: FindingKind): readonly Finding[] {
  return analyzeSnapshot(s).findings.filter((f) => f.kind === kind);
}

function withTopology(t: Topology): Snapshot {
  return { ...buildTgwFindingsSnapshot(), topology: t };
}

describe('transit gateway findings', () => {
  it('lists each kind with a stable id, words, a fix and a table row', () => {
    const a = analyzeSnapshot(buildTgwFindingsSnapshot());
    const tgw = a.findings.filter((f) => f.kind.startsWith('tgw-'));
    expect(new Set(tgw.map((f) => f.kind))).toEqual(new Set(['tgw-routing-unread', 'tgw-unassociated', 'tgw-not-propagated', 'tgw-stale-route', 'tgw-zone-gap', 'tgw-auto-accept']));
    expect(new Set(a.findings.map((f) => f.id)).size).toBe(a.findings.length);
    for (const f of tgw) {
      expect(f.cells, f.id).toHaveLength(FINDING_KINDS[f.kind].columns.length);
      expect(f.fix, f.id).toBeTruthy();
      expect(f.message).not.toMatch(/undefined/);
    }
    // Run again on an equal snapshot: the same ids.
    expect(analyzeSnapshot(buildTgwFindingsSnapshot()).findings.map((f) => f.id)).toEqual(a.findings.map((f) => f.id));
    expect(summarizeFindings(a)).toContain('1 unassociated attachment, 1 block not propagated, 3 routes to deleted attachments, 1 zone without an attachment subnet, 1 auto-accepting shared gateway, 0 dropping gateway routes, 1 one-way pair.');
  });

  it('1. an available attachment associated with no route table: its incoming traffic is dropped', () => {
    const [f, ...rest] = ofKind(buildTgwFindingsSnapshot(), 'tgw-unassociated');
    // lonely2's attachment to `far` shows no association either, but far's routing is unread: not judged.
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'tgw-unassociated:tgw-hub:tgw-attach-lonely', severity: 'warn', subject: 'tgw-attach-lonely (lonely (vpc-lonely)) · hub (tgw-hub)' });
    expect(f!.message).toContain('associated with no route table');
    expect(f!.message).toContain('dropped');
    expect(f!.fix).toBe(
      'Associate it with tgw-rtb-hub: aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id tgw-rtb-hub --transit-gateway-attachment-id tgw-attach-lonely --profile network --region eu-west-1',
    );
    expect(f!.focus).toEqual({ kind: 'transit-gateway', transitGatewayId: 'tgw-hub', attachmentIds: ['tgw-attach-lonely'], vpcIds: ['vpc-lonely'] });
  });

  it('1. an attachment a read route table lists as associated is not flagged, nor one not yet available', () => {
    const t = buildTgwFindingsTopology();
    const lonely = t.transitGatewayAttachments.find((a) => a.id === 'tgw-attach-lonely')!;
    expect(ofKind(withTopology(t), 'tgw-unassociated')).toHaveLength(1);
    const listed = {
      ...t,
      transitGatewayRouteTables: t.transitGatewayRouteTables.map((rt) => ({ ...rt, associations: [...rt.associations, { attachmentId: lonely.id, state: 'associated' }] })),
    };
    expect(ofKind(withTopology(listed), 'tgw-unassociated')).toEqual([]);
    const pending = { ...t, transitGatewayAttachments: t.transitGatewayAttachments.map((a) => (a.id === lonely.id ? { ...a, state: 'pendingAcceptance' } : a)) };
    expect(ofKind(withTopology(pending), 'tgw-unassociated')).toEqual([]);
  });

  it('2. a VPC block not propagated because it overlaps one already propagated names both attachments and VPCs', () => {
    const [f, ...rest] = ofKind(buildTgwFindingsSnapshot(), 'tgw-not-propagated');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'tgw-not-propagated:tgw-rtb-hub:tgw-attach-copy:10.0.0.0/16', severity: 'warn' });
    expect(f!.message).toContain('tgw-attach-copy (copy (vpc-copy))');
    expect(f!.message).toContain('10.0.0.0/16 → tgw-attach-app (app (vpc-app))');
    expect(f!.message).toContain('AWS does not propagate an overlapping block');
    expect(f!.fix).toContain('aws ec2 create-transit-gateway-route --transit-gateway-route-table-id tgw-rtb-hub --destination-cidr-block 10.0.0.0/16 --transit-gateway-attachment-id tgw-attach-copy --profile network --region eu-west-1');
    expect(f!.focus).toMatchObject({ kind: 'transit-gateway', vpcIds: ['vpc-copy', 'vpc-app'] });
  });

  it('2. a block inside a propagated block is found too, and nothing is said of a table whose routes were cut short', () => {
    const t = buildTgwFindingsTopology();
    const inside = { ...t, vpcs: t.vpcs.map((v) => (v.id === 'vpc-copy' ? vpc('vpc-copy', '10.0.128.0/17', { name: 'copy', accountId: MEMBER }) : v)) };
    expect(ofKind(withTopology(inside), 'tgw-not-propagated').map((f) => f.cells[2])).toEqual(['10.0.128.0/17']);
    const wide = { ...t, vpcs: t.vpcs.map((v) => (v.id === 'vpc-copy' ? vpc('vpc-copy', '10.0.0.0/8', { name: 'copy', accountId: MEMBER }) : v)) };
    expect(ofKind(withTopology(wide), 'tgw-not-propagated')[0]!.cells[3]).toBe(
      '10.0.0.0/16 → tgw-attach-app (app (vpc-app)); 10.1.0.0/16 → tgw-attach-db (db (vpc-db)); 10.3.0.0/16 → tgw-attach-quiet (quiet (vpc-quiet))',
    );
    const cut = { ...t, transitGatewayRouteTables: t.transitGatewayRouteTables.map((rt) => ({ ...rt, routesComplete: false })) };
    expect(ofKind(withTopology(cut), 'tgw-not-propagated')).toEqual([]);
  });

  it('3. routes to deleted attachments: in the gateway table (deleted, or gone and blackholed) and in a VPC table, never a blackhole made on purpose', () => {
    const found = ofKind(buildTgwFindingsSnapshot(), 'tgw-stale-route');
    expect(found.map((f) => f.id)).toEqual(['tgw-stale-route:tgw-rtb-hub:10.9.0.0/16:static', 'tgw-stale-route:tgw-rtb-hub:10.8.0.0/16:static', 'tgw-stale-route:rtb-old:10.0.0.0/16']);
    const [deleted, gone, inVpc] = found;
    expect(deleted!.message).toContain('sends 10.9.0.0/16 to tgw-attach-old (deleted), which is gone');
    expect(deleted!.fix).toBe(
      'Delete the route (or point it at a live attachment): aws ec2 delete-transit-gateway-route --transit-gateway-route-table-id tgw-rtb-hub --destination-cidr-block 10.9.0.0/16 --profile network --region eu-west-1',
    );
    expect(gone!.message).toContain('tgw-attach-gone (no longer listed)');
    expect(gone!.message).toContain('a blackhole left behind');
    expect(inVpc).toMatchObject({ severity: 'warn', subject: 'rtb-old · 10.0.0.0/16 → hub (tgw-hub)', focus: { kind: 'vpcs', vpcIds: ['vpc-old'] } });
    expect(inVpc!.message).toContain('whose attachment tgw-attach-old is deleted');
    expect(inVpc!.fix).toBe('Delete the route (or attach the VPC again): aws ec2 delete-route --route-table-id rtb-old --destination-cidr-block 10.0.0.0/16 --profile network --region eu-west-1');
  });

  it('3. a VPC route to a gateway the snapshot does not list, or whose attachments were not read, is not judged', () => {
    const t = buildTgwFindingsTopology();
    expect(ofKind(withTopology(t), 'tgw-stale-route').map((f) => f.id)).toContain('tgw-stale-route:rtb-old:10.0.0.0/16');
    const unlisted = { ...t, routeTables: t.routeTables.map((rt) => (rt.id === 'rtb-old' ? { ...rt, routes: [...rt.routes.slice(0, 1), route('10.0.0.0/16', 'tgw-elsewhere', 'blackhole')] } : rt)) };
    expect(ofKind(withTopology(unlisted), 'tgw-stale-route').map((f) => f.id)).not.toContain('tgw-stale-route:rtb-old:10.0.0.0/16');
    const s = buildTgwFindingsSnapshot();
    const unread = { ...s, coverage: s.coverage.map((c) => ({ ...c, unread: [{ kind: 'transitGatewayAttachments', errorCode: 'UnauthorizedOperation', message: 'Allow ec2:DescribeTransitGatewayAttachments.' }] })) };
    expect(ofKind(unread, 'tgw-stale-route').map((f) => f.id)).not.toContain('tgw-stale-route:rtb-old:10.0.0.0/16');
  });

  it('4. a zone whose subnets route to the gateway but has no attachment subnet; a zone that does not route there is not noise', () => {
    const [f, ...rest] = ofKind(buildTgwFindingsSnapshot(), 'tgw-zone-gap');
    // quiet has zone b without an attachment subnet too, but zone b's table sends nothing to the hub.
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'tgw-zone-gap:tgw-attach-app:eu-west-1b', severity: 'warn', subject: 'app (vpc-app) · eu-west-1b → hub (tgw-hub)' });
    expect(f!.message).toContain('subnets in eu-west-1b (subnet-appb, subnet-appb2) route to hub (tgw-hub) through rtb-app');
    expect(f!.message).toContain('only eu-west-1a');
    expect(f!.fix).toBe(
      'Add a subnet of eu-west-1b to the attachment (one per zone), e.g. subnet-appb: aws ec2 modify-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-app --add-subnet-ids subnet-appb --profile network --region eu-west-1',
    );
    expect(f!.focus).toEqual({ kind: 'transit-gateway', transitGatewayId: 'tgw-hub', attachmentIds: ['tgw-attach-app'], vpcIds: ['vpc-app'] });
  });

  it('4. an attachment subnet of unknown zone leaves the attachment unjudged', () => {
    const t = buildTgwFindingsTopology();
    expect(ofKind(withTopology(t), 'tgw-zone-gap')).toHaveLength(1);
    const unknown = {
      ...t,
      transitGatewayAttachments: t.transitGatewayAttachments.map((a) => (a.id === 'tgw-attach-app' ? { ...a, vpc: { ...a.vpc!, subnets: [{ subnetId: 'subnet-elsewhere' as const }] } } : a)),
    };
    expect(ofKind(withTopology(unknown), 'tgw-zone-gap')).toEqual([]);
  });

  it('5. auto-accept on a shared gateway is a risk, with the command that turns it off; on an unshared one it is not', () => {
    const [f, ...rest] = ofKind(buildTgwFindingsSnapshot(), 'tgw-auto-accept');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'tgw-auto-accept:tgw-hub', severity: 'warn', cells: ['hub (tgw-hub)', '111111111111', 'eu-west-1', MEMBER] });
    expect(f!.fix).toBe('Turn auto-accept off, so the owner accepts each attachment: aws ec2 modify-transit-gateway --transit-gateway-id tgw-hub --options AutoAcceptSharedAttachments=disable --profile network --region eu-west-1');
    // Shared is also what a cross-account attachment shows, when no account it is shared with was scanned.
    const t = buildTgwFindingsTopology();
    const notShared = { ...t, transitGateways: t.transitGateways.map((g) => ({ ...g, sharedWith: [] })) };
    expect(ofKind(withTopology(notShared), 'tgw-auto-accept').map((x) => x.id)).toEqual(['tgw-auto-accept:tgw-hub']);
    const alone = { ...notShared, transitGatewayAttachments: notShared.transitGatewayAttachments.filter((a) => a.resourceOwnerId !== MEMBER) };
    expect(ofKind(withTopology(alone), 'tgw-auto-accept')).toEqual([]);
  });

  it('6. a gateway whose routing is unread: one info finding saying its paths cannot be judged, with the fix', () => {
    const [f, ...rest] = ofKind(buildTgwFindingsSnapshot(), 'tgw-routing-unread');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'tgw-routing-unread:tgw-far', severity: 'info', cells: ['far (tgw-far)', FAR_OWNER, 'eu-west-1', 'owner not scanned'] });
    expect(f!.message).toContain('Analysis cannot judge the paths through it');
    expect(f!.fix).toBe(`Add a profile of account ${FAR_OWNER} (the owner) and scan eu-west-1 with it.`);
    // A failed owner's cell gives its own fix; an unread table list gives the cell's error and fix.
    const s = buildTgwFindingsSnapshot();
    const t = { ...s.topology, accounts: [...s.topology.accounts, { id: FAR_OWNER, profiles: ['far-admin'] }] };
    const failed: Snapshot = {
      ...s,
      topology: t,
      coverage: [...s.coverage, { profile: 'far-admin', accountId: FAR_OWNER, region: 'eu-west-1', state: 'failed', errorCode: 'AuthFailure', message: 'Refresh the credentials of far-admin.' }],
    };
    expect(ofKind(failed, 'tgw-routing-unread')[0]!.fix).toBe("The owner's cell far-admin · eu-west-1 did not load (AuthFailure): Refresh the credentials of far-admin.");
    // A profile that failed before its identity or any region was known is found by its name.
    const early: Snapshot = { ...s, topology: t, coverage: [...s.coverage, { profile: 'far-admin', region: '*', state: 'failed', errorCode: 'ExpiredToken', message: 'Log in again.' }] };
    expect(ofKind(early, 'tgw-routing-unread')[0]!.fix).toBe("The owner's cell far-admin · eu-west-1 did not load (ExpiredToken): Log in again.");
    const unread: Snapshot = {
      ...s,
      topology: { ...t, transitGateways: t.transitGateways.map((g) => (g.id === 'tgw-far' ? { ...g, routing: { state: 'unread', reason: 'route-tables-unread' } } : g)) },
      coverage: [
        ...s.coverage,
        {
          profile: 'far-admin',
          accountId: FAR_OWNER,
          region: 'eu-west-1',
          state: 'complete',
          unread: [{ kind: 'transitGatewayRouteTables', errorCode: 'UnauthorizedOperation', message: 'Allow ec2:DescribeTransitGatewayRouteTables for far-admin.' }],
        },
      ],
    };
    const u = ofKind(unread, 'tgw-routing-unread')[0]!;
    expect(u.message).toContain('could not read its route tables (UnauthorizedOperation');
    expect(u.fix).toBe('Allow ec2:DescribeTransitGatewayRouteTables for far-admin.');
  });

  it('leaves a snapshot without transit gateways as it was: no section, the same summary', () => {
    const a = analyzeSnapshot(snapshot(buildPeeredPair()));
    expect(a.findings.filter((f) => f.kind.startsWith('tgw-'))).toEqual([]);
    expect(summarizeFindings(a)).not.toMatch(/attachment|gateway|propagated|zone/);
    expect(hasFindings(a)).toBe(false);
    // An unread gateway alone is coverage, not a finding to act on (as a cell that did not load).
    const far = transitGateway('tgw-far', { accountId: FAR_OWNER, routing: { state: 'unread', reason: 'owner-not-scanned' } });
    const x = vpc('vpc-x', '10.0.0.0/16');
    const lone = topology({ vpcs: [x], subnets: [subnet('subnet-x', x, '10.0.1.0/24')], routeTables: [routeTable('rtb-x', x, { main: true })], transitGateways: [far], transitGatewayAttachments: [vpcAttachment('tgw-attach-x', far, x, [])] });
    const b = analyzeSnapshot(snapshot(lone));
    expect(b.findings.map((f) => f.kind)).toEqual(['tgw-routing-unread']);
    expect(hasFindings(b)).toBe(false);
  });
});
