/** The Export dialog: pick a format, see a live preview, download the file.
 *
 * The export itself runs on the Node side (one implementation for the app and the CLI); the
 * dialog gets it as `requestExport`, so the toolbar passes `api.exportDiagram` and tests can pass a
 * loopback. Previews are shown as data URLs in <img> (an SVG there runs no script) or as text.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';

import type { Result } from '../../shared/core/result';
import type { DiagramTheme } from '../../shared/diagram/style';
import type { ExportedFile, ExportFormat, ExportRequest } from '../../shared/export/export-formats';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS } from '../../shared/export/export-formats';
import type { InventoryTableName } from '../../shared/export/inventory';
import { INVENTORY_KINDS, INVENTORY_TABLES } from '../../shared/export/inventory';
import { saveFile } from '../util/save-file';

/** Props of `ExportDialog`. */
export interface ExportDialogProps {
  readonly open: boolean;
  readonly onClose: () => void;
  /** Runs the export (the API's `exportDiagram`). */
  readonly requestExport: (request: ExportRequest) => Promise<Result<ExportedFile>>;
  /** What is selected on the canvas, offered as "selection only" and as the peerings for tf/sh. */
  readonly selectedVpcIds?: readonly string[];
  readonly selectedPeeringIds?: readonly string[];
  /** VPCs visible on the canvas when the dialog opened, offered as "current view". */
  readonly viewVpcIds?: readonly string[];
  /** The canvas's theme, the default for images. */
  readonly theme?: DiagramTheme;
  /** Whether the canvas draws deleted peerings: what "Include deleted peerings" starts as. */
  readonly showDeleted?: boolean;
}

/** Bytes of a base64 or text export, for the download. */
function toBlob(file: ExportedFile): Blob {
  if (file.base64 !== undefined) {
    const bin = atob(file.base64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new Blob([bytes], { type: file.mime });
  }
  return new Blob([file.text ?? ''], { type: `${file.mime};charset=utf-8` });
}

function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let bin = '';
  // In chunks: spreading a large array into one call overflows the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(bin)}`;
}

