/** The frames' words for the search: what an account or region frame shows on its title. Frames
 * are not results themselves; their words find the VPCs they hold (`account:sandbox-dev`,
 * `sandbox-dev`, `eu-west-1`, `Ireland`). */
import { accountBoxId, regionBoxId } from '../../../../shared/diagram/layout';
import { ouPathLabel } from '../../../../shared/diagram/names';
import { regionLocation } from '../../../discovery/aws-regions';
import type { KindSearch, SearchEntry, SearchTerm } from '../../search-entry';

/** Account frames: the account id, its Organizations name, its alias, and the local profiles that
 * act in it (the frame's name when it has neither); and its OU path under `ou` (`Root` for the
 * root), so a parent OU's path finds the accounts of the OUs below it too. */
export const ACCOUNT_SEARCH: KindSearch = {
  entries({ members, topology }) {
    const profiles = new Map(topology.accounts.map((a) => [a.id as string, a.profiles]));
    return members.map((a): SearchEntry => {
      const names = [a.name, a.alias, ...(profiles.get(a.accountId) ?? [])].filter((n): n is string => n !== undefined && n.trim() !== '');
      const terms: SearchTerm[] = [a.accountId, ...names].map((value) => ({ key: 'account', value }));
      if (a.ouPath !== undefined) terms.push({ key: 'ou', value: ouPathLabel(a.ouPath) });
      return { kind: 'account', id: accountBoxId(a.accountId), label: names[0] ?? a.accountId, terms, fit: [accountBoxId(a.accountId)] };
    });
  },
};

/** Region frames: the region's code and where it is. */
export const REGION_SEARCH: KindSearch = {
  entries: ({ members }) =>
    members.flatMap((a) =>
      a.regions.map((r): SearchEntry => {
        const id = regionBoxId(a.accountId, r.region);
        const location = regionLocation(r.region);
        const terms: SearchTerm[] = [{ key: 'region', value: r.region }, ...(location ? [{ key: 'region', value: location }] : [])];
        return { kind: 'region', id, label: r.region, within: accountBoxId(a.accountId), terms, fit: [id] };
      }),
    ),
};
