/** A transit gateway's words for the search: its Name tag, its id and its tags; a chosen one is selected and its hub shown. */
import { regionBoxId } from '../../../../shared/diagram/layout';
import type { KindSearch, SearchEntry } from '../../search-entry';

/** The hub kind's search: every hub the canvas draws, found also by its account's and region's words. */
export const TGW_SEARCH: KindSearch = {
  entries: ({ members }) =>
    members.flatMap((a) =>
      a.regions.flatMap((r) =>
        r.tgws.map(
          (g): SearchEntry => ({
            kind: 'tgw',
            id: g.id,
            label: g.label,
            within: regionBoxId(g.accountId, g.region),
            terms: [...(g.gateway.name ? [{ key: 'name', value: g.gateway.name }] : []), { key: 'id', value: g.id }],
            tags: g.gateway.tags,
            fit: [g.id],
          }),
        ),
      ),
    ),
  result: { noun: ['transit gateway', 'transit gateways'], choose: (actions, id) => actions.selectItem({ kind: 'tgw', id }) },
};
