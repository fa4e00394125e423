/** The last organisation request per source lives in the workspace settings (the API's
 * `organizationRequests`, saved when a scan starts). Earlier versions kept it in the page's
 * local storage: those values are read once, carried over to the workspace when it has none for
 * their source, and removed. */
import type { PeerscapeClient } from '../../shared/api/contract';
import { organizationScanRequestSchema, type RememberedOrganizationRequests } from '../../shared/model/organization-request';

const LEGACY_KEY = 'peerscape.organizationRequest';
const SOURCES = ['aws', 'sandbox'] as const;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** Take the requests earlier versions left in local storage (removing them); unreadable ones are dropped. */
function takeLegacyRequests(): RememberedOrganizationRequests {
  const store = storage();
  if (!store) return {};
  const out: Partial<Record<(typeof SOURCES)[number], NonNullable<RememberedOrganizationRequests['aws']>>> = {};
  for (const source of SOURCES) {
    const key = `${LEGACY_KEY}.${source}`;
    const text = store.getItem(key);
    if (text === null) continue;
    store.removeItem(key);
    try {
      const parsed = organizationScanRequestSchema.safeParse(JSON.parse(text));
      if (parsed.success) out[source] = parsed.data;
    } catch {
      // Not JSON: nothing to carry over.
    }
  }
  return out;
}

/** The workspace's remembered requests, with local storage's old ones carried over where the workspace has none. */
export async function migrateRememberedOrganizations(client: PeerscapeClient, remembered: RememberedOrganizationRequests): Promise<RememberedOrganizationRequests> {
  const legacy = takeLegacyRequests();
  let out = remembered;
  for (const source of SOURCES) {
    const old = legacy[source];
    if (!old || remembered[source]) continue;
    const saved = await client.rememberOrganization({ source, organization: old });
    if (saved.ok) out = { ...out, [source]: saved.value.remembered };
  }
  return out;
}
