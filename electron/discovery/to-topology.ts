/** From what the scans returned to the topology: each region translated as it lands, then every
 * region merged, kind by kind through the registry (`kinds/index.ts`).
 *
 * Field meanings follow the EC2 API reference data types (Vpc, VpcCidrBlockAssociation, Subnet,
 * RouteTable, Route, SecurityGroup, IpPermission, UserIdGroupPair, VpcPeeringConnection); each
 * kind's translation and merge live in its own file under `kinds/`.
 */
import type { AccountId, Region } from '../../shared/model/ids';
import type { Account, ResourceKey, Topology, TopologyResources } from '../../shared/model/topology';
import { DISCOVERY_KEYS, DISCOVERY_KINDS, type FoundOf } from './kinds/index';
import type { DiscoveryKind } from './kinds/kind';
import type { RawRegionScan } from './scan-region';

// Each kind's translators, for callers that translate one item.
export { toTags } from './kinds/aws-fields';
export { mergePeeringViews, toPeering, type PeeringView } from './kinds/peering';
export { toRoute, toRouteTable, toRouteTarget } from './kinds/route-table';
export { flattenPermission, toSecurityGroup } from './kinds/security-group';
export { toSubnet } from './kinds/subnet';
export { toVpc } from './kinds/vpc';

/** What one account × region scan saw, and who looked. */
export interface RegionObservation {
  /** The account whose credentials made the calls. */
  readonly accountId: AccountId;
  readonly region: Region;
  readonly raw: Omit<RawRegionScan, 'pages' | 'unread'>;
}

/** A region scan that found nothing: an empty list per kind of the registry. */
export const EMPTY_RAW_REGION = Object.fromEntries(DISCOVERY_KEYS.map((k) => [k, []])) as unknown as Omit<RawRegionScan, 'pages' | 'unread'>;

/** Resource counts of one region scan, by kind, as shown in the progress grid and the coverage. */
export function countResources(raw: Omit<RawRegionScan, 'pages' | 'unread'>): Readonly<Record<string, number>> {
  return Object.fromEntries(DISCOVERY_KEYS.map((k) => [k, raw[k].length]));
}

/** One account × region translated to the model, ready to merge (small and structured-clone safe). */
export type RegionModel = {
  readonly accountId: AccountId;
  readonly region: Region;
} & { readonly [K in ResourceKey]: readonly FoundOf<K>[] };

/** A registry entry seen without its types, for the loops below (each key's types line up by construction). */
const kindOf = (k: ResourceKey) => DISCOVERY_KINDS[k] as DiscoveryKind<string, unknown, unknown, unknown>;

/** Translate one region observation; a scan translates each region as it lands, so raw SDK objects do not pile up. */
export function translateRegion(o: RegionObservation): RegionModel {
  const seen = { accountId: o.accountId, region: o.region };
  const found: Record<string, readonly unknown[]> = {};
  for (const k of DISCOVERY_KEYS) {
    const kind = kindOf(k);
    found[k] = o.raw[k].map((raw: unknown) => kind.translate(raw, seen)).filter((x) => x !== undefined);
  }
  return { accountId: o.accountId, region: o.region, ...(found as Omit<RegionModel, 'accountId' | 'region'>) };
}

/** Merge translated regions into one topology: each resource once, each peering one edge. */
export function mergeRegions(accounts: readonly Account[], models: readonly RegionModel[]): Topology {
  const merged: Record<string, readonly unknown[]> = {};
  for (const k of DISCOVERY_KEYS) merged[k] = kindOf(k).merge(models.flatMap((m): readonly unknown[] => m[k]));
  return { accounts: [...accounts].sort((a, b) => a.id.localeCompare(b.id)), ...(merged as TopologyResources) };
}

/** Build the topology from every region observation and the accounts with their profiles. */
export function toTopology(accounts: readonly Account[], observations: readonly RegionObservation[]): Topology {
  return mergeRegions(accounts, observations.map(translateRegion));
}
