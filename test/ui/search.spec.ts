import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Topology } from '../../shared/model/topology';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { cardSelector, openSandboxDemo, waitForGraph } from './graph-helpers';

// Search finds what the canvas shows, on the sandbox's demo organisation
// (packages/sandbox-cloud/src/scenarios/demo.ts): account names as their frames show them (the
// IAM aliases the scan reads, e.g. example-dev) and the profiles that act in them, parts of names in any case,
// peering ids and peering Name tags. One harness and one browser serve the file.
let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;
let topology: Topology;

const DEV_ACCOUNT = '777788889999';

function peeringNamed(name: string) {
  const found = topology.peerings.find((p) => p.name === name);
  if (!found) throw new Error(`the demo has no peering named ${name}`);
  return found;
}

async function openGraph() {
  const { page } = session;
  await page.goto('about:blank');
  await page.goto(harness.url);
  await waitForGraph(page);
  return page;
}

/** Type `query` into the search box as a user does and return the result list. */
async function searchFor(query: string) {
  const { page } = session;
  // Escape clears and leaves the box (or clears the canvas when the box is not focused); `/` focuses it.
  await page.keyboard.press('Escape');
  await page.keyboard.press('/');
  await page.keyboard.type(query);
  const results = page.getByRole('listbox', { name: 'Search results' });
  await results.waitFor();
  return results;
}

const names = (results: Awaited<ReturnType<typeof searchFor>>) => results.locator('.search-hit-name').allTextContents();

