/** The non-transitive pairs table: one row per pair of VPCs two active peerings apart. */
import { md } from '../syntax/markdown';
import type { InventoryKind } from './table';

type Key = 'vpcA' | 'vpcB' | 'path' | 'peerings' | 'viaCount' | 'directPeering';

export const nonTransitivePairs: InventoryKind<Key> = {
  label: 'Non-transitive pairs',
  csvSuffix: 'non-transitive-pairs',
  markdown: {
    heading: md`Non-transitive pairs`,
    intro: md`VPC peering is not transitive: these VPCs are two active peerings apart and cannot talk through the VPC in between.`,
    empty: 'No VPCs connected only through another VPC.',
  },
  columns: [
    { key: 'vpcA', title: 'VPC A' },
    { key: 'vpcB', title: 'VPC B' },
    { key: 'path', title: 'Only path' },
    { key: 'peerings', title: 'Through peerings' },
    { key: 'viaCount', title: 'VPCs in between' },
    { key: 'directPeering', title: 'Direct peering (not active)' },
  ],
  rows: ({ doc, vpcLabel }) =>
    doc.analysis.nonTransitivePairs.map((n) => ({
      vpcA: vpcLabel(n.a),
      vpcB: vpcLabel(n.b),
      path: n.path.join(' → '),
      peerings: n.peeringIds.join(' '),
      viaCount: String(n.viaCount),
      directPeering: n.directPeering ? `${n.directPeering.id} (${n.directPeering.status})` : '',
    })),
};
