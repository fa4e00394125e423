/** The route gaps table: one row per peer block a route table serving a subnet does not route to
 * its active peering, or per side whose routes could not be read (`listRouteGaps`, as `peerscape
 * analyze` and the Findings panel list them). */
import { listRouteGaps } from '../../analysis/route-gaps';
import { md } from '../syntax/markdown';
import type { InventoryKind } from './table';

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
  rows: ({ doc }) =>
    listRouteGaps(doc.topology.peerings.flatMap((p) => doc.analysis.routeCompleteness.get(p.id) ?? [])).map((g) => ({
      peeringId: g.peeringId,
      side: g.side,
      vpcId: g.vpcId,
      routeTableId: g.routeTableId ?? '',
      peerCidr: g.peerCidr ?? '',
      state: g.state,
      detail: g.detail,
      fix: g.fix ?? '',
    })),
};
