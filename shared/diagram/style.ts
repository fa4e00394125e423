/** The look of a topology diagram, on the canvas and in every exported file: one source.
 *
 * Palettes per theme, the account hues, fonts, how each kind of box is drawn and how a peering
 * edge is drawn for its status and route state. The canvas's CSS custom properties are made from
 * these tables (css-variables.ts, written on the window's root element by the renderer), its
 * overview canvas and legend read them directly, and the exporters draw from a scene resolved
 * with them (scene.ts), so a dashed yellow line means the same thing everywhere.
 */
import type { PeeringRouteCompleteness, RouteSummary } from '../analysis/route-completeness';
import { assertNever } from '../core/result';
import type { Peering, PeeringStatus } from '../model/topology';

/** A colour theme of the diagram. */
export type DiagramTheme = 'dark' | 'light';

/** Every colour of one theme; each is the CSS variable of the same name in kebab case (`panel2` is `--panel-2`). */
export interface DiagramPalette {
  /** The window behind the panels, and an exported image's background. */
  readonly bg: string;
  /** The canvas under the diagram. */
  readonly canvas: string;
  readonly panel: string;
  readonly panel2: string;
  readonly border: string;
  readonly borderSoft: string;
  readonly text: string;
  readonly muted: string;
  readonly accent: string;
  readonly accent2: string;
  readonly ok: string;
  readonly warn: string;
  readonly bad: string;
  /** Waiting for the other side: a yellow apart from `warn`'s amber (partial routes). */
  readonly pending: string;
  /** Work in progress (a scan cell, a provisioning peering). */
  readonly info: string;
  /** Cancelled or gone. */
  readonly gone: string;
  readonly accountBorder: string;
  readonly regionBorder: string;
  readonly card: string;
  readonly cardBorder: string;
  readonly chip: string;
  readonly chipText: string;
}

export const PALETTES: Readonly<Record<DiagramTheme, DiagramPalette>> = {
  dark: {
    bg: '#0b1220',
    canvas: '#0c1424',
    panel: '#111a2b',
    panel2: '#17223a',
    border: '#24324d',
    borderSoft: '#1c2942',
    text: '#e6edf7',
    muted: '#8a9ab5',
    accent: '#4f8cff',
    accent2: '#38bdf8',
    ok: '#22c55e',
    warn: '#f59e0b',
    bad: '#ef4444',
    pending: '#eab308',
    info: '#38bdf8',
    gone: '#8190a8',
    accountBorder: '#2a3b5c',
    regionBorder: '#2b3a57',
    card: '#121c30',
    cardBorder: '#2c3c5e',
    chip: '#1b2942',
    chipText: '#c9d6ea',
  },
  light: {
    bg: '#f4f6fb',
    canvas: '#f5f7fb',
    panel: '#ffffff',
    panel2: '#eef2f9',
    border: '#d5dcea',
    borderSoft: '#e3e8f2',
    text: '#132035',
    muted: '#5b6b86',
    accent: '#2563eb',
    accent2: '#0284c7',
    // On white, deeper shades of the dark theme's status hues keep 3:1 contrast for thin lines (WCAG 1.4.11).
    ok: '#16a34a',
    warn: '#d97706',
    bad: '#dc2626',
    pending: '#ca8a04',
    info: '#0284c7',
    gone: '#7b8799',
    accountBorder: '#c8d3e6',
    regionBorder: '#d3dbea',
    card: '#ffffff',
    cardBorder: '#cfd8e8',
    chip: '#eef3fb',
    chipText: '#1e3354',
  },
};

/** A palette colour by name, so a style holds for both themes. */
export type PaletteColour = keyof DiagramPalette;

/**
 * Each account has a colour (its frame and the stripe of its cards), by its place among the
 * diagram's accounts sorted by id; accounts cycle through these.
 */
export const ACCOUNT_HUES: Readonly<Record<DiagramTheme, readonly string[]>> = {
  dark: ['#4f8cff', '#a78bfa', '#2dd4bf', '#f472b6', '#22d3ee', '#818cf8', '#e879f9', '#94a3b8'],
  light: ['#2563eb', '#7c3aed', '#0d9488', '#db2777', '#0891b2', '#4f46e5', '#c026d3', '#64748b'],
};

/** How many account hues there are. */
export const ACCOUNT_HUE_COUNT = 8;

