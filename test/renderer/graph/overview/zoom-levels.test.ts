import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { isOverviewZoom, SUMMARY_BELOW_ZOOM } from '../../../../renderer/graph/overview/zoom-levels';

describe('the zoom where summaries replace cards', () => {
  it("is where a card's name, as the stylesheet sizes it, would render under 6 px", () => {
    const css = readFileSync(join(import.meta.dirname, '../../../../renderer/styles.css'), 'utf8');
    const rule = /\.vpc-name\s*\{[^}]*font-size:\s*([\d.]+)px/.exec(css);
    expect(rule, '.vpc-name has a font size in px').not.toBeNull();
    expect(SUMMARY_BELOW_ZOOM * Number(rule![1])).toBeCloseTo(6, 5);
  });

  it('holds for networks of any size', () => {
    expect(isOverviewZoom(SUMMARY_BELOW_ZOOM - 0.01)).toBe(true);
    expect(isOverviewZoom(SUMMARY_BELOW_ZOOM)).toBe(false);
  });
});
