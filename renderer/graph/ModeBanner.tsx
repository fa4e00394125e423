/** A one-line banner in the canvas's top-left corner saying what the canvas is showing and how to leave it. */
import { Panel } from '@xyflow/react';

import { trafficWords } from '../../shared/analysis/estate-reach';
import type { VpcId } from '../../shared/model/ids';
import type { AppState } from '../store/app-store';
import { useAppStore } from '../store/store-context';
import { conflictsOf, indexOf } from './derive';
import { MAX_GHOSTS } from './kinds/vpc/emphasis';
import { neighbourhoodOf } from './kinds/vpc/neighbourhood';
import { changeCount, changesWords, pathFixOf } from './path-fix';
import { countHits } from './search';
import { viewStateOf } from './view-state';

function bannerOf(s: AppState): { text: string; tone: string } | undefined {
  const topology = s.snapshot?.topology;
  if (!topology) return undefined;
  if (s.peeringDragFrom) {
    return { text: 'Drop on a green VPC to plan a peering, or on a green transit gateway to attach to it; red ones cannot (hover one to see why).', tone: 'info' };
  }
  const name = (id: VpcId) => indexOf(topology).vpcById.get(id)?.name ?? id;
  const [a, b] = s.selection.vpcIds;
  if (s.pathFix) {
    const fix = pathFixOf(topology, s.pathFix);
    const what = !fix.ok ? 'cannot be fixed (see the fix panel)' : fix.value.status === 'plan' ? `${changesWords(changeCount(fix))}${fix.value.proposesPeering ? ', the proposed peering dashed' : ''}` : 'nothing to change';
    return { text: `Fix ${name(s.pathFix.from)} → ${name(s.pathFix.to)}${s.pathFix.traffic ? ` on ${trafficWords(s.pathFix.traffic)}` : ''}: ${what} · Esc to close`, tone: fix.ok ? 'info' : 'bad' };
  }
  if (a && b) return { text: `${name(a)} → ${name(b)}: reachability in the inspector · Esc to clear`, tone: 'info' };
  if (a) {
    const near = neighbourhoodOf(topology, a);
    const indirect = near.indirect.length;
    return {
      text: `${name(a)}: ${near.peers.size} peer${near.peers.size === 1 ? '' : 's'}${indirect ? `, ${indirect} reachable only through others (${indirect > MAX_GHOSTS ? `the ${MAX_GHOSTS} nearest ` : ''}dashed)` : ''} · shift-click another VPC to check reachability · Esc to clear`,
      tone: indirect ? 'warn' : 'info',
    };
  }
  const search = viewStateOf(s).search;
  if (search) {
    if (search.problem) return { text: search.problem, tone: 'bad' };
    const found = countHits(search.hits);
    const text = found ? `${found} ${search.hits.length === 1 ? 'matches' : 'match'}` : 'Nothing matches';
    return { text: `${text} “${search.query.trim()}” · Esc to clear`, tone: 'info' };
  }
  if (s.mode === 'conflicts') {
    const n = conflictsOf(topology).report.conflicts.length;
    return { text: `Conflicts: ${n} overlapping pair${n === 1 ? '' : 's'} painted red · C or Esc to leave`, tone: 'bad' };
  }
  return undefined;
}

/** The banner as one string (tone, then text), so the selector returns a value zustand can compare. */
function useBanner(): { text: string; tone: string } | undefined {
  const packed = useAppStore((s) => {
    const b = bannerOf(s);
    return b ? `${b.tone}|${b.text}` : '';
  });
  if (!packed) return undefined;
  const bar = packed.indexOf('|');
  return { tone: packed.slice(0, bar), text: packed.slice(bar + 1) };
}

/** The banner; nothing when the canvas is in its plain state. */
export function ModeBanner() {
  const banner = useBanner();
  if (!banner) return null;
  return (
    <Panel position="top-left" className={`mode-banner tone-${banner.tone}`} data-testid="mode-banner">
      {banner.text}
    </Panel>
  );
}
