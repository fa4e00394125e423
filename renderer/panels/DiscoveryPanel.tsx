/** Discovery: choose profiles and regions, scan or open the sandbox, follow progress, see errors and age. */
import { useCallback, useMemo } from 'react';
import type { ChangeEvent } from 'react';

import type { DiscoveryCell } from '../../shared/api/events';
import { missingCoverage } from '../../shared/model/snapshot';
import { AWS_REGIONS } from '../discovery/aws-regions';
import { useAppStore } from '../store/store-context';
import { ProfilesPanel } from './ProfilesPanel';
import { useNow } from '../util/use-now';
import { timeAgo } from '../util/time-ago';

const DEFAULT_REGIONS = AWS_REGIONS.filter((r) => !r.optIn).map((r) => r.name);

const CELL_WORDS: Record<DiscoveryCell['state'], string> = {
  queued: 'queued',
  running: 'scanning',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
};

function ProgressGrid({ cells }: { cells: readonly DiscoveryCell[] }) {
  const profiles = [...new Set(cells.map((c) => c.profile))].sort();
  const regions = [...new Set(cells.filter((c) => c.region !== '*').map((c) => c.region))].sort();
  const byKey = new Map(cells.map((c) => [`${c.profile}/${c.region}`, c]));
  const done = cells.filter((c) => c.state === 'done').length;
  return (
    <div className="progress">
      <div className="small muted" aria-live="polite">
        {done} of {cells.length} cells done
      </div>
      <div className="progress-scroll">
        <table className="progress-grid" aria-label="Discovery progress">
          <thead>
            <tr>
              <th scope="col">Profile</th>
              {regions.map((r) => (
                <th key={r} scope="col" title={r}>
                  {r.replace(/^([a-z]+)-([a-z]+)-(\d+)$/, (_m, a: string, b: string, n: string) => `${a}-${b.slice(0, 2)}${n}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {profiles.map((p) => {
              const wide = byKey.get(`${p}/*`);
              return (
                <tr key={p}>
                  <th scope="row" className={wide ? `cell-${wide.state}` : ''} title={wide?.message}>
                    {p}
                  </th>
                  {regions.map((r) => {
                    const c = byKey.get(`${p}/${r}`);
                    const counts = c?.counts ? Object.entries(c.counts).map(([k, n]) => `${n} ${k}`).join(', ') : '';
                    return (
                      <td
                        key={r}
                        className={`cell cell-${c?.state ?? 'none'}`}
                        title={c ? `${p} · ${r}: ${CELL_WORDS[c.state]}${c.errorCode ? ` (${c.errorCode})` : ''}${c.message ? ` — ${c.message}` : ''}${counts ? ` — ${counts}` : ''}` : `${p} · ${r}: not scanned`}
                        data-state={c?.state ?? 'none'}
                      >
                        <span className="cell-dot" />
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

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
  const now = useNow(30_000);

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
  const sandbox = useCallback(() => void openSandbox(), [openSandbox]);
  const cancel = useCallback(() => void cancelDiscovery(), [cancelDiscovery]);

  const failed = run.cells.filter((c) => c.state === 'failed');
  const gaps = snapshot ? missingCoverage(snapshot) : [];
  const age = snapshot ? timeAgo(snapshot.takenAt, now) : undefined;

  return (
    <div className="discovery" data-testid="discovery-panel">
      <section aria-labelledby="snapshot-heading">
        <h2 id="snapshot-heading">Snapshot</h2>
        {snapshot ? (
          <p data-testid="snapshot-age">
            Taken <strong title={snapshot.takenAt}>{age ?? snapshot.takenAt}</strong> from <span className="mono">{snapshot.source}</span>
            {gaps.length > 0 && <span className="bad-text"> · {gaps.length} cell{gaps.length === 1 ? '' : 's'} not scanned</span>}
          </p>
        ) : (
          <p className="muted">No snapshot yet.</p>
        )}
        <div className="button-row">
          <button type="button" className="primary" onClick={scan} disabled={run.busy || chosenProfiles.length === 0} title="Scan the chosen profiles and regions">
            Refresh from AWS
          </button>
          <button type="button" onClick={sandbox} disabled={run.busy} title="A demo organisation to explore without an AWS account">
            Open sandbox
          </button>
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
          {run.cells.length > 0 ? <ProgressGrid cells={run.cells} /> : <p className="muted small">Starting…</p>}
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

      <ProfilesPanel />

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
