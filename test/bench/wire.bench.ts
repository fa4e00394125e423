/** Benchmark of the loopback wire encoding: `npx tsx test/bench/wire.bench.ts`.
 *
 * Builds the workspace the harness sends for a generated 1,000-VPC / 2,000-peering organisation
 * (the graph benchmark's), then times encodeWire and decodeWire on it, as the harness and the page
 * run them, in three forms: as it is (no value JSON loses), with one Date beside it (the decoder
 * walks the whole tree), and with one VPC tag keyed by the wire marker (the encoder escapes).
 * Prints the median of several rounds and ends with one line of JSON; asserts nothing.
 */
import { rmSync } from 'node:fs';

import { decodeWire, encodeWire } from '../../shared/api/wire';
import { generateSnapshot } from '../support/fixtures/snapshots/generate-snapshot';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';

const VPCS = Number(process.env.WIRE_BENCH_VPCS ?? 1000);
const ROUNDS = Number(process.env.WIRE_BENCH_ROUNDS ?? 15);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

async function main(): Promise<void> {
  const snapshot = generateSnapshot({ accounts: 10, regions: 4, vpcs: VPCS, peerings: VPCS * 2 });
  const { home, env } = makeTempHome();
  const loopback = loopbackMainApi({ home, env });
  try {
    const imported = await loopback.api.importSnapshot({ json: JSON.stringify(snapshot) });
    if (!imported.ok) throw new Error(imported.error.message);
    const workspace = await loopback.api.getWorkspace({});
    if (!workspace.ok) throw new Error(workspace.error.message);
    const plain = structuredClone(workspace);
    const withDate = { ...structuredClone(workspace), sentAt: new Date() };
    const withMarkerTag = structuredClone(workspace);
    const vpc = withMarkerTag.value.snapshot!.topology.vpcs[0]!;
    (vpc as { tags: Record<string, string> }).tags = { ...vpc.tags, __peerscape_wire: 'date' };
    const figures: Record<string, { encodeMs: number; decodeMs: number; bytes: number }> = {};
    for (const [name, value] of Object.entries({ plain, withDate, withMarkerTag })) {
      const encodes: number[] = [];
      const decodes: number[] = [];
      let bytes = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const encoded = time(() => encodeWire(value));
        bytes = encoded.value.length;
        encodes.push(encoded.ms);
        decodes.push(time(() => decodeWire(encoded.value)).ms);
      }
      figures[name] = { encodeMs: Math.round(median(encodes) * 10) / 10, decodeMs: Math.round(median(decodes) * 10) / 10, bytes };
    }
    console.log(`wire benchmark: workspace of ${snapshot.topology.vpcs.length} VPCs, ${snapshot.topology.peerings.length} peerings: ${(figures.plain!.bytes / 1e6).toFixed(2)} MB of JSON (median of ${ROUNDS})`);
    for (const [name, f] of Object.entries(figures)) console.log(`  ${name}: encode ${f.encodeMs} ms, decode ${f.decodeMs} ms`);
    console.log(JSON.stringify({ bench: 'wire', vpcs: snapshot.topology.vpcs.length, ...figures }));
  } finally {
    await loopback.api.dispose();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
