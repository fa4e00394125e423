/** The theme's CSS custom properties on the window's root element, from the diagram style.
 *
 * Written through the CSS object model (`style.setProperty`), which the page's Content Security
 * Policy (`style-src 'self'`, no inline style attributes or elements) allows.
 */
import { useLayoutEffect } from 'react';
import type { RefObject } from 'react';

import { diagramCssVariables } from '../../shared/diagram/css-variables';
import type { DiagramTheme } from '../../shared/diagram/style';

/** Set every custom property of `theme` on `el`. */
export function applyTheme(el: HTMLElement, theme: DiagramTheme): void {
  for (const [name, value] of diagramCssVariables(theme)) el.style.setProperty(name, value);
}

/** Keep `ref`'s element on `theme`'s properties, before the browser paints. */
export function useThemeVariables(ref: RefObject<HTMLElement | null>, theme: DiagramTheme): void {
  useLayoutEffect(() => {
    if (ref.current) applyTheme(ref.current, theme);
  }, [ref, theme]);
}
