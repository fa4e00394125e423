/**
 * Golden files: every text format of two snapshots, compared byte for byte.
 *
 * - `demo.*`: a real `peerscape scan --sandbox demo` of the sandbox cloud's demo organisation
 *   (discovery through the AWS SDK), with the scan time normalised.
 * - `review.*`: the hand-made review fixture (test/support/fixtures/golden/review-snapshot.ts).
 *
 * After an intended change: `UPDATE_GOLDENS=1 npx vitest run test/electron/export/goldens.test.ts`,
 * then look at the diff (and at the images) before committing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runScan } from '../../../electron/cli/commands/scan';
import { exportDiagram } from '../../../electron/export/export-diagram';
import { exportCsvTables } from '../../../shared/export/csv';
import { buildExportDocument } from '../../../shared/export/export-document';
import type { ExportRequest } from '../../../shared/export/export-formats';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';
import type { Snapshot } from '../../../shared/model/snapshot';
import { validatePeering } from '../../../shared/analysis/validate-peering';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';

const GOLDEN_DIR = join(import.meta.dirname, '../../support/fixtures/golden');
const UPDATE = process.env.UPDATE_GOLDENS === '1';
const FIXED_TIME = '2026-01-01T12:00:00.000Z';

const work = mkdtempSync(join(tmpdir(), 'peerscape-golden-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function compare(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (UPDATE || !existsSync(file)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    if (!UPDATE) throw new Error(`${name} had no golden file; wrote one: review it and run again`);
    return;
  }
  expect(actual, `${name} differs from its golden file (UPDATE_GOLDENS=1 to accept an intended change)`).toBe(readFileSync(file, 'utf8'));
}

/** The normalised sandbox demo, scanned for real. */
async function scanDemo(): Promise<Snapshot> {
  const out = join(work, 'demo.json');
  let stderr = '';
  const code = await runScan(['--sandbox', 'demo', '--out', out], { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, env: {}, cwd: work });
  if (code !== 0) throw new Error(`scan failed (${code}): ${stderr}`);
  const parsed = parseSnapshot(readFileSync(out, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const s = parsed.snapshot;
  // Scan time and pending expiry move with the clock; nothing else does.
  return {
    ...s,
    takenAt: FIXED_TIME,
    topology: { ...s.topology, peerings: s.topology.peerings.map((p) => (p.expirationTime ? { ...p, expirationTime: FIXED_TIME } : p)) },
  };
}

async function text(snapshot: Snapshot, request: ExportRequest): Promise<string> {
  const r = await exportDiagram(snapshot, request);
  if (!r.ok) throw new Error(`${request.format}: ${r.error.message}`);
  return r.value.text!;
}

async function checkAll(prefix: string, snapshot: Snapshot): Promise<void> {
  compare(`${prefix}.svg`, await text(snapshot, { format: 'svg', theme: 'dark' }));
  compare(`${prefix}.light.svg`, await text(snapshot, { format: 'svg', theme: 'light' }));
  compare(`${prefix}.drawio`, await text(snapshot, { format: 'drawio' }));
  compare(`${prefix}.mmd`, await text(snapshot, { format: 'mermaid' }));
  compare(`${prefix}.dot`, await text(snapshot, { format: 'dot' }));
  compare(`${prefix}.md`, await text(snapshot, { format: 'md' }));
  const doc = buildExportDocument(snapshot);
  if (!doc.ok) throw new Error(doc.error.message);
  for (const [table, csv] of Object.entries(exportCsvTables(doc.value))) compare(`${prefix}.${table}.csv`, csv);
  const live = snapshot.topology.peerings.filter((p) => p.status === 'active' || p.status === 'pending-acceptance').map((p) => p.id);
  compare(`${prefix}.existing.tf`, await text(snapshot, { format: 'tf', selection: { peeringIds: live } }));
  compare(`${prefix}.existing.sh`, await text(snapshot, { format: 'sh', selection: { peeringIds: live } }));
  const plan = firstPlannablePair(snapshot);
  compare(`${prefix}.planned.tf`, await text(snapshot, { format: 'tf', plan, dnsResolution: true }));
  compare(`${prefix}.planned.sh`, await text(snapshot, { format: 'sh', plan, dnsResolution: true }));
  const png = await exportDiagram(snapshot, { format: 'png' });
  if (!png.ok) throw new Error(png.error.message);
  const decoded = PNG.sync.read(Buffer.from(png.value.base64!, 'base64'));
  expect([decoded.width, decoded.height]).toEqual([png.value.size!.width, png.value.size!.height]);
  if (UPDATE) writeFileSync(join(work, `${prefix}.png`), Buffer.from(png.value.base64!, 'base64'));
}

/** The first pair (by id) AWS would let peer, cross-account if possible: a stable planned example. */
function firstPlannablePair(snapshot: Snapshot): { requesterVpcId: string; accepterVpcId: string } {
  const vpcs = [...snapshot.topology.vpcs].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const crossAccount of [true, false]) {
    for (const a of vpcs) {
      for (const b of vpcs) {
        if (a.id === b.id || (a.accountId !== b.accountId) !== crossAccount) continue;
        if (validatePeering(snapshot.topology, a.id, b.id).ok) return { requesterVpcId: a.id, accepterVpcId: b.id };
      }
    }
  }
  throw new Error('no two VPCs of the snapshot can be peered');
}

describe('golden exports', () => {
  let demo: Snapshot;
  beforeAll(async () => {
    demo = await scanDemo();
  }, 120_000);

  it('match for the scanned sandbox demo', async () => {
    expect(demo.source).toBe('sandbox:demo');
    expect(demo.topology.peerings.length).toBeGreaterThan(5);
    await checkAll('demo', demo);
  });

  it('match for the hand-made review fixture', async () => {
    await checkAll('review', buildReviewSnapshot());
  });

  it('draw no peering label over a VPC card, in either snapshot', async () => {
    for (const snapshot of [demo, buildReviewSnapshot()]) {
      const svg = await text(snapshot, { format: 'svg' });
      const cards = rectsOf(svg, 'data-vpc');
      const labels = rectsOf(svg, 'data-label');
      expect(cards.size).toBeGreaterThanOrEqual(snapshot.topology.vpcs.length);
      expect(labels.size).toBeGreaterThan(0);
      const covered = [...labels].flatMap(([pcx, l]) => [...cards].filter(([, c]) => l.x < c.x + c.width && c.x < l.x + l.width && l.y < c.y + c.height && c.y < l.y + l.height).map(([vpc]) => `${pcx} over ${vpc}`));
      expect(covered, snapshot.source).toEqual([]);
    }
  });
});

/** The first rect of each group marked with `attribute` (its id as the key). */
function rectsOf(svg: string, attribute: string): Map<string, { x: number; y: number; width: number; height: number }> {
  const out = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const m of svg.matchAll(new RegExp(`<g ${attribute}="([^"]+)"><rect x="([-\\d.]+)" y="([-\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"`, 'g'))) {
    out.set(m[1]!, { x: Number(m[2]), y: Number(m[3]), width: Number(m[4]), height: Number(m[5]) });
  }
  return out;
}
