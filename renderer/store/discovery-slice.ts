/** The discovery slice: the profiles and regions to scan, the run the UI follows, and the sandbox. */
import type { PeerscapeClient } from '../../shared/api/contract';
import type { AppState, GetState, SetState } from './app-state';

/** The state and actions this slice owns. */
export type DiscoverySlice = Pick<AppState, 'discovery' | 'organizationRequests' | 'setScanChoice' | 'startDiscovery' | 'startOrganizationScan' | 'openSandbox' | 'refresh' | 'cancelDiscovery'>;

/** The discovery slice of a store bound to `client`. */
export function discoverySlice(set: SetState, get: GetState, client: PeerscapeClient): DiscoverySlice {
  return {
    discovery: { busy: false, cells: [], finished: false },
    organizationRequests: {},

    setScanChoice(choice) {
      set({
        ...('profiles' in choice ? { scanProfiles: choice.profiles } : {}),
        ...('regions' in choice ? { scanRegions: choice.regions } : {}),
      });
    },

    async startDiscovery(source) {
      const { scanProfiles, scanRegions } = get();
      set({ discovery: { busy: true, cells: [], finished: false, source }, panel: 'discovery' });
      const result = await client.startDiscovery({
        source,
        ...(source === 'aws' && scanProfiles ? { profiles: [...scanProfiles] } : {}),
        ...(scanRegions && scanRegions.length > 0 ? { regions: [...scanRegions] } : {}),
      });
      if (!result.ok) {
        set({ discovery: { busy: false, cells: [], finished: false, source, error: result.error }, lastError: result.error });
        return;
      }
      const run = get().discovery;
      // Progress events may have arrived before the answer; keep them if they belong to this run.
      set({ discovery: { ...run, runId: result.value.runId, busy: !(run.runId === result.value.runId && run.finished) } });
    },

    async startOrganizationScan(source, organization) {
      // The workspace remembers the request when the scan starts; the store shows it at once.
      set({ discovery: { busy: true, cells: [], finished: false, source, organization }, panel: 'discovery', organizationRequests: { ...get().organizationRequests, [source]: organization } });
      if (source === 'sandbox' && !get().sandbox?.running) {
        const started = await client.startSandbox({ scenario: 'demo' });
        if (!started.ok) {
          set({ discovery: { busy: false, cells: [], finished: false, source, organization, error: started.error }, lastError: started.error });
          return;
        }
        set({ sandbox: started.value });
      }
      const { ous, regions, ...rest } = organization;
      const result = await client.startDiscovery({
        source,
        organization: { ...rest, ...(ous ? { ous: [...ous] } : {}), ...(regions ? { regions: [...regions] } : {}) },
      });
      if (!result.ok) {
        set({ discovery: { busy: false, cells: [], finished: false, source, organization, error: result.error }, lastError: result.error });
        return;
      }
      const run = get().discovery;
      set({ discovery: { ...run, runId: result.value.runId, busy: !(run.runId === result.value.runId && run.finished) } });
    },

    async openSandbox() {
      set({ discovery: { busy: true, cells: [], finished: false, source: 'sandbox' }, panel: 'discovery' });
      const started = await client.startSandbox({ scenario: 'demo' });
      if (!started.ok) {
        set({ discovery: { busy: false, cells: [], finished: false, source: 'sandbox', error: started.error }, lastError: started.error });
        return;
      }
      set({ sandbox: started.value });
      await get().startDiscovery('sandbox');
    },

    async refresh() {
      const snapshot = get().snapshot;
      const source = snapshot?.source.startsWith('sandbox:') ? 'sandbox' : 'aws';
      // An organisation on the canvas is scanned again as it was asked for.
      const organization = snapshot?.organization ? get().organizationRequests[source] : undefined;
      if (organization) return get().startOrganizationScan(source, organization);
      await (source === 'sandbox' ? get().openSandbox() : get().startDiscovery('aws'));
    },

    async cancelDiscovery() {
      const runId = get().discovery.runId;
      if (!runId) return;
      const result = await client.cancelDiscovery({ runId });
      if (!result.ok) {
        set({ lastError: result.error });
        return;
      }
      set({ discovery: { ...get().discovery, busy: false } });
    },
  };
}
