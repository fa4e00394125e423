/** The export service the API and the CLI call: any format of a snapshot, as a file's name, type and content.
 *
 * Layout: the caller's (the canvas's current view) when given, else `layoutTopology` (elkjs,
 * the same layout the canvas starts from). PNG is the SVG rasterised by resvg at 2×, so no
 * browser window is needed; one too large to draw safely is refused before drawing
 * (png-limits.ts). Results are plain data (structuredClone-safe) for IPC.
 */
import type { Result } from '../../shared/core/result';
import { fail, ok } from '../../shared/core/result';
import type { ExportedFile, ExportRequest } from '../../shared/export/export-formats';
import { EXPORT_FORMATS, exportText } from '../../shared/export/export-formats';
import { buildExportDocument } from '../../shared/export/export-document';
import { exportFileName } from '../../shared/export/labels';
import type { DiagramLayout } from '../../shared/diagram/layout';
import { layoutTopology } from '../../shared/diagram/layout-topology';
import type { Snapshot } from '../../shared/model/snapshot';
import { pngTooLarge } from './png-limits';
import { renderPng } from './render-png';

export type { ExportedFile } from '../../shared/export/export-formats';

/** Options of `exportDiagram`. */
export interface ExportDiagramOptions {
  /** The laid-out view to draw (e.g. the canvas's positions); default: `layoutTopology` of the selection. */
  readonly layout?: DiagramLayout;
  /** PNG pixel density (default 2). */
  readonly pngScale?: number;
}

/** Export `snapshot` in `request.format`. Expected problems (unknown ids, impossible plans) are values. */
export async function exportDiagram(snapshot: Snapshot, request: ExportRequest, opts: ExportDiagramOptions = {}): Promise<Result<ExportedFile>> {
  const info = EXPORT_FORMATS[request.format];
  if (!info) return fail('invalid-input', `Unknown export format ${JSON.stringify(request.format)}.`, `Use one of ${Object.keys(EXPORT_FORMATS).join(', ')}.`);
  let layout = opts.layout;
  if (info.drawn && !layout) {
    const doc = buildExportDocument(snapshot, request.selection);
    if (!doc.ok) return doc;
    layout = await layoutTopology(doc.value.topology);
  }
  if (request.format !== 'png') {
    const made = exportText(snapshot, { ...request, format: request.format }, layout);
    if (!made.ok) return made;
    const { filename, mime, text, size, warnings } = made.value;
    return ok({ filename, mime, text, ...(size ? { size } : {}), ...(warnings ? { warnings } : {}) });
  }
  const svg = exportText(snapshot, { ...request, format: 'svg' }, layout);
  if (!svg.ok) return svg;
  const scale = opts.pngScale ?? 2;
  const size = svg.value.size ? { width: Math.round(svg.value.size.width * scale), height: Math.round(svg.value.size.height * scale) } : undefined;
  const tooLarge = size && pngTooLarge(size.width, size.height);
  if (tooLarge) return { ok: false, error: tooLarge };
  const png = renderPng(svg.value.text, { scale });
  const doc = buildExportDocument(snapshot, request.selection);
  const filename = doc.ok ? exportFileName(doc.value, info.extension) : svg.value.filename.replace(/\.svg$/, '.png');
  return ok({ filename, mime: info.mime, base64: Buffer.from(png).toString('base64'), ...(size ? { size } : {}) });
}
