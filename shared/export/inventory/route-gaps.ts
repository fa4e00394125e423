/** The route gaps table: one row per peer block a route table serving a subnet does not route to
 * its active peering, or per side whose routes could not be read. */
import { describeRouteCheck, suggestRouteFix } from '../../analysis/route-words';
import { md } from '../syntax/markdown';
import type { InventoryKind, InventoryTable } from './table';

type Key = 'peeringId' | 'side' | 'vpcId' | 'routeTableId' | 'peerCidr' | 'state' | 'detail' | 'fix';

export const routeGaps: InventoryKind<Key> = {
  label: 'Route gaps',
  csvSuffix: 'route-gaps',
  markdown: { heading: md`Route gaps`, empty: 'Every active peering is routed on both sides.', code: ['peeringId', 'vpcId', 'routeTableId', 'peerCidr'] },
  columns: [
    { key: 'peeringId', title: 'Peering' },
    { key: 'side', title: 'Side' },
    { key: 'vpcId', title: 'VPC' },
    { key: 'routeTableId', title: 'Route table' },
    { key: 'peerCidr', title: 'Peer CIDR' },
    { key: 'state', title: 'State' },
    { key: 'detail', title: 'Detail' },
    { key: 'fix', title: 'Fix' },
  ],
  rows: ({ doc }) => {
    const rows: InventoryTable<Key>['rows'][number][] = [];
    for (const p of doc.topology.peerings) {
      const c = doc.analysis.routeCompleteness.get(p.id);
      if (!c) continue;
      for (const side of [c.requester, c.accepter]) {
        if (side.summary === 'unknown' || (side.tables.length === 0 && side.note)) {
          rows.push({ peeringId: p.id, side: side.role, vpcId: side.vpcId, routeTableId: '', peerCidr: '', state: side.summary, detail: side.note ?? '', fix: '' });
          continue;
        }
        for (const t of side.tables) {
          for (const check of t.checks) {
            if (check.state === 'ok') continue;
            rows.push({
              peeringId: p.id,
              side: side.role,
              vpcId: side.vpcId,
              routeTableId: t.routeTableId,
              peerCidr: check.peerCidr,
              state: check.state,
              detail: describeRouteCheck(check, p.id),
              fix: suggestRouteFix(check, t.routeTableId, p.id) ?? '',
            });
          }
        }
      }
    }
    return rows;
  },
};
