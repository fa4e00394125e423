/** The transit gateway peerings table: one row per peering of two gateways, requester and accepter. */
import { accountLabel, findAccount } from '../labels';
import { md } from '../syntax/markdown';
import type { InventoryKind } from './table';

type Key = 'attachmentId' | 'name' | 'state' | 'requesterGateway' | 'requesterAccount' | 'requesterRegion' | 'accepterGateway' | 'accepterAccount' | 'accepterRegion' | 'dynamicRouting' | 'statusMessage';

export const tgwPeerings: InventoryKind<Key> = {
  label: 'Transit gateway peerings',
  csvSuffix: 'tgw-peerings',
  appliesTo: (doc) => doc.topology.transitGateways.length > 0,
  markdown: {
    heading: md`Transit gateway peerings`,
    intro: md`A TGW peering carries static routes only, set on each gateway's route tables.`,
    empty: 'No transit gateway peerings.',
    code: ['attachmentId', 'requesterGateway', 'accepterGateway'],
  },
  columns: [
    { key: 'attachmentId', title: 'Peering attachment' },
    { key: 'name', title: 'Name' },
    { key: 'state', title: 'State' },
    { key: 'requesterGateway', title: 'Requester gateway' },
    { key: 'requesterAccount', title: 'Requester account' },
    { key: 'requesterRegion', title: 'Requester region' },
    { key: 'accepterGateway', title: 'Accepter gateway' },
    { key: 'accepterAccount', title: 'Accepter account' },
    { key: 'accepterRegion', title: 'Accepter region' },
    { key: 'dynamicRouting', title: 'Dynamic routing' },
    { key: 'statusMessage', title: 'Status message' },
  ],
  rows: ({ doc }) =>
    doc.topology.transitGatewayPeerings.map((p) => ({
      attachmentId: p.id,
      name: p.name ?? '',
      state: p.state,
      requesterGateway: p.requester.transitGatewayId,
      requesterAccount: accountLabel(findAccount(doc, p.requester.accountId), p.requester.accountId),
      requesterRegion: p.requester.region,
      accepterGateway: p.accepter.transitGatewayId,
      accepterAccount: accountLabel(findAccount(doc, p.accepter.accountId), p.accepter.accountId),
      accepterRegion: p.accepter.region,
      dynamicRouting: p.dynamicRouting ?? '',
      statusMessage: p.statusMessage ?? '',
    })),
};
