/** Every export format, and one entry point that turns a snapshot into any text format.
 *
 * PNG is the SVG rasterised on the Node side (electron/export/render-png.ts); everything else is
 * text made here, so the app, the CLI and the tests share one implementation per format.
 */
import type { Result } from '../core/result';
import { assertNever, fail, ok } from '../core/result';
import type { DiagramLayout } from '../diagram/layout';
import type { Snapshot } from '../model/snapshot';
import { exportAwsCliScript } from './aws-cli-script';
import { CSV_TABLE_FILE_SUFFIX, exportCsv } from './csv';
import type { DiagramTheme } from '../diagram/style';
import { exportDot } from './dot';
import { exportDrawio } from './drawio';
import type { ExportDocument, ExportSelection } from './export-document';
import { buildExportDocument } from './export-document';
import { layoutGrid } from '../diagram/grid-layout';
import type { InventoryTableName } from './inventory';
import { INVENTORY_TABLES } from './inventory';
import { exportFileName } from './labels';
import { exportMarkdown } from './markdown';
import { exportMermaid } from './mermaid';
import { buildPeeringCodeSpecs } from './peering-code-spec';
import type { PeeringCodeTarget } from './peering-code-spec';
import { renderSvg } from './svg';
import { revealHidden } from './syntax/reveal';
import { exportTerraform } from './terraform';

/** What each format is. */
export interface ExportFormatInfo {
  readonly label: string;
  readonly extension: string;
  readonly mime: string;
  /** Drawn from a layout (boxes have positions). */
  readonly drawn: boolean;
  /** Bytes rather than text (PNG). */
  readonly binary: boolean;
  /** Infrastructure code: needs chosen peerings or a planned pair. */
  readonly code: boolean;
}

/** The formats, in menu order. */
export const EXPORT_FORMATS = {
  svg: { label: 'SVG image', extension: 'svg', mime: 'image/svg+xml', drawn: true, binary: false, code: false },
  png: { label: 'PNG image (2×)', extension: 'png', mime: 'image/png', drawn: true, binary: true, code: false },
  drawio: { label: 'draw.io diagram', extension: 'drawio', mime: 'application/vnd.jgraph.mxfile', drawn: true, binary: false, code: false },
  mermaid: { label: 'Mermaid flowchart', extension: 'mmd', mime: 'text/vnd.mermaid', drawn: false, binary: false, code: false },
  dot: { label: 'Graphviz DOT', extension: 'dot', mime: 'text/vnd.graphviz', drawn: false, binary: false, code: false },
  md: { label: 'Markdown inventory', extension: 'md', mime: 'text/markdown', drawn: false, binary: false, code: false },
  csv: { label: 'CSV inventory', extension: 'csv', mime: 'text/csv', drawn: false, binary: false, code: false },
  tf: { label: 'Terraform', extension: 'tf', mime: 'text/plain', drawn: false, binary: false, code: true },
  sh: { label: 'AWS CLI script', extension: 'sh', mime: 'text/x-shellscript', drawn: false, binary: false, code: true },
} as const satisfies Record<string, ExportFormatInfo>;

/**
 * The palette of a drawn export when none is asked for, in the app's Export dialog and in
 * `peerscape export` alike: light, as a page in a design review is.
 */
export const DEFAULT_EXPORT_THEME: DiagramTheme = 'light';

/** A format name. */
export type ExportFormat = keyof typeof EXPORT_FORMATS;
/** Every format name, in menu order. */
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];
/** A format produced as text in shared/. */
export type TextExportFormat = Exclude<ExportFormat, 'png'>;

/** True when `s` names a format. */
export function isExportFormat(s: string): s is ExportFormat {
  return Object.hasOwn(EXPORT_FORMATS, s);
}

/** One export: what to make, of which part of the snapshot. */
export interface ExportRequest {
  readonly format: ExportFormat;
  /** Which VPCs and peerings; for `tf`/`sh`, `peeringIds` are the existing peerings to write code for. */
  readonly selection?: ExportSelection;
  /** Palette of drawn formats (default `DEFAULT_EXPORT_THEME`). */
  readonly theme?: DiagramTheme;
  /** CSV: which table (default `peerings`; the CLI writes them all). */
  readonly csvTable?: InventoryTableName;
  /** `tf`/`sh`: a peering to create instead of existing ones. */
  readonly plan?: { readonly requesterVpcId: string; readonly accepterVpcId: string };
  /** `tf`/`sh`: also turn on DNS resolution across the peering. */
  readonly dnsResolution?: boolean;
}

