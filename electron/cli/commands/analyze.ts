/** `peerscape analyze`: everything in a snapshot that makes peerings impossible or useless. */
import { parseArgs } from 'node:util';

import type { Finding, FindingKind, SnapshotAnalysis } from '../../../shared/analysis/findings';
import { analyzeSnapshot, FINDING_KINDS, FINDING_ORDER, findingsOfKind, hasFindings, summarizeFindings } from '../../../shared/analysis/findings';
import type { Snapshot } from '../../../shared/model/snapshot';
import { formatTable, plural } from '../format-table';
import { terminalText } from '../terminal-text';
import { argumentError, CliInputError, shown } from '../input-error';
import type { CliCommand, CliIo } from '../io';
import { readSnapshot } from '../read-snapshot';

/** Exit codes of `analyze`. */
export const ANALYZE_EXIT = {
  ok: 0,
  /** Only with --strict: the analysis found something. */
  findings: 1,
  /** Bad input: thrown as `CliInputError`, mapped by the CLI's dispatcher. */
  usage: 2,
} as const;

const USAGE = `Usage: peerscape analyze --snapshot s.json [--json] [--limit N] [--strict]

Find what makes peerings impossible or useless in a snapshot: overlapping CIDR blocks (and the
routing ambiguity of a VPC peered with two overlapping VPCs), VPCs connected only through other
VPCs (peering is not transitive), route tables that do not send a peer's blocks to the peering
(missing, blackholed, or pointing elsewhere), and routes into peerings that cannot work (to a
deleted or pending peering, or aimed past the peer at the internet or a third VPC). For transit
gateways: attachments with no route table, VPC blocks not propagated because they overlap,
routes to deleted attachments, zones with no attachment subnet, auto-accept on a shared gateway,
and gateways whose routing is unknown (their owner was not scanned). These are the findings the
app's Findings tab shows, in the same words.

  --snapshot FILE   the snapshot to analyse (from "peerscape scan --out" or the app)
  --json            one JSON document instead of tables
  --limit N         rows per table in the text output (default 50; 0 for all)
  --strict          exit 1 when anything is found (for CI)
  -h, --help        this help

Exit codes: 0 analysed (1 with --strict when something was found), 2 bad arguments or an
unreadable snapshot.
`;

/** The whole analysis, as `--json` prints it: the findings (the list the app's Findings panel shows) and the analyses behind them. */
export interface AnalyzeReport extends SnapshotAnalysis {
  readonly snapshot: SnapshotAnalysis['snapshot'] & { readonly file: string };
}

/** Analyse a snapshot read from `file`. */
export function analyzeSnapshotFile(snapshot: Snapshot, file: string): AnalyzeReport {
  const analysis = analyzeSnapshot(snapshot);
  return { ...analysis, snapshot: { file, ...analysis.snapshot } };
}

function limitRows<T>(rows: readonly T[], limit: number): { shown: readonly T[]; more: string } {
  if (limit <= 0 || rows.length <= limit) return { shown: rows, more: '' };
  return { shown: rows.slice(0, limit), more: `\n  … and ${(rows.length - limit).toLocaleString('en-US')} more (use --limit 0 or --json for all)` };
}

/** One kind's section: its title and count, its table, its notes. */
function formatSection(report: AnalyzeReport, kind: FindingKind, limit: number): string[] {
  const info = FINDING_KINDS[kind];
  const findings: readonly Finding[] = findingsOfKind(report, kind);
  const total = report.totals[kind];
  const notes = report.notes[kind] ?? [];
  if (total === 0 && !info.none && notes.length === 0) return [];
  const out = ['', `${info.title}: ${total.toLocaleString('en-US')}`];
  if (findings.length > 0) {
    const { shown: rows, more } = limitRows(findings, limit);
    out.push(formatTable(info.columns, rows.map((f) => f.cells)) + more);
    const example = findings.find((f) => f.fix);
    if ((kind === 'route-gap' || kind.startsWith('tgw-')) && example) out.push(terminalText(`  Fix, e.g.: ${example.fix}`));
  } else if (info.none) {
    out.push(`  ${info.none}`);
  }
  // Notes hold snapshot text too (VPC names, CIDRs): each is shown through terminalText.
  for (const note of notes) out.push(terminalText(`  ${note}`));
  return out;
}

/** The report as text tables, one section per kind of finding. */
export function formatAnalyzeReport(report: AnalyzeReport, limit: number): string {
  const s = report.snapshot;
  const out = [terminalText(`Snapshot ${s.file}: ${s.source}, taken ${s.takenAt}; ${plural(s.vpcCount, 'VPC')}, ${plural(s.peeringCount, 'peering')}.`)];
  if (s.missingCoverage.length > 0) out.push('Findings may be incomplete: some cells did not load (see "Not scanned").');
  for (const kind of FINDING_ORDER) out.push(...formatSection(report, kind, limit));
  out.push('', `Summary: ${summarizeFindings(report)}`);
  return `${out.join('\n')}\n`;
}

/** The flags `analyze` takes (parseArgs' table; an unknown flag is matched against it for a suggestion). */
const ANALYZE_OPTIONS = {
  snapshot: { type: 'string', short: 's' },
  json: { type: 'boolean' },
  limit: { type: 'string' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Run `peerscape analyze` with the arguments after the command name. */
export async function runAnalyze(argv: readonly string[], io: CliIo): Promise<number> {
  let values: { snapshot?: string; json?: boolean; limit?: string; strict?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: ANALYZE_OPTIONS,
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw argumentError(e, ANALYZE_OPTIONS);
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return ANALYZE_EXIT.ok;
  }
  if (!values.snapshot) throw new CliInputError('--snapshot FILE is required.');
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0) throw new CliInputError(`--limit must be a whole number of rows (0 for all), not "${shown(values.limit ?? '')}".`);
  const snapshot = await readSnapshot(values.snapshot, io);
  const report = analyzeSnapshotFile(snapshot, values.snapshot);
  io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatAnalyzeReport(report, limit));
  return values.strict && hasFindings(report) ? ANALYZE_EXIT.findings : ANALYZE_EXIT.ok;
}

/** The command commands/index.ts loads. */
export const analyzeCommand: CliCommand = {
  usage: USAGE,
  run: runAnalyze,
};
