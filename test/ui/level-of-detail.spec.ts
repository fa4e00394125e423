import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SUMMARY_BELOW_ZOOM } from '../../renderer/graph/overview/zoom-levels';
import { findCidrConflicts } from '../../shared/analysis/cidr-conflicts';
import { layoutTopology } from '../../shared/diagram/layout-topology';
import { regionBoxId } from '../../shared/diagram/layout';
import type { Topology } from '../../shared/model/topology';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { generateSnapshot } from '../support/fixtures/snapshots/generate-snapshot';
import { startHarness } from '../support/harness';
import { callHarness, cardSelector, openSandboxDemo, readViewport, waitForGraph } from './graph-helpers';

// Level of detail: below the zoom where a card's name would be under 6 px on screen, the canvas
// shows each region as a summary box (VPCs, peerings, conflicts, worst peering state) inside its
// account frame, with one edge per pair of regions; zooming in brings the cards back. The canvas's
// pixels cannot be read, so the specs read the same summaries from the list the overview keeps
// for screen readers, and look at screenshots.
type Page = BrowserSession['page'];

const ACCOUNTS = { network: '111122223333', prod: '444455556666', dev: '777788889999', data: '246813579024' } as const;

/** A box in flow coordinates. */
interface FlowBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The centre of a flow box on the page, at the current viewport. */
async function onPage(page: Page, box: FlowBox): Promise<{ x: number; y: number }> {
  const view = await readViewport(page);
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  return { x: canvas.x + view.x + (box.x + box.width / 2) * view.zoom, y: canvas.y + view.y + (box.y + box.height / 2) * view.zoom };
}

/** Where an element shown on the page lies in flow coordinates. */
async function inFlow(page: Page, selector: string): Promise<FlowBox> {
  const view = await readViewport(page);
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const b = (await page.locator(selector).boundingBox())!;
  return { x: (b.x - canvas.x - view.x) / view.zoom, y: (b.y - canvas.y - view.y) / view.zoom, width: b.width / view.zoom, height: b.height / view.zoom };
}

const regionSummaries = (page: Page) => page.getByRole('list', { name: 'Region summaries' }).getByRole('listitem');
const regionSummary = (page: Page, accountId: string, region: string) => page.locator(`[data-testid="overview-summaries"] li[data-box="${regionBoxId(accountId, region)}"]`);

/** Zoom out with the `-` key until the overview shows. */
async function zoomOutToSummaries(page: Page): Promise<void> {
  for (let i = 0; i < 6 && (await page.getByTestId('overview-canvas').count()) === 0; i++) {
    await page.keyboard.press('-');
    await page.waitForTimeout(250);
  }
  await page.getByTestId('overview-canvas').waitFor();
  await page.waitForTimeout(200);
}

