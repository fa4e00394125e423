/** Everything in a snapshot that makes peerings impossible or useless, as one list: what
 * `peerscape analyze` prints (as tables, or as JSON) and what the Findings panel shows.
 *
 * Each finding is built once, with its words, here and in `finding-words.ts`; the CLI and the
 * panel only lay the same findings out, so they cannot disagree about what there is or how it
 * is said. The kinds are listed once, in `FINDING_KINDS`, in the order both show them.
 */
import type { PeeringId, VpcId } from '../model/ids';
import type { TransitGatewayAttachmentId, TransitGatewayId } from '../model/topology';
import type { RegionCoverage, Snapshot } from '../model/snapshot';
import { missingCoverage } from '../model/snapshot';
import type { CidrConflictReport } from './cidr-conflicts';
import { findCidrConflicts } from './cidr-conflicts';
import {
  ambiguityFinding,
  anomalyFinding,
  conflictFinding,
  conflictNotes,
  coverageFinding,
  gapFinding,
  invalidBlockFinding,
  nonTransitiveFinding,
  nonTransitiveNotes,
  routeGapNotes,
} from './finding-words';
import type { RouteAnomaly } from './route-anomalies';
import { findRouteAnomalies } from './route-anomalies';
import type { PeeringRouteCompleteness, RouteSummary } from './route-completeness';
import { computeRouteCompleteness } from './route-completeness';
import type { RouteGap } from './route-gaps';
import { listRouteGaps } from './route-gaps';
import { autoAcceptFinding, staleTransitRouteFinding, unassociatedFinding, unpropagatedFinding, unreadRoutingFinding, zoneGapFinding } from './tgw-finding-words';
import { findTransitGatewayProblems, indexTransitGateways } from './tgw-findings';
import { indexTopology } from './topology-index';
import type { NonTransitiveReport } from './transitive-paths';
import { findNonTransitivePairs } from './transitive-paths';
import { asymmetricPathFinding, gatewayRouteDropFinding } from './tgw-path-finding-words';
import { findAsymmetricPaths, findGatewayRouteDrops } from './tgw-path-findings';

/** Every kind of finding. */
export type FindingKind =
  | 'not-scanned'
  | 'invalid-block'
  | 'cidr-conflict'
  | 'routing-ambiguity'
  | 'non-transitive'
  | 'route-gap'
  | 'route-anomaly'
  | 'tgw-routing-unread'
  | 'tgw-unassociated'
  | 'tgw-not-propagated'
  | 'tgw-stale-route'
  | 'tgw-zone-gap'
  | 'tgw-auto-accept'
  | 'tgw-route-drop'
  | 'asymmetric-path';

/** Kinds that say what the snapshot could not read, not what is wrong: left out of the summary and of `hasFindings`. */
const COVERAGE_KINDS: readonly FindingKind[] = ['not-scanned', 'invalid-block', 'tgw-routing-unread'];

/** How bad a finding is: `bad` breaks peering, `warn` breaks traffic (or opens it where it should not go), `info` is not known either way. */
export type FindingSeverity = 'bad' | 'warn' | 'info';

/** What selecting a finding selects on the canvas. */
export type FindingFocus =
  | { readonly kind: 'peering'; readonly peeringId: PeeringId }
  | { readonly kind: 'vpcs'; readonly vpcIds: readonly VpcId[] }
  /** A transit gateway and the attachments it is about; `vpcIds` are what the canvas selects (their VPCs) until it draws gateways. */
  | { readonly kind: 'transit-gateway'; readonly transitGatewayId: TransitGatewayId; readonly attachmentIds: readonly TransitGatewayAttachmentId[]; readonly vpcIds: readonly VpcId[] }
  | { readonly kind: 'none' };

