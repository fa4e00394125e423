/** The Export dialog: pick a format, see a live preview, download the file.
 *
 * The export itself runs on the Node side (one implementation for the app and the CLI); the
 * dialog gets it as `requestExport`, so the toolbar passes `api.exportDiagram` and tests can pass a
 * loopback. Previews are shown as data URLs in <img> (an SVG there runs no script) or as text.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';

import type { Result } from '../../shared/core/result';
import type { DiagramTheme } from '../../shared/diagram/style';
import type { ExportedFile, ExportFormat, ExportRequest } from '../../shared/export/export-formats';
import { DEFAULT_EXPORT_THEME, EXPORT_FORMAT_NAMES, EXPORT_FORMATS } from '../../shared/export/export-formats';
import type { InventoryTableName } from '../../shared/export/inventory';
import { INVENTORY_KINDS, INVENTORY_TABLES } from '../../shared/export/inventory';
import { saveFile } from '../util/save-file';
import { codeRequestOf, CodeTargetFields, missingCodeChoice } from './CodeTarget';
import type { CodeTarget } from './CodeTarget';
import type { VpcChoice } from './VpcPicker';
import './export.css';
import { ModalDialog } from '../chrome/ModalDialog';

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
  /** The VPCs the code formats' pickers offer. */
  readonly vpcs?: readonly VpcChoice[];
  /** Peering names by id, to name the selected peerings. */
  readonly peeringNames?: Readonly<Record<string, string>>;
  /** Whether the canvas draws deleted peerings: what "Include deleted peerings" starts as. */
  readonly showDeleted?: boolean;
}

