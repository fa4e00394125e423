/** The words of each finding: its subject, message, fix and table cells, built from one result of
 * an analysis. VPCs and peerings are named as everywhere else (`labelVpc`, `labelPeering`).
 */
import type { InvalidVpcBlock } from '../cidr/vpc-blocks';
import type { RegionCoverage } from '../model/snapshot';
import { describeAnomalyKind } from './anomaly-words';
import type { CidrConflict, CidrConflictReport, RoutingAmbiguity } from './cidr-conflicts';
import { overlapWords } from './cidr-conflicts';
import type { Finding } from './findings';
import type { RouteAnomaly } from './route-anomalies';
import type { PeeringRouteCompleteness } from './route-completeness';
import type { RouteGap } from './route-gaps';
import type { TopologyIndex } from './topology-index';
import { labelPeering, labelVpc } from './topology-index';
import type { NonTransitivePair, NonTransitiveReport } from './transitive-paths';

/** A profile/region cell that did not load. */
export function coverageFinding(c: RegionCoverage): Finding {
  const state = `${c.state}${c.errorCode ? ` (${c.errorCode})` : ''}`;
  const why = c.message ?? 'no details';
  return {
    id: `not-scanned:${c.profile}/${c.region}`,
    kind: 'not-scanned',
    severity: 'bad',
    subject: `${c.profile} · ${c.region}`,
    message: `${c.profile} in ${c.region} did not load (${state}): ${why} Findings may be incomplete.`,
    focus: { kind: 'none' },
    cells: [c.profile, c.region, state, why],
  };
}

/** A block whose text could not be read. */
export function invalidBlockFinding(index: TopologyIndex, b: InvalidVpcBlock): Finding {
  return {
    id: `invalid-block:${b.vpcId}:${b.cidr}`,
    kind: 'invalid-block',
    severity: 'warn',
    subject: labelVpc(index, b.vpcId),
    message: `"${b.cidr}" of ${labelVpc(index, b.vpcId)} is not a CIDR block (${b.message}); the analyses leave it out.`,
    focus: { kind: 'vpcs', vpcIds: [b.vpcId] },
    cells: [labelVpc(index, b.vpcId), b.cidr, b.message],
  };
}

/** Two VPCs whose blocks overlap. */
export function conflictFinding(index: TopologyIndex, c: CidrConflict): Finding {
  return {
    id: `cidr-conflict:${c.vpcA}|${c.vpcB}`,
    kind: 'cidr-conflict',
    severity: 'bad',
    subject: `${labelVpc(index, c.vpcA)} ↔ ${labelVpc(index, c.vpcB)}`,
    message: c.message,
    focus: { kind: 'vpcs', vpcIds: [c.vpcA, c.vpcB] },
    cells: [
      labelVpc(index, c.vpcA),
      labelVpc(index, c.vpcB),
      c.overlaps.map(overlapWords).join('; '),
      `${c.sameAccount ? 'same' : 'cross'} account, ${c.sameRegion ? 'same' : 'cross'} region`,
    ],
  };
}

/** A VPC peered with two VPCs that overlap. */
export function ambiguityFinding(index: TopologyIndex, a: RoutingAmbiguity): Finding {
  const peer = (p: RoutingAmbiguity['peers'][number]) => `${labelVpc(index, p.vpcId)} ${p.block} ${p.peeringId}`;
  return {
    id: `routing-ambiguity:${a.hubVpcId}:${a.peers[0].vpcId}:${a.peers[1].vpcId}:${a.shared}`,
    kind: 'routing-ambiguity',
    severity: 'warn',
    subject: labelVpc(index, a.hubVpcId),
    message: a.message,
    fix: a.fix,
    focus: { kind: 'vpcs', vpcIds: [a.hubVpcId] },
    cells: [labelVpc(index, a.hubVpcId), peer(a.peers[0]), peer(a.peers[1]), a.shared],
  };
}

/** Two VPCs two peerings apart with no peering of their own. */
export function nonTransitiveFinding(index: TopologyIndex, p: NonTransitivePair): Finding {
  const a = labelVpc(index, p.a);
  const b = labelVpc(index, p.b);
  const via = labelVpc(index, p.path[1]);
  const others = p.viaCount > 1 ? ` (or ${p.viaCount - 1} other VPC${p.viaCount > 2 ? 's' : ''})` : '';
  return {
    id: `non-transitive:${p.a}|${p.b}`,
    kind: 'non-transitive',
    severity: 'warn',
    subject: `${a} ↔ ${b}`,
    message:
      `${a} and ${b} are joined only through ${via}${others}: peering is not transitive, so no traffic passes between them.` +
      (p.directPeering ? ` Their own peering ${p.directPeering.id} is ${p.directPeering.status}.` : ''),
    fix: p.directPeering ? `Bring ${p.directPeering.id} to active, or request a new peering between them.` : `Peer ${p.a} with ${p.b} directly if they should talk (or connect them through a transit gateway).`,
    focus: { kind: 'vpcs', vpcIds: [p.a, p.b] },
    cells: [
      a,
      b,
      `${p.path.map((id) => labelVpc(index, id)).join(' → ')} (${p.peeringIds.join(', ')})`,
      String(p.viaCount),
      p.directPeering ? `${p.directPeering.id} ${p.directPeering.status}` : 'none',
    ],
  };
}

