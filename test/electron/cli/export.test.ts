import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';

import { EXPORT_EXIT } from '../../../electron/cli/commands/export';
import { runCli } from '../../../electron/cli/main';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';

const dir = mkdtempSync(join(tmpdir(), 'peerscape-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 's.json'), JSON.stringify(buildReviewSnapshot()));
// Output folders are never created by the CLI.
mkdirSync(join(dir, 'out'));
mkdirSync(join(dir, 'inv'));

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['export', ...argv], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    readFile: (path) => readFile(join(dir, path), 'utf8'),
    env: {},
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe('peerscape export', () => {
  it('writes a PNG at twice the SVG’s size, without a browser', async () => {
    expect((await run('--snapshot', 's.json', '--format', 'svg', '--out', 'out/t.svg')).code).toBe(0);
    const png = await run('--snapshot', 's.json', '--format', 'png', '--out', 'out/t.png');
    expect(png.code).toBe(0);
    const svg = readFileSync(join(dir, 'out/t.svg'), 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!;
    const decoded = PNG.sync.read(readFileSync(join(dir, 'out/t.png')));
    expect([decoded.width, decoded.height]).toEqual([Number(w) * 2, Number(h) * 2]);
    expect(png.stderr).toContain(`(${Number(w) * 2}×${Number(h) * 2})`);
  });

  it('prints text formats to stdout without --out', async () => {
    const r = await run('--snapshot', 's.json', '--format', 'mermaid', '--peerings', 'pcx-0001');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('flowchart LR');
    expect(r.stdout).toContain('pcx-0001');
    expect(r.stdout).not.toContain('pcx-0002');
  });

  it('leaves deleted peerings out unless --include-deleted or --peerings names them', async () => {
    const review = buildReviewSnapshot();
    const deleted = { ...review, topology: { ...review.topology, peerings: review.topology.peerings.map((p) => (p.id === 'pcx-0003' ? { ...p, status: 'deleted' as const } : p)) } };
    writeFileSync(join(dir, 'deleted.json'), JSON.stringify(deleted));
    const rows = async (...extra: string[]) => (await run('--snapshot', 'deleted.json', '--format', 'csv', '--table', 'peerings', ...extra)).stdout;
    expect(await rows()).not.toContain('pcx-0003');
    expect(await rows('--include-deleted')).toContain('pcx-0003');
    expect(await rows('--peerings', 'pcx-0003')).toContain('pcx-0003');
  });

  it('writes one CSV per table, or one table with --table', async () => {
    expect((await run('--snapshot', 's.json', '--format', 'csv', '--out', 'inv/inventory.csv')).code).toBe(0);
    expect(readdirSync(join(dir, 'inv')).sort()).toEqual([
      'inventory.cidr-conflicts.csv',
      'inventory.non-transitive-pairs.csv',
      'inventory.peerings.csv',
      'inventory.route-gaps.csv',
      'inventory.vpcs.csv',
    ]);
    const one = await run('--snapshot', 's.json', '--format', 'csv', '--table', 'vpcs');
    expect(one.stdout.split('\r\n')[0]).toBe('\uFEFFAccount,Account name,Account alias,Account OU,Region,Name,VPC id,Primary CIDR,Secondary CIDRs,IPv6 CIDRs,Scanned');
  });

  it('writes Terraform and an executable script for a planned pair', async () => {
    const tf = await run('--snapshot', 's.json', '--format', 'tf', '--plan', 'vpc-0a11:vpc-0b22', '--dns', '--out', 'p.tf');
    expect(tf.code).toBe(0);
    expect(readFileSync(join(dir, 'p.tf'), 'utf8')).toContain('resource "aws_vpc_peering_connection_accepter"');
    expect((await run('--snapshot', 's.json', '--format', 'sh', '--plan', 'vpc-0a11:vpc-0b22', '--out', 'p.sh')).code).toBe(0);
    expect(statSync(join(dir, 'p.sh')).mode & 0o111).not.toBe(0);
  });

  it('says what to fix for bad arguments and refused exports', async () => {
    const bad = await run('--snapshot', 's.json', '--format', 'pdf');
    expect(bad.code).toBe(EXPORT_EXIT.usage);
    expect(bad.stderr).toContain('--format must be one of svg, png, drawio, mermaid, dot, md, csv, tf, sh');
    const missing = await run('--snapshot', 's.json', '--format', 'svg', '--peerings', 'pcx-nope');
    expect(missing.code).toBe(EXPORT_EXIT.usage);
    expect(missing.stderr).toContain('no peering pcx-nope');
    const overlap = await run('--snapshot', 's.json', '--format', 'tf', '--plan', 'vpc-0b21:vpc-0c32');
    expect(overlap.code).toBe(EXPORT_EXIT.refused);
    const noFile = await run('--snapshot', 'nope.json', '--format', 'md');
    expect(noFile.code).toBe(EXPORT_EXIT.usage);
    expect(noFile.stderr).toContain('cannot read');
    writeFileSync(join(dir, 'bad.json'), '{"schemaVersion":1}');
    const notSnapshot = await run('--snapshot', 'bad.json', '--format', 'md');
    expect(notSnapshot.stderr).toContain('is not a valid Peerscape snapshot');
    expect((await run('--snapshot', 's.json', '--format', 'png')).stderr).toContain('--out FILE');
  });
});