/** The hue index of the account at `index` in the sorted account list. */
export function accountHue(index: number): number {
  return index % ACCOUNT_HUE_COUNT;
}

/** Translucent fills, shadows and the dimming of the canvas (CSS values; no exporter draws these). */
export interface CanvasEffects {
  readonly accountBg: string;
  readonly regionBg: string;
  readonly cardShadow: string;
  /** Opacity of a dimmed card. */
  readonly dim: string;
}

export const CANVAS_EFFECTS: Readonly<Record<DiagramTheme, CanvasEffects>> = {
  dark: {
    accountBg: 'rgba(79, 140, 255, 0.045)',
    regionBg: 'rgba(148, 163, 184, 0.05)',
    cardShadow: '0 1px 2px rgba(0, 0, 0, 0.35), 0 6px 18px rgba(0, 0, 0, 0.22)',
    dim: '0.16',
  },
  light: {
    accountBg: 'rgba(37, 99, 235, 0.035)',
    regionBg: 'rgba(255, 255, 255, 0.75)',
    cardShadow: '0 1px 2px rgba(15, 23, 42, 0.06), 0 4px 14px rgba(15, 23, 42, 0.06)',
    dim: '0.2',
  },
};

/**
 * Font stacks, with fonts that Debian, macOS and Windows ship before the generic family: a
 * rasteriser without a browser (resvg) resolves names itself and needs a family it can find.
 * No remote fonts are referenced.
 */
export const FONT_SANS = "Inter, 'Segoe UI', system-ui, -apple-system, Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif";
/** Monospace stack for ids and CIDRs. */
export const FONT_MONO = "'JetBrains Mono', 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

/** How a box of the diagram is drawn. */
export interface BoxStyle {
  readonly fill: PaletteColour;
  /** Border colour; `hue` for the account's colour. */
  readonly stroke: PaletteColour | 'hue';
  readonly strokeWidth: number;
  /** SVG `stroke-dasharray`, empty for a solid border. */
  readonly dash: string;
  /** Corner radius in pixels. */
  readonly radius: number;
  /** The stripe down a card's left side (and the border of a file format without stripes). */
  readonly stripe: PaletteColour | 'hue';
  /** Title colour. */
  readonly text: PaletteColour;
}

/** Kinds of boxes, with the two marked kinds of VPC card and the two of transit gateway hub. */
export type BoxStyleName = 'account' | 'region' | 'vpc' | 'vpc-conflict' | 'vpc-external' | 'tgw' | 'tgw-unread';

export const BOX_STYLES: Readonly<Record<BoxStyleName, BoxStyle>> = {
  account: { fill: 'panel', stroke: 'accountBorder', strokeWidth: 1.5, dash: '', radius: 16, stripe: 'hue', text: 'text' },
  region: { fill: 'panel2', stroke: 'regionBorder', strokeWidth: 1, dash: '5 4', radius: 12, stripe: 'accent2', text: 'muted' },
  vpc: { fill: 'card', stroke: 'cardBorder', strokeWidth: 1, dash: '', radius: 10, stripe: 'hue', text: 'text' },
  'vpc-conflict': { fill: 'card', stroke: 'bad', strokeWidth: 1.5, dash: '', radius: 10, stripe: 'bad', text: 'text' },
  'vpc-external': { fill: 'card', stroke: 'cardBorder', strokeWidth: 1, dash: '4 3', radius: 10, stripe: 'gone', text: 'muted' },
  // A hub: a card rounder than a VPC's, its whole border in the owner's colour.
  tgw: { fill: 'card', stroke: 'hue', strokeWidth: 2, dash: '', radius: 22, stripe: 'hue', text: 'text' },
  // A hub whose routing the snapshot does not hold (a shared gateway whose owner was not scanned).
  'tgw-unread': { fill: 'card', stroke: 'hue', strokeWidth: 2, dash: '6 4', radius: 22, stripe: 'gone', text: 'text' },
};

/** How well a peering's routes are in place, over both sides. */
export type PeeringRouteState = 'complete' | 'partial' | 'none' | 'unknown' | 'nothing-to-route' | 'not-applicable';

/** One of the edge looks the legends explain. */
export type EdgeCategory =
  | 'active-complete'
  | 'active-partial'
  | 'active-none'
  | 'active-unknown'
  | 'active-idle'
  | 'pending'
  | 'in-progress'
  | 'failed'
  | 'deleting'
  | 'gone';

