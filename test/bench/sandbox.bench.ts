/** Benchmark of the sandbox cloud: `npm run bench:sandbox`.
 *
 * Times (1) loading the demo scenario (through the EC2 actions, plus listening), (2) generating
 * and loading a 20-account × 17-region × 10-VPC organisation, (3) DescribeVpcs pages through the
 * real SDK (MaxResults 100): one page per account+region cell of the generated organisation, and
 * every page of one cell holding 1,000 VPCs, (4) saving and loading that organisation's state,
 * (5) the same organisation with every account's default VPCs (`defaultVpcs: 'all'`): its load and
 * state file, and, for its accounts alone, the first DescribeVpcs per cell (which makes the cell's
 * default VPC) and the second.
 * Prints figures and ends with one line of JSON; asserts nothing about time.
 */
import { mkdtemp } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { DescribeRouteTablesCommand, DescribeVpcPeeringConnectionsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';

import { DEFAULT_REGIONS, generateScenario, startSandboxServer, type SandboxServer, type ScenarioInput } from '@peerscape/sandbox-cloud';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}
const round = (n: number, d = 2): number => Math.round(n * 10 ** d) / 10 ** d;

function clientFor(s: SandboxServer, accountIndex: number, region: string): EC2Client {
  const a = s.accounts[accountIndex];
  if (!a) throw new Error('no account');
  return new EC2Client({ endpoint: s.endpoint, region, credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }, maxAttempts: 1 });
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

