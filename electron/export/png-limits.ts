/** How large a PNG Peerscape rasterises, and the refusal above it.
 *
 * resvg holds the whole image as RGBA in memory, then a copy while encoding: measured on a
 * 40-megapixel image (8000×5000) about 400 MB at peak and a second of work, on 400 megapixels
 * over 3 GB and 20 s, enough to get the app or the CLI killed. So the size is computed from the
 * SVG before anything is drawn, and anything over the limits is refused with the size and what
 * to do instead (docs/exports.md).
 */
import type { ApiError } from '../../shared/core/result';

/** The largest PNG drawn: 16,384 px a side (what image viewers and slide tools open) and 40 megapixels. */
export const PNG_LIMITS = { maxSide: 16_384, maxPixels: 40_000_000 } as const;

/** The start of the refusal's message, so callers can tell it from other refusals. */
const TOO_LARGE = 'The diagram is too large to render as PNG';

/** The refusal for a PNG of `width` × `height` pixels, or undefined when it can be drawn. */
export function pngTooLarge(width: number, height: number): ApiError | undefined {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  if (w <= PNG_LIMITS.maxSide && h <= PNG_LIMITS.maxSide && w * h <= PNG_LIMITS.maxPixels) return undefined;
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    code: 'invalid-input',
    message: `${TOO_LARGE}: it would be ${n(w)} × ${n(h)} pixels (${n(Math.round((w * h) / 1e6))} megapixels); PNG export draws up to ${n(PNG_LIMITS.maxSide)} pixels a side and ${n(PNG_LIMITS.maxPixels / 1e6)} megapixels.`,
    fix: 'Export it as SVG, which has no size limit (--format svg), or export a smaller selection: fewer VPCs or peerings (--vpcs, --peerings).',
  };
}

/** True when `error` is the refusal of `pngTooLarge`. */
export function isPngTooLarge(error: Pick<ApiError, 'code' | 'message'>): boolean {
  return error.code === 'invalid-input' && error.message.startsWith(TOO_LARGE);
}
