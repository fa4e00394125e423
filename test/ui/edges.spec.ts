import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { PEERING_STATUSES } from '../../shared/model/kinds/peering';
import type { Topology } from '../../shared/model/topology';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { cardSelector, centreOf, dragMouse, openSandboxDemo, waitForGraph } from './graph-helpers';

// Edges on the canvas, on the sandbox demo in Chromium: routed round the cards they do not join
// by the exports' router, labels off cards, frame titles and one another, a click on a line or a
// label selects its peering, a deleting peering drawn end to end, a legend row for every status,
// and a fitted view that leaves the legend's and the minimap's room.
let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;
let topology: Topology;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function vpcNamed(name: string) {
  const found = topology.vpcs.find((v) => v.name === name);
  if (!found) throw new Error(`the demo has no VPC named ${name}`);
  return found;
}

function peeringNamed(name: string) {
  const found = topology.peerings.find((p) => p.name === name);
  if (!found) throw new Error(`the demo has no peering named ${name}`);
  return found;
}

function overlaps(a: Box, b: Box, slack = 0.5): boolean {
  return a.x < b.x + b.width - slack && b.x < a.x + a.width - slack && a.y < b.y + b.height - slack && b.y < a.y + a.height - slack;
}

async function openGraph(theme: 'dark' | 'light' = 'dark') {
  const { page } = session;
  await page.emulateMedia({ colorScheme: theme });
  await page.goto('about:blank');
  await page.goto(harness.url);
  await waitForGraph(page);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(150);
  return page;
}

/** Page boxes of everything a label must keep off, and of the labels. */
async function drawnBoxes() {
  return session.page.evaluate(() => {
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      cards: [...document.querySelectorAll('[data-testid^="vpc-card-"]')].map((e) => ({ id: e.getAttribute('data-testid')!.slice('vpc-card-'.length), ...box(e) })),
      titles: [...document.querySelectorAll('.account-frame > .frame-title, .region-frame > .frame-title')].map(box),
      labels: [...document.querySelectorAll('.edge-label')].map((e) => ({ id: e.getAttribute('data-testid') ?? e.textContent ?? '', ...box(e) })),
    };
  });
}

/** Points along each peering's line in page pixels (every 4 px), with its two VPCs and the router's count of cards it could not avoid. */
async function peeringLines() {
  return session.page.evaluate(() =>
    [...document.querySelectorAll<SVGGElement>('g.peering-edge[data-peering-id]')].map((g) => {
      const path = g.querySelector<SVGPathElement>('path.peering-line')!;
      const m = path.getScreenCTM()!;
      const total = path.getTotalLength();
      const points: { x: number; y: number }[] = [];
      for (let l = 0; l <= total; l += 4) {
        const p = path.getPointAtLength(l);
        points.push({ x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f });
      }
      return { id: g.dataset.peeringId!, from: g.dataset.from!, to: g.dataset.to!, crossings: Number(g.dataset.crossings), points };
    }),
  );
}

beforeAll(async () => {
  harness = await startHarness();
  session = await openBrowser();
  await session.page.goto(harness.url);
  await session.page.getByRole('region', { name: 'Getting started' }).waitFor();
  topology = await openSandboxDemo(session.page, harness);
});

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe.each(['dark', 'light'] as const)('edges on the canvas in the %s theme', (theme) => {
  it('run round the cards they do not join, and their labels keep off cards, frame titles and one another', async () => {
    const page = await openGraph(theme);
    // The hub: its peerings are highlighted, so each carries its label.
    await page.locator(cardSelector(vpcNamed('shared-services').id)).click();
    await page.waitForTimeout(200);
    await session.screenshot(`edges-labels-${theme}`);
    const { cards, titles, labels } = await drawnBoxes();
    expect(labels.length).toBeGreaterThanOrEqual(5);
    for (const l of labels) {
      expect(cards.filter((c) => overlaps(c, l)).map((c) => c.id), `label ${l.id} over a card`).toEqual([]);
      expect(titles.filter((t) => overlaps(t, l)).length, `label ${l.id} over a frame title`).toBe(0);
      expect(labels.filter((o) => o !== l && overlaps(o, l)).map((o) => o.id), `label ${l.id} over another`).toEqual([]);
    }
    const lines = await peeringLines();
    expect(lines.length).toBeGreaterThan(10);
    for (const line of lines) {
      if (line.crossings > 0) continue;
      const under = cards.filter((c) => c.id !== line.from && c.id !== line.to && line.points.some((p) => p.x > c.x + 1 && p.x < c.x + c.width - 1 && p.y > c.y + 1 && p.y < c.y + c.height - 1));
      expect(under.map((c) => c.id), `peering ${line.id} runs under a card`).toEqual([]);
    }
    // The router avoids all but a few of the demo's cards (some pairs have a card on every single bend between them).
    expect(lines.filter((l) => l.crossings > 0).length).toBeLessThanOrEqual(5);
    // Closer in, to read the labels.
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.waitForTimeout(400);
    await session.screenshot(`edges-labels-zoomed-${theme}`);
    expect(session.problems).toEqual([]);
  });
});