/** One finding, with its words. */
export interface Finding {
  /** Stable for the same thing in the same snapshot: its kind and what it is about. */
  readonly id: string;
  readonly kind: FindingKind;
  readonly severity: FindingSeverity;
  /** What it is about, in a few words: two VPCs, a route, a profile and region. */
  readonly subject: string;
  /** What is wrong, one or two sentences. */
  readonly message: string;
  /** What fixes it (an AWS CLI command where one does). */
  readonly fix?: string;
  readonly focus: FindingFocus;
  /** Its row in its kind's table, in the order of the kind's `columns`. */
  readonly cells: readonly string[];
}

/** What a kind of finding is called, and its table. */
export interface FindingKindInfo {
  /** The heading of its section, the same in the CLI and the panel. */
  readonly title: string;
  /** The noun for one and for several, in summaries. */
  readonly noun: readonly [one: string, many: string];
  /** What the section says when there is none (omitted: the section is left out when empty). */
  readonly none?: string;
  readonly columns: readonly string[];
}

/** Every kind, in the order the CLI and the panel show them. */
export const FINDING_KINDS: Readonly<Record<FindingKind, FindingKindInfo>> = {
  'not-scanned': { title: 'Not scanned', noun: ['profile/region cell that did not load', 'profile/region cells that did not load'], columns: ['Profile', 'Region', 'State', 'Why'] },
  'invalid-block': { title: 'Unreadable CIDR blocks (left out)', noun: ['unreadable block', 'unreadable blocks'], columns: ['VPC', 'Block', 'Why'] },
  'cidr-conflict': {
    title: 'CIDR conflicts',
    noun: ['CIDR conflict', 'CIDR conflicts'],
    none: 'None: every VPC pair could be peered as far as addresses go.',
    columns: ['VPC A', 'VPC B', 'Overlapping blocks', 'Same account/region'],
  },
  'routing-ambiguity': { title: 'Routing ambiguities', noun: ['routing ambiguity', 'routing ambiguities'], columns: ['Hub VPC', 'Peer 1 (block, peering)', 'Peer 2 (block, peering)', 'Ambiguous range'] },
  'non-transitive': {
    title: 'Reachable only through others',
    noun: ['non-transitive pair', 'non-transitive pairs'],
    none: 'None: every pair of peered VPCs has its own peering.',
    columns: ['VPC A', 'VPC B', 'Only path (peering is not transitive)', 'Via VPCs', 'Direct peering'],
  },
  'route-gap': {
    title: 'Route gaps',
    noun: ['route gap', 'route gaps'],
    none: 'None: every active peering is routed on both sides.',
    columns: ['Peering', 'Side', 'VPC', 'Route table', 'State', 'Detail'],
  },
  'route-anomaly': {
    title: 'Routes into peerings that cannot work',
    noun: ['route anomaly', 'route anomalies'],
    none: 'None.',
    columns: ['Route table', 'VPC', 'Route', 'Problem', 'Detail'],
  },
  'tgw-routing-unread': { title: 'Transit gateways whose routing is unknown', noun: ['gateway with unknown routing', 'gateways with unknown routing'], columns: ['Gateway', 'Owner', 'Region', 'Why'] },
  'tgw-unassociated': { title: 'Attachments with no route table', noun: ['unassociated attachment', 'unassociated attachments'], columns: ['Attachment', 'Gateway', 'Attached', 'Association'] },
  'tgw-not-propagated': {
    title: 'VPC blocks not propagated (overlap)',
    noun: ['block not propagated', 'blocks not propagated'],
    columns: ['Route table', 'Attachment', 'Block', 'Overlaps (already propagated)'],
  },
  'tgw-stale-route': { title: 'Routes to deleted attachments', noun: ['route to a deleted attachment', 'routes to deleted attachments'], columns: ['Route table', 'Gateway / VPC', 'Route', 'Gone'] },
  'tgw-zone-gap': { title: 'Zones that cannot reach their transit gateway', noun: ['zone without an attachment subnet', 'zones without an attachment subnet'], columns: ['VPC', 'Zone', 'Gateway / attachment', 'Subnets', 'Route tables'] },
  'tgw-auto-accept': { title: 'Shared transit gateways that auto-accept attachments', noun: ['auto-accepting shared gateway', 'auto-accepting shared gateways'], columns: ['Gateway', 'Owner', 'Region', 'Shared with'] },
  'tgw-route-drop': { title: 'Routes into transit gateways that drop the traffic', noun: ['dropping gateway route', 'dropping gateway routes'], columns: ['Route table', 'VPC', 'Route', 'Gateway table', 'Problem'] },
  'asymmetric-path': { title: 'Reached one way only', noun: ['one-way pair', 'one-way pairs'], columns: ['From', 'To', 'Through', 'Back fails'] },
};

