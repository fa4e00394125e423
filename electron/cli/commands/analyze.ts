/** `peerscape analyze`: everything in a snapshot that makes peerings impossible or useless. */
import { parseArgs } from 'node:util';

import type { CidrConflictReport } from '../../../shared/analysis/cidr-conflicts';
import { findCidrConflicts } from '../../../shared/analysis/cidr-conflicts';
import type { RouteAnomaly } from '../../../shared/analysis/route-anomalies';
import { describeAnomalyKind, findRouteAnomalies } from '../../../shared/analysis/route-anomalies';
import type { PeeringRouteCompleteness, RouteCheckState, RouteSummary, SideRouteCompleteness } from '../../../shared/analysis/route-completeness';
import { computeRouteCompleteness } from '../../../shared/analysis/route-completeness';
import { describeRouteCheck, suggestRouteFix } from '../../../shared/analysis/route-words';
import type { NonTransitiveReport } from '../../../shared/analysis/transitive-paths';
import { findNonTransitivePairs } from '../../../shared/analysis/transitive-paths';
import type { PeeringId, RouteTableId, VpcId } from '../../../shared/model/ids';
import type { RegionCoverage, Snapshot } from '../../../shared/model/snapshot';
import { missingCoverage } from '../../../shared/model/snapshot';
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
deleted or pending peering, or aimed past the peer at the internet or a third VPC).

  --snapshot FILE   the snapshot to analyse (from "peerscape scan --out" or the app)
  --json            one JSON document instead of tables
  --limit N         rows per table in the text output (default 50; 0 for all)
  --strict          exit 1 when anything is found (for CI)
  -h, --help        this help

