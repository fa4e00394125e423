/** The profiles and regions the user picked last time, and the last organisation request per
 * source, kept in the app's small settings store.
 *
 * Same keys as the main API's workspace state (`regions`, `profiles`, `organizationRequests`), so
 * the app, the harness and the CLI agree; the store is electron-store in the app and a JSON file
 * elsewhere (electron/workspace/settings-store.ts). An organisation request holds no secret: the
 * sign-in profile's name, the role name, the ExternalId (an identifier the role's trust policy
 * checks, not a credential), the allow-OrganizationAccountAccessRole choice, OU ids and regions.
 */
import { organizationScanRequestSchema, type OrganizationScanRequest, type RememberedOrganizationRequests } from '../../shared/model/organization-request';
import type { SettingsStore } from '../workspace/settings-store';
import type { DiscoveryRequest } from './run-discovery';

const REGIONS_KEY = 'regions';
const PROFILES_KEY = 'profiles';
const ORGANIZATION_KEY = 'organizationRequests';
const SOURCES = ['aws', 'sandbox'] as const;

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') ? [...value] : undefined;
}

/** The request remembered from last time (empty: every profile, every enabled region). */
export function rememberedRequest(store: SettingsStore): DiscoveryRequest {
  const regions = stringList(store.get(REGIONS_KEY));
  const profiles = stringList(store.get(PROFILES_KEY));
  return { ...(regions ? { regions } : {}), ...(profiles ? { profiles } : {}) };
}

/** Remember a request's choices; an empty or missing list means "all" and clears the key. */
export function rememberRequest(store: SettingsStore, req: DiscoveryRequest): void {
  for (const [key, list] of [
    [REGIONS_KEY, req.regions],
    [PROFILES_KEY, req.profiles],
  ] as const) {
    if (list && list.length > 0) store.set(key, [...list]);
    else store.delete(key);
  }
}

/** The organisation requests remembered per source; one this version cannot read is left out. */
export function rememberedOrganizationRequests(store: SettingsStore): RememberedOrganizationRequests {
  const saved = store.get(ORGANIZATION_KEY);
  if (!saved || typeof saved !== 'object') return {};
  const out: Partial<Record<(typeof SOURCES)[number], OrganizationScanRequest>> = {};
  for (const source of SOURCES) {
    const parsed = organizationScanRequestSchema.safeParse((saved as Record<string, unknown>)[source]);
    if (parsed.success) out[source] = parsed.data;
  }
  return out;
}

/** Remember `request` as the organisation `source` scans next; returns it as remembered. */
export function rememberOrganizationRequest(store: SettingsStore, source: (typeof SOURCES)[number], request: OrganizationScanRequest): { remembered: OrganizationScanRequest } {
  const remembered = organizationScanRequestSchema.parse(request);
  store.set(ORGANIZATION_KEY, { ...rememberedOrganizationRequests(store), [source]: remembered });
  return { remembered };
}
