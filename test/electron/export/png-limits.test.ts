/**
 * PNG export of a diagram too large to draw safely is refused before resvg draws anything, with
 * the size and what to do instead; the CLI exits 2 with that sentence and writes no file.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';

import { CLI_EXIT, runCli } from '../../../electron/cli/main';
import { exportDiagram } from '../../../electron/export/export-diagram';
import { isPngTooLarge, PNG_LIMITS } from '../../../electron/export/png-limits';
import { renderPng } from '../../../electron/export/render-png';
import type { DiagramLayout } from '../../../shared/diagram/layout';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';
import { generateSnapshot } from '../../support/fixtures/snapshots/generate-snapshot';

const dir = mkdtempSync(join(tmpdir(), 'peerscape-png-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The canvas's view of two VPCs `gap` pixels apart, `height` tall. */
function twoBoxes(gap: number, height = 120): DiagramLayout {
  return {
    width: gap + 250,
    height,
    boxes: [
      { id: 'vpc-0a11', kind: 'vpc', x: 0, y: 0, width: 250, height },
      { id: 'vpc-0b21', kind: 'vpc', x: gap, y: 0, width: 250, height },
    ],
  };
}

const selection = { peeringIds: ['pcx-0001'] };

describe('PNG export size limits', () => {
  it('refuses a PNG wider than the limit with its size and a hint, and draws the same view as SVG', async () => {
    const layout = twoBoxes(8300);
    const svg = await exportDiagram(buildReviewSnapshot(), { format: 'svg', selection }, { layout });
    if (!svg.ok) throw new Error(svg.error.message);
    const { width, height } = svg.value.size!;
    expect(width * 2).toBeGreaterThan(PNG_LIMITS.maxSide);

    const png = await exportDiagram(buildReviewSnapshot(), { format: 'png', selection }, { layout });
    expect(png.ok).toBe(false);
    if (png.ok) return;
    expect(png.error.code).toBe('invalid-input');
    expect(png.error.message).toContain(`${(width * 2).toLocaleString('en-US')} × ${(height * 2).toLocaleString('en-US')} pixels`);
    expect(png.error.message).toContain('16,384 pixels a side');
    expect(png.error.fix).toMatch(/SVG/);
    expect(png.error.fix).toMatch(/smaller selection/);
    expect(isPngTooLarge(png.error)).toBe(true);
    expect(structuredClone(png)).toEqual(png);

    // At 1× the same view fits, and is drawn.
    const small = await exportDiagram(buildReviewSnapshot(), { format: 'png', selection }, { layout, pngScale: 1 });
    if (!small.ok) throw new Error(small.error.message);
    const decoded = PNG.sync.read(Buffer.from(small.value.base64!, 'base64'));
    expect([decoded.width, decoded.height]).toEqual([width, height]);
  });

  it('refuses a PNG over the pixel limit even when each side fits', async () => {
    const layout = twoBoxes(4200, 4400);
    const png = await exportDiagram(buildReviewSnapshot(), { format: 'png', selection }, { layout });
    expect(png.ok).toBe(false);
    if (!png.ok) expect(png.error.message).toMatch(/\(\d+ megapixels\).*40 megapixels/);
  });

  it('renderPng itself refuses before drawing, whoever calls it', () => {
    const huge = `<svg xmlns="http://www.w3.org/2000/svg" width="20000" height="20000"><rect width="20000" height="20000"/></svg>`;
    const started = Date.now();
    expect(() => renderPng(huge)).toThrow(/40,000 × 40,000 pixels/);
    // Refused from the declared size: nothing of 1.6 gigapixels was drawn.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(isPngTooLarge({ code: 'invalid-input', message: 'The snapshot has no peering pcx-1.' })).toBe(false);
  });

  it('the CLI exits 2 with the size and the hint, and writes no file', async () => {
    writeFileSync(join(dir, 'big.json'), JSON.stringify(generateSnapshot({ accounts: 8, regions: 8, vpcs: 800, peerings: 800 })));
    let stderr = '';
    const code = await runCli(['export', '--snapshot', 'big.json', '--format', 'png', '--out', 'big.png'], {
      stdout: { write: () => true },
      stderr: { write: (t: string) => (stderr += t) },
      readFile: (path) => readFile(join(dir, path), 'utf8'),
      env: {},
      cwd: dir,
    });
    expect(code).toBe(CLI_EXIT.usage);
    expect(stderr).toMatch(/^peerscape export: The diagram is too large to render as PNG: it would be [\d,]+ × [\d,]+ pixels/);
    expect(stderr).toContain('--format svg');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'big.png'))).toBe(false);
  }, 60_000);
});