Exit codes: 0 analysed (1 with --strict when something was found), 2 bad arguments or an
unreadable snapshot.
`;

/** One route table entry that does not send a peer block to its peering, or a side that could not be checked. */
export interface RouteGap {
  readonly peeringId: PeeringId;
  readonly side: 'requester' | 'accepter';
  readonly vpcId: VpcId;
  readonly routeTableId: RouteTableId | null;
  readonly peerCidr: string | null;
  readonly state: Exclude<RouteCheckState, 'ok'> | 'unknown';
  readonly detail: string;
  /** The AWS CLI command (or advice) that closes the gap. */
  readonly fix: string | null;
}

/** The whole analysis, as `--json` prints it. */
export interface AnalyzeReport {
  readonly snapshot: {
    readonly file: string;
    readonly source: string;
    readonly takenAt: string;
    readonly vpcCount: number;
    readonly peeringCount: number;
    readonly missingCoverage: readonly RegionCoverage[];
    /** `Name` tags of the VPCs that have one, to label ids. */
    readonly vpcNames: Readonly<Record<VpcId, string>>;
  };
  readonly conflicts: CidrConflictReport;
  readonly nonTransitive: NonTransitiveReport;
  readonly routes: {
    readonly peerings: readonly { readonly peeringId: PeeringId; readonly requester: RouteSummary; readonly accepter: RouteSummary }[];
    readonly gaps: readonly RouteGap[];
    /** Routes into peerings that cannot work: stale, not active yet, past the peer, foreign. */
    readonly anomalies: readonly RouteAnomaly[];
  };
}

/** Flatten route completeness into the gaps a user must act on. */
export function listRouteGaps(completeness: readonly PeeringRouteCompleteness[]): readonly RouteGap[] {
  const gaps: RouteGap[] = [];
  const sideGaps = (peeringId: PeeringId, side: SideRouteCompleteness) => {
    if (side.summary === 'unknown' || (side.summary === 'none' && side.tables.length === 0)) {
      if (side.summary === 'unknown') {
        gaps.push({ peeringId, side: side.role, vpcId: side.vpcId, routeTableId: null, peerCidr: null, state: 'unknown', detail: side.note ?? 'not checked', fix: null });
      }
      return;
    }
    for (const table of side.tables) {
      for (const check of table.checks) {
        if (check.state === 'ok') continue;
        gaps.push({
          peeringId,
          side: side.role,
          vpcId: side.vpcId,
          routeTableId: table.routeTableId,
          peerCidr: check.peerCidr,
          state: check.state,
          detail: describeRouteCheck(check, peeringId),
          fix: suggestRouteFix(check, table.routeTableId, peeringId),
        });
      }
    }
  };
  for (const p of completeness) {
    sideGaps(p.peeringId, p.requester);
    sideGaps(p.peeringId, p.accepter);
  }
  return gaps;
}

/** Run every analysis on a snapshot. */
export function analyzeSnapshot(snapshot: Snapshot, file: string): AnalyzeReport {
  const t = snapshot.topology;
  const completeness = computeRouteCompleteness(t);
  return {
    snapshot: {
      file,
      source: snapshot.source,
      takenAt: snapshot.takenAt,
      vpcCount: t.vpcs.length,
      peeringCount: t.peerings.length,
      missingCoverage: missingCoverage(snapshot),
      vpcNames: Object.fromEntries(t.vpcs.filter((v) => v.name).map((v) => [v.id, v.name!])),
    },
    conflicts: findCidrConflicts(t),
    nonTransitive: findNonTransitivePairs(t),
    routes: {
      peerings: completeness.map((p) => ({ peeringId: p.peeringId, requester: p.requester.summary, accepter: p.accepter.summary })),
      gaps: listRouteGaps(completeness),
      anomalies: findRouteAnomalies(t),
    },
  };
}

function limitRows<T>(rows: readonly T[], limit: number): { shown: readonly T[]; more: string } {
  if (limit <= 0 || rows.length <= limit) return { shown: rows, more: '' };
  return { shown: rows.slice(0, limit), more: `\n  … and ${(rows.length - limit).toLocaleString('en-US')} more (use --limit 0 or --json for all)` };
}

/** The report as text tables. */
export function formatAnalyzeReport(report: AnalyzeReport, limit: number): string {
  const out: string[] = [];
  const s = report.snapshot;
  const vpc = (id: VpcId): string => (s.vpcNames[id] ? `${id} (${s.vpcNames[id]})` : id);
  const short = (id: VpcId): string => s.vpcNames[id] ?? id;
  // Lines outside the tables hold snapshot text too (the source, profiles, CIDRs): each is shown through terminalText.
  out.push(terminalText(`Snapshot ${s.file}: ${s.source}, taken ${s.takenAt}; ${plural(s.vpcCount, 'VPC')}, ${plural(s.peeringCount, 'peering')}.`));
  if (s.missingCoverage.length > 0) {
    out.push(
      terminalText(`Warning: ${plural(s.missingCoverage.length, 'profile/region cell')} did not load, so findings may be incomplete: ${s.missingCoverage
        .slice(0, 5)
        .map((c) => `${c.profile}/${c.region}${c.errorCode ? ` (${c.errorCode})` : ''}`)
        .join(', ')}${s.missingCoverage.length > 5 ? ', …' : ''}.`),
    );
  }

  const c = report.conflicts;
  out.push('', `CIDR conflicts: ${plural(c.conflicts.length, 'VPC pair')}${c.truncated ? ` listed, of ${c.totalBlockOverlaps.toLocaleString('en-US')} overlapping block pairs in all` : ''}`);
  if (c.conflicts.length > 0) {
    const { shown, more } = limitRows(c.conflicts, limit);
    out.push(
      formatTable(
        ['VPC A', 'VPC B', 'Overlapping blocks', 'Same account/region'],
        shown.map((x) => [
          vpc(x.vpcA),
          vpc(x.vpcB),
          x.overlaps.map((o) => `${o.blockA} ${o.relation === 'equal' ? '=' : o.relation === 'contains' ? '⊃' : '⊂'} ${o.blockB}`).join(', '),
          `${x.sameAccount ? 'same' : 'cross'} account, ${x.sameRegion ? 'same' : 'cross'} region`,
        ]),
      ) + more,
    );
  } else {
    out.push('  none: every VPC pair could be peered as far as addresses go.');
  }
  if (c.clusters.some((k) => k.vpcIds.length > 2)) {
    out.push('', 'Shared address space (blocks nested in one another, largest first):');
    const { shown, more } = limitRows(
      c.clusters.filter((k) => k.vpcIds.length > 2),
      Math.min(limit || 10, 10),
    );
    out.push(formatTable(['Block', 'VPCs', 'Examples'], shown.map((k) => [k.rootBlock, String(k.vpcIds.length), k.vpcIds.slice(0, 4).map(short).join(', ') + (k.vpcIds.length > 4 ? ', …' : '')])) + more);
  }
  if (c.ambiguities.length > 0) {
    out.push('', `Routing ambiguities: ${c.ambiguities.length}`);
    const { shown, more } = limitRows(c.ambiguities, limit);
    out.push(
      formatTable(
        ['Hub VPC', 'Peer 1 (block, peering)', 'Peer 2 (block, peering)', 'Ambiguous range'],
        shown.map((a) => [vpc(a.hubVpcId), `${short(a.peers[0].vpcId)} ${a.peers[0].block} ${a.peers[0].peeringId}`, `${short(a.peers[1].vpcId)} ${a.peers[1].block} ${a.peers[1].peeringId}`, a.shared]),
      ) + more,
    );
  }
  if (c.invalidBlocks.length > 0) {
    out.push('', terminalText(`Unreadable CIDR blocks (left out): ${c.invalidBlocks.map((b) => `${b.vpcId} "${b.cidr}"`).join(', ')}`));
  }

  const n = report.nonTransitive;
  out.push('', `Non-transitive pairs: ${plural(n.totalDistanceTwoPairs, 'pair')} two peerings apart with no peering of their own${n.truncated ? ` (${n.pairs.length} listed)` : ''}`);
  if (n.pairs.length > 0) {
    const { shown, more } = limitRows(n.pairs, limit);
    out.push(
      formatTable(
        ['VPC A', 'VPC B', 'Only path (peering is not transitive)', 'Via VPCs', 'Direct peering'],
        shown.map((p) => [vpc(p.a), vpc(p.b), `${p.path.map(short).join(' → ')} (${p.peeringIds.join(', ')})`, String(p.viaCount), p.directPeering ? `${p.directPeering.id} ${p.directPeering.status}` : 'none']),
      ) + more,
    );
  }
  if (n.totalIndirectPairs > n.totalDistanceTwoPairs) {
    out.push(`  In all, ${plural(n.totalIndirectPairs, 'pair')} of VPCs are connected only through others (at any distance).`);
  }

  const r = report.routes;
  const incomplete = r.peerings.filter((p) => p.requester !== 'complete' || p.accepter !== 'complete').length;
  out.push('', `Route gaps: ${plural(r.gaps.filter((g) => g.state !== 'unknown').length, 'gap')} in ${plural(incomplete, 'active peering')} of ${r.peerings.length}`);
  if (r.gaps.length > 0) {
    const { shown, more } = limitRows(r.gaps, limit);
    out.push(formatTable(['Peering', 'Side', 'VPC', 'Route table', 'State', 'Detail'], shown.map((g) => [g.peeringId, g.side, vpc(g.vpcId), g.routeTableId ?? '-', g.state, g.detail])) + more);
    const firstFix = r.gaps.find((g) => g.fix);
    if (firstFix) out.push(terminalText(`  Fix, e.g.: ${firstFix.fix}`));
  }

  out.push('', `Routes into peerings that cannot work: ${r.anomalies.length}`);
  if (r.anomalies.length > 0) {
    const { shown, more } = limitRows(r.anomalies, limit);
    out.push(
      formatTable(
        ['Route table', 'VPC', 'Route', 'Problem', 'Detail'],
        shown.map((a) => [a.routeTableId + (a.isServing ? '' : ' (no subnets)'), vpc(a.vpcId), `${a.route.destination} → ${a.peeringId}`, describeAnomalyKind(a.kind) + ('peeringStatus' in a ? ` (${a.peeringStatus})` : ''), a.message.slice(a.message.indexOf(': ') + 2)]),
      ) + more,
    );
  }

  out.push(
    '',
    `Summary: ${plural(c.conflicts.length, 'CIDR conflict')}, ${plural(c.ambiguities.length, 'routing ambiguity', 'routing ambiguities')}, ` +
      `${plural(n.totalDistanceTwoPairs, 'non-transitive pair')}, ${plural(r.gaps.length, 'route gap')}, ${plural(r.anomalies.length, 'route anomaly', 'route anomalies')}.`,
  );
  return `${out.join('\n')}\n`;
}

/** True when the report has anything to act on. */
export function hasFindings(report: AnalyzeReport): boolean {
  return (
    report.conflicts.totalBlockOverlaps > 0 ||
    report.conflicts.ambiguities.length > 0 ||
    report.nonTransitive.totalDistanceTwoPairs > 0 ||
    report.routes.gaps.length > 0 ||
    report.routes.anomalies.length > 0
  );
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
  const report = analyzeSnapshot(snapshot, values.snapshot);
  io.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatAnalyzeReport(report, limit));
  return values.strict && hasFindings(report) ? ANALYZE_EXIT.findings : ANALYZE_EXIT.ok;
}

/** The command commands/index.ts loads. */
export const analyzeCommand: CliCommand = {
  usage: USAGE,
  run: runAnalyze,
};
