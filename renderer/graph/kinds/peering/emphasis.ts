/** How a selected peering is emphasised: its edge, and both of its VPCs as peers. */
import type { PeeringId } from '../../../../shared/model/ids';
import { indexOf } from '../../derive';
import type { KindEmphasis } from '../../emphasis';

/** The peering kind's emphasis. */
export const PEERING_EMPHASIS: KindEmphasis = {
  selection({ topology, selection }, marks) {
    const item = selection.item;
    // Selected VPCs take precedence over an item.
    if (selection.vpcIds.length > 0 || item?.kind !== 'peering') return;
    const p = indexOf(topology).peeringById.get(item.id as PeeringId);
    marks.edge(item.id, 'is-selected');
    if (p) {
      marks.node(p.requester.vpcId, 'is-peer');
      marks.node(p.accepter.vpcId, 'is-peer');
    }
    marks.dim();
  },
};
