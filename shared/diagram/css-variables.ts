/** The canvas's CSS custom properties, made from the diagram style (style.ts) and nothing else.
 *
 * The renderer writes these on its root element (renderer/theme/apply-theme.ts); the stylesheet
 * only refers to them, so the canvas cannot drift from the exported files.
 */
import type { CanvasEffects, DiagramPalette, DiagramTheme, EdgeLook, PaletteColour } from './style';
import { ACCOUNT_HUES, BOX_STYLES, CANVAS_EFFECTS, FONT_MONO, FONT_SANS, PALETTES } from './style';

/** A token's CSS name: `cardBorder` → `card-border`, `panel2` → `panel-2`. */
export function cssName(token: string): string {
  return token.replace(/([a-z])([A-Z])/g, '$1-$2').replace(/([a-z])(\d)/g, '$1-$2').toLowerCase();
}

/** `var(--…)` of a palette colour. */
export function colourVar(colour: PaletteColour): string {
  return `var(--${cssName(colour)})`;
}

/** Every custom property of a theme, as `[name, value]` pairs. */
export function diagramCssVariables(theme: DiagramTheme): readonly (readonly [string, string])[] {
  const palette = PALETTES[theme];
  const effects = CANVAS_EFFECTS[theme];
  return [
    ...(Object.keys(palette) as (keyof DiagramPalette)[]).map((k) => [`--${cssName(k)}`, palette[k]] as const),
    ...ACCOUNT_HUES[theme].map((hue, i) => [`--hue-${i}`, hue] as const),
    ...(Object.keys(effects) as (keyof CanvasEffects)[]).map((k) => [`--${cssName(k)}`, effects[k]] as const),
    ['--sans', FONT_SANS],
    ['--mono', FONT_MONO],
    ['--account-radius', `${BOX_STYLES.account.radius}px`],
    ['--region-radius', `${BOX_STYLES.region.radius}px`],
    ['--vpc-radius', `${BOX_STYLES.vpc.radius}px`],
    ['--tgw-radius', `${BOX_STYLES.tgw.radius}px`],
  ];
}

/** Custom properties that draw a line with `look` (the stylesheet's `.peering-line` and `.ghost-line` read them). */
export function edgeLookProperties(look: EdgeLook): Readonly<Record<'--edge-colour' | '--edge-dash' | '--edge-width', string>> {
  return { '--edge-colour': colourVar(look.colour), '--edge-dash': look.dash || 'none', '--edge-width': `${look.width}px` };
}