/** A line pattern; file formats without dash arrays (DOT) name it. */
export type LinePattern = 'solid' | 'dashed' | 'dotted';

/** SVG `stroke-dasharray` of each pattern, for round-capped lines. */
export const LINE_DASH: Readonly<Record<LinePattern, string>> = { solid: '', dashed: '8 6', dotted: '1 6' };

/** A palette key (so a style is theme-independent), a pattern and a width. */
export interface EdgeLook {
  readonly colour: PaletteColour;
  readonly line: LinePattern;
  /** SVG `stroke-dasharray` (`LINE_DASH[line]`), empty for a solid line. */
  readonly dash: string;
  readonly width: number;
}

/** The look of one category of peering edge. */
export interface EdgeStyle extends EdgeLook {
  readonly category: EdgeCategory;
  /** Legend text. */
  readonly label: string;
}

function edge(category: EdgeCategory, colour: PaletteColour, line: LinePattern, width: number, label: string): EdgeStyle {
  return { category, colour, line, dash: LINE_DASH[line], width, label };
}

/** Every edge look, in legend order. */
export const EDGE_STYLES: readonly EdgeStyle[] = [
  edge('active-complete', 'ok', 'solid', 2.5, 'Active, routes complete'),
  edge('active-partial', 'warn', 'solid', 2.5, 'Active, routes partial'),
  edge('active-none', 'bad', 'solid', 2.5, 'Active, no routes'),
  edge('active-unknown', 'accent', 'solid', 2.5, 'Active, a side not scanned'),
  edge('active-idle', 'muted', 'solid', 2, 'Active, a VPC has no subnets'),
  edge('pending', 'pending', 'dashed', 2, 'Pending acceptance'),
  edge('in-progress', 'info', 'dashed', 2, 'Initiating / provisioning'),
  edge('failed', 'bad', 'dotted', 2, 'Failed / rejected'),
  // Still there, going away: a whole line in long dashes, greyed, rather than the dots of what is gone.
  edge('deleting', 'gone', 'dashed', 2, 'Deleting'),
  edge('gone', 'muted', 'dotted', 1.5, 'Expired / deleted'),
];

/** The look of one kind of transit gateway edge (an attachment, or a peering of two gateways), with its legend text. */
export interface TgwEdgeStyle extends EdgeLook {
  /** A stable key: the canvas's class (`edge-<key>`) and the legend row's. */
  readonly key: string;
  readonly label: string;
}

function tgwEdge(key: string, colour: PaletteColour, line: LinePattern, width: number, label: string): TgwEdgeStyle {
  return { key, colour, line, dash: LINE_DASH[line], width, label };
}

/**
 * A VPC attachment's routing, from its checklist (`shared/analysis/tgw-attachment-checklist.ts`):
 * the same words as `TgwAttachmentRouting`, repeated here so the style does not import analysis.
 */
export type TgwAttachmentRoutingLook = 'complete' | 'one-way' | 'not-routed' | 'unknown' | 'nothing-to-route' | 'not-applicable';

/**
 * Attachment edges (VPC to hub), in legend order: an available one by its routing, the others by
 * state. Colours and patterns mean what they mean on peerings; attachments are a little thinner
 * and carry no arrow (a square at the hub instead).
 */
export const TGW_ATTACHMENT_STYLES: readonly TgwEdgeStyle[] = [
  tgwEdge('tgw-complete', 'ok', 'solid', 2, 'Attachment, routed both ways'),
  tgwEdge('tgw-one-way', 'warn', 'solid', 2, 'Attachment, routed one way'),
  tgwEdge('tgw-not-routed', 'bad', 'solid', 2, 'Attachment, not routed'),
  tgwEdge('tgw-unknown', 'accent', 'solid', 2, 'Attachment, routing not read'),
  tgwEdge('tgw-idle', 'muted', 'solid', 1.75, 'Attachment, nothing to route'),
  tgwEdge('tgw-pending-acceptance', 'pending', 'dashed', 2, 'Attachment pending acceptance'),
  tgwEdge('tgw-pending', 'info', 'dashed', 2, 'Attachment pending / modifying'),
  tgwEdge('tgw-failed', 'bad', 'dotted', 2, 'Attachment failed / rejected'),
  tgwEdge('tgw-deleting', 'gone', 'dashed', 1.75, 'Attachment deleting'),
  tgwEdge('tgw-gone', 'muted', 'dotted', 1.5, 'Attachment deleted'),
];

