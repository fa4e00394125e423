import { describe, expect, it } from 'vitest';

import { colourVar, cssName, diagramCssVariables, edgeLookProperties } from '../../../shared/diagram/css-variables';
import { ACCOUNT_HUES, EDGE_STYLES, LINE_DASH, PALETTES } from '../../../shared/diagram/style';

describe('the canvas custom properties of the diagram style', () => {
  it('name every palette colour after its token, in kebab case', () => {
    expect(cssName('panel2')).toBe('panel-2');
    expect(cssName('cardBorder')).toBe('card-border');
    expect(cssName('accent2')).toBe('accent-2');
    expect(colourVar('borderSoft')).toBe('var(--border-soft)');
    for (const theme of ['dark', 'light'] as const) {
      const vars = new Map(diagramCssVariables(theme));
      for (const [token, colour] of Object.entries(PALETTES[theme])) expect(vars.get(`--${cssName(token)}`), token).toBe(colour);
      ACCOUNT_HUES[theme].forEach((hue, i) => expect(vars.get(`--hue-${i}`)).toBe(hue));
    }
  });

  it('define the same properties in both themes, each once', () => {
    const dark = diagramCssVariables('dark').map(([n]) => n);
    const light = diagramCssVariables('light').map(([n]) => n);
    expect(light).toEqual(dark);
    expect(new Set(dark).size).toBe(dark.length);
  });

  it('draw an edge with its style’s palette colour, dash and width', () => {
    const pending = EDGE_STYLES.find((s) => s.category === 'pending')!;
    expect(edgeLookProperties(pending)).toEqual({ '--edge-colour': 'var(--pending)', '--edge-dash': LINE_DASH.dashed, '--edge-width': '2px' });
    const active = EDGE_STYLES.find((s) => s.category === 'active-complete')!;
    expect(edgeLookProperties(active)['--edge-dash']).toBe('none');
    for (const s of EDGE_STYLES) expect(s.dash).toBe(LINE_DASH[s.line]);
  });
});
