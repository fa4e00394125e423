import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { diagramCssVariables } from '../../shared/diagram/css-variables';
import type { DiagramTheme } from '../../shared/diagram/style';
import { EDGE_STYLES, GHOST_EDGE, PALETTES, TGW_ATTACHMENT_STYLES, TGW_PEERING_STYLES } from '../../shared/diagram/style';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { callHarness, openSandboxDemo, waitForGraph } from './graph-helpers';

// One diagram style: what the canvas effectively draws (computed styles in Chromium) must be what
// the exported SVG of the same snapshot draws, in both themes: every peering's colour, dash and
// width, every VPC card's fill, border and stripe, and the legend's samples.
let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;

/** A line's look, normalised: `rgb(r, g, b)`, dash numbers joined by spaces (`none` when solid), width in pixels. */
interface LineLook {
  readonly stroke: string;
  readonly dash: string;
  readonly width: number;
}

interface CardLook {
  readonly fill: string;
  readonly stroke: string;
  readonly stripe: string;
}

function rgb(hex: string): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return `rgb(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)})`;
}

function dashOf(raw: string | undefined): string {
  const parts = (raw ?? '').replace(/px/g, '').split(/[\s,]+/).filter((p) => p !== '' && p !== 'none');
  return parts.length === 0 ? 'none' : parts.map(Number).join(' ');
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Each peering's line in an exported SVG (the second path of its `data-peering` group; the first is its halo). */
function svgEdges(svg: string): Map<string, LineLook> {
  const out = new Map<string, LineLook>();
  for (const m of svg.matchAll(/<g data-peering="([^"]+)"><path [^>]*\/><path ([^>]*)\/>/g)) {
    const tag = ` ${m[2]!}`;
    out.set(m[1]!, { stroke: rgb(attr(tag, 'stroke')!), dash: dashOf(attr(tag, 'stroke-dasharray')), width: Number(attr(tag, 'stroke-width')) });
  }
  return out;
}

/** Each VPC card of an exported SVG: its first rect (the card) and second (the stripe). */
function svgCards(svg: string): Map<string, CardLook> {
  const out = new Map<string, CardLook>();
  for (const m of svg.matchAll(/<g data-vpc="([^"]+)"><rect ([^>]*)\/><rect ([^>]*)\/>/g)) {
    const card = ` ${m[2]!}`;
    const stripe = ` ${m[3]!}`;
    out.set(m[1]!, { fill: rgb(attr(card, 'fill')!), stroke: rgb(attr(card, 'stroke')!), stripe: rgb(attr(stripe, 'fill')!) });
  }
  return out;
}

async function openGraph(theme: DiagramTheme) {
  const { page } = session;
  await page.emulateMedia({ colorScheme: theme });
  await page.goto('about:blank');
  await page.goto(harness.url);
  await waitForGraph(page);
  await page.mouse.move(0, 0);
  return page;
}

async function exportedSvg(theme: DiagramTheme): Promise<string> {
  const made = await callHarness(harness, 'exportDiagram', { format: 'svg', theme });
  if (!made.ok) throw new Error(made.error.message);
  return made.value.text!;
}

