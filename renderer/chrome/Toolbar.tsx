/** The top bar: brand, data source, search, view modes and commands. */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';

import { accountName } from '../../shared/diagram/names';
import type { ExportRequest } from '../../shared/export/export-formats';
import type { PeeringId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';

import { conflictsOf } from '../graph/derive';
import { useFitNetwork } from '../graph/fit';
import { useRefresh } from '../discovery/use-refresh';
import { ExportDialog } from '../export/ExportDialog';
import type { VpcChoice } from '../export/VpcPicker';
import { useAppStore } from '../store/store-context';
import { saveFile } from '../util/save-file';
import { ImportButton } from './ImportButton';
import { ImportNotice } from './ImportNotice';
import { SearchBox } from './SearchBox';

/** The VPCs the Export dialog's pickers offer, named as the canvas names them. */
function vpcChoicesOf(topology: Topology | undefined): readonly VpcChoice[] {
  if (!topology) return [];
  const accounts = new Map(topology.accounts.map((a) => [a.id, a]));
  return topology.vpcs.map((v) => {
    const account = accounts.get(v.accountId);
    const name = accountName(account);
    return { id: v.id, ...(v.name ? { name: v.name } : {}), cidrs: v.cidrBlocks.map((b) => b.cidr), accountId: v.accountId, ...(name ? { accountName: name } : {}), region: v.region };
  });
}

function useConflictCount(): number {
  return useAppStore((s) => (s.snapshot ? conflictsOf(s.snapshot.topology).report.conflicts.length : 0));
}

/** Toolbar frame. */
export function Toolbar() {
  const theme = useAppStore((s) => s.theme);
  const showDeleted = useAppStore((s) => s.showDeleted);
  const setTheme = useAppStore((s) => s.setTheme);
  const mode = useAppStore((s) => s.mode);
  const toggleConflicts = useAppStore((s) => s.toggleConflicts);
  const relayout = useAppStore((s) => s.relayout);
  const exportSnapshot = useAppStore((s) => s.exportSnapshot);
  const openSandbox = useAppStore((s) => s.openSandbox);
  const refresh = useRefresh();
  const cancelDiscovery = useAppStore((s) => s.cancelDiscovery);
  const busy = useAppStore((s) => s.discovery.busy);
  const hasSnapshot = useAppStore((s) => s.snapshot !== undefined);
  const layoutRunning = useAppStore((s) => s.layoutStatus.running);
  const conflicts = useConflictCount();
  const { getViewport } = useReactFlow();
  const fitNetwork = useFitNetwork();

  const client = useAppStore((s) => s.client);
  const selection = useAppStore((s) => s.selection);
  const layout = useAppStore((s) => s.layout);
  const topology = useAppStore((s) => s.snapshot?.topology);
  const vpcChoices = useMemo(() => vpcChoicesOf(topology), [topology]);
  const peeringNames = useMemo(() => Object.fromEntries((topology?.peerings ?? []).flatMap((p) => (p.name ? [[p.id, p.name]] : []))), [topology]);
  // A selected peering the last scan no longer has (deleted meanwhile) is not offered.
  const selectedPeeringId = selection.item?.kind === 'peering' ? (selection.item.id as PeeringId) : undefined;
  const selectedPeeringIds = useMemo(() => (selectedPeeringId && topology?.peerings.some((p) => p.id === selectedPeeringId) ? [selectedPeeringId] : []), [selectedPeeringId, topology]);
  const [exportOpen, setExportOpen] = useState(false);
  const [viewVpcIds, setViewVpcIds] = useState<readonly string[]>([]);

  // "Current view": the VPCs whose cards are at least partly on screen when Export opens.
  const openExport = useCallback(() => {
    const canvas = document.querySelector('[data-testid="topology-canvas"]')?.getBoundingClientRect();
    const { x, y, zoom } = getViewport();
    const view = canvas ? { left: -x / zoom, top: -y / zoom, right: (canvas.width - x) / zoom, bottom: (canvas.height - y) / zoom } : undefined;
    setViewVpcIds(
      view && layout
        ? layout.boxes
            .filter((b) => b.kind === 'vpc' && b.x < view.right && b.x + b.width > view.left && b.y < view.bottom && b.y + b.height > view.top)
            .map((b) => b.id)
        : [],
    );
    setExportOpen(true);
  }, [getViewport, layout]);

  const onSaveSnapshot = useCallback(async () => {
    const file = await exportSnapshot();
    if (file) saveFile(file.filename, file.json, 'application/json');
  }, [exportSnapshot]);

  // Images of the whole network use the canvas's own layout, so they look like what the user
  // arranged; a selection or the current view is laid out afresh, compactly, without the frames'
  // room for everything else.
  const requestExport = useCallback(
    (request: ExportRequest) =>
      client.exportDiagram({
        ...request,
        ...(layout && !request.selection && (request.format === 'svg' || request.format === 'png') ? { layout: { width: layout.width, height: layout.height, boxes: [...layout.boxes] } } : {}),
      }),
    [client, layout],
  );

  return (
    <>
    <header className="toolbar" role="toolbar" aria-label="Main toolbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Peerscape
      </div>
      <div className="toolbar-group">
        <button type="button" onClick={() => void openSandbox()} disabled={busy} title="Open the demo organisation (no AWS account needed)">
          Sandbox
        </button>
        {busy ? (
          <button type="button" className="danger" onClick={() => void cancelDiscovery()} title="Stop the scan">
            <span className="spinner" aria-hidden="true" /> Cancel scan
          </button>
        ) : (
          <button type="button" onClick={refresh.run} disabled={refresh.disabled} title={refresh.title} data-testid="toolbar-refresh">
            {refresh.label}
          </button>
        )}
      </div>
      <SearchBox />
      <div className="toolbar-group">
        <button
          type="button"
          className={mode === 'conflicts' ? 'toggle on' : 'toggle'}
          onClick={toggleConflicts}
          aria-pressed={mode === 'conflicts'}
          disabled={!hasSnapshot}
          title="Paint overlapping VPCs and list every conflict (C)"
        >
          Conflicts{conflicts > 0 && <span className="count bad">{conflicts}</span>}
        </button>
        <button type="button" onClick={() => void fitNetwork({ duration: 250 })} disabled={!hasSnapshot} title="Fit the whole network in view (F)">
          Fit
        </button>
        <button type="button" onClick={() => void relayout()} disabled={!hasSnapshot || layoutRunning} title="Forget dragged positions and lay everything out again">
          Re-layout
        </button>
      </div>
      <div className="toolbar-spacer" />
      <div className="toolbar-group">
        <ImportButton className="ghost" />
        <button type="button" className="ghost" onClick={() => void onSaveSnapshot()} disabled={!hasSnapshot} title="Save the snapshot as a JSON file">
          Save
        </button>
        <button type="button" onClick={openExport} disabled={!hasSnapshot} title="Export a diagram, an inventory or code for a review">
          Export…
        </button>
        <button
          type="button"
          className="ghost"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
          title="Theme"
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
      <ImportNotice />
      <ExportDialog
        open={exportOpen}
        onClose={() => setExportOpen(false)}
        requestExport={requestExport}
        selectedVpcIds={selection.vpcIds}
        selectedPeeringIds={selectedPeeringIds}
        viewVpcIds={viewVpcIds}
        vpcs={vpcChoices}
        peeringNames={peeringNames}
        showDeleted={showDeleted}
      />
    </>
  );
}
