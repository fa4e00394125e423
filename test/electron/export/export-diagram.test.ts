import { XMLValidator } from 'fast-xml-parser';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

import { exportDiagram } from '../../../electron/export/export-diagram';
import { EXPORT_FORMAT_NAMES } from '../../../shared/export/export-formats';
import { buildReviewSnapshot } from '../../support/fixtures/golden/review-snapshot';

describe('exportDiagram', () => {
  it('makes a PNG at exactly twice the SVG’s size, decodable', async () => {
    const snapshot = buildReviewSnapshot();
    const svg = await exportDiagram(snapshot, { format: 'svg' });
    const png = await exportDiagram(snapshot, { format: 'png' });
    if (!svg.ok || !png.ok) throw new Error('export failed');
    expect(XMLValidator.validate(svg.value.text!)).toBe(true);
    const decoded = PNG.sync.read(Buffer.from(png.value.base64!, 'base64'));
    expect([decoded.width, decoded.height]).toEqual([svg.value.size!.width * 2, svg.value.size!.height * 2]);
    expect(png.value).toMatchObject({ mime: 'image/png', filename: 'peerscape-fixture-review-20250602-0930.png' });
  });

  it('makes every format, as plain data that can cross IPC', async () => {
    const snapshot = buildReviewSnapshot();
    for (const format of EXPORT_FORMAT_NAMES) {
      const r = await exportDiagram(snapshot, { format, selection: { peeringIds: ['pcx-0002'] } });
      expect(r.ok, format).toBe(true);
      if (r.ok) {
        expect(structuredClone(r.value)).toEqual(r.value);
        expect((r.value.text ?? r.value.base64 ?? '').length, format).toBeGreaterThan(100);
      }
    }
  });

  it('draws the layout it is given (the canvas’s view)', async () => {
    const snapshot = buildReviewSnapshot();
    const layout = {
      width: 600,
      height: 200,
      boxes: [
        { id: 'vpc-0a11', kind: 'vpc' as const, x: 0, y: 0, width: 250, height: 120 },
        { id: 'vpc-0b21', kind: 'vpc' as const, x: 350, y: 0, width: 250, height: 120 },
      ],
    };
    const r = await exportDiagram(snapshot, { format: 'svg', selection: { peeringIds: ['pcx-0001'] } }, { layout });
    expect(r.ok && r.value.text).toContain('data-peering="pcx-0001"');
  });

  it('returns refusals as values with a fix', async () => {
    const r = await exportDiagram(buildReviewSnapshot(), { format: 'svg', selection: { peeringIds: ['pcx-missing'] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'not-found' });
  });
});
