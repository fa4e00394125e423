/** Discovery: choose profiles and regions, scan or open the sandbox, follow progress, see errors and age. */
import { useCallback, useMemo, useState } from 'react';
import type { ChangeEvent } from 'react';

import { missingCoverage } from '../../shared/model/snapshot';
import { kindWords, partlyReadCoverage } from '../../shared/model/unread';
import { AWS_REGIONS } from '../discovery/aws-regions';
import { ProgressGrid } from '../discovery/ProgressGrid';
import { useRefresh } from '../discovery/use-refresh';
import { useAppStore } from '../store/store-context';
import { ProfilesPanel } from './ProfilesPanel';
import { AddOrganizationDialog } from './organization/AddOrganizationDialog';
import { OrganizationGrid } from './organization/OrganizationGrid';
import { useNow } from '../util/use-now';
import { shownTime, timeAgo } from '../util/time-ago';

const DEFAULT_REGIONS = AWS_REGIONS.filter((r) => !r.optIn).map((r) => r.name);

/** The discovery tab. */
export function DiscoveryPanel() {
  const profiles = useAppStore((s) => s.profiles);
  const snapshot = useAppStore((s) => s.snapshot);
  const run = useAppStore((s) => s.discovery);
  const scanProfiles = useAppStore((s) => s.scanProfiles);
  const scanRegions = useAppStore((s) => s.scanRegions);
  const setScanChoice = useAppStore((s) => s.setScanChoice);
  const startDiscovery = useAppStore((s) => s.startDiscovery);
  const openSandbox = useAppStore((s) => s.openSandbox);
  const cancelDiscovery = useAppStore((s) => s.cancelDiscovery);
  const startOrganizationScan = useAppStore((s) => s.startOrganizationScan);
  const sandboxRunning = useAppStore((s) => s.sandbox?.running ?? false);
  const now = useNow(30_000);
  const [addingOrganization, setAddingOrganization] = useState(false);

  const allProfiles = useMemo(() => (profiles?.profiles ?? []).map((p) => p.name), [profiles]);
  const chosenProfiles = scanProfiles ?? allProfiles;
  const chosenRegions = scanRegions ?? DEFAULT_REGIONS;

  const toggleRegion = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      const name = e.target.value;
      const next = e.target.checked ? [...new Set([...chosenRegions, name])] : chosenRegions.filter((r) => r !== name);
      setScanChoice({ regions: next });
    },
    [chosenRegions, setScanChoice],
  );
  const scan = useCallback(() => void startDiscovery('aws'), [startDiscovery]);
  const refresh = useRefresh();
  const showsSandbox = snapshot?.source.startsWith('sandbox:') ?? false;
  const sandbox = useCallback(() => void openSandbox(), [openSandbox]);
  const cancel = useCallback(() => void cancelDiscovery(), [cancelDiscovery]);

  // The organisation the workspace shows, or failing that the one scanned last anywhere: one click scans it again.
  const orgSource = showsSandbox || (!snapshot && sandboxRunning) ? 'sandbox' : 'aws';
  const remembered = useAppStore((s) => s.organizationRequests[orgSource]);
  const lastOrganization = run.busy ? undefined : remembered;
  const rescanOrganization = useCallback(() => {
    if (lastOrganization) void startOrganizationScan(orgSource, lastOrganization);
  }, [lastOrganization, orgSource, startOrganizationScan]);

  // An organisation run lists its failures per account, under its grid.
  const failed = run.organization ? [] : run.cells.filter((c) => c.state === 'failed');
  const gaps = snapshot ? missingCoverage(snapshot) : [];
  const partly = snapshot ? partlyReadCoverage(snapshot) : [];
  const age = snapshot ? timeAgo(snapshot.takenAt, now) : undefined;

  return (
    <div className="discovery" data-testid="discovery-panel">
      <section aria-labelledby="snapshot-heading">
        <h2 id="snapshot-heading">Snapshot</h2>
        {snapshot ? (
          <p data-testid="snapshot-age">
            Taken <strong title={shownTime(snapshot.takenAt)}>{age ?? shownTime(snapshot.takenAt)}</strong> from <span className="mono">{snapshot.source}</span>
            {gaps.length > 0 && <span className="bad-text"> · {gaps.length} cell{gaps.length === 1 ? '' : 's'} not scanned</span>}
            {partly.length > 0 && (
              <span className="warn-text">
                {' '}
                · {partly.length} cell{partly.length === 1 ? '' : 's'} not read in full
              </span>
            )}
          </p>
        ) : (
          <p className="muted">No snapshot yet.</p>
        )}
        <div className="button-row">
          <button type="button" className="primary" onClick={refresh.run} disabled={refresh.disabled} title={refresh.title} data-testid="panel-refresh">
            {refresh.label}
          </button>
          {showsSandbox ? (
            allProfiles.length > 0 && (
              <button type="button" onClick={scan} disabled={run.busy || chosenProfiles.length === 0} title="Scan the chosen AWS profiles and regions instead of the sandbox">
                Scan AWS profiles
              </button>
            )
          ) : (
            <button type="button" onClick={sandbox} disabled={run.busy} title="A demo organisation to explore without an AWS account">
              Open sandbox
            </button>
          )}
          <button type="button" onClick={() => setAddingOrganization(true)} disabled={run.busy} title="Scan every account of an AWS Organization from one sign-in">
            Add organization…
          </button>
          {lastOrganization && (
            <button
              type="button"
              onClick={rescanOrganization}
              title={`Scan the organisation of ${lastOrganization.profile} again${lastOrganization.ous ? ` (OUs ${lastOrganization.ous.join(', ')})` : ''} with ${lastOrganization.roleName ?? 'the default role'}`}
              data-testid="rescan-organization"
            >
              Rescan organization
            </button>
          )}
          {run.busy && (
            <button type="button" className="danger" onClick={cancel} disabled={!run.runId}>
              Cancel
            </button>
          )}
        </div>
        {run.error && (
          <div className="problem" role="alert" data-testid="discovery-error">
            <strong>{run.error.message}</strong> {run.error.fix}
          </div>
        )}
      </section>

      {(run.busy || run.cells.length > 0) && (
        <section aria-labelledby="progress-heading">
          <h2 id="progress-heading">{run.busy ? 'Scanning…' : run.finished ? 'Last scan' : 'Scan'}</h2>
          {run.cells.length === 0 ? (
            <p className="muted small">Starting…</p>
          ) : run.organization ? (
            <OrganizationGrid cells={run.cells} coverage={snapshot?.coverage} />
          ) : (
            <ProgressGrid cells={run.cells} />
          )}
        </section>
      )}

      {failed.length > 0 && (
        <section aria-labelledby="errors-heading">
          <h2 id="errors-heading">Errors ({failed.length})</h2>
          <ul className="plain problems" aria-label="Discovery errors">
            {failed.map((c) => (
              <li key={`${c.profile}/${c.region}`}>
                <strong>
                  {c.profile} · {c.region === '*' ? 'all regions' : c.region}
                </strong>
                {c.errorCode ? ` (${c.errorCode})` : ''}: {c.message ?? 'failed'}
              </li>
            ))}
          </ul>
        </section>
      )}

      {partly.length > 0 && (
        <section aria-labelledby="not-read-heading" className="not-read" data-testid="not-read">
          <h2 id="not-read-heading">Not read ({partly.length})</h2>
          <p className="small muted">
            These regions loaded without what is named below: Peerscape did not check it there, and an empty list there means unknown, not none. Grant the
            permission named and rescan.
          </p>
          <ul className="plain" aria-label="What the scan could not read">
            {partly.map((c) => (
              <li key={`${c.profile}/${c.region}`}>
                <strong>
                  {c.profile} · {c.region}
                </strong>
                <ul className="plain small">
                  {c.unread.map((u) => (
                    <li key={u.kind} data-kind={u.kind}>
                      <span className="not-read-kinds">{kindWords(u.kind)} not read</span> ({u.errorCode}): {u.message}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}

      <ProfilesPanel />
      {addingOrganization && <AddOrganizationDialog onClose={() => setAddingOrganization(false)} />}

      <section aria-labelledby="regions-pick-heading">
        <div className="section-head">
          <h2 id="regions-pick-heading">Regions ({chosenRegions.length})</h2>
          <button type="button" className="link small" onClick={() => setScanChoice({ regions: undefined })}>
            default
          </button>
        </div>
        <div className="pick-grid regions">
          {AWS_REGIONS.map((r) => (
            <label key={r.name} className="pick" title={`${r.location}${r.optIn ? ' (opt-in region)' : ''}`}>
              <input type="checkbox" value={r.name} checked={chosenRegions.includes(r.name)} onChange={toggleRegion} /> <span className="mono">{r.name}</span>
            </label>
          ))}
        </div>
      </section>
    </div>
  );
}
