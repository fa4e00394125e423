/** The fix of the pair the user asked to fix, from the topology on screen: what the canvas draws
 * (the proposed peering, the count of changes) while the fix panel plans the same on the Node side.
 */
import type { Result } from '../../shared/core/result';
import type { Topology } from '../../shared/model/topology';
import { planPathFix, type PathFix } from '../../shared/planning/plan-path-fix';
import type { PathFixPair } from '../store/app-state';

let last: { topology?: Topology; from?: string; to?: string; fix?: Result<PathFix> } = {};

/** The fix of `pair` in `topology` (any traffic, as the pair inspector asks), memoised on both. */
export function pathFixOf(topology: Topology, pair: PathFixPair): Result<PathFix> {
  if (last.topology === topology && last.from === pair.from && last.to === pair.to && last.fix) return last.fix;
  const fix = planPathFix(topology, { from: pair.from, to: pair.to });
  last = { topology, from: pair.from, to: pair.to, fix };
  return fix;
}

/** How many changes the fix makes: 0 when nothing is missing or it cannot be fixed. */
export function changeCount(fix: Result<PathFix>): number {
  return fix.ok && fix.value.status === 'plan' ? fix.value.plan.steps.length : 0;
}

/** "3 changes", "1 change". */
export function changesWords(n: number): string {
  return `${n} change${n === 1 ? '' : 's'}`;
}
