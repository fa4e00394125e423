/** The fix of the pair the user asked to fix, from the topology on screen: what the canvas draws
 * (the proposed peering, the count of changes) while the fix panel plans the same on the Node side.
 */
import { trafficWords } from '../../shared/analysis/estate-reach';
import type { Result } from '../../shared/core/result';
import type { Topology } from '../../shared/model/topology';
import type { PlanPathFixInput } from '../../shared/planning/action-inputs';
import { planPathFix, type PathFix } from '../../shared/planning/plan-path-fix';
import type { PathFixPair } from '../store/app-state';

let last: { topology?: Topology; pair?: PathFixPair; fix?: Result<PathFix> } = {};

/** What `planPathFix` is asked for `pair`: its VPCs and, when given, its protocol and port (else all traffic). */
export function pathFixRequest(pair: PathFixPair): PlanPathFixInput {
  const t = pair.traffic;
  return { from: pair.from, to: pair.to, ...(t ? { protocol: t.protocol, ...(t.port !== undefined ? { port: t.port } : {}) } : {}) };
}

/** A key naming the pair and its traffic. */
export function pathFixKey(pair: PathFixPair): string {
  return `${pair.from}>${pair.to}:${pair.traffic ? trafficWords(pair.traffic) : 'all traffic'}`;
}

/** The fix of `pair` in `topology` for the pair's traffic, memoised on both. */
export function pathFixOf(topology: Topology, pair: PathFixPair): Result<PathFix> {
  if (last.topology === topology && last.pair && pathFixKey(last.pair) === pathFixKey(pair) && last.fix) return last.fix;
  const fix = planPathFix(topology, pathFixRequest(pair));
  last = { topology, pair, fix };
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