/** A peer block a serving table does not send to its peering, or a side that could not be checked. */
export function gapFinding(index: TopologyIndex, g: RouteGap): Finding {
  const vpc = labelVpc(index, g.vpcId);
  return {
    id: `route-gap:${g.peeringId}:${g.side}:${g.routeTableId ?? '-'}:${g.peerCidr ?? '-'}`,
    kind: 'route-gap',
    severity: g.state === 'unknown' ? 'info' : 'warn',
    subject: `${labelPeering(index, g.peeringId)} · ${g.side} ${vpc}`,
    message: g.routeTableId ? `${g.routeTableId}: ${g.detail}` : g.detail,
    ...(g.fix ? { fix: g.fix } : {}),
    focus: { kind: 'peering', peeringId: g.peeringId },
    cells: [g.peeringId, g.side, vpc, g.routeTableId ?? '-', g.state, g.detail],
  };
}

/** A route into a peering that cannot work. */
export function anomalyFinding(index: TopologyIndex, a: RouteAnomaly): Finding {
  const problem = describeAnomalyKind(a.kind) + ('peeringStatus' in a ? ` (${a.peeringStatus})` : '');
  // A route to a peering that is gone, or that joins other VPCs, is found from the table's VPC.
  const onCanvas = a.kind !== 'stale-peering' && a.kind !== 'foreign-peering';
  return {
    id: `route-anomaly:${a.routeTableId}:${a.route.destination}:${a.peeringId}`,
    kind: 'route-anomaly',
    severity: a.isServing ? 'warn' : 'info',
    subject: `${a.routeTableId} · ${a.route.destination} → ${labelPeering(index, a.peeringId)}`,
    message: a.message + (a.isServing ? '' : ' The table serves no subnet, so the route is dormant.'),
    fix: a.fix,
    focus: onCanvas ? { kind: 'peering', peeringId: a.peeringId } : { kind: 'vpcs', vpcIds: [a.vpcId] },
    cells: [a.routeTableId + (a.isServing ? '' : ' (no subnets)'), labelVpc(index, a.vpcId), `${a.route.destination} → ${a.peeringId}`, problem, a.message.slice(a.message.indexOf(': ') + 2)],
  };
}

/** What the conflicts list leaves out, and the address space several VPCs share. */
export function conflictNotes(index: TopologyIndex, report: CidrConflictReport): readonly string[] {
  const notes: string[] = [];
  if (report.truncated) notes.push(`${report.conflicts.length.toLocaleString('en-US')} VPC pairs listed, of ${report.totalBlockOverlaps.toLocaleString('en-US')} overlapping block pairs in all.`);
  for (const k of report.clusters.filter((c) => c.vpcIds.length > 2).slice(0, 10)) {
    const examples = k.vpcIds.slice(0, 4).map((id) => labelVpc(index, id)).join(', ') + (k.vpcIds.length > 4 ? ', …' : '');
    notes.push(`${k.rootBlock} is shared by ${k.vpcIds.length} VPCs (blocks nested in one another): ${examples}.`);
  }
  return notes;
}

/** How many pairs are left out, and how many are connected only through others at any distance. */
export function nonTransitiveNotes(report: NonTransitiveReport): readonly string[] {
  const notes: string[] = [];
  if (report.truncated) notes.push(`${report.pairs.length.toLocaleString('en-US')} of ${report.totalDistanceTwoPairs.toLocaleString('en-US')} pairs listed.`);
  if (report.totalIndirectPairs > report.totalDistanceTwoPairs) {
    notes.push(`In all, ${report.totalIndirectPairs.toLocaleString('en-US')} pairs of VPCs are connected only through others (at any distance).`);
  }
  return notes;
}

/** How many active peerings the gaps are in, and which ones have nothing to route. */
export function routeGapNotes(completeness: readonly PeeringRouteCompleteness[], gaps: readonly RouteGap[]): readonly string[] {
  const withGaps = new Set(gaps.filter((g) => g.state !== 'unknown').map((g) => g.peeringId)).size;
  const idle = completeness.filter((c) => c.requester.summary === 'nothing-to-route');
  const notes = withGaps > 0 ? [`Gaps in ${withGaps.toLocaleString('en-US')} of ${completeness.length.toLocaleString('en-US')} active peerings.`] : [];
  if (idle.length === 1) notes.push(idle[0]!.requester.note ?? `Nothing to route over ${idle[0]!.peeringId}.`);
  else if (idle.length > 1) {
    notes.push(`Nothing to route over ${idle.length} peerings (${idle.slice(0, 3).map((c) => c.peeringId).join(', ')}${idle.length > 3 ? ', …' : ''}): a VPC of each has no subnets.`);
  }
  return notes;
}