/** Modal dialog with a format picker, options, a live preview and a download button. */
export function ExportDialog({ open, onClose, requestExport, selectedVpcIds = [], selectedPeeringIds = [], viewVpcIds = [], theme = 'dark', showDeleted = false }: ExportDialogProps) {
  const titleId = useId();
  const [format, setFormat] = useState<ExportFormat>('svg');
  const [imageTheme, setImageTheme] = useState<DiagramTheme>(theme);
  const hasSelection = selectedVpcIds.length > 0 || selectedPeeringIds.length > 0;
  const [scope, setScope] = useState<'all' | 'selection' | 'view'>(hasSelection ? 'selection' : 'all');
  const [table, setTable] = useState<InventoryTableName>('peerings');
  const [codeSource, setCodeSource] = useState<'existing' | 'planned'>(selectedPeeringIds.length > 0 ? 'existing' : 'planned');
  const [requester, setRequester] = useState(selectedVpcIds[0] ?? '');
  const [accepter, setAccepter] = useState(selectedVpcIds[1] ?? '');
  const [dns, setDns] = useState(false);
  const [includeDeleted, setIncludeDeleted] = useState(showDeleted);
  // Each opening starts from what the canvas shows.
  useEffect(() => {
    if (open) setIncludeDeleted(showDeleted);
  }, [open, showDeleted]);
  const [result, setResult] = useState<Result<ExportedFile> | null>(null);
  const [busy, setBusy] = useState(false);
  const dialogRef = useRef<HTMLDivElement>(null);
  const info = EXPORT_FORMATS[format];

  const request = useMemo((): ExportRequest => {
    const scoped =
      scope === 'selection' && hasSelection
        ? { ...(selectedVpcIds.length ? { vpcIds: selectedVpcIds } : {}), ...(selectedPeeringIds.length ? { peeringIds: selectedPeeringIds } : {}) }
        : scope === 'view' && viewVpcIds.length > 0
          ? { vpcIds: viewVpcIds, title: 'Current view' }
          : {};
    const chosen = info.code && codeSource === 'existing' ? { peeringIds: selectedPeeringIds } : { ...scoped, ...(includeDeleted && !info.code ? { includeDeleted } : {}) };
    const selection = Object.keys(chosen).length > 0 ? chosen : undefined;
    return {
      format,
      ...(selection ? { selection } : {}),
      ...(info.drawn ? { theme: imageTheme } : {}),
      ...(format === 'csv' ? { csvTable: table } : {}),
      ...(info.code && codeSource === 'planned' ? { plan: { requesterVpcId: requester.trim(), accepterVpcId: accepter.trim() } } : {}),
      ...(info.code ? { dnsResolution: dns } : {}),
    };
  }, [format, info, codeSource, scope, hasSelection, selectedPeeringIds, selectedVpcIds, viewVpcIds, includeDeleted, imageTheme, table, requester, accepter, dns]);

  // Live preview: re-export when the request changes; a slower earlier answer never wins.
  useEffect(() => {
    if (!open) return;
    let current = true;
    setBusy(true);
    const timer = setTimeout(() => {
      requestExport(request)
        .then((r) => current && setResult(r))
        .catch((e: unknown) => current && setResult({ ok: false, error: { code: 'internal', message: String(e), fix: 'Try again; if it persists, report it.' } }))
        .finally(() => current && setBusy(false));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, request, requestExport]);

  useEffect(() => {
    if (open) dialogRef.current?.focus();
  }, [open]);

  const download = useCallback(() => {
    if (!result?.ok) return;
    const blob = toBlob(result.value);
    saveFile(result.value.filename, blob, blob.type);
  }, [result]);

  if (!open) return null;
  const file = result?.ok ? result.value : null;
  return (
    <div
      role="presentation"
      style={{ position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.45)', display: 'grid', placeItems: 'center', zIndex: 50 }}
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="export-dialog"
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
        style={{
          width: 'min(1100px, 94vw)',
          height: 'min(760px, 90vh)',
          display: 'grid',
          gridTemplateColumns: '300px 1fr',
          gridTemplateRows: 'auto 1fr auto',
          background: 'var(--panel)',
          color: 'var(--text)',
          border: '1px solid var(--border)',
          borderRadius: 12,
          overflow: 'hidden',
        }}
      >
        <h2 id={titleId} style={{ gridColumn: '1 / -1', margin: 0, padding: '12px 16px', fontSize: 15, borderBottom: '1px solid var(--border)' }}>
          Export
        </h2>
        <form style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 12, overflow: 'auto', borderRight: '1px solid var(--border)' }} onSubmit={(e) => e.preventDefault()}>
          <label>
            Format
            <select data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} style={{ display: 'block', width: '100%', marginTop: 4 }}>
              {EXPORT_FORMAT_NAMES.map((f) => (
                <option key={f} value={f}>
                  {EXPORT_FORMATS[f].label}
                </option>
              ))}
            </select>
          </label>
          {!info.code && (
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend className="small muted">Scope</legend>
              <label style={{ display: 'block' }}>
                <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Whole topology
              </label>
              <label style={{ display: 'block' }}>
                <input type="radio" name="scope" disabled={!hasSelection} checked={scope === 'selection'} onChange={() => setScope('selection')} /> Selection only
                {!hasSelection && <span className="small muted"> (select VPCs or peerings on the canvas)</span>}
              </label>
              <label style={{ display: 'block' }}>
                <input type="radio" name="scope" disabled={viewVpcIds.length === 0} checked={scope === 'view'} onChange={() => setScope('view')} /> Current view
                <span className="small muted"> ({viewVpcIds.length} VPC{viewVpcIds.length === 1 ? '' : 's'} on screen)</span>
              </label>
              <label style={{ display: 'block', marginTop: 6 }} title="Peerings deleted in the last hours carry nothing; AWS stops listing them soon after">
                <input type="checkbox" checked={includeDeleted} onChange={(e) => setIncludeDeleted(e.target.checked)} /> Include deleted peerings
              </label>
            </fieldset>
          )}
          {info.drawn && (
            <label>
              Theme
              <select value={imageTheme} onChange={(e) => setImageTheme(e.target.value as DiagramTheme)} style={{ display: 'block', width: '100%', marginTop: 4 }}>
                <option value="dark">Dark</option>
                <option value="light">Light</option>
              </select>
            </label>
          )}
          {format === 'csv' && (
            <label>
              Table (one CSV per table)
              <select value={table} onChange={(e) => setTable(e.target.value as InventoryTableName)} style={{ display: 'block', width: '100%', marginTop: 4 }}>
                {INVENTORY_TABLES.map((t) => (
                  <option key={t} value={t}>
                    {INVENTORY_KINDS[t].label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {info.code && (
            <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 6 }}>
              <legend className="small muted">Peerings</legend>
              <label>
                <input type="radio" name="code" disabled={selectedPeeringIds.length === 0} checked={codeSource === 'existing'} onChange={() => setCodeSource('existing')} /> Selected peerings
                <span className="small muted"> ({selectedPeeringIds.length ? selectedPeeringIds.join(', ') : 'none selected'})</span>
              </label>
              <label>
                <input type="radio" name="code" checked={codeSource === 'planned'} onChange={() => setCodeSource('planned')} /> A new peering
              </label>
              {codeSource === 'planned' && (
                <>
                  <input aria-label="Requester VPC id" placeholder="requester vpc-…" value={requester} onChange={(e) => setRequester(e.target.value)} className="mono" />
                  <input aria-label="Accepter VPC id" placeholder="accepter vpc-…" value={accepter} onChange={(e) => setAccepter(e.target.value)} className="mono" />
                </>
              )}
              <label>
                <input type="checkbox" checked={dns} onChange={(e) => setDns(e.target.checked)} /> Allow DNS resolution across the peering
              </label>
            </fieldset>
          )}
        </form>
        <section aria-label="Preview" aria-busy={busy} data-testid="export-preview" style={{ overflow: 'auto', padding: 12, background: 'var(--bg)' }}>
          {result && !result.ok && (
            <div role="alert" className="problems">
              <strong>{result.error.message}</strong>
              <div className="small">{result.error.fix}</div>
            </div>
          )}
          {file?.base64 !== undefined && <img alt="Exported PNG preview" src={`data:${file.mime};base64,${file.base64}`} style={{ maxWidth: '100%' }} />}
          {file?.text !== undefined && format === 'svg' && <img alt="Exported SVG preview" src={svgDataUrl(file.text)} style={{ maxWidth: '100%' }} />}
          {file?.text !== undefined && format !== 'svg' && (
            <pre className="mono" style={{ margin: 0, whiteSpace: 'pre', fontSize: 12 }}>
              {file.text.length > 200_000 ? `${file.text.slice(0, 200_000)}\n… (preview cut; the download is complete)` : file.text}
            </pre>
          )}
          {!result && <p className="muted">Preparing preview…</p>}
        </section>
        <footer style={{ gridColumn: '1 / -1', display: 'flex', gap: 8, justifyContent: 'flex-end', alignItems: 'center', padding: '10px 16px', borderTop: '1px solid var(--border)' }}>
          {file && (
            <span className="small muted" style={{ marginRight: 'auto' }}>
              {file.filename}
              {file.size ? ` · ${file.size.width}×${file.size.height}` : ''}
            </span>
          )}
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="primary" disabled={!file || busy} onClick={download} data-testid="export-download">
            Download
          </button>
        </footer>
      </div>
    </div>
  );
}