/** What an export produced, as the API returns it: text formats in `text`, PNG in `base64`. */
export interface ExportedFile {
  readonly filename: string;
  readonly mime: string;
  readonly text?: string;
  readonly base64?: string;
  /** Image size in pixels (PNG: already scaled). */
  readonly size?: { readonly width: number; readonly height: number };
  /** `tf`/`sh`: what a reviewer must know before running it (a VPC to change for DNS, a missing profile…), as display text. */
  readonly warnings?: readonly string[];
}

/** A made text export. */
export interface TextExport {
  readonly format: TextExportFormat;
  readonly filename: string;
  readonly mime: string;
  readonly text: string;
  /** Image size in CSS pixels, for SVG (PNG is this times its scale). */
  readonly size?: { readonly width: number; readonly height: number };
  /** `tf`/`sh`: the warnings the file's comments hold, as display text (hidden characters shown, see syntax/reveal.ts). */
  readonly warnings?: readonly string[];
}

/**
 * Make a text export of `snapshot`. Diagram formats draw the scene of `layout` when given (the
 * canvas's view), else of the grid layout of `layoutGrid`; Mermaid and DOT take its boxes and
 * their order, and place them themselves.
 */
export function exportText(snapshot: Snapshot, request: ExportRequest & { format: TextExportFormat }, layout?: DiagramLayout): Result<TextExport> {
  const built = buildExportDocument(snapshot, request.selection);
  if (!built.ok) return built;
  const doc = built.value;
  const info = EXPORT_FORMATS[request.format];
  const done = (text: string, extension: string = info.extension, size?: { width: number; height: number }): Result<TextExport> =>
    ok({ format: request.format, filename: exportFileName(doc, extension), mime: info.mime, text, ...(size ? { size } : {}) });
  const lay = () => layout ?? layoutGrid(doc.topology);
  switch (request.format) {
    case 'svg': {
      const img = renderSvg(doc, lay(), { theme: request.theme ?? DEFAULT_EXPORT_THEME });
      return done(img.svg, info.extension, { width: img.width, height: img.height });
    }
    case 'drawio':
      return done(exportDrawio(doc, lay(), { theme: request.theme ?? DEFAULT_EXPORT_THEME }));
    case 'mermaid':
      return done(exportMermaid(doc, { theme: request.theme ?? DEFAULT_EXPORT_THEME, layout: lay() }));
    case 'dot':
      return done(exportDot(doc, { theme: request.theme ?? DEFAULT_EXPORT_THEME, layout: lay() }));
    case 'md':
      return done(exportMarkdown(doc));
    case 'csv': {
      const table = request.csvTable ?? 'peerings';
      if (!INVENTORY_TABLES.includes(table)) {
        return fail('invalid-input', `There is no inventory table ${JSON.stringify(table)}.`, `Choose one of ${INVENTORY_TABLES.join(', ')}.`);
      }
      return done(exportCsv(doc, table), `${CSV_TABLE_FILE_SUFFIX[table]}.csv`);
    }
    case 'tf':
    case 'sh':
      return exportCode(snapshot, doc, request, (text, warnings) => {
        const made = done(text);
        return made.ok && warnings.length > 0 ? ok({ ...made.value, warnings: warnings.map((w) => revealHidden(w)) }) : made;
      });
    default:
      return assertNever(request.format);
  }
}

function exportCode(snapshot: Snapshot, doc: ExportDocument, request: ExportRequest, done: (text: string, warnings: readonly string[]) => Result<TextExport>): Result<TextExport> {
  const ids = request.selection?.peeringIds ?? [];
  if (request.plan && ids.length > 0) {
    return fail('invalid-input', 'Both a planned peering and existing peerings were given.', 'Use either --plan vpc-a:vpc-b or --peerings pcx-…, not both.');
  }
  const target: PeeringCodeTarget = request.plan
    ? { kind: 'planned', requesterVpcId: request.plan.requesterVpcId, accepterVpcId: request.plan.accepterVpcId }
    : { kind: 'existing', peeringIds: ids };
  const specs = buildPeeringCodeSpecs(snapshot.topology, target, { dnsResolution: request.dnsResolution ?? false });
  if (!specs.ok) return specs;
  const provenance = { title: doc.title, takenAt: doc.takenAt };
  const warnings = [...new Set(specs.value.flatMap((s) => s.warnings))];
  return done(request.format === 'tf' ? exportTerraform(specs.value, provenance) : exportAwsCliScript(specs.value, provenance), warnings);
}