/** The transit gateway kinds: counted in the summary only when the snapshot has a transit gateway. */
const TRANSIT_GATEWAY_KINDS: ReadonlySet<FindingKind> = new Set(['tgw-routing-unread', 'tgw-unassociated', 'tgw-not-propagated', 'tgw-stale-route', 'tgw-zone-gap', 'tgw-auto-accept', 'tgw-route-drop', 'asymmetric-path']);

/** The kinds in showing order. */
export const FINDING_ORDER = Object.keys(FINDING_KINDS) as readonly FindingKind[];

/** Everything one analysis of a snapshot found. */
export interface SnapshotAnalysis {
  readonly snapshot: {
    readonly source: string;
    readonly takenAt: string;
    readonly vpcCount: number;
    readonly peeringCount: number;
    readonly transitGatewayCount: number;
    readonly missingCoverage: readonly RegionCoverage[];
    /** `Name` tags of the VPCs that have one, to label ids. */
    readonly vpcNames: Readonly<Record<VpcId, string>>;
  };
  /** The one list both the CLI and the panel show, in `FINDING_ORDER`. */
  readonly findings: readonly Finding[];
  /** How many of each kind there are, when more exist than are listed (conflicts and pairs are capped). */
  readonly totals: Readonly<Record<FindingKind, number>>;
  /** Sentences under a kind's section: what the list leaves out, and summaries. */
  readonly notes: Readonly<Partial<Record<FindingKind, readonly string[]>>>;
  /** The analyses the findings come from, for `--json`. */
  readonly conflicts: CidrConflictReport;
  readonly nonTransitive: NonTransitiveReport;
  readonly routes: {
    readonly peerings: readonly { readonly peeringId: PeeringId; readonly requester: RouteSummary; readonly accepter: RouteSummary }[];
    readonly gaps: readonly RouteGap[];
    /** Routes into peerings that cannot work: stale, not active yet, past the peer, foreign. */
    readonly anomalies: readonly RouteAnomaly[];
  };
}

/** Analyses already computed elsewhere (the canvas keeps them per topology), with their default options. */
export interface PrecomputedAnalyses {
  readonly conflicts?: CidrConflictReport;
  /** `computeRouteCompleteness(topology)`: the active peerings. */
  readonly completeness?: readonly PeeringRouteCompleteness[];
}

/** Pairs listed at most, in the CLI and the panel alike. */
export const MAX_LISTED_PAIRS = 1_000;

