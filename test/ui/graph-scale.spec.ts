import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { layoutTopology } from '../../shared/diagram/layout-topology';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { generateSnapshot } from '../support/fixtures/snapshots/generate-snapshot';
import { startHarness } from '../support/harness';
import { callHarness, cardSelector, waitForGraph } from './graph-helpers';

// 1,000 VPCs and 2,000 peerings: zoomed out the graph is painted on one canvas (the overview of
// region summaries, test/ui/level-of-detail.spec.ts); zoomed in, cards are DOM elements again. Timings are the benchmark's job (npm run bench:graph).
const snapshot = generateSnapshot({ accounts: 10, regions: 4, vpcs: 1000, peerings: 2000 });
const topology = snapshot.topology;
let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;

async function viewport(page: BrowserSession['page']): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').getAttribute('style');
  const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\) scale\(([\d.]+)\)/.exec(transform ?? '');
  if (!m) throw new Error(`unexpected viewport transform ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

beforeAll(async () => {
  harness = await startHarness();
  const imported = await callHarness(harness, 'importSnapshot', { json: JSON.stringify(snapshot) });
  expect(imported.ok).toBe(true);
  session = await openBrowser();
});

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe('a 1,000-VPC network in Chromium', () => {
  it('shows the whole network as the overview, zooms into a clicked region to select a card, and zooms in to real cards', async () => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(harness.url);
    await waitForGraph(page, 60_000);
    await page.getByTestId('overview-canvas').waitFor();
    expect(await page.locator('.vpc-card').count()).toBe(0);
    expect(await page.getByTestId('dot-grid').count()).toBe(0);
    // Deleted peerings are counted apart: the canvas hides them until the legend shows them.
    const deleted = snapshot.topology.peerings.filter((p) => p.status === 'deleted').length;
    expect(deleted).toBeGreaterThan(0);
    expect(await page.getByTestId('snapshot-summary').textContent()).toContain(`1000 VPCs · ${2000 - deleted} peerings (${deleted} deleted hidden)`);
    await session.screenshot('graph-scale-overview-dark');

    // A drag on the empty canvas pans, holding the pointer so moves skip hit-testing the cards.
    const pane = (await page.getByTestId('topology-canvas').boundingBox())!;
    const start = await viewport(page);
    const empty = { x: pane.x + pane.width / 2, y: pane.y + 12 };
    expect(await page.evaluate(`document.elementFromPoint(${empty.x}, ${empty.y})?.classList.contains('react-flow__pane')`)).toBe(true);
    await page.mouse.move(empty.x, empty.y);
    await page.mouse.down();
    await page.mouse.move(empty.x + 60, empty.y + 40, { steps: 6 });
    expect(await page.evaluate(`document.querySelector('.react-flow__pane').hasPointerCapture(1)`)).toBe(true);
    await page.mouse.move(empty.x + 120, empty.y + 80, { steps: 6 });
    await page.mouse.up();
    const panned = await viewport(page);
    expect(panned.x - start.x).toBeCloseTo(120, -1);
    expect(panned.y - start.y).toBeCloseTo(80, -1);
    expect(await page.evaluate(`document.querySelector('.react-flow__pane').hasPointerCapture(1)`)).toBe(false);

    // The layout is deterministic, so the test knows where a card is drawn on the canvas. Zoomed
    // out a click there lands on its region's summary and zooms into the region, where the
    // card shows and a click selects it.
    const target = topology.vpcs[123]!;
    const box = (await layoutTopology(topology)).boxes.find((b) => b.id === target.id)!;
    const view = await viewport(page);
    const canvas = (await page.getByTestId('topology-canvas').boundingBox())!;
    await page.mouse.click(canvas.x + view.x + (box.x + box.width / 2) * view.zoom, canvas.y + view.y + (box.y + box.height / 2) * view.zoom);
    await page.locator(cardSelector(target.id)).waitFor();
    await page.waitForTimeout(400);
    await page.locator(cardSelector(target.id)).click();
    const details = page.getByRole('region', { name: 'VPC details' });
    await details.waitFor();
    expect(await details.textContent()).toContain(target.name!);
    await page.keyboard.press('f');
    await page.getByTestId('overview-canvas').waitFor();

    await page.keyboard.press('/');
    await page.keyboard.type(target.name!);
    await page.keyboard.press('Enter');
    await page.locator(cardSelector(target.id)).waitFor();
    await expect.poll(async () => (await viewport(page)).zoom).toBeGreaterThan(0.9);
    await expect.poll(() => page.locator(cardSelector(target.id)).getAttribute('class')).toContain('is-selected');
    expect(await page.getByTestId('overview-canvas').count()).toBe(0);
    // The dot grid moves with the viewport's layer (a pan rasters no pattern) and covers the view.
    expect(await page.locator('.react-flow__background').count()).toBe(0);
    expect(await page.locator('.react-flow__viewport [data-testid="dot-grid"]').count()).toBe(1);
    const grid = (await page.getByTestId('dot-grid').boundingBox())!;
    expect(grid.x).toBeLessThanOrEqual(canvas.x);
    expect(grid.y).toBeLessThanOrEqual(canvas.y);
    expect(grid.x + grid.width).toBeGreaterThanOrEqual(canvas.x + canvas.width);
    expect(grid.y + grid.height).toBeGreaterThanOrEqual(canvas.y + canvas.height);
    await page.waitForTimeout(300);
    await session.screenshot('graph-scale-zoomed');
    expect(session.problems).toEqual([]);
  });

  it('paints the overview in the light theme too', async () => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('about:blank');
    await page.goto(harness.url);
    await waitForGraph(page, 60_000);
    await page.keyboard.press('c');
    await page.waitForTimeout(200);
    await session.screenshot('graph-scale-overview-light-conflicts');
    expect(await page.getByRole('list', { name: 'CIDR conflicts' }).getByRole('listitem').count()).toBeGreaterThan(5);
    expect(session.problems).toEqual([]);
  });
});
