/** A peering's words for the search: its Name tag, its id and its tags; a chosen one is selected and both its VPCs shown. */
import type { SearchEntry, KindSearch } from '../../search-entry';
import { isDrawnPeering } from './to-flow';

/** The peering kind's search: every peering the canvas draws. */
export const PEERING_SEARCH: KindSearch = {
  entries({ topology, members, showDeleted }) {
    const drawnVpcs = new Set<string>(members.flatMap((a) => a.regions.flatMap((r) => r.vpcs.map((v) => v.id))));
    return topology.peerings
      .filter((p) => isDrawnPeering(p, drawnVpcs, showDeleted))
      .map(
        (p): SearchEntry => ({
          kind: 'peering',
          id: p.id,
          label: p.name ?? p.id,
          terms: [...(p.name ? [{ key: 'name', value: p.name }] : []), { key: 'id', value: p.id }],
          tags: p.tags,
          fit: [p.requester.vpcId, p.accepter.vpcId],
        }),
      );
  },
  result: { noun: ['peering', 'peerings'], choose: (actions, id) => actions.selectItem({ kind: 'peering', id }) },
};
