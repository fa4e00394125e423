/** The look of a topology diagram: palettes, fonts and how a peering edge is drawn.
 *
 * Colours are renderer/styles.css's variables (dark `.app` and `.app.theme-light`), so an
 * exported image looks like the canvas. The canvas can import `peeringEdgeStyle` too, so the
 * two never disagree on what a dashed amber line means.
 */
import type { PeeringRouteCompleteness, RouteSummary } from '../analysis/route-completeness';
import { assertNever } from '../api/result';
import type { Peering, PeeringStatus } from '../model/topology';

/** A colour theme of the diagram. */
export type DiagramTheme = 'dark' | 'light';

/** Colours of one theme (names follow the CSS variables). */
export interface DiagramPalette {
  readonly bg: string;
  readonly panel: string;
  readonly panel2: string;
  readonly border: string;
  readonly text: string;
  readonly muted: string;
  readonly accent: string;
  readonly accent2: string;
  readonly ok: string;
  readonly warn: string;
  readonly bad: string;
  readonly pending: string;
}

/** renderer/styles.css, `.app` (dark) and `.app.theme-light`. */
export const PALETTES: Readonly<Record<DiagramTheme, DiagramPalette>> = {
  dark: {
    bg: '#0b1220',
    panel: '#111a2b',
    panel2: '#17223a',
    border: '#24324d',
    text: '#e6edf7',
    muted: '#8a9ab5',
    accent: '#4f8cff',
    accent2: '#38bdf8',
    ok: '#22c55e',
    warn: '#f59e0b',
    bad: '#ef4444',
    pending: '#eab308',
  },
  light: {
    bg: '#f4f6fb',
    panel: '#ffffff',
    panel2: '#eef2f9',
    border: '#d5dcea',
    text: '#132035',
    muted: '#5b6b86',
    accent: '#2563eb',
    accent2: '#0284c7',
    // The light theme keeps the dark theme's status colours in styles.css; on white, these
    // slightly deeper shades of the same hues keep 3:1 contrast for thin lines (WCAG 1.4.11).
    ok: '#16a34a',
    warn: '#d97706',
    bad: '#dc2626',
    pending: '#ca8a04',
  },
};

/**
 * The canvas's font stacks, with fonts that Debian, macOS and Windows ship added before the
 * generic family: a rasteriser without a browser (resvg) resolves names itself and needs a
 * family it can find. No remote fonts are referenced.
 */
export const FONT_SANS = "Inter, 'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif";
/** Monospace stack for ids and CIDRs. */
export const FONT_MONO = "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

/** How well a peering's routes are in place, over both sides. */
export type PeeringRouteState = 'complete' | 'partial' | 'none' | 'unknown' | 'not-applicable';

/** One of the edge looks the legend explains. */
export type EdgeCategory =
  | 'active-complete'
  | 'active-partial'
  | 'active-none'
  | 'active-unknown'
  | 'pending'
  | 'in-progress'
  | 'failed'
  | 'gone';

/** A palette key (so a style is theme-independent) and a stroke pattern. */
export interface EdgeStyle {
  readonly category: EdgeCategory;
  readonly colour: keyof DiagramPalette;
  /** SVG `stroke-dasharray`, empty for a solid line. */
  readonly dash: string;
  readonly width: number;
  /** Legend text. */
  readonly label: string;
}

/** Every edge look, in legend order. */
export const EDGE_STYLES: readonly EdgeStyle[] = [
  { category: 'active-complete', colour: 'ok', dash: '', width: 2.5, label: 'Active, routes complete' },
  { category: 'active-partial', colour: 'warn', dash: '', width: 2.5, label: 'Active, routes partial' },
  { category: 'active-none', colour: 'bad', dash: '', width: 2.5, label: 'Active, no routes' },
  { category: 'active-unknown', colour: 'accent', dash: '', width: 2.5, label: 'Active, a side not scanned' },
  { category: 'pending', colour: 'pending', dash: '8 5', width: 2, label: 'Pending acceptance' },
  { category: 'in-progress', colour: 'accent2', dash: '8 5', width: 2, label: 'Initiating / provisioning' },
  { category: 'failed', colour: 'bad', dash: '2 5', width: 2, label: 'Failed / rejected' },
  { category: 'gone', colour: 'muted', dash: '2 5', width: 1.5, label: 'Expired / deleting / deleted' },
];

const STYLE_BY_CATEGORY = new Map(EDGE_STYLES.map((s) => [s.category, s]));

/** Combine both sides' route summaries into one state. */
export function combineRouteSummaries(requester: RouteSummary, accepter: RouteSummary): Exclude<PeeringRouteState, 'not-applicable'> {
  if (requester === 'complete' && accepter === 'complete') return 'complete';
  if (requester === 'none' && accepter === 'none') return 'none';
  if (requester === 'partial' || accepter === 'partial') return 'partial';
  // One side complete or none, the other unknown: nothing proves the peering carries traffic.
  if (requester === 'unknown' || accepter === 'unknown') return requester === 'none' || accepter === 'none' ? 'partial' : 'unknown';
  return 'partial';
}

/** A peering's route state; `not-applicable` when its status carries no traffic anyway. */
export function peeringRouteState(completeness: PeeringRouteCompleteness | undefined): PeeringRouteState {
  if (!completeness) return 'not-applicable';
  return combineRouteSummaries(completeness.requester.summary, completeness.accepter.summary);
}

/** The edge look for a peering with its route completeness (from `computeRouteCompleteness`). */
export function peeringEdgeStyle(peering: Pick<Peering, 'status'>, completeness: PeeringRouteCompleteness | undefined): EdgeStyle {
  return STYLE_BY_CATEGORY.get(edgeCategory(peering.status, peeringRouteState(completeness)))!;
}

function edgeCategory(status: PeeringStatus, routes: PeeringRouteState): EdgeCategory {
  switch (status) {
    case 'active':
      switch (routes) {
        case 'complete':
          return 'active-complete';
        case 'partial':
          return 'active-partial';
        case 'none':
          return 'active-none';
        case 'unknown':
        case 'not-applicable':
          return 'active-unknown';
        default:
          return assertNever(routes);
      }
    case 'pending-acceptance':
      return 'pending';
    case 'initiating-request':
    case 'provisioning':
      return 'in-progress';
    case 'failed':
    case 'rejected':
      return 'failed';
    case 'expired':
    case 'deleting':
    case 'deleted':
      return 'gone';
    default:
      return assertNever(status);
  }
}
