/** The peerings table: one row per peering, with its sides, route state and DNS options. */
import { peeringRouteState } from '../../diagram/style';
import { dnsWords, routeStateWords, routeSummaryWords } from '../labels';
import { md } from '../syntax/markdown';
import type { InventoryKind } from './table';

type Key =
  | 'peeringId'
  | 'name'
  | 'status'
  | 'requesterVpc'
  | 'requesterAccount'
  | 'requesterRegion'
  | 'accepterVpc'
  | 'accepterAccount'
  | 'accepterRegion'
  | 'routes'
  | 'requesterRoutes'
  | 'accepterRoutes'
  | 'requesterDns'
  | 'accepterDns'
  | 'statusMessage';

export const peerings: InventoryKind<Key> = {
  label: 'Peerings',
  csvSuffix: 'peerings',
  markdown: {
    heading: md`Peerings`,
    intro: md`Routes: whether every route table serving a subnet routes every block of the other side to the peering (active peerings only). DNS option: \`allowDnsResolutionFromRemoteVpc\` of that side, which lets the other VPC resolve this side’s public DNS names to private addresses.`,
    empty: 'No peerings.',
    code: ['peeringId'],
  },
  columns: [
    { key: 'peeringId', title: 'Peering' },
    { key: 'name', title: 'Name' },
    { key: 'status', title: 'Status' },
    { key: 'requesterVpc', title: 'Requester VPC' },
    { key: 'requesterAccount', title: 'Requester account' },
    { key: 'requesterRegion', title: 'Requester region' },
    { key: 'accepterVpc', title: 'Accepter VPC' },
    { key: 'accepterAccount', title: 'Accepter account' },
    { key: 'accepterRegion', title: 'Accepter region' },
    { key: 'routes', title: 'Routes' },
    { key: 'requesterRoutes', title: 'Requester routes' },
    { key: 'accepterRoutes', title: 'Accepter routes' },
    { key: 'requesterDns', title: 'Requester DNS option' },
    { key: 'accepterDns', title: 'Accepter DNS option' },
    { key: 'statusMessage', title: 'Status message' },
  ],
  rows: ({ doc, vpcLabel, sideAccount }) =>
    doc.topology.peerings.map((p) => {
      const c = doc.analysis.routeCompleteness.get(p.id);
      return {
        peeringId: p.id,
        name: p.name ?? '',
        status: p.status,
        requesterVpc: vpcLabel(p.requester.vpcId),
        requesterAccount: sideAccount(p.requester),
        requesterRegion: p.requester.region,
        accepterVpc: vpcLabel(p.accepter.vpcId),
        accepterAccount: sideAccount(p.accepter),
        accepterRegion: p.accepter.region,
        routes: routeStateWords(peeringRouteState(c)),
        requesterRoutes: routeSummaryWords(c?.requester.summary),
        accepterRoutes: routeSummaryWords(c?.accepter.summary),
        requesterDns: dnsWords(p.requester),
        accepterDns: dnsWords(p.accepter),
        statusMessage: p.statusMessage ?? '',
      };
    }),
};
