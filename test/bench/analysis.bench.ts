/** Benchmark of the topology analyses at organisation scale: `npm run bench:analysis`.
 *
 * Generates, deterministically, 10,000 VPCs with 20,000 CIDR blocks (primary, secondary, IPv6),
 * 20,000 subnets and route tables, and 20,000 peerings with routes (some missing or
 * blackholed, some VPCs re-using a block); then times conflicts, non-transitive pairs and route
 * completeness (warm-up, then the median of several runs, each on fresh objects so no cache
 * carries over), the growth of conflicts with n, drag validation, and the estate reach view for
 * tcp/443 (one VPC's row, the account × account roll-up) over an estate that also has security
 * groups, network ACLs, internet and NAT gateways and routes to interfaces. Then, on an estate
 * with transit gateways (`tgw-bench-estate.ts`: 10,000 VPCs, 50 gateways peered in pairs, 5,000
 * attachments, VPC peerings beside), the reachability matrix, each finding, the attachment
 * checklists and `analyzeSnapshot` (`tgw-analysis.ts`). Prints figures and ends with one line of
 * JSON; asserts nothing about time.
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { findCidrConflicts } from '../../shared/analysis/cidr-conflicts';
import type { ReachSource } from '../../shared/analysis/estate-reach';
import { computeReachRollUp, computeReachRow, indexEstate } from '../../shared/analysis/estate-reach';
import { computeRouteCompleteness } from '../../shared/analysis/route-completeness';
import { findNonTransitivePairs } from '../../shared/analysis/transitive-paths';
import type { PeeringId, RouteTableId, SubnetId, VpcId } from '../../shared/model/ids';
import type {
  InternetGateway,
  NatGateway,
  NetworkAcl,
  NetworkAclEntry,
  Peering,
  PeeringStatus,
  Route,
  RouteTable,
  SecurityGroup,
  Subnet,
  Topology,
  Vpc,
  VpcCidrBlock,
} from '../../shared/model/topology';
import { createPeeringValidator } from '../../shared/analysis/validate-peering';
import { topology as buildTopology } from '../support/fixtures/build-topology';
import { runTgwBenchmarks } from './tgw-analysis';
import { createRandom } from './tgw-bench-estate';

const VPC_COUNT = 10_000;
const BLOCK_COUNT = 20_000;
const PEERING_COUNT = 20_000;
const RUNS = 7;
const WARMUP_RUNS = 4;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Build the benchmark topology with `vpcCount` VPCs (blocks and peerings scale with it). */
function generateTopology(vpcCount: number): Topology {
  const random = createRandom(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const accounts = Array.from({ length: 20 }, (_, i) => String(100000000000 + i));
  const regions = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'sa-east-1'];
  const extraBlocks = Math.round((vpcCount * (BLOCK_COUNT - VPC_COUNT)) / VPC_COUNT);
  const secondaryCount = Math.round(extraBlocks * 0.7);
  const vpcs: Vpc[] = [];
  const primaries: string[] = [];
  for (let i = 0; i < vpcCount; i++) {
    // Unique /22s in 10.0.0.0/8 (16,384 of them); 2% re-use an earlier block, as teams do with 10.0.0.0/16.
    const reuse = i > 0 && random() < 0.02;
    const primary = reuse ? pick(primaries) : `10.${(i >> 6) & 255}.${(i & 63) << 2}.0/22`;
    primaries.push(primary);
    const blocks: VpcCidrBlock[] = [{ cidr: primary, family: 'ipv4', primary: true, state: 'associated' }];
    if (i < secondaryCount) blocks.push({ cidr: `100.${64 + (i >> 8)}.${i & 255}.0/24`, family: 'ipv4', primary: false, state: 'associated' });
    else if (i < extraBlocks) blocks.push({ cidr: `2600:1f18:${hex(i, 4)}:${hex((i * 7) & 0xff, 2)}00::/56`, family: 'ipv6', primary: false, state: 'associated' });
    vpcs.push({
      id: `vpc-${hex(i, 17)}`,
      accountId: accounts[i % accounts.length]!,
      region: regions[i % regions.length]!,
      name: `vpc-${i}`,
      tags: {},
      isDefault: false,
      state: 'available',
      cidrBlocks: blocks,
    });
  }

  const peeringCount = Math.round((vpcCount * PEERING_COUNT) / VPC_COUNT);
  const peerings: Peering[] = [];
  const pairs = new Set<string>();
  const side = (v: Vpc) => ({
    accountId: v.accountId,
    vpcId: v.id,
    region: v.region,
    cidrBlocks: v.cidrBlocks.filter((b) => b.family === 'ipv4').map((b) => b.cidr),
    ipv6CidrBlocks: v.cidrBlocks.filter((b) => b.family === 'ipv6').map((b) => b.cidr),
  });
  while (peerings.length < peeringCount) {
    const x = Math.floor(random() * vpcCount);
    // Mostly local structure (teams peer with neighbours), some long links: a realistic mix of hubs and chains.
    const y = random() < 0.7 ? (x + 1 + Math.floor(random() * 20)) % vpcCount : Math.floor(random() * vpcCount);
    if (x === y) continue;
    const key = x < y ? `${x}|${y}` : `${y}|${x}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    const r = random();
    const status: PeeringStatus = r < 0.94 ? 'active' : r < 0.945 ? 'pending-acceptance' : 'deleted';
    peerings.push({ id: `pcx-${hex(peerings.length, 17)}`, status, requester: side(vpcs[x]!), accepter: side(vpcs[y]!), tags: {} });
  }

  const subnets: Subnet[] = [];
  const routesByVpc = new Map<VpcId, Route[]>();
  for (const p of peerings) {
    if (p.status === 'deleted') continue;
    for (const [own, other] of [
      [p.requester, p.accepter],
      [p.accepter, p.requester],
    ] as const) {
      let list = routesByVpc.get(own.vpcId);
      if (!list) routesByVpc.set(own.vpcId, (list = []));
      for (const cidr of [...other.cidrBlocks, ...other.ipv6CidrBlocks]) {
        const r = random();
        if (r < 0.1) continue; // a missing route
        list.push({
          destination: cidr,
          target: { kind: 'peering', peeringId: p.id as PeeringId },
          state: p.status === 'active' && r > 0.02 ? 'active' : 'blackhole',
          origin: 'CreateRoute',
        });
      }
    }
  }
  const routeTables: RouteTable[] = [];
  const securityGroups: SecurityGroup[] = [];
  const networkAcls: NetworkAcl[] = [];
  const internetGateways: InternetGateway[] = [];
  const natGateways: NatGateway[] = [];
  for (const v of vpcs) {
    const base = v.id.slice(4);
    const s1: SubnetId = `subnet-${base}1`;
    const s2: SubnetId = `subnet-${base}2`;
    const primary = v.cidrBlocks[0]!.cidr;
    const net = primary.slice(0, primary.lastIndexOf('.'));
    subnets.push(
      { id: s1, vpcId: v.id, accountId: v.accountId, region: v.region, cidr: `${net}.0/24`, ipv6Cidrs: [], availabilityZone: `${v.region}a` },
      { id: s2, vpcId: v.id, accountId: v.accountId, region: v.region, cidr: `${net}.128/25`, ipv6Cidrs: [], availabilityZone: `${v.region}b` },
    );
    const local: Route[] = v.cidrBlocks.map((b) => ({ destination: b.cidr, target: { kind: 'local' }, state: 'active', origin: 'CreateRouteTable' }));
    const peerRoutes = routesByVpc.get(v.id) ?? [];
    const table = (id: RouteTableId, main: boolean, subnetIds: SubnetId[], routes: Route[]): RouteTable => ({
      id,
      vpcId: v.id,
      accountId: v.accountId,
      region: v.region,
      main,
      subnetIds,
      routes,
    });
    // One VPC in 25 sends one peer block to an appliance's interface instead of the peering: a route to the wrong target.
    const privateRoutes = peerRoutes.filter((_, k) => k % 5 !== 4);
    const viaAppliance = (n: number) => (n % 25 === 7 && privateRoutes.length > 0 ? [{ ...privateRoutes[0]!, target: { kind: 'other' as const, id: `eni-${base}` } }, ...privateRoutes.slice(1)] : privateRoutes);
    const index = Number.parseInt(base, 16);
    routeTables.push(
      table(`rtb-${base}m`, true, [], [...local, { destination: '0.0.0.0/0', target: { kind: 'other', id: `igw-${base}` }, state: 'active', origin: 'CreateRoute' }, ...peerRoutes]),
      // The private table forgets every fifth peer route: partial completeness on many sides. Its default route goes to the NAT gateway.
      table(`rtb-${base}p`, false, [s2], [...local, { destination: '0.0.0.0/0', target: { kind: 'other', id: `nat-${base}` }, state: 'active', origin: 'CreateRoute' }, ...viaAppliance(index)]),
    );
    internetGateways.push({ id: `igw-${base}`, accountId: v.accountId, region: v.region, attachments: [{ vpcId: v.id, state: 'available' }] });
    natGateways.push({
      id: `nat-${base}`,
      vpcId: v.id,
      subnetId: s1,
      accountId: v.accountId,
      region: v.region,
      connectivityType: 'public',
      state: 'available',
      addresses: [{ privateIp: `${net}.10`, networkInterfaceId: `eni-${base}n`, primary: true }],
    });
    // The default group: HTTPS from the whole 10/8 in most VPCs, SSH only in one of 10, all egress.
    securityGroups.push({
      id: `sg-${base}`,
      vpcId: v.id,
      accountId: v.accountId,
      region: v.region,
      name: 'default',
      description: 'default VPC security group',
      ingress: [index % 10 === 3 ? { protocol: 'tcp', fromPort: 22, toPort: 22, peer: { kind: 'cidr', cidr: '10.0.0.0/8' } } : { protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'cidr', cidr: '10.0.0.0/8' } }],
      egress: [{ protocol: '-1', peer: { kind: 'cidr', cidr: '0.0.0.0/0' } }],
    });
    // The default ACL (allow all, then `*` deny, both ways); one VPC in 8 guards its private subnet with its own ACL.
    const allowAll = (egress: boolean): NetworkAclEntry[] => [
      { ruleNumber: 100, egress, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0' },
      { ruleNumber: 32767, egress, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
    ];
    const custom = index % 8 === 5;
    // One VPC in 40 lets only tcp/443 out of its default ACL: replies to clients' ephemeral ports meet `*` (stateless ACLs).
    const repliesDenied = index % 40 === 7;
    const outbound: NetworkAclEntry[] = repliesDenied
      ? [
          { ruleNumber: 100, egress: true, protocol: '6', action: 'allow', cidr: '10.0.0.0/8', fromPort: 443, toPort: 443 },
          { ruleNumber: 32767, egress: true, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
        ]
      : allowAll(true);
    networkAcls.push({ id: `acl-${base}d`, vpcId: v.id, accountId: v.accountId, region: v.region, isDefault: true, subnetIds: custom ? [s1] : [s1, s2], entries: [...allowAll(false), ...outbound] });
    if (custom) {
      networkAcls.push({
        id: `acl-${base}p`,
        vpcId: v.id,
        accountId: v.accountId,
        region: v.region,
        isDefault: false,
        subnetIds: [s2],
        entries: [
          { ruleNumber: 100, egress: false, protocol: '6', action: 'allow', cidr: '10.0.0.0/8', fromPort: 443, toPort: 443 },
          { ruleNumber: 110, egress: false, protocol: '6', action: 'allow', cidr: '0.0.0.0/0', fromPort: 1024, toPort: 65535 },
          { ruleNumber: 32767, egress: false, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
          { ruleNumber: 100, egress: true, protocol: '-1', action: 'allow', cidr: '0.0.0.0/0' },
          { ruleNumber: 32767, egress: true, protocol: '-1', action: 'deny', cidr: '0.0.0.0/0' },
        ],
      });
    }
  }
  return buildTopology({
    accounts: accounts.map((id) => ({ id, profiles: [`p-${id}`] })),
    vpcs,
    subnets,
    routeTables,
    peerings,
    securityGroups,
    networkAcls,
    internetGateways,
    natGateways,
  });
}

// A full collection before each timed run, so one run does not pay for the garbage of the last
// (or for promoting the fresh copy it is given): the npm script cannot pass --expose-gc, so the
// flag is set at run time, the documented way to reach `gc` from a script.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** A copy with fresh objects wherever an analysis caches by identity (topology, route tables). */
function freshCopy(t: Topology): Topology {
  return { ...t, routeTables: t.routeTables.map((rt) => ({ ...rt })) };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Median wall time of `fn` on fresh copies after warm-up runs, with the median CPU time of
 * this process beside it: on a shared 2-core machine the wall time also counts other processes'
 * turns, and the CPU time shows what the analysis itself cost.
 */
function timeMs(t: Topology, fn: (t: Topology) => unknown): { ms: number; cpuMs: number; result: unknown } {
  let result: unknown;
  for (let i = 0; i < WARMUP_RUNS; i++) fn(freshCopy(t));
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const copy = freshCopy(t);
    collectGarbage();
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    result = fn(copy);
    times.push(performance.now() - started);
    const cpu = process.cpuUsage(cpuStarted);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpuTimes), result };
}

function subset(t: Topology, vpcCount: number): Topology {
  const keep = new Set(t.vpcs.slice(0, vpcCount).map((v) => v.id));
  return {
    ...t,
    vpcs: t.vpcs.filter((v) => keep.has(v.id)),
    subnets: t.subnets.filter((s) => keep.has(s.vpcId)),
    routeTables: t.routeTables.filter((r) => keep.has(r.vpcId)),
    peerings: t.peerings.filter((p) => keep.has(p.requester.vpcId) && keep.has(p.accepter.vpcId)),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

const generationStarted = performance.now();
// Through JSON once, as a snapshot read from a file (or cloned over IPC) is: flat strings, one
// object per field, rather than the generator's shared template-literal strings.
const topology = JSON.parse(JSON.stringify(generateTopology(VPC_COUNT))) as Topology;
const blockCount = topology.vpcs.reduce((n, v) => n + v.cidrBlocks.length, 0);
const routeCount = topology.routeTables.reduce((n, r) => n + r.routes.length, 0);
console.log(`Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on this machine when starting.`);
console.log(
  `Generated ${topology.vpcs.length} VPCs, ${blockCount} CIDR blocks, ${topology.peerings.length} peerings, ` +
    `${topology.subnets.length} subnets, ${topology.routeTables.length} route tables, ${routeCount} routes ` +
    `in ${Math.round(performance.now() - generationStarted)} ms.`,
);

const conflicts = timeMs(topology, (t) => findCidrConflicts(t));
const nonTransitive = timeMs(topology, (t) => findNonTransitivePairs(t));
const routes = timeMs(topology, (t) => computeRouteCompleteness(t));

const c = conflicts.result as ReturnType<typeof findCidrConflicts>;
const n = nonTransitive.result as ReturnType<typeof findNonTransitivePairs>;
const r = routes.result as ReturnType<typeof computeRouteCompleteness>;
const summaries = new Map<string, number>();
for (const p of r) for (const s of [p.requester.summary, p.accepter.summary]) summaries.set(s, (summaries.get(s) ?? 0) + 1);

console.log('');
console.log(`analysis                 median wall ms (CPU ms) of ${RUNS}   findings`);
const cell = (x: { ms: number; cpuMs: number }) => `${x.ms.toFixed(1).padStart(8)} (${x.cpuMs.toFixed(0).padStart(4)})`;
console.log(`conflicts                ${cell(conflicts)}   ${c.conflicts.length} VPC pairs, ${c.totalBlockOverlaps} block overlaps, ${c.ambiguities.length} routing ambiguities, ${c.clusters.length} clusters`);
console.log(`non-transitive pairs     ${cell(nonTransitive)}   ${n.totalDistanceTwoPairs} pairs at distance 2 (${n.pairs.length} listed), ${n.totalIndirectPairs} indirect pairs, largest component ${n.components[0]?.vpcCount ?? 0} VPCs`);
console.log(`route completeness       ${cell(routes)}   ${r.length} active peerings; sides: ${[...summaries].map(([k, v]) => `${k} ${v}`).join(', ')}`);

console.log('');
console.log('conflicts growth (n log n expected: ratio to the previous ≈ 2.1-2.3)');
const growth: { n: number; ms: number; cpuMs: number }[] = [];
for (const size of [VPC_COUNT / 4, VPC_COUNT / 2, VPC_COUNT]) {
  const sub = subset(topology, size);
  const { ms, cpuMs } = timeMs(sub, (t) => findCidrConflicts(t));
  const previous = growth[growth.length - 1];
  growth.push({ n: size, ms, cpuMs });
  console.log(
    `  n=${String(size).padStart(6)}  ${ms.toFixed(1).padStart(7)} ms (CPU ${cpuMs.toFixed(0)} ms)${previous ? `  ×${(ms / previous.ms).toFixed(2)} wall, ×${(cpuMs / previous.cpuMs).toFixed(2)} CPU` : ''}`,
  );
}

// Drag validation: one index, then one verdict per potential target.
const indexStarted = performance.now();
const validate = createPeeringValidator(freshCopy(topology));
const indexMs = performance.now() - indexStarted;
const source = topology.vpcs[0]!.id;
const callsStarted = performance.now();
let refused = 0;
for (const v of topology.vpcs) if (!validate(source, v.id).ok) refused++;
const perCallUs = ((performance.now() - callsStarted) * 1000) / topology.vpcs.length;
console.log('');
console.log(`drag validation: index ${indexMs.toFixed(1)} ms, then ${perCallUs.toFixed(1)} µs per target (${refused} of ${topology.vpcs.length} refused)`);

// Estate reach for tcp/443: one VPC's row (every destination) and the account × account roll-up.
// Each timed run gets fresh route arrays too, so no compiled table carries over between runs.
const reachCopy = (t: Topology): Topology => ({ ...t, routeTables: t.routeTables.map((rt) => ({ ...rt, routes: rt.routes.slice() })) });
const https = { protocol: 'tcp', port: 443 } as const;
const rowSource: ReachSource = { kind: 'vpc', vpcId: topology.vpcs[0]!.id };
const rowCold = timeMs(topology, (t) => computeReachRow(reachCopy(t), rowSource, https));
const warm = reachCopy(topology);
const indexReachStarted = performance.now();
indexEstate(warm);
const reachIndexMs = performance.now() - indexReachStarted;
const rowWarm = timeMs(topology, () => computeReachRow(warm, rowSource, https));
const rollUp = timeMs(topology, (t) => computeReachRollUp(reachCopy(t), https));
const row = rowWarm.result as ReturnType<typeof computeReachRow>;
const roll = rollUp.result as ReturnType<typeof computeReachRollUp>;
if (!row.ok) throw new Error(row.error.message);
const rowReasons = new Map<string, number>();
for (const e of row.value.entries) if (e.reason) rowReasons.set(e.reason, (rowReasons.get(e.reason) ?? 0) + 1);
const rollReasons = new Map<string, number>();
for (const cell of roll.cells) for (const [k, v] of Object.entries(cell.reasons)) rollReasons.set(k, (rollReasons.get(k) ?? 0) + v);
const aclCount = topology.networkAcls.length;
const gatewayCount = topology.internetGateways.length + topology.natGateways.length;
console.log('');
console.log(`estate reach, tcp/443 (${topology.securityGroups.length} security groups, ${aclCount} network ACLs, ${gatewayCount} gateways in the estate)`);
console.log(`  index (graph, components)  ${reachIndexMs.toFixed(1).padStart(8)} ms`);
console.log(`  one VPC's row, cold   ${cell(rowCold)}   index and compiled tables built in the run`);
console.log(
  `  one VPC's row, warm   ${cell(rowWarm)}   ${row.value.entries.length} connected VPCs: ${row.value.reachable} reachable, ${row.value.blocked} blocked (${[...rowReasons].map(([k, v]) => `${k} ${v}`).join(', ')})`,
);
console.log(
  `  account roll-up       ${cell(rollUp)}   ${roll.cells.length} account pairs, ${roll.reachable} reachable, ${roll.blocked} blocked, ${roll.undetermined} undetermined VPC pairs (${[...rollReasons].filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`).join(', ')})`,
);

const tgw = runTgwBenchmarks(collectGarbage);

console.log(
  JSON.stringify({
    conflictsMs: round(conflicts.ms),
    nonTransitiveMs: round(nonTransitive.ms),
    routesMs: round(routes.ms),
    n: topology.vpcs.length,
    blocks: blockCount,
    peerings: topology.peerings.length,
    conflictsGrowthMs: growth.map((g) => round(g.ms)),
    conflictsCpuMs: round(conflicts.cpuMs),
    nonTransitiveCpuMs: round(nonTransitive.cpuMs),
    routesCpuMs: round(routes.cpuMs),
    validatorIndexMs: round(indexMs),
    validateCallUs: round(perCallUs),
    reachRowMs: round(rowWarm.ms),
    reachRowColdMs: round(rowCold.ms),
    reachRollUpMs: round(rollUp.ms),
    reachRollUpCpuMs: round(rollUp.cpuMs),
    reachIndexMs: round(reachIndexMs),
    ...tgw,
    loadAverage1m: round(loadavg()[0]!),
  }),
);
