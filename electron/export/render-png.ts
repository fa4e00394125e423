/** Rasterise an exported SVG to PNG with resvg: no browser window, no network.
 *
 * resvg (github.com/yisibl/resvg-js) ships its native binary inside a registry package
 * (`@resvg/resvg-js-<platform>`), so it installs and runs offline. It resolves font families
 * itself: with `loadSystemFonts` it reads the OS's fonts (DejaVu / Liberation on Debian, Arial
 * / Segoe UI elsewhere), and `defaultFontFamily` covers text whose whole stack is missing.
 */
import { existsSync } from 'node:fs';

import { Resvg } from '@resvg/resvg-js';

import { pngTooLarge } from './png-limits';

/** Options of `renderPng`. */
export interface RenderPngOptions {
  /** Pixel density: 2 gives a sharp image on high-DPI screens and in slides (default 2). */
  readonly scale?: number;
  /** Extra font files to load (tests pin one; the app relies on the system's fonts). */
  readonly fontFiles?: readonly string[];
}

/** Fonts tried as the default family, first found wins (Debian's, then macOS's and Windows's common ones). */
const DEFAULT_FAMILIES = ['DejaVu Sans', 'Liberation Sans', 'Arial', 'Helvetica', 'Segoe UI'];

/** Debian's font files, loaded explicitly too: resvg's system scan can miss fontconfig-only paths. */
const KNOWN_FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf',
];

/** The PNG bytes of `svg` at `scale` times its size; throws before drawing anything larger than `PNG_LIMITS`. */
export function renderPng(svg: string, opts: RenderPngOptions = {}): Uint8Array {
  const scale = opts.scale ?? 2;
  if (!(scale > 0 && scale <= 8)) throw new Error(`PNG scale must be between 0 and 8, got ${scale}`);
  const fontFiles = [...KNOWN_FONT_FILES.filter((f) => existsSync(f)), ...(opts.fontFiles ?? [])];
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: {
      loadSystemFonts: true,
      fontFiles,
      defaultFontFamily: DEFAULT_FAMILIES[0]!,
      sansSerifFamily: 'DejaVu Sans',
      monospaceFamily: 'DejaVu Sans Mono',
    },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  const tooLarge = pngTooLarge(resvg.width * scale, resvg.height * scale);
  if (tooLarge) throw new Error(`${tooLarge.message} ${tooLarge.fix}`);
  return new Uint8Array(resvg.render().asPng());
}
