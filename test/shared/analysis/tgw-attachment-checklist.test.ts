import { describe, expect, it } from 'vitest';

import { tgwAttachmentChecklist, tgwAttachmentRoutings } from '../../../shared/analysis/tgw-attachment-checklist';
import type { Topology } from '../../../shared/model/topology';
import { tgwEstate } from '../../support/fixtures/tgw-estate';

function stepsOf(t: Topology, tgw: `tgw-${string}`, id: `tgw-attach-${string}`) {
  const c = tgwAttachmentChecklist(t, tgw, id);
  if (!c) throw new Error(`no checklist for ${id}`);
  return { c, step: Object.fromEntries(c.steps.map((s) => [s.id, s])) };
}

describe('tgwAttachmentChecklist', () => {
  it('passes every step for an attachment routed both ways, naming the table and the return routes', () => {
    const { topology } = tgwEstate();
    const { c, step } = stepsOf(topology, 'tgw-0hub1', 'tgw-attach-0app');
    expect(c.steps.map((s) => [s.id, s.state])).toEqual([
      ['accepted', 'ok'],
      ['associated', 'ok'],
      ['propagating', 'ok'],
      ['vpc-routes', 'ok'],
      ['return-path', 'ok'],
    ]);
    expect(step['associated']!.details[0]).toBe('Associated with main (tgw-rtb-0main).');
    expect(step['vpc-routes']!.details[0]).toContain('10.2.0.0/16, 10.20.0.0/16, 192.168.0.0/16');
    expect(c.routing).toBe('complete');
  });

  it('says one-way when the VPC sends nothing to the gateway, with the create-route fix for each destination', () => {
    const { topology } = tgwEstate();
    const { c, step } = stepsOf(topology, 'tgw-0hub1', 'tgw-attach-0data');
    expect(step['vpc-routes']!.state).toBe('failing');
    expect(step['vpc-routes']!.fixes).toContain('aws ec2 create-route --route-table-id rtb-0data --destination-cidr-block 10.1.0.0/16 --transit-gateway-id tgw-0hub1 --profile apps --region eu-west-1');
    expect(step['return-path']!.state).toBe('ok');
    expect(c.routing).toBe('one-way');
  });

  it('fails "accepted" for an attachment pending acceptance, with the accept command, and leaves the rest for later', () => {
    const { topology } = tgwEstate();
    const { c, step } = stepsOf(topology, 'tgw-0hub1', 'tgw-attach-0staging');
    expect(step['accepted']!.state).toBe('failing');
    expect(step['accepted']!.fixes).toEqual(['aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-0staging --profile network --region eu-west-1']);
    expect(c.steps.slice(1, 3).map((s) => s.state)).toEqual(['not-applicable', 'not-applicable']);
    expect(c.routing).toBe('not-applicable');
  });

  it('says unknown, never failing, when the gateway routing was not read, with the reason and fix', () => {
    const { topology } = tgwEstate();
    const { c, step } = stepsOf(topology, 'tgw-0shared', 'tgw-attach-0analytics');
    for (const id of ['associated', 'propagating', 'return-path']) expect(step[id]!.state).toBe('unknown');
    expect(step['associated']!.details[0]).toMatch(/^Routing not read: no scan of the owner's account 333333333333 in eu-west-1 listed it/);
    expect(step['associated']!.details[1]).toContain('Add a profile of account 333333333333');
    expect(c.routing).toBe('unknown');
  });

  it('fails association, propagation and the return path with their fixes when the attachment is in no table', () => {
    const e = tgwEstate();
    const main = { ...e.main, associations: e.main.associations.filter((l) => l.attachmentId !== 'tgw-attach-0app'), propagations: [], routes: e.main.routes.filter((r) => r.type !== 'propagated') };
    const t = { ...e.topology, transitGatewayRouteTables: [main, e.eastTable], transitGatewayAttachments: e.topology.transitGatewayAttachments.map((a) => (a.id === 'tgw-attach-0app' ? { ...a, association: undefined } : a)) };
    const { c, step } = stepsOf(t as Topology, 'tgw-0hub1', 'tgw-attach-0app');
    expect(step['associated']!.fixes).toEqual(['aws ec2 associate-transit-gateway-route-table --transit-gateway-route-table-id tgw-rtb-0main --transit-gateway-attachment-id tgw-attach-0app --profile network --region eu-west-1']);
    expect(step['return-path']!.details).toContain('main (tgw-rtb-0main) has no route to 10.1.0.0/16.');
    expect(step['return-path']!.fixes).toEqual(['aws ec2 create-transit-gateway-route --transit-gateway-route-table-id tgw-rtb-0main --destination-cidr-block 10.1.0.0/16 --transit-gateway-attachment-id tgw-attach-0app --profile network --region eu-west-1']);
    expect(step['propagating']!.fixes).toEqual(['aws ec2 enable-transit-gateway-route-table-propagation --transit-gateway-route-table-id tgw-rtb-0main --transit-gateway-attachment-id tgw-attach-0app --profile network --region eu-west-1']);
    expect(c.routing).toBe('not-routed');
  });

  it('takes the longest prefix, static before propagated, and names a blackhole on the way back', () => {
    const e = tgwEstate();
    const main = { ...e.main, routes: [...e.main.routes, { destination: { kind: 'cidr' as const, cidr: '10.1.0.0/16' }, type: 'static' as const, state: 'blackhole' as const, targets: [] }] };
    const t = { ...e.topology, transitGatewayRouteTables: [main, e.eastTable] };
    const { step } = stepsOf(t, 'tgw-0hub1', 'tgw-attach-0app');
    expect(step['return-path']!.state).toBe('failing');
    expect(step['return-path']!.details).toContain('main (tgw-rtb-0main) blackholes 10.1.0.0/16.');
  });

  it('lists every VPC attachment routing for the edges', () => {
    const { topology } = tgwEstate();
    expect(Object.fromEntries(tgwAttachmentRoutings(topology))).toEqual({
      'tgw-0hub1/tgw-attach-0app': 'complete',
      'tgw-0hub1/tgw-attach-0data': 'one-way',
      'tgw-0hub1/tgw-attach-0staging': 'not-applicable',
      'tgw-0shared/tgw-attach-0analytics': 'unknown',
      'tgw-0hub2/tgw-attach-0east': 'complete',
    });
  });
});