/** Run every analysis on a snapshot and list what it found. */
export function analyzeSnapshot(snapshot: Snapshot, precomputed: PrecomputedAnalyses = {}): SnapshotAnalysis {
  const t = snapshot.topology;
  const index = indexTopology(t);
  const conflicts = precomputed.conflicts ?? findCidrConflicts(t);
  const nonTransitive = findNonTransitivePairs(t, { maxPairs: MAX_LISTED_PAIRS });
  const completeness = precomputed.completeness ?? computeRouteCompleteness(t);
  const gaps = listRouteGaps(completeness);
  const anomalies = findRouteAnomalies(t);
  const coverage = missingCoverage(snapshot);
  const tgw = findTransitGatewayProblems(snapshot);
  const tgwIndex = indexTransitGateways(t);
  // Listed as non-transitive pairs are: the first MAX_LISTED_PAIRS, all of them counted.
  const oneWay = findAsymmetricPaths(t);

  const findings: Finding[] = [
    ...coverage.map(coverageFinding),
    ...conflicts.invalidBlocks.map((b) => invalidBlockFinding(index, b)),
    ...conflicts.conflicts.map((c) => conflictFinding(index, c)),
    ...conflicts.ambiguities.map((a) => ambiguityFinding(index, a)),
    ...nonTransitive.pairs.map((p) => nonTransitiveFinding(index, p)),
    ...gaps.map((g) => gapFinding(index, g)),
    ...anomalies.map((a) => anomalyFinding(index, a)),
    ...tgw.unreadRouting.map((u) => unreadRoutingFinding(index, u)),
    ...tgw.unassociated.map((u) => unassociatedFinding(index, tgwIndex, u)),
    ...tgw.unpropagated.map((u) => unpropagatedFinding(index, tgwIndex, u)),
    ...tgw.staleRoutes.map((s) => staleTransitRouteFinding(index, s)),
    ...tgw.zoneGaps.map((z) => zoneGapFinding(index, z)),
    ...tgw.autoAccept.map((a) => autoAcceptFinding(index, a)),
    ...findGatewayRouteDrops(t).map((d) => gatewayRouteDropFinding(t, index, d)),
    ...oneWay.slice(0, MAX_LISTED_PAIRS).map((p) => asymmetricPathFinding(t, index, p)),
  ];
  const totals = Object.fromEntries(FINDING_ORDER.map((k) => [k, 0])) as Record<FindingKind, number>;
  for (const f of findings) totals[f.kind]++;
  totals['non-transitive'] = Math.max(totals['non-transitive'], nonTransitive.totalDistanceTwoPairs);
  totals['asymmetric-path'] = oneWay.length;

  return {
    snapshot: {
      source: snapshot.source,
      takenAt: snapshot.takenAt,
      vpcCount: t.vpcs.length,
      peeringCount: t.peerings.length,
      transitGatewayCount: t.transitGateways.length,
      missingCoverage: coverage,
      vpcNames: Object.fromEntries(t.vpcs.filter((v) => v.name).map((v) => [v.id, v.name!])),
    },
    findings,
    totals,
    notes: {
      'cidr-conflict': conflictNotes(index, conflicts),
      'non-transitive': nonTransitiveNotes(nonTransitive),
      'route-gap': routeGapNotes(completeness, gaps),
    },
    conflicts,
    nonTransitive,
    routes: {
      peerings: completeness.map((p) => ({ peeringId: p.peeringId, requester: p.requester.summary, accepter: p.accepter.summary })),
      gaps,
      anomalies,
    },
  };
}

/** "3 CIDR conflicts" / "1 route gap". */
export function countWords(kind: FindingKind, n: number): string {
  const [one, many] = FINDING_KINDS[kind].noun;
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** One sentence counting every kind that matters for peering (coverage aside), e.g. for the end of the CLI's report. */
export function summarizeFindings(analysis: SnapshotAnalysis): string {
  const withGateways = analysis.snapshot.transitGatewayCount > 0;
  const kinds = FINDING_ORDER.filter((k) => !COVERAGE_KINDS.includes(k) && (withGateways || !TRANSIT_GATEWAY_KINDS.has(k) || analysis.totals[k] > 0));
  return `${kinds.map((k) => countWords(k, analysis.totals[k])).join(', ')}.`;
}

/** True when the analysis has anything to act on about peerings (not only cells that did not load). */
export function hasFindings(analysis: SnapshotAnalysis): boolean {
  return FINDING_ORDER.some((k) => !COVERAGE_KINDS.includes(k) && analysis.totals[k] > 0) || analysis.conflicts.totalBlockOverlaps > 0;
}

/** The findings of one kind, in order. */
export function findingsOfKind(analysis: SnapshotAnalysis, kind: FindingKind): readonly Finding[] {
  return analysis.findings.filter((f) => f.kind === kind);
}
