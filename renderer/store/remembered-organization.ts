/** The last organisation request, per source, kept in the page's local storage so the next scan
 * of the same organisation is one click ("Rescan organization"). */
import type { OrganizationScanRequest } from '../../shared/model/organization-request';

const KEY = 'peerscape.organizationRequest';

type Source = 'aws' | 'sandbox';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function keyOf(source: Source): string {
  return `${KEY}.${source}`;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

/** The request remembered for `source`, or undefined (none, or one this version cannot read). */
export function rememberedOrganizationRequest(source: Source): OrganizationScanRequest | undefined {
  const text = storage()?.getItem(keyOf(source));
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (typeof v.profile !== 'string' || v.profile === '') return undefined;
    return {
      profile: v.profile,
      ...(typeof v.roleName === 'string' ? { roleName: v.roleName } : {}),
      ...(typeof v.externalId === 'string' ? { externalId: v.externalId } : {}),
      ...(v.allowOrganizationAccountAccessRole === true ? { allowOrganizationAccountAccessRole: true } : {}),
      ...(isStringList(v.ous) ? { ous: v.ous } : {}),
      ...(isStringList(v.regions) ? { regions: v.regions } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Remember `request` as the organisation `source` scans next. */
export function rememberOrganizationRequest(source: Source, request: OrganizationScanRequest): void {
  storage()?.setItem(keyOf(source), JSON.stringify(request));
}
