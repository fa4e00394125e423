/** The first-run screen: the three things Peerscape does, the ways to start, and the first scan's progress. */
import { useCallback } from 'react';

import type { DiscoveryRun } from '../store/app-state';
import { progressGridOf } from '../discovery/progress-grid';
import { progressWords } from '../discovery/ProgressGrid';
import { useAppStore } from '../store/store-context';
import { ImportButton } from './ImportButton';

/** Until the first region lands on the canvas: how far the scan is, as a bar and in words. */
function ScanProgress({ run }: { run: DiscoveryRun }) {
  const grid = progressGridOf(run.cells);
  const failedProfiles = [...grid.profileCells.values()].filter((c) => c.state === 'failed');
  const share = grid.total > 0 ? (grid.done + grid.failed) / grid.total : 0;
  return (
    <section className="scan-progress" aria-label="Scan progress" data-testid="first-run-progress">
      <strong>{run.source === 'sandbox' ? 'Scanning the sandbox…' : 'Scanning your AWS profiles…'}</strong>
      <div className="scan-progress-bar" role="progressbar" aria-label="Cells scanned" aria-valuemin={0} aria-valuemax={grid.total} aria-valuenow={grid.done + grid.failed}>
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <span className="small muted" aria-live="polite">
        {grid.total > 0 ? progressWords(grid) : grid.profiles.length > 0 ? `Checking ${grid.profiles.length} profile${grid.profiles.length === 1 ? '' : 's'}…` : 'Starting…'}
      </span>
      {failedProfiles.map((c) => (
        <span key={c.profile} className="small bad-text">
          {c.profile}: {c.message ?? 'failed'}
        </span>
      ))}
    </section>
  );
}

/** Shown on the canvas while there is no snapshot. */
export function FirstRun() {
  const openSandbox = useAppStore((s) => s.openSandbox);
  const startDiscovery = useAppStore((s) => s.startDiscovery);
  const run = useAppStore((s) => s.discovery);
  const busy = run.busy;
  const error = useAppStore((s) => s.discovery.error);
  const hasProfiles = useAppStore((s) => (s.profiles?.profiles.length ?? 0) > 0);
  const sandbox = useCallback(() => void openSandbox(), [openSandbox]);
  const refresh = useCallback(() => void startDiscovery('aws'), [startDiscovery]);
  return (
    <div className="first-run" data-testid="canvas-empty">
      <div className="first-run-card" role="region" aria-label="Getting started">
        <h1>Your VPC peering, on one canvas</h1>
        <p className="lead">Peerscape draws every VPC across your AWS accounts and regions, and the peerings between them.</p>
        <ol className="first-run-steps">
          <li>
            <span className="step-icon discover" aria-hidden="true" />
            <div>
              <strong>Discover</strong>
              <p>Scan every profile and region: VPCs, CIDR blocks, peerings, route tables and security groups, grouped by account and region.</p>
            </div>
          </li>
          <li>
            <span className="step-icon drag" aria-hidden="true" />
            <div>
              <strong>Drag to peer</strong>
              <p>Drag from anywhere on a VPC onto another VPC. Before you let go, every VPC shows whether it can be peered and why not.</p>
            </div>
          </li>
          <li>
            <span className="step-icon see" aria-hidden="true" />
            <div>
              <strong>See conflicts and non-transitive paths</strong>
              <p>Overlapping CIDRs turn red; select a VPC to see what it reaches only through others, which peering does not carry.</p>
            </div>
          </li>
        </ol>
        <div className="button-row">
          <button type="button" className="primary" onClick={sandbox} disabled={busy}>
            Open the sandbox
          </button>
          <button type="button" onClick={refresh} disabled={busy || !hasProfiles} title={hasProfiles ? 'Scan your AWS profiles' : 'No AWS profiles found'}>
            Scan AWS profiles
          </button>
          <ImportButton label="Import a snapshot…" />
        </div>
        {(busy || (run.cells.length > 0 && !run.finished)) && <ScanProgress run={run} />}
        {error && (
          <p className="problem" role="alert">
            <strong>{error.message}</strong> {error.fix}
          </p>
        )}
        <p className="muted small">No AWS account? The sandbox is a demo organisation running on this machine: nothing you do there touches AWS.</p>
      </div>
    </div>
  );
}
