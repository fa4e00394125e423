/** How VPC cards are emphasised: overlapping ones in conflicts mode; a selected VPC with its peers and the VPCs it reaches, or a selected pair and the path between. */
import { explainNoDirectPath } from '../../../../shared/analysis/transitive-paths';
import { reachWordsOf } from '../../../../shared/analysis/vpc-reach-words';
import type { VpcId } from '../../../../shared/model/ids';
import { conflictsOf, indexOf } from '../../derive';
import type { KindEmphasis } from '../../emphasis';
import { changeCount, changesWords, pathFixOf } from '../../path-fix';
import { ghostEdge, proposedEdge } from '../ghost/to-flow';
import { neighbourhoodOf } from './neighbourhood';

/** At most this many dashed would-be paths from one selected VPC; the inspector lists them all. */
export const MAX_GHOSTS = 40;

/** The VPC kind's emphasis. */
export const VPC_EMPHASIS: KindEmphasis = {
  mode({ topology, mode }, marks) {
    if (mode !== 'conflicts') return;
    for (const id of conflictsOf(topology).byVpc.keys()) marks.node(id, 'is-conflict');
    marks.dim();
  },

  selection({ topology, selection, pathFix }, marks) {
    const [first, second] = selection.vpcIds;
    if (!first) return;
    const index = indexOf(topology);
    const labelOf = (id: VpcId) => index.vpcById.get(id)?.name ?? id;
    if (!second) {
      const near = neighbourhoodOf(topology, first);
      marks.node(first, 'is-selected');
      for (const id of near.peers) marks.node(id, 'is-peer');
      for (const why of near.indirect) marks.node(why.b, 'is-indirect');
      for (const p of index.peeringsByVpc.get(first) ?? []) marks.edge(p.id, 'is-incident');
      // Every VPC it reaches (over a peering or through transit gateways), tinted by direction.
      for (const w of reachWordsOf(topology, first)) if (w.group !== 'neither') marks.node(w.vpcId, `is-reaches-${w.group}`);
      for (const why of near.indirect.slice(0, MAX_GHOSTS)) marks.ghost(ghostEdge(why, first, why.b, labelOf));
    } else {
      marks.node(first, 'is-selected');
      marks.node(second, 'is-selected');
      const pair = explainNoDirectPath(topology, first, second);
      marks.pair(pair);
      // With the fix open, the pair's own path is what matters: a proposed peering replaces the detour.
      const fixing = pathFix && new Set([pathFix.from, pathFix.to]).has(first) && new Set([pathFix.from, pathFix.to]).has(second) ? pathFix : undefined;
      const fix = fixing ? pathFixOf(topology, fixing) : undefined;
      if (fixing) {
        marks.node(first, 'is-fix-path');
        marks.node(second, 'is-fix-path');
      }
      if (fixing && fix?.ok && fix.value.status === 'plan' && fix.value.proposesPeering) {
        marks.ghost(proposedEdge(fixing.from, fixing.to, `proposed peering · ${changesWords(changeCount(fix))}`));
      } else if (pair.status === 'direct') {
        marks.edge(pair.peeringId, 'is-on-path');
        // The peering the fix works on (or made) stands out like a selected one.
        if (fixing) marks.edge(pair.peeringId, 'is-fix-path');
      }
      else {
        if (pair.status === 'not-yet-active') marks.edge(pair.peeringId, 'is-on-path');
        for (const id of pair.path.slice(1, -1)) marks.node(id, 'is-on-path');
        for (const id of pair.peeringIds) marks.edge(id, 'is-on-path');
        if (pair.status === 'indirect') marks.ghost(ghostEdge(pair, first, second, labelOf));
      }
    }
    marks.dim();
  },
};
