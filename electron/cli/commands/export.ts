/** `peerscape export`: a snapshot file as an image, diagram, inventory or infrastructure code.
 *
 * Makes every format without a browser window (PNG through resvg). For scripts: the file goes to
 * `--out` (text formats to stdout without it), messages to stderr, and the exit code says what
 * went wrong.
 */
import { assertNever } from '../../../shared/core/result';
import { CSV_TABLE_FILE_SUFFIX, exportCsvTables } from '../../../shared/export/csv';
import type { DiagramTheme } from '../../../shared/diagram/style';
import { buildExportDocument } from '../../../shared/export/export-document';
import type { ExportFormat, ExportRequest } from '../../../shared/export/export-formats';
import { DEFAULT_EXPORT_THEME, EXPORT_FORMAT_NAMES, EXPORT_FORMATS, isExportFormat } from '../../../shared/export/export-formats';
import type { InventoryTableName } from '../../../shared/export/inventory';
import { INVENTORY_TABLES } from '../../../shared/export/inventory';
import { isPngTooLarge } from '../../export/png-limits';
import { asSentence, CliInputError, shown, unknownFlagError } from '../input-error';
import { checkOutputPath, writeOutputFile } from '../output-file';
import { readSnapshot } from '../read-snapshot';
import { terminalText } from '../terminal-text';
import type { CliIo } from './scan';

/** Exit codes of `export`. */
export const EXPORT_EXIT = {
  ok: 0,
  /** Bad input (arguments, snapshot, `--out`, ids the snapshot does not have): thrown as `CliInputError`. */
  usage: 2,
  /** The export itself was refused (a peering AWS would refuse). */
  refused: 3,
} as const;

/** Parsed `export` arguments. */
export interface ExportArgs {
  readonly snapshot?: string;
  readonly format?: ExportFormat;
  readonly out?: string;
  readonly peerings?: readonly string[];
  readonly vpcs?: readonly string[];
  readonly plan?: { readonly requesterVpcId: string; readonly accepterVpcId: string };
  readonly dns: boolean;
  /** Also show deleted peerings (left out by default, as in the app). */
  readonly includeDeleted: boolean;
  readonly theme?: DiagramTheme;
  readonly table?: InventoryTableName;
  readonly title?: string;
  readonly help: boolean;
}

const USAGE = `Usage: peerscape export --snapshot s.json --format FORMAT [options] [--out FILE]

Export a snapshot as an image, a diagram, an inventory or infrastructure code.

  --snapshot FILE        the snapshot to export (from \`peerscape scan\` or the app)
  --format FORMAT        ${EXPORT_FORMAT_NAMES.join(' | ')}
  --out FILE             where to write; text formats go to stdout without it (png needs it)
  --peerings pcx-1,pcx-2 only these peerings and their VPCs; for tf/sh the peerings to write code for
  --vpcs vpc-1,vpc-2     only these VPCs and the peerings among them
  --include-deleted      also show deleted peerings (left out by default, as in the app,
                         unless named with --peerings)
  --plan vpc-a:vpc-b     tf/sh: code for a new peering, requester vpc-a, accepter vpc-b
  --dns                  tf/sh: also allow DNS resolution across the peering, on both sides
  --theme dark|light     palette of drawn formats (default ${DEFAULT_EXPORT_THEME}, as in the app's Export dialog)
  --table NAME           csv: only this table (${INVENTORY_TABLES.join(', ')}); default: one file per
                         table, FILE.vpcs.csv, FILE.peerings.csv, …
  --title TEXT           title of the image or report (default: the snapshot's source)

Exit codes: 0 written, 2 bad arguments, snapshot or --out (an --out folder must exist), 3 export
refused (the message says why).
`;

