/** The normalised topology: what discovery produces and analysis, graph and export consume.
 *
 * Everything is plain data (structuredClone-safe) and read-only. One peering seen from both of
 * its accounts is one `Peering` here, with both sides' details. Each resource kind's type and
 * schema live in `kinds/<kind>.ts`; `Topology` has one list per kind of the registry in
 * `kinds/index.ts`, whose names this module re-exports.
 */
import { RESOURCE_KEYS, type Account, type ResourceKey, type ResourceOf } from './kinds/index';

export * from './kinds/index';

/** Schema version of `Topology` and `Snapshot`; bump on any incompatible change, with its step in `snapshot-migrate.ts`. */
export const TOPOLOGY_SCHEMA_VERSION = 5 as const;

/** One read-only list per resource kind of the registry. */
export type TopologyResources = { readonly [K in ResourceKey]: readonly ResourceOf<K>[] };

/** The whole discovered network. */
export interface Topology extends TopologyResources {
  readonly accounts: readonly Account[];
}

/** An empty topology. */
export const EMPTY_TOPOLOGY: Topology = {
  accounts: [],
  ...(Object.fromEntries(RESOURCE_KEYS.map((k) => [k, []])) as unknown as TopologyResources),
};
