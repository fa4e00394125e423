/** The CIDR conflicts table: one row per pair of VPCs whose blocks overlap. */
import { md } from '../syntax/markdown';
import type { InventoryKind } from './table';

type Key = 'vpcA' | 'vpcB' | 'blocks' | 'sameAccount' | 'sameRegion' | 'peerings';

export const cidrConflicts: InventoryKind<Key> = {
  label: 'CIDR conflicts',
  csvSuffix: 'cidr-conflicts',
  markdown: {
    heading: md`CIDR conflicts`,
    intro: md`VPCs whose blocks overlap can never be peered with each other, and a VPC peered with both cannot route the shared range to both.`,
    empty: 'No overlapping CIDR blocks.',
  },
  columns: [
    { key: 'vpcA', title: 'VPC A' },
    { key: 'vpcB', title: 'VPC B' },
    { key: 'blocks', title: 'Overlapping blocks' },
    { key: 'sameAccount', title: 'Same account' },
    { key: 'sameRegion', title: 'Same region' },
    { key: 'peerings', title: 'Live peerings' },
  ],
  rows: ({ doc, vpcLabel }) =>
    doc.analysis.cidrConflicts.map((c) => ({
      vpcA: vpcLabel(c.vpcA),
      vpcB: vpcLabel(c.vpcB),
      blocks: c.overlaps.map((o) => `${o.blockA} ∩ ${o.blockB}`).join('; '),
      sameAccount: c.sameAccount ? 'yes' : 'no',
      sameRegion: c.sameRegion ? 'yes' : 'no',
      peerings: c.peeringIds.join(' '),
    })),
};