/** A preview and the request it answers. */
interface Shown {
  readonly request: ExportRequest;
  readonly result: Result<ExportedFile>;
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

/**
 * The dialog's choices that start again from the canvas at each opening: pictures of the whole
 * network (the selection is one click away), code for what is selected.
 */
function startingChoices(selectedVpcIds: readonly string[], selectedPeeringIds: readonly string[], showDeleted: boolean) {
  return {
    scope: 'all' as Scope,
    includeDeleted: showDeleted,
    code: {
      source: selectedPeeringIds.length > 0 ? 'existing' : 'planned',
      requester: selectedVpcIds[0] ?? '',
      accepter: selectedVpcIds[1] ?? '',
      dns: false,
    } as CodeTarget,
  };
}

type Scope = 'all' | 'selection' | 'view';

/** Modal dialog with a format picker, options, a live preview and a download button. */
export function ExportDialog({ open, onClose, requestExport, selectedVpcIds = [], selectedPeeringIds = [], viewVpcIds = [], vpcs = [], peeringNames, showDeleted = false }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('svg');
  const [imageTheme, setImageTheme] = useState<DiagramTheme>(DEFAULT_EXPORT_THEME);
  const hasSelection = selectedVpcIds.length > 0 || selectedPeeringIds.length > 0;
  const [scope, setScope] = useState<Scope>('all');
  const [table, setTable] = useState<InventoryTableName>('peerings');
  const [code, setCode] = useState<CodeTarget>(() => startingChoices(selectedVpcIds, selectedPeeringIds, showDeleted).code);
  const [includeDeleted, setIncludeDeleted] = useState(showDeleted);
  const [shown, setShown] = useState<Shown | null>(null);
  // Each opening starts from what the canvas shows and selects, and from an empty preview
  // (set while rendering, so the first frame of the dialog already has them).
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      const fresh = startingChoices(selectedVpcIds, selectedPeeringIds, showDeleted);
      setScope(fresh.scope);
      setCode(fresh.code);
      setIncludeDeleted(fresh.includeDeleted);
      setShown(null);
    }
  }
  const [busy, setBusy] = useState(false);
  const info = EXPORT_FORMATS[format];
  const missing = info.code ? missingCodeChoice(code, selectedPeeringIds) : undefined;

  /** The export the options ask for; `undefined` while a code format still needs a choice. */
  const request = useMemo((): ExportRequest | undefined => {
    if (info.code) return missing === undefined ? { format, ...codeRequestOf(code, selectedPeeringIds) } : undefined;
    const scoped =
      scope === 'selection' && hasSelection
        ? { ...(selectedVpcIds.length ? { vpcIds: selectedVpcIds } : {}), ...(selectedPeeringIds.length ? { peeringIds: selectedPeeringIds } : {}) }
        : scope === 'view' && viewVpcIds.length > 0
          ? { vpcIds: viewVpcIds, title: 'Current view' }
          : {};
    const chosen = { ...scoped, ...(includeDeleted ? { includeDeleted } : {}) };
    return {
      format,
      ...(Object.keys(chosen).length > 0 ? { selection: chosen } : {}),
      ...(info.drawn ? { theme: imageTheme } : {}),
      ...(format === 'csv' ? { csvTable: table } : {}),
    };
  }, [format, info, missing, code, scope, hasSelection, selectedPeeringIds, selectedVpcIds, viewVpcIds, includeDeleted, imageTheme, table]);

  // Live preview: re-export when the request changes; a slower earlier answer never wins.
  useEffect(() => {
    if (!open || !request) {
      setBusy(false);
      return;
    }
    let current = true;
    setBusy(true);
    const timer = setTimeout(() => {
      requestExport(request)
        .then((result) => current && setShown({ request, result }))
        .catch((e: unknown) => current && setShown({ request, result: { ok: false, error: { code: 'internal', message: String(e), fix: 'Try again; if it persists, report it.' } } }))
        .finally(() => current && setBusy(false));
    }, 150);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, request, requestExport]);

  // Only a preview of the format on screen is shown: another format's never stays behind.
  const result = shown && request && shown.request.format === format ? shown.result : null;
  const file = result?.ok ? result.value : null;
  const current = file !== null && shown?.request === request && !busy;
  const download = useCallback(() => {
    if (!file) return;
    const blob = toBlob(file);
    saveFile(file.filename, blob, blob.type);
  }, [file]);

  if (!open) return null;
  return (
    <ModalDialog title="Export" onClose={onClose} className="export-dialog" titleClassName="export-title" testId="export-dialog">
      <form className="export-options" onSubmit={(e) => e.preventDefault()}>
        <label>
          Format
          <select data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} className="export-select">
            {EXPORT_FORMAT_NAMES.map((f) => (
              <option key={f} value={f}>
                {EXPORT_FORMATS[f].label}
              </option>
            ))}
          </select>
        </label>
        {!info.code && (
          <fieldset className="export-fieldset">
            <legend className="small muted">Scope</legend>
            <label>
              <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Whole topology
            </label>
            <label>
              <input type="radio" name="scope" disabled={!hasSelection} checked={scope === 'selection'} onChange={() => setScope('selection')} /> Selection only
              {!hasSelection && <span className="small muted"> (select VPCs or peerings on the canvas)</span>}
            </label>
            <label>
              <input type="radio" name="scope" disabled={viewVpcIds.length === 0} checked={scope === 'view'} onChange={() => setScope('view')} /> Current view
              <span className="small muted"> ({viewVpcIds.length} VPC{viewVpcIds.length === 1 ? '' : 's'} on screen)</span>
            </label>
            <label title="Peerings deleted in the last hours carry nothing; AWS stops listing them soon after">
              <input type="checkbox" checked={includeDeleted} onChange={(e) => setIncludeDeleted(e.target.checked)} /> Include deleted peerings
            </label>
          </fieldset>
        )}
        {info.drawn && (
          <label>
            Theme
            <select value={imageTheme} onChange={(e) => setImageTheme(e.target.value as DiagramTheme)} className="export-select">
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
        )}
        {format === 'csv' && (
          <label>
            Table (one CSV per table)
            <select value={table} onChange={(e) => setTable(e.target.value as InventoryTableName)} className="export-select">
              {INVENTORY_TABLES.map((t) => (
                <option key={t} value={t}>
                  {INVENTORY_KINDS[t].label}
                </option>
              ))}
            </select>
          </label>
        )}
        {info.code && <CodeTargetFields target={code} onChange={setCode} vpcs={vpcs} selectedPeeringIds={selectedPeeringIds} {...(peeringNames ? { peeringNames } : {})} />}
      </form>
      <section aria-label="Preview" aria-busy={busy} data-testid="export-preview" data-format={result ? format : undefined} className="export-preview">
        {missing !== undefined ? (
          <div className="export-empty" data-testid="export-empty">
            <strong>{info.label}: choose the peering first</strong>
            <p>{missing}</p>
          </div>
        ) : (
          <>
            {result && !result.ok && (
              <div role="alert" className="problems">
                <strong>{result.error.message}</strong>
                <div className="small">{result.error.fix}</div>
              </div>
            )}
            {file?.warnings && file.warnings.length > 0 && (
              <ul className="problems" aria-label="Before running it">
                {file.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
            {file?.base64 !== undefined && <img alt="Exported PNG preview" src={`data:${file.mime};base64,${file.base64}`} className="export-image" />}
            {file?.text !== undefined && format === 'svg' && <img alt="Exported SVG preview" src={svgDataUrl(file.text)} className="export-image" />}
            {file?.text !== undefined && format !== 'svg' && (
              <pre className="mono export-text">{file.text.length > 200_000 ? `${file.text.slice(0, 200_000)}\n… (preview cut; the download is complete)` : file.text}</pre>
            )}
            {!result && <p className="muted">Preparing the {info.label} preview…</p>}
          </>
        )}
      </section>
      <footer className="export-footer">
        {file && (
          <span className="small muted export-filename">
            {file.filename}
            {file.size ? ` · ${file.size.width}×${file.size.height}` : ''}
          </span>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" disabled={!current} onClick={download} data-testid="export-download">
          Download
        </button>
      </footer>
    </ModalDialog>
  );
}
