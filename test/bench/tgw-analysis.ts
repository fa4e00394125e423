/** The transit gateway part of `npm run bench:analysis`: on the estate of `tgw-bench-estate.ts`,
 * the reachability matrix, each finding's pass separately, the checklists of every attachment and
 * `analyzeSnapshot` whole. Each timed run gets a fresh copy of the snapshot (parsed from JSON, so
 * no index or compiled table made per topology object carries over): warm-up, then the median
 * wall and CPU time. Returns the figures for the benchmark's JSON line.
 */
import { findCidrConflicts } from '../../shared/analysis/cidr-conflicts';
import { analyzeSnapshot } from '../../shared/analysis/findings';
import { CELL_BY_GATEWAY, CELL_BY_PEERING, reachMatrix } from '../../shared/analysis/reach-matrix';
import { findRouteAnomalies } from '../../shared/analysis/route-anomalies';
import { computeRouteCompleteness } from '../../shared/analysis/route-completeness';
import { tgwAttachmentRoutings } from '../../shared/analysis/tgw-attachment-checklist';
import { autoAcceptFinding, staleTransitRouteFinding, unassociatedFinding, unpropagatedFinding, unreadRoutingFinding, zoneGapFinding } from '../../shared/analysis/tgw-finding-words';
import { findTransitGatewayProblems, indexTransitGateways } from '../../shared/analysis/tgw-findings';
import { tgwLookupOf } from '../../shared/analysis/tgw-lookup';
import { findAsymmetricPaths, findGatewayRouteDrops } from '../../shared/analysis/tgw-path-findings';
import { indexTopology } from '../../shared/analysis/topology-index';
import { findNonTransitivePairs } from '../../shared/analysis/transitive-paths';
import { collectVpcBlocks } from '../../shared/cidr/vpc-blocks';
import type { Snapshot } from '../../shared/model/snapshot';
import { buildTgwEstate } from './tgw-bench-estate';

const RUNS = 5;
const WARMUP_RUNS = 2;

interface Timed {
  readonly ms: number;
  readonly cpuMs: number;
  readonly result: unknown;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const round = (x: number) => Math.round(x * 100) / 100;

/** Run the transit gateway benchmarks, printing as they go; `collectGarbage` runs before each timed run. */
export function runTgwBenchmarks(collectGarbage: () => void): Record<string, number> {
  const built = performance.now();
  const json = JSON.stringify(buildTgwEstate());
  const buildMs = performance.now() - built;
  const fresh = () => JSON.parse(json) as Snapshot;

  /** Median of `fn` on fresh snapshots; `prepare` (untimed) may build what the run should find ready. */
  const time = (fn: (s: Snapshot) => unknown, prepare: (s: Snapshot) => void = () => {}): Timed => {
    let result: unknown;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < WARMUP_RUNS + RUNS; i++) {
      const s = fresh();
      prepare(s);
      collectGarbage();
      const cpuStarted = process.cpuUsage();
      const started = performance.now();
      result = fn(s);
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuStarted);
      if (i < WARMUP_RUNS) continue;
      times.push(ms);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    return { ms: median(times), cpuMs: median(cpuTimes), result };
  };

  const sample = fresh().topology;
  console.log('');
  console.log(
    `transit gateway estate: ${sample.vpcs.length.toLocaleString('en-US')} VPCs, ${sample.transitGateways.length} gateways, ` +
      `${sample.transitGatewayAttachments.filter((a) => a.resourceType === 'vpc').length.toLocaleString('en-US')} VPC attachments, ` +
      `${sample.transitGatewayPeerings.length} gateway peerings, ${sample.transitGatewayRouteTables.length} gateway route tables ` +
      `(${sample.transitGatewayRouteTables.reduce((n, t) => n + t.routes.length, 0).toLocaleString('en-US')} routes), ${sample.peerings.length.toLocaleString('en-US')} VPC peerings; built in ${Math.round(buildMs)} ms`,
  );
  console.log(`analysis                       median wall ms (CPU ms) of ${RUNS}   found`);
  const cell = (x: Timed) => `${x.ms.toFixed(1).padStart(8)} (${x.cpuMs.toFixed(0).padStart(4)})`;
  const line = (name: string, x: Timed, found: string) => console.log(`${name.padEnd(30)} ${cell(x)}   ${found}`);

  // The indexes every analysis of a snapshot shares (topology index, VPC blocks, gateway lookups).
  const shared = (s: Snapshot) => {
    indexTopology(s.topology);
    collectVpcBlocks(s.topology);
    tgwLookupOf(s.topology);
  };
  const sharedIndexes = time((s) => shared(s));
  line('shared indexes', sharedIndexes, 'topology index, VPC blocks, gateway lookups');