describe('a click on an edge', () => {
  it('selects that peering, on its line and on its label, also where the line runs over a frame', async () => {
    const page = await openGraph('dark');
    const lines = await peeringLines();
    const { cards, labels } = await drawnBoxes();
    const inspector = page.getByRole('region', { name: 'Peering details' });
    let clicked = 0;
    for (const line of lines) {
      // A point of the line clear of every card and label, away from its ends.
      const clear = line.points.slice(4, -4).find((p) => ![...cards, ...labels].some((b) => p.x > b.x - 8 && p.x < b.x + b.width + 8 && p.y > b.y - 8 && p.y < b.y + b.height + 8));
      if (!clear) continue;
      const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid^="rf__edge-"]')?.getAttribute('data-testid') ?? document.elementFromPoint(x, y)?.className.toString(), clear);
      expect(hit, `what is on top of ${line.id}'s line`).toBe(`rf__edge-${line.id}`);
      await page.mouse.click(clear.x, clear.y);
      await inspector.waitFor();
      await expect.poll(() => inspector.textContent()).toContain(line.id);
      await expect.poll(() => page.locator(`g.peering-edge[data-peering-id="${line.id}"]`).getAttribute('class')).toContain('is-selected');
      clicked++;
    }
    expect(clicked).toBeGreaterThan(10);
    // On its label (shown when highlighted: the hub's peerings carry theirs once the hub is selected).
    const other = peeringNamed('hub-dev-app');
    await page.locator(cardSelector(vpcNamed('shared-services').id)).click();
    const label = page.getByTestId(`edge-label-${other.id}`);
    await label.click();
    await expect.poll(() => inspector.textContent()).toContain(other.id);
    await expect.poll(() => page.locator(`g.peering-edge[data-peering-id="${other.id}"]`).getAttribute('class')).toContain('is-selected');
    await session.screenshot('edges-selected-by-label');
    expect(session.problems).toEqual([]);
  });
});

describe('a card moved by its grip', () => {
  it('takes its edges with it, while dragged and where dropped', async () => {
    const page = await openGraph('dark');
    const egress = vpcNamed('egress');
    const peering = topology.peerings.find((p) => p.status === 'active' && (p.requester.vpcId === egress.id || p.accepter.vpcId === egress.id))!;
    const endNear = async () => {
      const line = (await peeringLines()).find((l) => l.id === peering.id)!;
      const card = (await drawnBoxes()).cards.find((c) => c.id === egress.id)!;
      const end = line.from === egress.id ? line.points[0]! : line.points[line.points.length - 1]!;
      return end.x > card.x - 8 && end.x < card.x + card.width + 8 && end.y > card.y - 8 && end.y < card.y + card.height + 8;
    };
    expect(await endNear()).toBe(true);
    const before = (await drawnBoxes()).cards.find((c) => c.id === egress.id)!;
    const grip = await centreOf(page, `[data-id="${egress.id}"] .vpc-grip`);
    let whileDragged = false;
    await dragMouse(page, grip, { x: grip.x + 40, y: grip.y + 70 }, { beforeRelease: async () => void (whileDragged = await endNear()) });
    await page.waitForTimeout(200);
    const after = (await drawnBoxes()).cards.find((c) => c.id === egress.id)!;
    expect(Math.abs(after.y - before.y) + Math.abs(after.x - before.x)).toBeGreaterThan(10);
    expect(whileDragged).toBe(true);
    expect(await endNear()).toBe(true);
    await session.screenshot('edges-card-moved');
    await page.keyboard.press('Control+z');
    expect(session.problems).toEqual([]);
  });
});

