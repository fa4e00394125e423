/** The instance kind: ids `i-`, a table per cell (a terminated instance leaves it a while after),
 * and its actions. Its interfaces hold its subnet and groups. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { describeInstances, describeInstanceStatus, runInstances, startInstances, stopInstances, terminateInstances } from './actions';
import { INSTANCE_IDS } from './records';
import { instanceVisible, visibleInstances } from './store';

const table = cellTable('instance', 'instances', { addedLater: true });

export const INSTANCE_KIND = {
  ids: INSTANCE_IDS,
  tagType: 'instance',
  actions: {
    RunInstances: write(runInstances),
    TerminateInstances: write(terminateInstances),
    StopInstances: write(stopInstances),
    StartInstances: write(startInstances),
    DescribeInstances: read(describeInstances),
    DescribeInstanceStatus: read(describeInstanceStatus),
  },
  state: table.state,
  tags: {
    of: (ctx, id) => {
      const i = ctx.cell.table('instance').get(id);
      return i && instanceVisible(ctx.world, i) ? i.tags : undefined;
    },
    seen: (ctx) => visibleInstances(ctx),
  },
} satisfies KindDef<'instance'>;