  const matrixCold = time((s) => reachMatrix(s.topology));
  const matrix = time((s) => reachMatrix(s.topology), shared);
  const m = matrix.result as ReturnType<typeof reachMatrix>;
  const counts = [0, 0, 0, 0];
  let byGateway = 0;
  let byPeering = 0;
  for (const c of m.cells) {
    counts[c & 3]!++;
    if (c & CELL_BY_GATEWAY) byGateway++;
    if (c & CELL_BY_PEERING) byPeering++;
  }
  const directions = m.cells.length;
  line('reachability matrix, cold', matrixCold, 'shared indexes built in the run');
  line(
    'reachability matrix',
    matrix,
    `${directions.toLocaleString('en-US')} directions: ${counts[2]} yes, ${counts[1]} some, ${counts[0]} no, ${counts[3]} unknown; ${byGateway} through a gateway, ${byPeering} by a peering (shared indexes ready)`,
  );

  const conflicts = time((s) => findCidrConflicts(s.topology));
  line('CIDR conflicts', conflicts, `${(conflicts.result as ReturnType<typeof findCidrConflicts>).conflicts.length} VPC pairs`);
  const nonTransitive = time((s) => findNonTransitivePairs(s.topology, { maxPairs: 1_000 }));
  const n = nonTransitive.result as ReturnType<typeof findNonTransitivePairs>;
  line('non-transitive pairs', nonTransitive, `${n.totalDistanceTwoPairs} pairs at distance 2, ${n.carriedByTransitGateway} carried by a transit gateway`);
  const completeness = time((s) => computeRouteCompleteness(s.topology));
  line('route completeness', completeness, `${(completeness.result as unknown[]).length} active peerings`);
  const anomalies = time((s) => findRouteAnomalies(s.topology));
  line('route anomalies', anomalies, `${(anomalies.result as unknown[]).length} anomalies`);

  const model = time((s) => {
    const p = findTransitGatewayProblems(s);
    const index = indexTopology(s.topology);
    const tgw = indexTransitGateways(s.topology);
    return [
      ...p.unreadRouting.map((u) => unreadRoutingFinding(index, u)),
      ...p.unassociated.map((u) => unassociatedFinding(index, tgw, u)),
      ...p.unpropagated.map((u) => unpropagatedFinding(index, tgw, u)),
      ...p.staleRoutes.map((x) => staleTransitRouteFinding(index, x)),
      ...p.zoneGaps.map((z) => zoneGapFinding(index, z)),
      ...p.autoAccept.map((a) => autoAcceptFinding(index, a)),
    ];
  });
  const modelKinds = new Map<string, number>();
  for (const f of model.result as { kind: string }[]) modelKinds.set(f.kind, (modelKinds.get(f.kind) ?? 0) + 1);
  line('gateway model findings', model, [...modelKinds].map(([k, v]) => `${k} ${v}`).join(', '));
  const drops = time((s) => findGatewayRouteDrops(s.topology));
  line('gateway route drops', drops, `${(drops.result as unknown[]).length} VPC routes`);
  const oneWay = time((s) => findAsymmetricPaths(s.topology));
  line('one-way pairs', oneWay, `${(oneWay.result as unknown[]).length} pairs (shared indexes and matrix built in the run)`);
  // As a pass that finds the matrix made (another pass, or an earlier run on the same snapshot, built it).
  const oneWayReady = time(
    (s) => findAsymmetricPaths(s.topology),
    (s) => reachMatrix(s.topology),
  );
  line('one-way pairs, matrix ready', oneWayReady, 'the scan of the matrix and the pairs alone');
  const checklists = time((s) => tgwAttachmentRoutings(s.topology));
  const routings = new Map<string, number>();
  for (const r of (checklists.result as ReturnType<typeof tgwAttachmentRoutings>).values()) routings.set(r, (routings.get(r) ?? 0) + 1);
  line('attachment checklists', checklists, `${[...routings].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const analysis = time((s) => analyzeSnapshot(s));
  const a = analysis.result as ReturnType<typeof analyzeSnapshot>;
  line('analyzeSnapshot (all of it)', analysis, `${a.findings.length} findings listed`);

  return {
    tgwBuildMs: round(buildMs),
    tgwSharedIndexesMs: round(sharedIndexes.ms),
    tgwMatrixColdMs: round(matrixCold.ms),
    tgwMatrixMs: round(matrix.ms),
    tgwMatrixCpuMs: round(matrix.cpuMs),
    tgwMatrixDirections: directions,
    tgwConflictsMs: round(conflicts.ms),
    tgwNonTransitiveMs: round(nonTransitive.ms),
    tgwRoutesMs: round(completeness.ms),
    tgwAnomaliesMs: round(anomalies.ms),
    tgwModelFindingsMs: round(model.ms),
    tgwRouteDropsMs: round(drops.ms),
    tgwOneWayMs: round(oneWay.ms),
    tgwOneWayCpuMs: round(oneWay.cpuMs),
    tgwOneWayMatrixReadyMs: round(oneWayReady.ms),
    tgwChecklistsMs: round(checklists.ms),
    tgwAnalyzeSnapshotMs: round(analysis.ms),
    tgwAnalyzeSnapshotCpuMs: round(analysis.cpuMs),
  };
}