beforeAll(async () => {
  harness = await startHarness();
  session = await openBrowser();
  await session.page.goto(harness.url);
  await session.page.getByRole('region', { name: 'Getting started' }).waitFor();
  await openSandboxDemo(session.page, harness);
});

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe.each(['dark', 'light'] as const)('the canvas and the exported SVG in the %s theme', (theme) => {
  it('carry the style module’s custom properties, and no stylesheet overrides them', async () => {
    const page = await openGraph(theme);
    const effective = await page.evaluate((names) => {
      const css = getComputedStyle(document.querySelector('.app')!);
      return names.map((n) => css.getPropertyValue(n).trim());
    }, diagramCssVariables(theme).map(([name]) => name));
    expect(effective).toEqual(diagramCssVariables(theme).map(([, value]) => value));
    const canvas = await page.evaluate(() => getComputedStyle(document.querySelector('.canvas')!).backgroundColor);
    expect(canvas).toBe(rgb(PALETTES[theme].canvas));
  });

  it('draw every peering with the same colour, dash and width', async () => {
    const page = await openGraph(theme);
    const exported = svgEdges(await exportedSvg(theme));
    const drawn = new Map<string, LineLook>(
      await page.evaluate(() =>
        [...document.querySelectorAll<SVGGElement>('g.peering-edge[data-peering-id]')].map((g) => {
          const css = getComputedStyle(g.querySelector('.peering-line')!);
          return [g.dataset.peeringId!, { stroke: css.stroke, dash: css.strokeDasharray, width: parseFloat(css.strokeWidth) }] as const;
        }),
      ),
    );
    expect(drawn.size).toBeGreaterThan(10);
    expect([...drawn.keys()].sort()).toEqual([...exported.keys()].sort());
    for (const [id, look] of drawn) expect({ id, ...look, dash: dashOf(look.dash) }).toEqual({ id, ...exported.get(id)! });
  });

  it('draw every VPC card with the same fill, border and stripe (conflicting cards in conflicts mode)', async () => {
    const page = await openGraph(theme);
    const exported = svgCards(await exportedSvg(theme));
    const cardsOnCanvas = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('.vpc-card[data-vpc-id]')].map((card) => {
          const css = getComputedStyle(card);
          const stripe = getComputedStyle(card, '::before').backgroundColor;
          return { id: card.dataset.vpcId!, conflict: card.querySelector('[data-testid="badge-conflict"]') !== null, fill: css.backgroundColor, stroke: css.borderTopColor, stripe };
        }),
      );
    const plain = (await cardsOnCanvas()).filter((c) => !c.conflict);
    expect(plain.length).toBeGreaterThan(10);
    for (const { id, fill, stroke, stripe } of plain) expect({ id, fill, stroke, stripe }).toEqual({ id, ...exported.get(id)! });
    await page.keyboard.press('c');
    await page.locator('.vpc-card.is-conflict').first().waitFor();
    // Past the cards' 120 ms colour transition.
    await page.waitForTimeout(300);
    const conflicted = (await cardsOnCanvas()).filter((c) => c.conflict);
    expect(conflicted.length).toBeGreaterThan(1);
    // Conflicts mode also tints the card; its border and stripe are the export's.
    for (const { id, stroke, stripe } of conflicted) expect({ id, stroke, stripe }).toEqual({ id, stroke: exported.get(id)!.stroke, stripe: exported.get(id)!.stripe });
  });

  it('explain the same edge looks in the canvas legend as in the style module', async () => {
    const page = await openGraph(theme);
    const samples = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.legend [data-edge-style]:not([data-legend-tgw])')].map((item) => {
        const css = getComputedStyle(item.querySelector('.peering-line')!);
        return { category: item.dataset.edgeStyle!, stroke: css.stroke, dash: css.strokeDasharray, width: parseFloat(css.strokeWidth) };
      }),
    );
    const palette = PALETTES[theme];
    // A row per status and per route state: each sample in its category's look, every category explained.
    const expected = new Map(EDGE_STYLES.map((s) => [s.category, { category: s.category, stroke: rgb(palette[s.colour]), dash: dashOf(s.dash), width: s.width }]));
    for (const sample of samples) expect({ ...sample, dash: dashOf(sample.dash) }).toEqual(expected.get(sample.category as never));
    expect(new Set(samples.map((s) => s.category))).toEqual(new Set(expected.keys()));
    const ghost = await page.evaluate(() => {
      const css = getComputedStyle(document.querySelector('.legend .ghost-line')!);
      return { stroke: css.stroke, dash: css.strokeDasharray, width: parseFloat(css.strokeWidth) };
    });
    expect({ ...ghost, dash: dashOf(ghost.dash) }).toEqual({ stroke: rgb(palette[GHOST_EDGE.colour]), dash: dashOf(GHOST_EDGE.dash), width: GHOST_EDGE.width });
    // The demo's transit gateway looks: each row drawn as its style says, and only looks some edge has.
    const tgwSamples = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.legend [data-legend-tgw]')].map((item) => {
        const css = getComputedStyle(item.querySelector('.tgw-line')!);
        return { key: item.dataset.legendTgw!, stroke: css.stroke, dash: css.strokeDasharray, width: parseFloat(css.strokeWidth) };
      }),
    );
    // A TGW peering is drawn cased: its line 2 px wider than its look's width, a core in the canvas colour inside.
    const tgwStyles = new Map([
      ...TGW_ATTACHMENT_STYLES.map((s) => [s.key, { key: s.key, stroke: rgb(palette[s.colour]), dash: dashOf(s.dash), width: s.width }] as const),
      ...TGW_PEERING_STYLES.map((s) => [s.key, { key: s.key, stroke: rgb(palette[s.colour]), dash: dashOf(s.dash), width: s.width + 2 }] as const),
    ]);
    expect(tgwSamples.length).toBeGreaterThan(0);
    for (const sample of tgwSamples) expect({ ...sample, dash: dashOf(sample.dash) }).toEqual(tgwStyles.get(sample.key));
    const drawnKeys = await page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLElement>('.react-flow__edge [data-edge-style^="tgw-"]')].map((e) => e.dataset.edgeStyle!))]);
    expect(new Set(tgwSamples.map((s) => s.key))).toEqual(new Set(drawnKeys));
    expect(session.problems).toEqual([]);
  });
});
