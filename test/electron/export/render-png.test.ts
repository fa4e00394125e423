import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

import { renderPng } from '../../../electron/export/render-png';

const TEXT_ONLY = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#000"/><text x="6" y="28" font-family="Inter, 'Segoe UI', system-ui, sans-serif" font-size="20" fill="#fff">vpc-0a1b</text></svg>`;

describe('renderPng', () => {
  it('rasterises at twice the SVG size by default', () => {
    const png = PNG.sync.read(Buffer.from(renderPng(TEXT_ONLY)));
    expect([png.width, png.height]).toEqual([240, 80]);
  });

  it('finds a system font, so text is drawn rather than dropped', () => {
    const png = PNG.sync.read(Buffer.from(renderPng(TEXT_ONLY, { scale: 1 })));
    let lit = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! > 128) lit++;
    // "vpc-0a1b" at 20 px covers a few hundred pixels; no font found would leave none.
    expect(lit).toBeGreaterThan(150);
  });

  it('refuses a silly scale with a clear message', () => {
    expect(() => renderPng(TEXT_ONLY, { scale: 0 })).toThrow(/between 0 and 8/);
  });
});