/** Transit gateway peering edges (hub to hub), in legend order, by state. */
export const TGW_PEERING_STYLES: readonly TgwEdgeStyle[] = [
  tgwEdge('tgw-peering-available', 'accent2', 'solid', 3, 'TGW peering, available'),
  tgwEdge('tgw-peering-pending-acceptance', 'pending', 'dashed', 3, 'TGW peering pending acceptance'),
  tgwEdge('tgw-peering-pending', 'info', 'dashed', 3, 'TGW peering initiating / pending'),
  tgwEdge('tgw-peering-failed', 'bad', 'dotted', 3, 'TGW peering failed / rejected'),
  tgwEdge('tgw-peering-gone', 'muted', 'dotted', 2, 'TGW peering deleting / deleted'),
];

const TGW_STYLE_BY_KEY = new Map([...TGW_ATTACHMENT_STYLES, ...TGW_PEERING_STYLES].map((s) => [s.key, s]));

/** The attachment look of an AWS attachment state and, when available, its routing. */
export function tgwAttachmentLook(state: string, routing: TgwAttachmentRoutingLook): TgwEdgeStyle {
  const key = ((): string => {
    switch (state) {
      case 'available':
        return routing === 'complete' ? 'tgw-complete' : routing === 'one-way' ? 'tgw-one-way' : routing === 'not-routed' ? 'tgw-not-routed' : routing === 'nothing-to-route' ? 'tgw-idle' : 'tgw-unknown';
      case 'pendingAcceptance':
        return 'tgw-pending-acceptance';
      case 'failed':
      case 'failing':
      case 'rejected':
      case 'rejecting':
        return 'tgw-failed';
      case 'deleting':
        return 'tgw-deleting';
      case 'deleted':
        return 'tgw-gone';
      default:
        // initiating, initiatingRequest, pending, modifying, rollingBack
        return 'tgw-pending';
    }
  })();
  return TGW_STYLE_BY_KEY.get(key)!;
}

/** The look of a transit gateway peering in an AWS state. */
export function tgwPeeringLook(state: string): TgwEdgeStyle {
  const key =
    state === 'available'
      ? 'tgw-peering-available'
      : state === 'pendingAcceptance'
        ? 'tgw-peering-pending-acceptance'
        : state === 'failed' || state === 'failing' || state === 'rejected' || state === 'rejecting'
          ? 'tgw-peering-failed'
          : state === 'deleting' || state === 'deleted'
            ? 'tgw-peering-gone'
            : 'tgw-peering-pending';
  return TGW_STYLE_BY_KEY.get(key)!;
}

/** The canvas's would-be path between two VPCs that only others connect (no file draws one). */
export const GHOST_EDGE: EdgeLook = { colour: 'warn', line: 'dashed', dash: '3 7', width: 2.25 };

/** The canvas's proposed peering of a path fix: dashed in `ok`, as the line of a valid drag-to-peer (no file draws one). */
export const PROPOSED_EDGE: EdgeLook = { colour: 'ok', line: 'dashed', dash: '6 5', width: 3 };

const STYLE_BY_CATEGORY = new Map(EDGE_STYLES.map((s) => [s.category, s]));

/** The style of a category. */
export function edgeStyleOf(category: EdgeCategory): EdgeStyle {
  return STYLE_BY_CATEGORY.get(category)!;
}

/** Combine both sides' route summaries into one state. */
export function combineRouteSummaries(requester: RouteSummary, accepter: RouteSummary): Exclude<PeeringRouteState, 'not-applicable'> {
  if (requester === 'nothing-to-route' || accepter === 'nothing-to-route') return 'nothing-to-route';
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
  return peeringLook(peering.status, peeringRouteState(completeness));
}

/** The edge look of a status and, for an active peering, its route state: what every peering edge and legend sample is drawn with. */
export function peeringLook(status: PeeringStatus, routes: PeeringRouteState): EdgeStyle {
  return edgeStyleOf(edgeCategory(status, routes));
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
        case 'nothing-to-route':
          return 'active-idle';
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
    case 'deleting':
      return 'deleting';
    case 'expired':
    case 'deleted':
      return 'gone';
    default:
      return assertNever(status);
  }
}
