/** The transit gateway attachments table: one row per attachment as its gateway sees it (a peering's two sides are two rows), with its association and, for a VPC, its routing. */
import { tgwAttachmentDetail } from '../../diagram/kinds/tgw-attachment/scene';
import type { VpcId } from '../../model/ids';
import { accountLabel, findAccount } from '../labels';
import { md } from '../syntax/markdown';
import type { InventoryKind } from './table';

type Key = 'attachmentId' | 'name' | 'transitGatewayId' | 'region' | 'resourceType' | 'resource' | 'resourceAccount' | 'state' | 'association' | 'propagatesTo' | 'routing' | 'subnets';

export const tgwAttachments: InventoryKind<Key> = {
  label: 'Transit gateway attachments',
  csvSuffix: 'tgw-attachments',
  appliesTo: (doc) => doc.topology.transitGateways.length > 0,
  markdown: {
    heading: md`Transit gateway attachments`,
    intro: md`One row per attachment as its gateway sees it: a TGW peering has one attachment id and a row on each gateway. Routing (VPC attachments that are available): from the attachment's checklist — both ways, one way, not routed, or not read when the gateway's routing is unknown.`,
    empty: 'No transit gateway attachments.',
    code: ['attachmentId', 'transitGatewayId'],
  },
  columns: [
    { key: 'attachmentId', title: 'Attachment' },
    { key: 'name', title: 'Name' },
    { key: 'transitGatewayId', title: 'Transit gateway' },
    { key: 'region', title: 'Region' },
    { key: 'resourceType', title: 'Type' },
    { key: 'resource', title: 'Resource' },
    { key: 'resourceAccount', title: 'Resource account' },
    { key: 'state', title: 'State' },
    { key: 'association', title: 'Associated route table' },
    { key: 'propagatesTo', title: 'Propagates to' },
    { key: 'routing', title: 'Routing' },
    { key: 'subnets', title: 'Subnets' },
  ],
  rows: ({ doc, vpcLabel }) =>
    doc.topology.transitGatewayAttachments.map((a) => {
      const tables = doc.topology.transitGatewayRouteTables.filter((t) => t.transitGatewayId === a.transitGatewayId && t.region === a.region);
      const routing = doc.analysis.tgwAttachmentRouting.get(`${a.transitGatewayId}/${a.id}`);
      return {
        attachmentId: a.id,
        name: a.name ?? '',
        transitGatewayId: a.transitGatewayId,
        region: a.region,
        resourceType: a.resourceType,
        resource: a.resourceType === 'vpc' ? vpcLabel(a.resourceId as VpcId) : a.resourceId,
        resourceAccount: accountLabel(findAccount(doc, a.resourceOwnerId), a.resourceOwnerId),
        state: a.state,
        association: a.association ? `${a.association.routeTableId} (${a.association.state})` : '',
        propagatesTo: tables.filter((t) => t.propagations.some((l) => l.attachmentId === a.id && l.state === 'enabled')).map((t) => t.id).join(', '),
        routing: routing && a.state === 'available' ? tgwAttachmentDetail(a.state, routing).replace(/^available · /, '') : '',
        subnets: a.vpc?.subnets.map((s) => `${s.subnetId}${s.availabilityZone ? ` (${s.availabilityZone})` : ''}`).join(', ') ?? '',
      };
    }),
};