describe('level of detail on the sandbox demo', () => {
  let harness: Awaited<ReturnType<typeof startHarness>>;
  let session: BrowserSession;
  let topology: Topology;

  async function openGraph(theme: 'dark' | 'light' = 'dark'): Promise<Page> {
    const { page } = session;
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('about:blank');
    await page.goto(harness.url);
    await waitForGraph(page);
    await page.waitForTimeout(150);
    return page;
  }

  beforeAll(async () => {
    harness = await startHarness();
    session = await openBrowser();
    await session.page.emulateMedia({ colorScheme: 'dark' });
    await session.page.goto(harness.url);
    topology = await openSandboxDemo(session.page, harness);
  });

  afterAll(async () => {
    try {
      await session?.close();
    } finally {
      await harness?.close();
    }
  });

  it('shows region summaries and peerings between regions when zoomed out, and cards again when zoomed in', async () => {
    const page = await openGraph();
    // At the fitted view the cards are legible: no summaries.
    expect((await readViewport(page)).zoom).toBeGreaterThanOrEqual(SUMMARY_BELOW_ZOOM);
    const frames = await page.locator('[data-testid^="region-frame-"]').count();
    expect(await page.locator('.vpc-card').count()).toBe(topology.vpcs.length);
    expect(await page.getByTestId('overview-summaries').count()).toBe(0);

    await zoomOutToSummaries(page);
    expect((await readViewport(page)).zoom).toBeLessThan(SUMMARY_BELOW_ZOOM);
    expect(await page.locator('.vpc-card').count()).toBe(0);
    expect(await regionSummaries(page).count()).toBe(frames);

    // us-east-1 of the network account: its VPCs, the live peerings touching it (one between two
    // of its own VPCs), the conflicts the Findings list, and its worst state: legacy-to-hub failed.
    const inRegion = (accountId: string, region: string) => new Set(topology.vpcs.filter((v) => v.accountId === accountId && v.region === region).map((v) => v.id));
    const hub = inRegion(ACCOUNTS.network, 'us-east-1');
    const drawn = topology.peerings.filter((p) => p.status !== 'deleted');
    const touching = drawn.filter((p) => hub.has(p.requester.vpcId) || hub.has(p.accepter.vpcId));
    const inside = touching.filter((p) => hub.has(p.requester.vpcId) && hub.has(p.accepter.vpcId));
    const conflicts = findCidrConflicts(topology).conflicts.filter((c) => hub.has(c.vpcA) || hub.has(c.vpcB));
    expect(inside.length).toBeGreaterThan(0);
    expect(conflicts.length).toBeGreaterThan(0);
    const text = await regionSummary(page, ACCOUNTS.network, 'us-east-1').textContent();
    expect(text).toBe(
      `example-network us-east-1: ${hub.size} VPCs, ${touching.length} peerings (${inside.length} inside the region), ${conflicts.length} CIDR conflict${conflicts.length === 1 ? '' : 's'}, worst state Failed / rejected`,
    );

    // The account says its name as the canvas does (the alias the scan read from IAM) and its totals.
    const accountVpcs = topology.vpcs.filter((v) => v.accountId === ACCOUNTS.network).length;
    expect(await page.getByRole('list', { name: 'Account summaries' }).getByRole('listitem').first().textContent()).toContain(`Account example-network: ${accountVpcs} VPCs`);

    // One edge per pair of regions, across accounts too: the hub's two peerings with dev's us-east-1 (one failed) are one.
    const dev = inRegion(ACCOUNTS.dev, 'us-east-1');
    const between = drawn.filter((p) => (hub.has(p.requester.vpcId) && dev.has(p.accepter.vpcId)) || (dev.has(p.requester.vpcId) && hub.has(p.accepter.vpcId)));
    expect(between.length).toBe(2);
    const links = await page.getByRole('list', { name: 'Peerings between regions' }).getByRole('listitem').allTextContents();
    expect(links).toContain('example-network us-east-1 to example-dev us-east-1: 2 peerings, worst state Failed / rejected');
    const pairs = new Set(
      drawn.flatMap((p) => {
        const a = `${p.requester.accountId}/${p.requester.region}`;
        const b = `${p.accepter.accountId}/${p.accepter.region}`;
        return a === b ? [] : [[a, b].sort().join('|')];
      }),
    );
    expect(links).toHaveLength(pairs.size);
    // The transit gateway hubs stay on the zoomed-out canvas, one badge each in its region.
    expect(topology.transitGateways.length).toBeGreaterThan(0);
    const hubs = await page.getByRole('list', { name: 'Transit gateways' }).getByRole('listitem').allTextContents();
    expect(hubs).toHaveLength(topology.transitGateways.length);
    for (const g of topology.transitGateways) expect(hubs.some((h) => h.startsWith(`Transit gateway ${g.name ? `${g.name} (${g.id})` : g.id}, `) && h.includes(g.region))).toBe(true);
    expect(session.problems).toEqual([]);
    await session.screenshot('lod-demo-summaries-dark');

    // Zooming in brings the cards back.
    for (let i = 0; i < 6 && (await page.getByTestId('overview-canvas').count()) > 0; i++) {
      await page.keyboard.press('+');
      await page.waitForTimeout(250);
    }
    expect((await readViewport(page)).zoom).toBeGreaterThanOrEqual(SUMMARY_BELOW_ZOOM);
    await page.locator('.vpc-card').first().waitFor();
    expect(await page.locator('.vpc-card').count()).toBe(topology.vpcs.length);
    expect(await page.getByTestId('overview-summaries').count()).toBe(0);
  });

  it('opens the demo at card zoom on a screen too short for all of it, rather than as region summaries', async () => {
    const { page } = session;
    // 1440×820: the demo's whole fit would be under the card zoom here.
    await page.setViewportSize({ width: 1440, height: 820 });
    try {
      await openGraph();
      const view = await readViewport(page);
      expect(view.zoom).toBeGreaterThanOrEqual(SUMMARY_BELOW_ZOOM);
      expect(view.zoom).toBeLessThan(SUMMARY_BELOW_ZOOM + 0.01);
      expect(await page.getByTestId('overview-canvas').count()).toBe(0);
      expect(await page.locator('.vpc-card').count()).toBe(topology.vpcs.length);
      // It shows from the top, where the first account frames start, below the banner's room.
      const canvas = (await page.locator('.react-flow').boundingBox())!;
      const tops = await page.locator('[data-testid^="account-frame-"]').evaluateAll((frames) => frames.map((f) => f.getBoundingClientRect().top));
      const top = Math.min(...tops) - canvas.y;
      expect(top).toBeGreaterThanOrEqual(40);
      expect(top).toBeLessThanOrEqual(80);
      await session.screenshot('lod-demo-short-screen');
      // Zooming out from there still reaches the summaries.
      await zoomOutToSummaries(page);
      expect(await regionSummaries(page).count()).toBeGreaterThan(0);
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('zooms into a region summary when it is clicked, and says what it sums up when the pointer rests on it', async () => {
    const page = await openGraph();
    const region = await inFlow(page, `[data-testid="region-frame-${ACCOUNTS.prod}-us-east-1"]`);
    await zoomOutToSummaries(page);
    const centre = await onPage(page, region);
    await page.mouse.move(centre.x, centre.y);
    const tooltip = page.getByTestId('summary-tooltip');
    await tooltip.waitFor();
    const tip = await tooltip.textContent();
    expect(tip).toContain('example-prod us-east-1');
    expect(tip).toContain('Click to zoom in');
    expect(await page.locator('.react-flow').getAttribute('class')).toContain('is-over-summary');
    await session.screenshot('lod-demo-hover');

    await page.mouse.click(centre.x, centre.y);
    const prodApp = topology.vpcs.find((v) => v.name === 'prod-app')!;
    await page.locator(cardSelector(prodApp.id)).waitFor();
    await expect.poll(async () => (await readViewport(page)).zoom).toBeGreaterThanOrEqual(SUMMARY_BELOW_ZOOM);
    expect(await page.getByTestId('overview-canvas').count()).toBe(0);
    expect(await tooltip.count()).toBe(0);
    // The region's cards are in view.
    const card = (await page.locator(cardSelector(prodApp.id)).boundingBox())!;
    const canvas = (await page.locator('.react-flow').boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(canvas.x);
    expect(card.x + card.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    expect(card.y).toBeGreaterThanOrEqual(canvas.y);
    expect(card.y + card.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    expect(session.problems).toEqual([]);
  });

  it("marks the region of the selected VPC and of search matches, so selection and search still help zoomed out", async () => {
    const page = await openGraph();
    const prodApp = topology.vpcs.find((v) => v.name === 'prod-app')!;
    await page.locator(cardSelector(prodApp.id)).click();
    await page.getByRole('region', { name: 'VPC details' }).waitFor();
    await zoomOutToSummaries(page);
    const own = regionSummary(page, ACCOUNTS.prod, 'us-east-1');
    expect(await own.getAttribute('data-mark')).toBe('selected');
    expect(await own.textContent()).toContain('holds the selected VPC');
    // A region none of its peers is in is dimmed.
    expect(await regionSummary(page, ACCOUNTS.data, 'eu-west-1').getAttribute('data-mark')).toBe('dimmed');
    await session.screenshot('lod-demo-selected');

    await page.keyboard.press('Escape');
    await page.keyboard.press('/');
    await page.keyboard.type('dev-legacy');
    await page.getByRole('listbox', { name: 'Search results' }).waitFor();
    await page.waitForTimeout(200);
    const matched = regionSummary(page, ACCOUNTS.dev, 'us-east-1');
    expect(await matched.getAttribute('data-mark')).toBe('match');
    expect(await matched.textContent()).toContain('holds 1 search match');
    expect(await regionSummary(page, ACCOUNTS.prod, 'us-east-1').getAttribute('data-mark')).toBe('dimmed');
    await session.screenshot('lod-demo-search');
    expect(session.problems).toEqual([]);
  });

  it('shows the summaries in the light theme too', async () => {
    const page = await openGraph('light');
    await zoomOutToSummaries(page);
    expect(await regionSummaries(page).count()).toBeGreaterThan(0);
    await session.screenshot('lod-demo-summaries-light');
    expect(session.problems).toEqual([]);
  });
});

describe('level of detail on 1,000 VPCs', () => {
  // 10 accounts × 4 regions of 25 VPCs, 2,000 peerings (some deleted, hidden by default).
  const snapshot = generateSnapshot({ accounts: 10, regions: 4, vpcs: 1000, peerings: 2000 });
  const topology = snapshot.topology;
  let harness: Awaited<ReturnType<typeof startHarness>>;
  let session: BrowserSession;

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

  async function open(theme: 'dark' | 'light'): Promise<Page> {
    const { page } = session;
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('about:blank');
    await page.goto(harness.url);
    await waitForGraph(page, 60_000);
    await page.getByTestId('overview-canvas').waitFor();
    await page.waitForTimeout(200);
    return page;
  }

  it('opens as the summaries of every account and region, and a click on a region brings its cards', async () => {
    const page = await open('dark');
    expect(await page.locator('.vpc-card').count()).toBe(0);
    expect(await page.getByRole('list', { name: 'Account summaries' }).getByRole('listitem').count()).toBe(10);
    expect(await regionSummaries(page).count()).toBe(40);

    const first = topology.vpcs[0]!;
    const here = new Set(topology.vpcs.filter((v) => v.accountId === first.accountId && v.region === first.region).map((v) => v.id));
    const peerings = topology.peerings.filter((p) => p.status !== 'deleted' && (here.has(p.requester.vpcId) || here.has(p.accepter.vpcId)));
    const text = await regionSummary(page, first.accountId, first.region).textContent();
    expect(text).toMatch(new RegExp(`^org-payments-0 ${first.region}: 25 VPCs, ${peerings.length} peerings \\(\\d+ inside the region\\), \\d+ CIDR conflicts?, worst state `));
    await session.screenshot('lod-1000-summaries-dark');

    // The layout is deterministic, so the test knows where the region is drawn.
    const box = (await layoutTopology(topology)).boxes.find((b) => b.id === regionBoxId(first.accountId, first.region))!;
    const centre = await onPage(page, box);
    await page.mouse.click(centre.x, centre.y);
    await page.locator(cardSelector(first.id)).waitFor();
    await expect.poll(async () => (await readViewport(page)).zoom).toBeGreaterThanOrEqual(SUMMARY_BELOW_ZOOM);
    expect(await page.getByTestId('overview-canvas').count()).toBe(0);
    await page.waitForTimeout(300);
    await session.screenshot('lod-1000-region-zoomed');
    expect(session.problems).toEqual([]);
  });

  it('shows the summaries in the light theme too', async () => {
    const page = await open('light');
    expect(await regionSummaries(page).count()).toBe(40);
    await session.screenshot('lod-1000-summaries-light');
    expect(session.problems).toEqual([]);
  });
});
