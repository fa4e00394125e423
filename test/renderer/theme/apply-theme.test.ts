// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { diagramCssVariables } from '../../../shared/diagram/css-variables';
import { applyTheme } from '../../../renderer/theme/apply-theme';

const STYLESHEET = readFileSync(join(import.meta.dirname, '../../../renderer/styles.css'), 'utf8');

describe('the theme on the window', () => {
  it('writes every custom property of the diagram style on the root element, and switches theme', () => {
    const root = document.createElement('div');
    applyTheme(root, 'dark');
    for (const [name, value] of diagramCssVariables('dark')) expect(root.style.getPropertyValue(name), name).toBe(value);
    applyTheme(root, 'light');
    for (const [name, value] of diagramCssVariables('light')) expect(root.style.getPropertyValue(name), name).toBe(value);
  });

  it('leaves the stylesheet no value of its own for them: it only refers to them', () => {
    const generated = new Set(diagramCssVariables('dark').map(([name]) => name));
    const declared = [...STYLESHEET.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!);
    expect(declared.filter((name) => generated.has(name))).toEqual([]);
  });

  it('refers to no custom property that neither the style module nor the stylesheet defines', () => {
    const defined = new Set([...diagramCssVariables('dark').map(([name]) => name), ...[...STYLESHEET.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]!)]);
    // Set on elements by the components from the same style module (edgeLookProperties).
    for (const name of ['--edge-colour', '--edge-dash', '--edge-width']) defined.add(name);
    const used = new Set([...STYLESHEET.matchAll(/var\((--[\w-]+)/g)].map((m) => m[1]!));
    expect([...used].filter((name) => !defined.has(name) && !name.startsWith('--xy-'))).toEqual([]);
  });
});
