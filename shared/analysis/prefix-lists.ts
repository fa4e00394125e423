/** Managed prefix lists by id, as the resource naming one sees them: a route table's or a security group's. */
import type { AccountId, Region } from '../model/ids';
import type { ManagedPrefixList, Topology } from '../model/topology';

/** The list `id` as seen from `accountId` in `region`, if the snapshot holds it. */
export type PrefixListLookup = (id: string, accountId: AccountId, region: Region) => ManagedPrefixList | undefined;

const cache = new WeakMap<Topology, PrefixListLookup>();

/**
 * The lookup of a topology's prefix lists (made once per topology object). A list is regional;
 * an AWS-managed one is seen by every account of its region, so the viewing account's copy is
 * preferred, then any copy from the same region.
 */
export function prefixListLookup(topology: Topology): PrefixListLookup {
  const hit = cache.get(topology);
  if (hit) return hit;
  const byId = new Map<string, ManagedPrefixList[]>();
  for (const list of topology.prefixLists) {
    const seen = byId.get(list.id);
    if (seen) seen.push(list);
    else byId.set(list.id, [list]);
  }
  const lookup: PrefixListLookup = (id, accountId, region) => {
    const copies = byId.get(id);
    if (!copies) return undefined;
    return copies.find((l) => l.accountId === accountId && l.region === region) ?? copies.find((l) => l.region === region);
  };
  cache.set(topology, lookup);
  return lookup;
}
