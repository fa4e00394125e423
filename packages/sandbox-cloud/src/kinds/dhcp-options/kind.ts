/** The DHCP options set kind: ids `dopt-`, a table per cell (a region's default set appears when
 * first asked for), and its actions. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { associateDhcpOptions, createDhcpOptions, deleteDhcpOptions, describeDhcpOptions } from './actions';
import { DHCP_OPTIONS_IDS } from './records';
import { liveDhcpOptions } from './store';

export const DHCP_OPTIONS_KIND = {
  ids: DHCP_OPTIONS_IDS,
  tagType: 'dhcp-options',
  actions: {
    CreateDhcpOptions: write(createDhcpOptions),
    AssociateDhcpOptions: write(associateDhcpOptions),
    DeleteDhcpOptions: write(deleteDhcpOptions),
    DescribeDhcpOptions: read(describeDhcpOptions),
  },
  // Older state files have no list: the VPCs they hold name their region's default set by its
  // fixed id, which appears when first asked for.
  state: cellTable('dhcpOptions', 'dhcpOptions', { addedLater: true }).state,
  tags: {
    of: (ctx, id) => liveDhcpOptions(ctx).find((d) => d.id === id)?.tags,
    seen: (ctx) => liveDhcpOptions(ctx),
  },
} satisfies KindDef<'dhcpOptions'>;
