/** What other kinds ask of instances: the caller's instance by id while Describe still shows it,
 * and every such instance here (a terminated instance is shown for `terminatedInstanceVisibleMs`,
 * then leaves the table). */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { World } from '../../state/world';
import { INSTANCE_IDS, type InstanceRec } from './records';

/** False once a terminated instance has been terminated longer than `terminatedInstanceVisibleMs`. */
export function instanceVisible(world: World, i: InstanceRec): boolean {
  return i.state !== 'terminated' || world.now() < i.stateChangedAt + world.settings.terminatedInstanceVisibleMs;
}

/** The caller's instances Describe still shows here (those gone for good leave the table). */
export function visibleInstances(ctx: CallContext): InstanceRec[] {
  const out: InstanceRec[] = [];
  for (const i of [...ctx.cell.table('instance').values()]) {
    if (instanceVisible(ctx.world, i)) out.push(i);
    else ctx.world.remove(i.id);
  }
  return out;
}

/** The caller's instance `id` while Describe shows it, or AWS's error. */
export function requireInstance(ctx: CallContext, id: string | undefined, param = 'InstanceId'): InstanceRec {
  if (!id) throw missingParameter(param);
  assertWellFormedId(INSTANCE_IDS, id);
  const i = ctx.cell.table('instance').get(id);
  if (!i || !instanceVisible(ctx.world, i)) throw notFound(INSTANCE_IDS, id);
  return i;
}
