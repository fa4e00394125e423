/** Benchmark of the transit gateway findings at organisation scale: `npx tsx test/bench/tgw-findings.bench.ts`.
 *
 * Generates, deterministically, 10,000 VPCs (two subnets each, in zones a and b, and a main route
 * table), 50 gateways (5 of them with unread routing, 10 shared and auto-accepting), each with a
 * default route table, and 5,000 VPC attachments (100 per gateway, a subnet in zone a only; one in
 * twenty re-uses another attached VPC's block, one in a hundred has no route table, and the table
 * routes to 100 deleted ones); half the attached VPCs route to their gateway. Then times the
 * passes (`findTransitGatewayProblems`, with the topology indexes they build) and their words, each run on a fresh copy of the
 * snapshot so no per-topology cache carries over: warm-up, then the median of several runs.
 * Prints figures and ends with one line of JSON; asserts nothing about time.
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { staleTransitRouteFinding, unassociatedFinding, unpropagatedFinding, unreadRoutingFinding, zoneGapFinding, autoAcceptFinding } from '../../shared/analysis/tgw-finding-words';
import { findTransitGatewayProblems, indexTransitGateways } from '../../shared/analysis/tgw-findings';
import { indexTopology } from '../../shared/analysis/topology-index';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Route, RouteTable, Subnet, TransitGateway, TransitGatewayAttachment, TransitGatewayRoute, TransitGatewayRouteTable, Vpc } from '../../shared/model/topology';
import { attachmentRef, routeTable, snapshot, subnet, topology, transitGateway, transitGatewayRouteTable, vpc, vpcAttachment } from '../support/fixtures/build-topology';

const VPC_COUNT = 10_000;
const GATEWAY_COUNT = 50;
const ATTACHMENT_COUNT = 5_000;
const RUNS = 9;
const WARMUP_RUNS = 3;

const hex = (n: number, width = 5) => n.toString(16).padStart(width, '0');

function buildEstate(): Snapshot {
  const vpcs: Vpc[] = [];
  const subnets: Subnet[] = [];
  const routeTables: RouteTable[] = [];
  const gateways: TransitGateway[] = [];
  const attachments: TransitGatewayAttachment[] = [];
  const tables: TransitGatewayRouteTable[] = [];
  for (let g = 0; g < GATEWAY_COUNT; g++) {
    const base = transitGateway(`tgw-${hex(g)}`, {
      defaultRouteTableId: `tgw-rtb-${hex(g)}`,
      ...(g < 10 ? { sharedWith: ['222222222222'] } : {}),
      ...(g >= GATEWAY_COUNT - 5 ? { routing: { state: 'unread', reason: 'owner-not-scanned' } as const } : {}),
    });
    gateways.push(g < 10 ? { ...base, options: { ...base.options, autoAcceptSharedAttachments: true } } : base);
  }
  for (let i = 0; i < VPC_COUNT; i++) {
    const attached = i < ATTACHMENT_COUNT;
    // One attached VPC in twenty re-uses the block of the VPC attached before it to the same gateway.
    const block = attached && i % 10 === 9 && i % 100 >= GATEWAY_COUNT ? i - GATEWAY_COUNT : i;
    const v = vpc(`vpc-${hex(i)}`, `${10 + (block >> 8)}.${block & 255}.0.0/16`);
    vpcs.push(v);
    const a = { ...subnet(`subnet-${hex(i)}a`, v, v.cidrBlocks[0]!.cidr.replace('.0.0/16', '.1.0/24')), availabilityZone: 'eu-west-1a' };
    const b = { ...subnet(`subnet-${hex(i)}b`, v, v.cidrBlocks[0]!.cidr.replace('.0.0/16', '.2.0/24')), availabilityZone: 'eu-west-1b' };
    subnets.push(a, b);
    const g = gateways[i % GATEWAY_COUNT]!;
    const routes: Route[] = attached && i % 2 === 0 ? [{ destination: '10.0.0.0/8', target: { kind: 'other', id: g.id }, state: 'active', origin: 'CreateRoute' }] : [];
    routeTables.push(routeTable(`rtb-${hex(i)}`, v, { main: true, routes }));
    if (attached) attachments.push(vpcAttachment(`tgw-attach-${hex(i)}`, g, v, [a], i % 100 === 1 ? undefined : `tgw-rtb-${hex(i % GATEWAY_COUNT)}`));
  }
  const deleted: TransitGatewayAttachment[] = [];
  for (let d = 0; d < 100; d++) {
    const g = gateways[d % GATEWAY_COUNT]!;
    deleted.push({ ...vpcAttachment(`tgw-attach-d${hex(d)}`, g, vpc(`vpc-d${hex(d)}`, '172.16.0.0/16'), []), state: 'deleted' });
  }
  for (let g = 0; g < GATEWAY_COUNT - 5; g++) {
    const gateway = gateways[g]!;
    const mine = attachments.filter((a) => a.transitGatewayId === gateway.id);
    const routes: TransitGatewayRoute[] = [];
    const seen = new Set<string>();
    for (const a of mine) {
      const cidr = vpcs[Number.parseInt(a.resourceId.slice(4), 16)]!.cidrBlocks[0]!.cidr;
      if (seen.has(cidr)) continue;
      seen.add(cidr);
      routes.push({ destination: { kind: 'cidr', cidr }, type: 'propagated', state: 'active', targets: [attachmentRef(a)] });
    }
    deleted
      .filter((a) => a.transitGatewayId === gateway.id)
      .forEach((a, k) => routes.push({ destination: { kind: 'cidr', cidr: `192.168.${k}.0/24` }, type: 'static', state: 'blackhole', targets: [attachmentRef(a)] }));
    const associated = mine.filter((a) => a.association);
    tables.push(transitGatewayRouteTable(`tgw-rtb-${hex(g)}`, gateway, { associations: associated, propagations: mine, routes }));
  }
  return snapshot(
    topology({ vpcs, subnets, routeTables, transitGateways: gateways, transitGatewayAttachments: [...attachments, ...deleted], transitGatewayRouteTables: tables }),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const estate = buildEstate();
const json = JSON.stringify(estate);
const passes: number[] = [];
const words: number[] = [];
let counts: Record<string, number> = {};
for (let run = 0; run < WARMUP_RUNS + RUNS; run++) {
  const fresh = JSON.parse(json) as Snapshot;
  collectGarbage();
  const t0 = performance.now();
  const p = findTransitGatewayProblems(fresh);
  const index = indexTopology(fresh.topology);
  const t1 = performance.now();
  const tgw = indexTransitGateways(fresh.topology);
  const findings = [
    ...p.unreadRouting.map((u) => unreadRoutingFinding(index, u)),
    ...p.unassociated.map((u) => unassociatedFinding(index, tgw, u)),
    ...p.unpropagated.map((u) => unpropagatedFinding(index, tgw, u)),
    ...p.staleRoutes.map((s) => staleTransitRouteFinding(index, s)),
    ...p.zoneGaps.map((z) => zoneGapFinding(index, z)),
    ...p.autoAccept.map((a) => autoAcceptFinding(index, a)),
  ];
  const t2 = performance.now();
  if (run < WARMUP_RUNS) continue;
  passes.push(t1 - t0);
  words.push(t2 - t1);
  counts = { findings: findings.length, unreadRouting: p.unreadRouting.length, unassociated: p.unassociated.length, unpropagated: p.unpropagated.length, staleRoutes: p.staleRoutes.length, zoneGaps: p.zoneGaps.length, autoAccept: p.autoAccept.length };
}
const t = estate.topology;
console.log(`Transit gateway findings: ${t.vpcs.length.toLocaleString('en-US')} VPCs, ${t.transitGateways.length} gateways, ${t.transitGatewayAttachments.length.toLocaleString('en-US')} attachments, ${t.transitGatewayRouteTables.length} route tables`);
console.log(`  load average ${loadavg()[0]!.toFixed(1)} (the machine is shared: figures vary with it)`);
console.log(`  passes (indexes built in the run)   median ${median(passes).toFixed(1)} ms of ${RUNS} runs (min ${Math.min(...passes).toFixed(1)}, max ${Math.max(...passes).toFixed(1)})`);
console.log(`  words                            median ${median(words).toFixed(1)} ms`);
console.log(`  found ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(JSON.stringify({ bench: 'tgw-findings', load: +loadavg()[0]!.toFixed(2), vpcs: t.vpcs.length, gateways: t.transitGateways.length, attachments: t.transitGatewayAttachments.length, passesMs: +median(passes).toFixed(2), wordsMs: +median(words).toFixed(2), ...counts }));