describe('a deleting peering', () => {
  it('is drawn end to end, from one card’s border to the other’s, visibly', async () => {
    const page = await openGraph('dark');
    const deleting = peeringNamed('hub-eu-apac');
    expect(deleting.status).toBe('deleting');
    const line = (await peeringLines()).find((l) => l.id === deleting.id)!;
    const { cards } = await drawnBoxes();
    const ends = [cards.find((c) => c.id === deleting.requester.vpcId)!, cards.find((c) => c.id === deleting.accepter.vpcId)!];
    const near = (p: { x: number; y: number }, c: Box) => p.x > c.x - 10 && p.x < c.x + c.width + 10 && p.y > c.y - 10 && p.y < c.y + c.height + 10;
    expect(near(line.points[0]!, ends[0]!)).toBe(true);
    expect(near(line.points[line.points.length - 1]!, ends[1]!)).toBe(true);
    const look = await page.evaluate((id) => {
      const g = document.querySelector<SVGGElement>(`g.peering-edge[data-peering-id="${id}"]`)!;
      const css = getComputedStyle(g.querySelector('.peering-line')!);
      return { opacity: Number(getComputedStyle(g).opacity), dash: css.strokeDasharray, width: parseFloat(css.strokeWidth) };
    }, deleting.id);
    expect(look.opacity).toBeGreaterThanOrEqual(0.6);
    expect(look.width).toBeGreaterThanOrEqual(1.5);
    // Dashes, not dots: the line reads as one edge going away.
    const dashes = look.dash.replace(/px/g, '').split(/[\s,]+/).map(Number);
    expect(dashes[0]).toBeGreaterThanOrEqual(4);
    expect(session.problems).toEqual([]);
  });
});

describe('the legend and the minimap', () => {
  it('has a row for every peering status, each sample drawn in the edges’ style', async () => {
    const page = await openGraph('dark');
    const statuses = await page.locator('.legend [data-legend-status]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-legend-status')));
    expect([...statuses].sort()).toEqual([...PEERING_STATUSES].sort());
    expect(session.problems).toEqual([]);
  });

  /** Cards and frames that the legend or the minimap covers. */
  async function hidden(): Promise<string[]> {
    return session.page.evaluate(() => {
      const overlays = [...document.querySelectorAll('.legend, .react-flow__minimap')].map((e) => ({ name: e.className.toString(), r: e.getBoundingClientRect() }));
      if (overlays.length === 0) return ['no legend or minimap drawn'];
      const out: string[] = [];
      for (const el of document.querySelectorAll('[data-testid^="vpc-card-"], .react-flow__node-account, .react-flow__node-region')) {
        const r = el.getBoundingClientRect();
        for (const o of overlays) {
          if (r.left < o.r.right && o.r.left < r.right && r.top < o.r.bottom && o.r.top < r.bottom) out.push(`${el.getAttribute('data-testid') ?? el.getAttribute('data-id')} under ${o.name}`);
        }
      }
      return out;
    });
  }

  it('leave the fitted view its room: after a fit no card or frame is under either, legend open or collapsed, at two window sizes', async () => {
    for (const size of [
      { width: 1440, height: 900 },
      { width: 1920, height: 1080 },
    ]) {
      await session.page.setViewportSize(size);
      const page = await openGraph('dark');
      expect(await page.locator('.react-flow__minimap').count()).toBe(1);
      expect(await hidden(), `after the first fit at ${size.width}×${size.height}`).toEqual([]);
      await session.screenshot(`edges-fit-${size.width}`);
      await page.getByRole('button', { name: 'Fit', exact: true }).click();
      await page.waitForTimeout(500);
      expect(await hidden(), 'after Fit').toEqual([]);
      // Collapsed, the legend is remembered so; Fit still leaves its (smaller) room.
      await page.getByRole('button', { name: /^Legend/ }).click();
      expect(await page.locator('.legend-body').count()).toBe(0);
      await page.keyboard.press('f');
      await page.waitForTimeout(500);
      expect(await hidden(), 'after f with the legend collapsed').toEqual([]);
      await session.screenshot(`edges-fit-collapsed-${size.width}`);
      await openGraph('dark');
      expect(await page.getByRole('button', { name: /^Legend/ }).getAttribute('aria-expanded')).toBe('false');
      expect(await hidden(), 'reopened with the legend collapsed').toEqual([]);
      await page.getByRole('button', { name: /^Legend/ }).click();
      await openGraph('dark');
      expect(await page.getByRole('button', { name: /^Legend/ }).getAttribute('aria-expanded')).toBe('true');
    }
    await session.page.setViewportSize({ width: 1440, height: 900 });
    expect(session.problems).toEqual([]);
  });
});
