/** The transit gateways table: one row per gateway in view, with its owner, sharing, routing read or not, options and counts. */
import { tgwRoutingUnreadWords } from '../../analysis/tgw-attachment-checklist';
import { accountLabel, findAccount } from '../labels';
import { md } from '../syntax/markdown';
import type { InventoryKind } from './table';

type Key = 'transitGatewayId' | 'name' | 'state' | 'account' | 'region' | 'sharedWith' | 'routing' | 'routeTables' | 'attachments' | 'asn' | 'autoAccept' | 'defaultAssociation' | 'defaultPropagation';

function onOff(v: boolean | undefined): string {
  return v === undefined ? '' : v ? 'on' : 'off';
}

export const transitGateways: InventoryKind<Key> = {
  label: 'Transit gateways',
  csvSuffix: 'transit-gateways',
  appliesTo: (doc) => doc.topology.transitGateways.length > 0,
  markdown: {
    heading: md`Transit gateways`,
    intro: md`Routing: \`read\` when the owner's scan read the gateway's route tables; otherwise why not (only the owner's credentials read them), and every path through the gateway is unknown.`,
    empty: 'No transit gateways.',
    code: ['transitGatewayId'],
  },
  columns: [
    { key: 'transitGatewayId', title: 'Transit gateway' },
    { key: 'name', title: 'Name' },
    { key: 'state', title: 'State' },
    { key: 'account', title: 'Owner account' },
    { key: 'region', title: 'Region' },
    { key: 'sharedWith', title: 'Shared with' },
    { key: 'routing', title: 'Routing' },
    { key: 'routeTables', title: 'Route tables' },
    { key: 'attachments', title: 'Attachments' },
    { key: 'asn', title: 'Amazon side ASN' },
    { key: 'autoAccept', title: 'Auto-accept shared attachments' },
    { key: 'defaultAssociation', title: 'Default association table' },
    { key: 'defaultPropagation', title: 'Default propagation table' },
  ],
  rows: ({ doc }) =>
    doc.topology.transitGateways.map((g) => {
      const tables = doc.topology.transitGatewayRouteTables.filter((t) => t.transitGatewayId === g.id && t.region === g.region);
      const attachments = doc.topology.transitGatewayAttachments.filter((a) => a.transitGatewayId === g.id && a.region === g.region);
      const o = g.options;
      return {
        transitGatewayId: g.id,
        name: g.name ?? '',
        state: g.state,
        account: accountLabel(findAccount(doc, g.accountId), g.accountId),
        region: g.region,
        sharedWith: g.sharedWith.join(', '),
        routing: g.routing.state === 'read' ? 'read' : `not read: ${tgwRoutingUnreadWords(g.routing.reason, g).reason}`,
        routeTables: g.routing.state === 'read' ? tables.map((t) => `${t.id}${t.routesComplete ? '' : ' (routes cut short)'}`).join(', ') : '',
        attachments: String(attachments.length),
        asn: o.amazonSideAsn === undefined ? '' : String(o.amazonSideAsn),
        autoAccept: onOff(o.autoAcceptSharedAttachments),
        defaultAssociation: o.defaultRouteTableAssociation ? (o.associationDefaultRouteTableId ?? 'on') : onOff(o.defaultRouteTableAssociation),
        defaultPropagation: o.defaultRouteTablePropagation ? (o.propagationDefaultRouteTableId ?? 'on') : onOff(o.defaultRouteTablePropagation),
      };
    }),
};
