import { describe, expect, it } from 'vitest';

import { exportCsvTables } from '../../../shared/export/csv';
import { buildExportDocument } from '../../../shared/export/export-document';
import type { ExportDocument } from '../../../shared/export/export-document';
import { buildInventory } from '../../../shared/export/inventory';
import { exportMarkdown } from '../../../shared/export/markdown';
import { snapshot } from '../../support/fixtures/build-topology';
import { tgwEstate } from '../../support/fixtures/tgw-estate';

function estateDoc(selection = {}): ExportDocument {
  const r = buildExportDocument(snapshot(tgwEstate().topology, { source: 'tgw-estate' }), selection);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('transit gateways in the inventory', () => {
  it('lists every gateway with its owner, sharing and whether its routing was read', () => {
    const rows = buildInventory(estateDoc()).transitGateways.rows;
    expect(rows.map((r) => [r.transitGatewayId, r.account, r.region, r.sharedWith, r.routing, r.routeTables, r.attachments])).toEqual([
      ['tgw-0hub1', 'network (111111111111)', 'eu-west-1', '', 'read', 'tgw-rtb-0main', '5'],
      ['tgw-0hub2', 'network (111111111111)', 'us-east-1', '', 'read', 'tgw-rtb-0east', '2'],
      ['tgw-0shared', '333333333333', 'eu-west-1', '222222222222', "not read: no scan of the owner's account 333333333333 in eu-west-1 listed it: only the owner's credentials read a gateway's route tables", '', '1'],
    ]);
  });

  it('lists every attachment as its gateway sees it, a TGW peering on both gateways, with association, propagation and routing', () => {
    const rows = buildInventory(estateDoc()).tgwAttachments.rows;
    const byKey = new Map(rows.map((r) => [`${r.transitGatewayId}/${r.attachmentId}`, r]));
    expect(byKey.get('tgw-0hub1/tgw-attach-0app')).toMatchObject({ resourceType: 'vpc', resource: 'app (vpc-0app)', state: 'available', association: 'tgw-rtb-0main (associated)', propagatesTo: 'tgw-rtb-0main', routing: 'routed both ways' });
    expect(byKey.get('tgw-0hub1/tgw-attach-0data')).toMatchObject({ routing: 'routed one way', resourceAccount: 'apps (222222222222)' });
    expect(byKey.get('tgw-0hub1/tgw-attach-0staging')).toMatchObject({ state: 'pendingAcceptance', routing: '' });
    expect(byKey.get('tgw-0shared/tgw-attach-0analytics')).toMatchObject({ routing: 'routing not read' });
    expect(byKey.get('tgw-0hub1/tgw-attach-0vpn')).toMatchObject({ resourceType: 'vpn', resource: 'vpn-0office' });
    expect([byKey.get('tgw-0hub1/tgw-attach-0peer')?.resource, byKey.get('tgw-0hub2/tgw-attach-0peer')?.resource]).toEqual(['tgw-0hub2', 'tgw-0hub1']);
  });

  it('lists TGW peerings, and every table in CSV and in the Markdown report', () => {
    const doc = estateDoc();
    expect(buildInventory(doc).tgwPeerings.rows).toEqual([
      {
        attachmentId: 'tgw-attach-0peer',
        name: '',
        state: 'available',
        requesterGateway: 'tgw-0hub1',
        requesterAccount: 'network (111111111111)',
        requesterRegion: 'eu-west-1',
        accepterGateway: 'tgw-0hub2',
        accepterAccount: 'network (111111111111)',
        accepterRegion: 'us-east-1',
        dynamicRouting: 'disable',
        statusMessage: '',
      },
    ]);
    const csv = exportCsvTables(doc);
    expect(csv.transitGateways!.split('\r\n')[0]).toContain('Transit gateway,Name,State,Owner account');
    expect(csv.tgwAttachments).toContain('tgw-attach-0staging');
    expect(csv.tgwPeerings).toContain('tgw-attach-0peer');
    const report = exportMarkdown(doc, { diagram: false });
    expect(report).toContain('- **Transit gateways:** 3 (8 attachments, 1 TGW peerings)');
    expect(report).toContain('## Transit gateway attachments');
    expect(report).toContain('| `tgw-attach-0data` |');
  });

  it('leaves the three tables out of an estate without transit gateways, in Markdown and CSV', () => {
    const e = tgwEstate().topology;
    const r = buildExportDocument(snapshot({ ...e, transitGateways: [], transitGatewayAttachments: [], transitGatewayPeerings: [], transitGatewayRouteTables: [] }));
    if (!r.ok) throw new Error(r.error.message);
    expect(Object.keys(exportCsvTables(r.value))).toEqual(['vpcs', 'peerings', 'routeGaps', 'cidrConflicts', 'nonTransitivePairs']);
    expect(exportMarkdown(r.value, { diagram: false })).not.toContain('Transit gateway');
  });

  it('keeps a chosen VPC’s gateway and leaves out attachments of VPCs out of view', () => {
    const doc = estateDoc({ vpcIds: ['vpc-0analytics'] });
    expect(buildInventory(doc).transitGateways.rows.map((r) => r.transitGatewayId)).toEqual(['tgw-0shared']);
    expect(buildInventory(doc).tgwAttachments.rows.map((r) => r.attachmentId)).toEqual(['tgw-attach-0analytics']);
  });
});