function list(v: string): string[] {
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The flags `export` takes: its parser's cases, and what an unknown flag is matched against for a suggestion. */
const EXPORT_FLAGS = ['--snapshot', '--format', '--out', '--peerings', '--vpcs', '--plan', '--dns', '--include-deleted', '--theme', '--table', '--title', '--help', '-h'] as const;
type ExportFlag = (typeof EXPORT_FLAGS)[number];
const isExportFlag = (flag: string): flag is ExportFlag => (EXPORT_FLAGS as readonly string[]).includes(flag);

/** Parse `export` arguments, naming the one that is wrong. */
export function parseExportArgs(argv: readonly string[]): { ok: true; args: ExportArgs } | { ok: false; message: string } {
  const args: { -readonly [K in keyof ExportArgs]: ExportArgs[K] } = { dns: false, includeDeleted: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    // An option never takes the next flag as its value: `--out --format svg` is a missing value.
    const value = (): string | undefined => inline ?? (argv[i + 1]?.startsWith('--') ? undefined : argv[++i]);
    if (!isExportFlag(name)) {
      return { ok: false, message: name.startsWith('-') ? unknownFlagError(name, EXPORT_FLAGS).message : `unexpected argument "${shown(flag, 40)}": export takes options only` };
    }
    switch (name) {
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--dns':
        args.dns = true;
        break;
      case '--include-deleted':
        args.includeDeleted = true;
        break;
      case '--snapshot':
      case '--out':
      case '--title': {
        const v = value();
        if (!v) return { ok: false, message: `${name} needs a value` };
        if (name === '--snapshot') args.snapshot = v;
        else if (name === '--out') args.out = v;
        else args.title = v;
        break;
      }
      case '--format': {
        const v = value();
        if (!v || !isExportFormat(v)) return { ok: false, message: `--format must be one of ${EXPORT_FORMAT_NAMES.join(', ')}${v ? ` (got ${JSON.stringify(v)})` : ''}` };
        args.format = v;
        break;
      }
      case '--peerings':
      case '--vpcs': {
        const v = list(value() ?? '');
        if (v.length === 0) return { ok: false, message: `${name} needs a comma-separated list of ids` };
        if (name === '--peerings') args.peerings = [...(args.peerings ?? []), ...v];
        else args.vpcs = [...(args.vpcs ?? []), ...v];
        break;
      }
      case '--plan': {
        const m = /^(vpc-[0-9a-zA-Z]+):(vpc-[0-9a-zA-Z]+)$/.exec(value() ?? '');
        if (!m) return { ok: false, message: '--plan needs two VPC ids, requester:accepter, e.g. --plan vpc-0a1b:vpc-0c2d' };
        args.plan = { requesterVpcId: m[1]!, accepterVpcId: m[2]! };
        break;
      }
      case '--theme': {
        const v = value();
        if (v !== 'dark' && v !== 'light') return { ok: false, message: '--theme must be dark or light' };
        args.theme = v;
        break;
      }
      case '--table': {
        const v = value();
        if (!v || !(INVENTORY_TABLES as readonly string[]).includes(v)) return { ok: false, message: `--table must be one of ${INVENTORY_TABLES.join(', ')}` };
        args.table = v as InventoryTableName;
        break;
      }
      default:
        return assertNever(name);
    }
  }
  return { ok: true, args };
}

/** Run `peerscape export`; resolves to the exit code. */
export async function runExport(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseExportArgs(argv);
  if (!parsed.ok) throw new CliInputError(asSentence(parsed.message));
  const args = parsed.args;
  if (args.help) {
    io.stdout.write(USAGE);
    return EXPORT_EXIT.ok;
  }
  if (!args.snapshot || !args.format) throw new CliInputError(`${!args.snapshot ? '--snapshot FILE' : '--format FORMAT'} is required.`);
  const format = args.format;
  if ((format === 'png' || (format === 'csv' && !args.table)) && !args.out) {
    throw new CliInputError(`--format ${format}${format === 'csv' ? ' without --table' : ''} writes ${format === 'png' ? 'an image' : 'several files'}: name it with --out FILE.`);
  }
  if (args.plan && !EXPORT_FORMATS[format].code) throw new CliInputError('--plan applies to tf and sh only.');
  // Checked before the snapshot is read and the export made, so nothing is computed for a path that cannot be written.
  const example = format === 'csv' && !args.table ? 'inventory.csv' : `peerscape.${EXPORT_FORMATS[format].extension}`;
  const out = args.out ? await checkOutputPath(args.out, io.cwd, { example }) : undefined;
  const snapshot = await readSnapshot(args.snapshot, io);
  if (args.plan) {
    const known = new Set<string>(snapshot.topology.vpcs.map((v) => v.id));
    const unknown = [args.plan.requesterVpcId, args.plan.accepterVpcId].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new CliInputError(`--plan names ${unknown.length === 1 ? 'a VPC' : 'VPCs'} the snapshot does not have: ${unknown.join(', ')}.`, 'Use VPC ids from the snapshot, or scan the account and region that own them.');
    }
  }
  const selection = {
    ...(args.peerings ? { peeringIds: args.peerings } : {}),
    ...(args.vpcs ? { vpcIds: args.vpcs } : {}),
    ...(args.title ? { title: args.title } : {}),
    ...(args.includeDeleted ? { includeDeleted: true } : {}),
  };
  if (format === 'csv' && !args.table) {
    const doc = buildExportDocument(snapshot, selection);
    if (!doc.ok) return refused(io, doc.error);
    const tables = exportCsvTables(doc.value);
    const base = out!.replace(/\.csv$/i, '');
    // One file per table the selection has anything for (no empty transit gateway tables for a peering-only estate).
    const files = INVENTORY_TABLES.filter((t) => tables[t] !== undefined).map((t) => ({ table: t, file: `${base}.${CSV_TABLE_FILE_SUFFIX[t]}.csv` }));
    for (const { file } of files) await checkOutputPath(file, io.cwd, { example });
    for (const { table, file } of files) {
      await writeOutputFile(file, tables[table]!, { cwd: io.cwd });
      io.stderr.write(`wrote ${file}\n`);
    }
    return EXPORT_EXIT.ok;
  }

  const request: ExportRequest = {
    format,
    selection,
    ...(args.theme ? { theme: args.theme } : {}),
    ...(args.table ? { csvTable: args.table } : {}),
    ...(args.plan ? { plan: args.plan } : {}),
    dnsResolution: args.dns,
  };
  // Loaded here, not at the top: elkjs and resvg take most of a second to load, which `--help`
  // and bad arguments should not wait for.
  const { exportDiagram } = await import('../../export/export-diagram');
  const made = await exportDiagram(snapshot, request);
  // A PNG too large to draw is a bad choice of format or selection: bad input, not a refusal of the export.
  if (!made.ok && isPngTooLarge(made.error)) throw new CliInputError(made.error.message, made.error.fix);
  if (!made.ok) return refused(io, made.error);
  const file = made.value;
  for (const w of file.warnings ?? []) io.stderr.write(`peerscape export: warning: ${terminalText(w)}\n`);
  if (!out) {
    io.stdout.write(file.text ?? '');
    return EXPORT_EXIT.ok;
  }
  await writeOutputFile(out, file.base64 !== undefined ? Buffer.from(file.base64, 'base64') : (file.text ?? ''), { cwd: io.cwd, ...(format === 'sh' ? { mode: 0o755 } : {}) });
  io.stderr.write(`wrote ${out}${file.size ? ` (${file.size.width}×${file.size.height})` : ''}\n`);
  return EXPORT_EXIT.ok;
}

/** An export the shared code would not make: ids the snapshot lacks are bad input (exit 2), anything else a refusal (exit 3). */
function refused(io: CliIo, error: { code: string; message: string; fix: string }): number {
  if (error.code === 'not-found') throw new CliInputError(shown(error.message.replace(/^The snapshot/, 'the snapshot'), 300), error.fix);
  // A refusal names the VPCs by their Name tags: shown through terminalText.
  io.stderr.write(`peerscape export: ${terminalText(error.message)}\n  ${terminalText(error.fix)}\n`);
  return EXPORT_EXIT.refused;
}

/** The command commands/index.ts loads. */
export const exportCommand = {
  usage: USAGE,
  run: (argv: readonly string[], io: CliIo): Promise<number> => runExport(argv, io),
};
