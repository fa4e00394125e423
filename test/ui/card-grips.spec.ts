import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { accountBoxId, regionBoxId } from '../../shared/diagram/layout';
import type { Topology, Vpc } from '../../shared/model/topology';
import { openBrowser, SCREENSHOT_DIR } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { callHarness, cardSelector, centreOf, dragMouse, openSandboxDemo, waitForGraph } from './graph-helpers';

// The forgiving canvas, on the sandbox's demo organisation (packages/sandbox-cloud/src/scenarios/demo.ts):
// a press anywhere on a card starts a peering, only the grip moves a card, a card stays inside its
// region frame, and Ctrl+Z / Shift+Ctrl+Z / Ctrl+Y undo and redo moves, Re-layout and selections,
// except in a text field, whose own undo the keys stay with. One harness and one browser serve the file.
let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;
let topology: Topology;

type Box = { x: number; y: number; width: number; height: number };

function vpc(name: string): Vpc {
  const found = topology.vpcs.find((v) => v.name === name);
  if (!found) throw new Error(`the demo has no VPC named ${name}`);
  return found;
}

async function openGraph(theme: 'dark' | 'light' = 'dark') {
  const { page } = session;
  await page.emulateMedia({ colorScheme: theme });
  // The harness URL differs only by its #token, so going there again would not reload the app.
  await page.goto('about:blank');
  await page.goto(harness.url);
  await waitForGraph(page);
  await page.waitForTimeout(150);
  return page;
}

