/** The frames' words for the search: an account frame's names and a region frame's code. Frames are
 * not results themselves; their words find the VPCs they hold (`account:sandbox-dev`, `eu-west-1`). */
import { accountBoxId, regionBoxId } from '../../../../shared/diagram/layout';
import type { KindSearch, SearchEntry, SearchTerm } from '../../search-entry';

/** Account frames: the account id and alias. */
export const ACCOUNT_SEARCH: KindSearch = {
  entries: ({ members }) =>
    members.map((a): SearchEntry => {
      const terms: SearchTerm[] = [{ key: 'account', value: a.accountId }];
      if (a.alias) terms.push({ key: 'account', value: a.alias });
      return { kind: 'account', id: accountBoxId(a.accountId), label: a.alias ?? a.accountId, terms, fit: [accountBoxId(a.accountId)] };
    }),
};

/** Region frames: the region's code. */
export const REGION_SEARCH: KindSearch = {
  entries: ({ members }) =>
    members.flatMap((a) =>
      a.regions.map((r): SearchEntry => {
        const id = regionBoxId(a.accountId, r.region);
        return { kind: 'region', id, label: r.region, within: accountBoxId(a.accountId), terms: [{ key: 'region', value: r.region }], fit: [id] };
      }),
    ),
};