/** Whether an element lies wholly inside the canvas as shown. */
async function inView(selector: string): Promise<boolean> {
  const { page } = session;
  const box = await page.locator(selector).first().boundingBox();
  const canvas = await page.getByTestId('topology-canvas').boundingBox();
  return !!box && !!canvas && box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
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

describe('search in Chromium, on the sandbox demo', () => {
  it('finds an account by the name its frame shows (its alias) and by its profile, with account: and without', async () => {
    const page = await openGraph();
    const frame = page.getByTestId(`account-frame-${DEV_ACCOUNT}`);
    expect(await frame.locator('.frame-name').textContent()).toBe('example-dev');
    expect(await frame.locator('.frame-id').textContent()).toBe(DEV_ACCOUNT);
    expect(await frame.locator('.frame-chip').allTextContents()).toEqual(['sandbox-dev']);
    const devVpcs = topology.vpcs.filter((v) => v.accountId === DEV_ACCOUNT);
    expect(devVpcs.length).toBeGreaterThan(2);
    const expected = devVpcs.map((v) => v.name ?? v.id).sort();
    for (const [query, term] of [
      ['account:example-dev', 'example-dev'],
      ['example-dev', 'example-dev'],
      ['account:sandbox-dev', 'sandbox-dev'],
    ] as const) {
      const results = await searchFor(query);
      await expect.poll(async () => (await names(results)).sort()).toEqual(expected);
      expect(await results.getByRole('option').first().textContent()).toContain(`VPC · account ${term}`);
      for (const v of topology.vpcs) {
        await expect.poll(() => page.locator(cardSelector(v.id)).getAttribute('class')).toContain(v.accountId === DEV_ACCOUNT ? 'is-match' : 'is-dimmed');
      }
      expect(await page.getByTestId('mode-banner').textContent()).toBe(`${devVpcs.length} VPCs match “${query}” · Esc to clear`);
    }
    await session.screenshot('search-account');
    expect(session.problems).toEqual([]);
  });

  it('keeps the results open when Esc, / and typing come at once (the box closes its list a moment after losing focus)', async () => {
    const page = await openGraph();
    await searchFor('account:sandbox-dev');
    const results = await searchFor('sandbox-dev');
    await page.waitForTimeout(400);
    expect(await results.isVisible()).toBe(true);
    expect(await results.getByRole('option').count()).toBeGreaterThan(0);
    expect(session.problems).toEqual([]);
  });

  it('finds part of a name in any case, VPCs and peerings alike', async () => {
    const page = await openGraph();
    const part = 'prod-d';
    const vpcs = topology.vpcs.filter((v) => (v.name ?? '').includes(part)).map((v) => v.name!);
    const peerings = topology.peerings.filter((p) => p.status !== 'deleted' && (p.name ?? '').includes(part)).map((p) => p.name!);
    expect(vpcs.length).toBeGreaterThan(0);
    expect(peerings.length).toBeGreaterThan(0);
    const results = await searchFor(part.toUpperCase());
    await expect.poll(async () => (await names(results)).sort()).toEqual([...vpcs, ...peerings].sort());
    const found = peeringNamed(peerings[0]!);
    await expect.poll(() => page.locator(`[data-peering-id="${found.id}"]`).getAttribute('class')).toContain('is-match');
    await page.getByTestId(`edge-label-${found.id}`).waitFor();
    await session.screenshot('search-partial-name');
    expect(session.problems).toEqual([]);
  });

  it('finds a peering by its id, selects it with Enter and shows both its VPCs', async () => {
    const page = await openGraph();
    const peering = peeringNamed('hub-dev-app');
    const results = await searchFor(peering.id);
    await expect.poll(() => names(results)).toEqual(['hub-dev-app']);
    expect(await results.getByRole('option').textContent()).toContain(`peering · id ${peering.id}`);
    expect(await page.getByTestId('mode-banner').textContent()).toBe(`1 peering matches “${peering.id}” · Esc to clear`);
    await page.keyboard.press('Enter');
    const inspector = page.getByRole('region', { name: 'Peering details' });
    await inspector.waitFor();
    expect(await inspector.textContent()).toContain(peering.id);
    await expect.poll(() => page.locator(`[data-peering-id="${peering.id}"]`).getAttribute('class')).toContain('is-selected');
    await expect.poll(() => inView(cardSelector(peering.requester.vpcId))).toBe(true);
    await expect.poll(() => inView(cardSelector(peering.accepter.vpcId))).toBe(true);
    await session.screenshot('search-peering-id');
    expect(session.problems).toEqual([]);
  });

  it('finds a transit gateway by its name and by its id, selects it with Enter and brings its hub into view', async () => {
    const page = await openGraph();
    expect(topology.transitGateways.length).toBeGreaterThan(0);
    const hub = topology.transitGateways.find((g) => g.name === 'eu-tgw') ?? topology.transitGateways[0]!;
    const label = hub.name ?? hub.id;
    let results = await searchFor(label.toUpperCase());
    await expect.poll(() => names(results)).toContain(label);
    results = await searchFor(hub.id);
    await expect.poll(() => names(results)).toEqual([label]);
    expect(await results.getByRole('option').textContent()).toContain(`transit gateway · id ${hub.id}`);
    expect(await page.getByTestId('mode-banner').textContent()).toBe(`1 transit gateway matches “${hub.id}” · Esc to clear`);
    await page.keyboard.press('Enter');
    const inspector = page.getByTestId('inspector-tgw');
    await inspector.waitFor();
    expect(await inspector.textContent()).toContain(hub.id);
    await expect.poll(() => page.getByTestId(`tgw-hub-${hub.id}`).getAttribute('class')).toContain('is-selected');
    await expect.poll(() => inView(`[data-testid="tgw-hub-${hub.id}"]`)).toBe(true);
    await session.screenshot('search-tgw-id');
    expect(session.problems).toEqual([]);
  });

  it('finds a peering by part of its Name tag and selects it with a click', async () => {
    const page = await openGraph();
    const peering = peeringNamed('analytics-to-prod');
    expect(peering.tags.Name).toBe('analytics-to-prod');
    const results = await searchFor('Analytics-To');
    await expect.poll(() => names(results)).toEqual(['analytics-to-prod']);
    await results.getByRole('option').click();
    const inspector = page.getByRole('region', { name: 'Peering details' });
    await inspector.waitFor();
    expect(await inspector.textContent()).toContain('analytics-to-prod');
    await expect.poll(() => page.locator(`[data-peering-id="${peering.id}"]`).getAttribute('class')).toContain('is-selected');
    await session.screenshot('search-peering-name');
    expect(session.problems).toEqual([]);
  });
});