async function boxOf(selector: string): Promise<Box> {
  const box = await session.page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return box;
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

/** Flow coordinates of a node relative to another (a card to its region frame), read from React Flow's transforms. */
function offsetOf(nodeId: string, frameId: string): Promise<{ x: number; y: number }> {
  return session.page.evaluate(
    ([n, f]) => {
      const at = (id: string) => {
        const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec((document.querySelector(`[data-id="${id}"]`) as HTMLElement).style.transform);
        return { x: Number(m![1]), y: Number(m![2]) };
      };
      const c = at(n);
      const p = at(f);
      return { x: Math.round(c.x - p.x), y: Math.round(c.y - p.y) };
    },
    [nodeId, frameId] as const,
  );
}

async function savedPosition(id: string) {
  const w = await callHarness(harness, 'getWorkspace', {});
  return w.ok ? w.value.positions[id] : undefined;
}

/** The size of a frame in flow units, from its inline style. */
function frameSize(frameId: string): Promise<{ width: number; height: number }> {
  return session.page.evaluate((id) => {
    const el = document.querySelector(`[data-id="${id}"]`) as HTMLElement;
    return { width: el.offsetWidth, height: el.offsetHeight };
  }, frameId);
}

const gripOf = (v: Vpc) => `[data-id="${v.id}"] .vpc-grip`;

beforeAll(async () => {
  harness = await startHarness();
  session = await openBrowser();
  const { page } = session;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(harness.url);
  topology = await openSandboxDemo(page, harness);
});

beforeEach(async () => {
  // Each test starts from the automatic layout.
  await callHarness(harness, 'resetPositions', {});
});

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe('cards on the canvas in Chromium, on the sandbox demo', () => {
  it('starts a peering from anywhere on a card: a drop on a valid VPC opens the plan, a refused one says why, and no card moves', async () => {
    const page = await openGraph();
    const from = vpc('dev-db');
    const to = vpc('prod-db');
    const region = regionBoxId(from.accountId, from.region);
    const before = await offsetOf(from.id, region);
    const card = await boxOf(cardSelector(from.id));
    // The lower-left of the card: its account line, far from the knob and the grip.
    await dragMouse(page, { x: card.x + 30, y: card.y + card.height - 14 }, await centreOf(page, cardSelector(to.id)), {
      beforeRelease: async () => {
        await expect.poll(() => page.getByTestId('peer-cursor').textContent()).toContain('Release to plan this peering');
        expect(await page.locator(cardSelector(from.id)).getAttribute('data-drop')).toBe('drag-source');
        expect(await page.locator(cardSelector(to.id)).getAttribute('data-drop')).toBe('drop-ok');
        await session.screenshot('grips-body-drag');
      },
    });
    const plan = page.getByRole('dialog', { name: 'Peering plan' });
    await plan.waitFor();
    expect(await plan.getByTestId('plan-region').textContent()).toBe('Same region (us-east-1)');
    expect(await offsetOf(from.id, region)).toEqual(before);
    await plan.getByRole('button', { name: 'Close the plan' }).click();
    await plan.waitFor({ state: 'detached' });

    // From the name of an overlapping VPC onto its neighbour: refused, with both blocks named.
    const staging = vpc('data-staging');
    const lake = vpc('data-lake');
    const stagingRegion = regionBoxId(staging.accountId, staging.region);
    const stagingBefore = await offsetOf(staging.id, stagingRegion);
    const name = await boxOf(`${cardSelector(staging.id)} .vpc-name`);
    await dragMouse(page, { x: name.x + 10, y: name.y + name.height / 2 }, await centreOf(page, cardSelector(lake.id)), {
      beforeRelease: async () => {
        await expect.poll(() => page.getByTestId('peer-cursor').textContent()).toContain('Cannot peer');
      },
    });
    const refusal = page.getByRole('alert', { name: 'Peering refused' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('overlaps data-lake');
    expect(await refusal.textContent()).toContain('Nothing was created');
    expect(await offsetOf(staging.id, stagingRegion)).toEqual(stagingBefore);
    await page.keyboard.press('Escape');
    await refusal.waitFor({ state: 'detached' });
    expect(await savedPosition(from.id)).toBeUndefined();
    expect(await savedPosition(staging.id)).toBeUndefined();
    expect(session.problems).toEqual([]);
  });

  it('moves a card by its grip inside its region frame only, and Ctrl+Z, Shift+Ctrl+Z and Ctrl+Y undo and redo the move', async () => {
    const page = await openGraph();
    const card = vpc('dev-db');
    const region = regionBoxId(card.accountId, card.region);
    const frameBefore = await frameSize(region);
    const before = await offsetOf(card.id, region);
    expect(await page.locator(gripOf(card)).getAttribute('title')).toContain('Move this card');

    // Dragged far to the right and below the frame: it stops at the frame's inner edge, and the frame keeps its size.
    const grip = await centreOf(page, gripOf(card));
    await dragMouse(page, grip, { x: grip.x + 1500, y: grip.y + 900 });
    const moved = await offsetOf(card.id, region);
    expect(moved.x).toBeGreaterThan(before.x + 100);
    expect(await frameSize(region)).toEqual(frameBefore);
    expect(inside(await boxOf(cardSelector(card.id)), await boxOf(`[data-id="${region}"]`))).toBe(true);
    expect(inside(await boxOf(`[data-id="${region}"]`), await boxOf(`[data-id="${accountBoxId(card.accountId)}"]`))).toBe(true);
    expect(moved.x + 252).toBeLessThanOrEqual(frameBefore.width - 20);
    expect(moved.y).toBe(before.y);
    await expect.poll(() => savedPosition(card.id)).toEqual(moved);
    await session.screenshot('grips-moved-to-frame-edge');
    // A move is not a peering.
    expect(await page.getByRole('dialog', { name: 'Peering plan' }).count()).toBe(0);
    expect(await page.getByRole('alert', { name: 'Peering refused' }).count()).toBe(0);

    await page.keyboard.press('Control+z');
    await expect.poll(() => offsetOf(card.id, region)).toEqual(before);
    await expect.poll(() => savedPosition(card.id)).toEqual(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => offsetOf(card.id, region)).toEqual(moved);
    await expect.poll(() => savedPosition(card.id)).toEqual(moved);
    await page.keyboard.press('Control+z');
    await expect.poll(() => offsetOf(card.id, region)).toEqual(before);
    await page.keyboard.press('Control+y');
    await expect.poll(() => offsetOf(card.id, region)).toEqual(moved);
    // Nothing more to redo.
    await page.keyboard.press('Control+y');
    await page.waitForTimeout(100);
    expect(await offsetOf(card.id, region)).toEqual(moved);
    expect(session.problems).toEqual([]);
  });

  it('leaves Ctrl+Z to the search box while it has focus, and to the canvas once it has not', async () => {
    const page = await openGraph();
    const card = vpc('shared-services');
    const region = regionBoxId(card.accountId, card.region);
    const before = await offsetOf(card.id, region);
    const grip = await centreOf(page, gripOf(card));
    await dragMouse(page, grip, { x: grip.x - 200, y: grip.y });
    const moved = await offsetOf(card.id, region);
    expect(moved.x).toBeLessThan(before.x - 100);

    const search = page.getByRole('searchbox', { name: 'Search VPCs' });
    await page.keyboard.press('/');
    await page.keyboard.type('prod-db');
    await expect.poll(() => search.inputValue()).toBe('prod-db');
    await page.keyboard.press('Control+z');
    await expect.poll(() => search.inputValue()).not.toBe('prod-db');
    await page.waitForTimeout(100);
    expect(await offsetOf(card.id, region)).toEqual(moved);

    // Escape leaves the box; now the keys are the canvas's.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await expect.poll(() => offsetOf(card.id, region)).toEqual(before);
    expect(session.problems).toEqual([]);
  });

  it('undoes Re-layout back to the cards the user placed, and undoes and redoes a selection', async () => {
    const page = await openGraph();
    const card = vpc('egress');
    const region = regionBoxId(card.accountId, card.region);
    const before = await offsetOf(card.id, region);
    const grip = await centreOf(page, gripOf(card));
    await dragMouse(page, grip, { x: grip.x + 180, y: grip.y });
    const moved = await offsetOf(card.id, region);
    expect(moved.x).toBeGreaterThan(before.x + 100);
    await expect.poll(() => savedPosition(card.id)).toEqual(moved);

    await page.getByRole('button', { name: 'Re-layout' }).click();
    await expect.poll(() => offsetOf(card.id, region)).toEqual(before);
    await expect.poll(() => savedPosition(card.id)).toBeUndefined();
    await page.keyboard.press('Control+z');
    await expect.poll(() => offsetOf(card.id, region)).toEqual(moved);
    await expect.poll(() => savedPosition(card.id)).toEqual(moved);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => offsetOf(card.id, region)).toEqual(before);

    const prodDb = vpc('prod-db');
    await page.locator(cardSelector(prodDb.id)).click();
    await expect.poll(() => page.locator(cardSelector(prodDb.id)).getAttribute('class')).toContain('is-selected');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator(cardSelector(prodDb.id)).getAttribute('class')).not.toContain('is-selected');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator(cardSelector(prodDb.id)).getAttribute('class')).toContain('is-selected');
    expect(session.problems).toEqual([]);
  });

  it('shows the grip on every card, in both themes', async () => {
    for (const theme of ['dark', 'light'] as const) {
      const page = await openGraph(theme);
      expect(await page.locator('.vpc-grip').count()).toBe(topology.vpcs.length);
      // Zoom in on a card with the wheel, then look at it and its neighbour with its grip hovered.
      const card = vpc('shared-services');
      const centre = await centreOf(page, cardSelector(card.id));
      await page.mouse.move(centre.x, centre.y);
      for (let i = 0; i < 4; i++) {
        await page.mouse.wheel(0, -200);
        await page.waitForTimeout(120);
      }
      await page.waitForTimeout(400);
      await page.hover(gripOf(card));
      const shown = await boxOf(cardSelector(card.id));
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `grips-card-${theme}.png`),
        clip: { x: Math.max(0, shown.x - 60), y: Math.max(0, shown.y - 24), width: shown.width + 84, height: shown.height + 48 },
      });
    }
    expect(session.problems).toEqual([]);
  });
});