async function main(): Promise<void> {
  // (1) The demo: median of 5 loads (the first one also warms the code up).
  const demoMs: number[] = [];
  for (let i = 0; i < 6; i++) {
    const [s, ms] = await timed(() => startSandboxServer({ scenario: 'demo', log: () => undefined }));
    if (i > 0) demoMs.push(ms);
    await s.close();
  }
  console.log(`demo scenario: loaded and listening in ${round(median(demoMs), 1)} ms (median of ${demoMs.length})`);

  // (2) The generated organisation.
  const spec = { accounts: 20, regions: 17, vpcsPerRegion: 10, seed: 1 };
  const [scenario, genMs] = await timed(async () => generateScenario(spec));
  const [big, loadMs] = await timed(() => startSandboxServer({ scenario, log: () => undefined }));
  const vpcCount = scenario.vpcs?.length ?? 0;
  const peeringCount = scenario.peerings?.length ?? 0;
  console.log(`generated ${spec.accounts}×${spec.regions}×${spec.vpcsPerRegion}: ${vpcCount} VPCs, ${peeringCount} peerings; generated in ${round(genMs, 1)} ms, loaded in ${round(loadMs, 1)} ms`);

  // (3a) One DescribeVpcs page per cell, plus route tables and peerings (what discovery asks).
  const cellVpcMs: number[] = [];
  const cellRtbMs: number[] = [];
  const cellPcxMs: number[] = [];
  for (let a = 0; a < spec.accounts; a++) {
    for (const region of DEFAULT_REGIONS.slice(0, spec.regions)) {
      const c = clientFor(big, a, region);
      const [vpcs, ms] = await timed(() => c.send(new DescribeVpcsCommand({ MaxResults: 100 })));
      if ((vpcs.Vpcs?.length ?? 0) !== spec.vpcsPerRegion) throw new Error(`cell ${a}/${region} answered ${vpcs.Vpcs?.length} VPCs`);
      cellVpcMs.push(ms);
      cellRtbMs.push((await timed(() => c.send(new DescribeRouteTablesCommand({ MaxResults: 100 }))))[1]);
      cellPcxMs.push((await timed(() => c.send(new DescribeVpcPeeringConnectionsCommand({ MaxResults: 100 }))))[1]);
    }
  }
  console.log(
    `per cell (${cellVpcMs.length} cells, SDK round trip): DescribeVpcs p50 ${round(median(cellVpcMs))} ms p95 ${round(percentile(cellVpcMs, 95))} ms; ` +
      `DescribeRouteTables p50 ${round(median(cellRtbMs))} ms; DescribeVpcPeeringConnections p50 ${round(median(cellPcxMs))} ms`,
  );

  // (4) State file of the big organisation.
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-bench-'));
  const file = join(dir, 'state.json');
  const [, saveMs] = await timed(() => big.saveState(file));
  const [, restoreMs] = await timed(() => big.loadState(file));
  console.log(`state file of the generated organisation: saved in ${round(saveMs, 1)} ms, loaded in ${round(restoreMs, 1)} ms`);
  await big.close();

  // (5) The same organisation with a default VPC in every account and region: the loader's first
  // call in each cell makes it. Then the accounts alone, where the first DescribeVpcs makes it.
  const [withDefaults, defaultsLoadMs] = await timed(() => startSandboxServer({ scenario: { ...scenario, defaultVpcs: 'all' }, log: () => undefined }));
  const [, defaultsSaveMs] = await timed(() => withDefaults.saveState(join(dir, 'defaults.json')));
  await withDefaults.close();
  const bare = await startSandboxServer({ scenario: { ...scenario, vpcs: [], peerings: [], defaultVpcs: 'all' }, log: () => undefined });
  const firstCallMs: number[] = [];
  const secondCallMs: number[] = [];
  for (let a = 0; a < spec.accounts; a++) {
    for (const region of DEFAULT_REGIONS.slice(0, spec.regions)) {
      const c = clientFor(bare, a, region);
      const [vpcs, ms] = await timed(() => c.send(new DescribeVpcsCommand({ MaxResults: 100 })));
      if ((vpcs.Vpcs?.length ?? 0) !== 1) throw new Error(`cell ${a}/${region} answered ${vpcs.Vpcs?.length} VPCs instead of its default one`);
      firstCallMs.push(ms);
      secondCallMs.push((await timed(() => c.send(new DescribeVpcsCommand({ MaxResults: 100 }))))[1]);
    }
  }
  await bare.close();
  console.log(
    `with default VPCs everywhere: loaded in ${round(defaultsLoadMs, 1)} ms, state saved in ${round(defaultsSaveMs, 1)} ms; ` +
      `accounts alone: first DescribeVpcs per cell (makes its default VPC) p50 ${round(median(firstCallMs))} ms p95 ${round(percentile(firstCallMs, 95))} ms, ` +
      `second p50 ${round(median(secondCallMs))} ms`,
  );

  // (3b) One cell with 1,000 VPCs: every page of 100.
  const wide: ScenarioInput = {
    name: 'wide-cell',
    settings: { vpcsPerRegion: 2000 },
    defaultVpcs: 'none',
    accounts: [{ id: '100000000001', profile: 'wide' }],
    vpcs: Array.from({ length: 1000 }, (_, i) => ({ key: `v${i}`, account: 'wide', region: 'us-east-1', cidr: `10.${i >> 4}.${(i & 15) << 4}.0/20`, name: `vpc-${i}` })),
  };
  const [wideServer, wideLoadMs] = await timed(() => startSandboxServer({ scenario: wide, log: () => undefined }));
  const c = clientFor(wideServer, 0, 'us-east-1');
  const pageMs: number[] = [];
  for (let round_ = 0; round_ < 5; round_++) {
    let token: string | undefined;
    let seen = 0;
    do {
      const [out, ms] = await timed(() => c.send(new DescribeVpcsCommand({ MaxResults: 100, NextToken: token })));
      pageMs.push(ms);
      seen += out.Vpcs?.length ?? 0;
      token = out.NextToken;
    } while (token);
    if (seen !== 1000) throw new Error(`walked ${seen} VPCs instead of 1000`);
  }
  await wideServer.close();
  console.log(`1,000 VPCs in one cell (loaded in ${round(wideLoadMs, 1)} ms): DescribeVpcs pages of 100: p50 ${round(median(pageMs))} ms, p95 ${round(percentile(pageMs, 95))} ms (${pageMs.length} pages)`);

  console.log(
    JSON.stringify({
      bench: 'sandbox',
      node: process.version,
      loadavg1: round(loadavg()[0] ?? 0),
      demoLoadMs: round(median(demoMs), 1),
      generated: { ...spec, vpcs: vpcCount, peerings: peeringCount, generateMs: round(genMs, 1), loadMs: round(loadMs, 1), stateSaveMs: round(saveMs, 1), stateLoadMs: round(restoreMs, 1) },
      describeVpcsPerCell: { cells: cellVpcMs.length, maxResults: 100, p50Ms: round(median(cellVpcMs)), p95Ms: round(percentile(cellVpcMs, 95)) },
      describeRouteTablesPerCellP50Ms: round(median(cellRtbMs)),
      describePeeringsPerCellP50Ms: round(median(cellPcxMs)),
      withDefaultVpcs: {
        loadMs: round(defaultsLoadMs, 1),
        stateSaveMs: round(defaultsSaveMs, 1),
        firstDescribeVpcsPerCellP50Ms: round(median(firstCallMs)),
        firstDescribeVpcsPerCellP95Ms: round(percentile(firstCallMs, 95)),
        secondDescribeVpcsPerCellP50Ms: round(median(secondCallMs)),
      },
      describeVpcsWideCell: { vpcs: 1000, maxResults: 100, pages: pageMs.length, p50Ms: round(median(pageMs)), p95Ms: round(percentile(pageMs, 95)) },
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
