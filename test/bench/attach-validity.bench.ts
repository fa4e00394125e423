/** Benchmark of the drag-to-attach verdict at organisation scale: `npx tsx test/bench/attach-validity.bench.ts`.
 *
 * Generates, deterministically, 10,000 VPCs (10.x.y.0/24 blocks) in one region and 50 gateways,
 * each with a default route table holding 100 propagated routes to attached VPCs. Then times what a
 * drag costs: building the validator (once per topology) and one verdict per hub for each of 1,000
 * dragged VPCs (50,000 verdicts, as the hubs redraw while a card is dragged about). Median of
 * several runs on fresh topologies, so no cache carries over. Prints figures and ends with one line
 * of JSON; asserts nothing about time.
 */
import { loadavg } from 'node:os';

import { createAttachmentValidator } from '../../shared/analysis/validate-attachment';
import type { TransitGatewayAttachment, Topology, Vpc } from '../../shared/model/topology';
import { subnet, tgwRoute, topology, transitGateway, transitGatewayRouteTable, vpc, vpcAttachment } from '../support/fixtures/build-topology';

function build(): Topology {
  const vpcs: Vpc[] = [];
  for (let i = 0; i < 10_000; i++) vpcs.push(vpc(`vpc-${i.toString(16).padStart(8, '0')}`, `10.${Math.floor(i / 250)}.${i % 250}.0/24`));
  const subnets = vpcs.map((v) => subnet(`subnet-${v.id.slice(4)}`, v, v.cidrBlocks[0]!.cidr));
  const gateways = [];
  const attachments: TransitGatewayAttachment[] = [];
  const tables = [];
  for (let g = 0; g < 50; g++) {
    const gw = transitGateway(`tgw-${g.toString(16).padStart(8, '0')}`, { defaultRouteTableId: `tgw-rtb-${g.toString(16).padStart(8, '0')}` });
    gateways.push(gw);
    const mine = [];
    for (let k = 0; k < 100; k++) {
      const v = vpcs[g * 100 + k]!;
      const a = vpcAttachment(`tgw-attach-${(g * 100 + k).toString(16).padStart(8, '0')}`, gw, v, [subnets[g * 100 + k]!], gw.options.associationDefaultRouteTableId);
      attachments.push(a);
      mine.push(a);
    }
    tables.push(transitGatewayRouteTable(gw.options.associationDefaultRouteTableId!, gw, { associations: mine, propagations: mine, routes: mine.map((a) => tgwRoute(vpcs[Number.parseInt(a.id.slice(11), 16)]!.cidrBlocks[0]!.cidr, [a], 'propagated')) }));
  }
  return topology({ vpcs, subnets, transitGateways: gateways, transitGatewayAttachments: attachments, transitGatewayRouteTables: tables });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const builds: number[] = [];
const drags: number[] = [];
let refused = 0;
for (let run = 0; run < 7; run++) {
  const t = build();
  const t0 = performance.now();
  const validate = createAttachmentValidator(t);
  const t1 = performance.now();
  refused = 0;
  for (let i = 0; i < 1_000; i++) {
    const v = t.vpcs[(i * 7919) % t.vpcs.length]!;
    for (const g of t.transitGateways) if (validate(v.id, g.id).status === 'refused') refused++;
  }
  const t2 = performance.now();
  if (run > 0) {
    builds.push(t1 - t0);
    drags.push(t2 - t1);
  }
}
console.log('Drag-to-attach verdicts: 10,000 VPCs, 50 gateways, 5,000 propagated routes');
console.log(`  validator built                  median ${median(builds).toFixed(1)} ms`);
console.log(`  50,000 verdicts (1,000 drags)    median ${median(drags).toFixed(1)} ms (${((median(drags) * 1000) / 50_000).toFixed(2)} µs each), ${refused} refused`);
console.log(JSON.stringify({ bench: 'attach-validity', load: +loadavg()[0]!.toFixed(2), vpcs: 10_000, gateways: 50, verdicts: 50_000, buildMs: +median(builds).toFixed(2), verdictsMs: +median(drags).toFixed(2), refused }));
