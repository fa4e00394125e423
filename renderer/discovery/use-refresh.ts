/** The one Refresh control: the toolbar's button and the Discovery tab's do the same thing and say it the same way.
 *
 * Refresh scans again what the canvas shows: the sandbox when it shows the sandbox (starting it
 * again if needed), else the chosen AWS profiles and regions; an organisation it scanned last is
 * scanned again as it was asked for.
 */
import { useCallback } from 'react';

import { useAppStore } from '../store/store-context';

/** What a Refresh button shows and does. */
export interface RefreshControl {
  readonly label: 'Refresh';
  /** The tooltip: what will be scanned. */
  readonly title: string;
  readonly disabled: boolean;
  run(): void;
}

/** The Refresh control for the current workspace. */
export function useRefresh(): RefreshControl {
  const refresh = useAppStore((s) => s.refresh);
  const busy = useAppStore((s) => s.discovery.busy);
  const sandbox = useAppStore((s) => s.snapshot?.source.startsWith('sandbox:') ?? false);
  const profileCount = useAppStore((s) => (s.scanProfiles ?? s.profiles?.profiles.map((p) => p.name) ?? []).length);
  const organization = useAppStore((s) => !!s.snapshot?.organization);
  const run = useCallback(() => void refresh(), [refresh]);
  const orgSource = sandbox ? 'sandbox' : 'aws';
  const remembered = useAppStore((s) => s.organizationRequests[orgSource]);
  const lastOrganization = organization ? remembered : undefined;
  if (lastOrganization) return { label: 'Refresh', title: `Scan the organisation of ${lastOrganization.profile} again`, disabled: busy, run };
  if (sandbox) return { label: 'Refresh', title: 'Scan the sandbox cloud again', disabled: busy, run };
  return {
    label: 'Refresh',
    title: profileCount > 0 ? 'Scan the chosen AWS profiles and regions again' : 'No AWS profiles to scan: add one to your AWS config, or open the sandbox',
    disabled: busy || profileCount === 0,
    run,
  };
}
