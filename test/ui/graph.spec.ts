import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { accountBoxId, regionBoxId } from '../../shared/diagram/layout';
import type { Topology, Vpc } from '../../shared/model/topology';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { callHarness, cardSelector, centreOf, dragMouse, openSandboxDemo, waitForGraph } from './graph-helpers';

// The main journey, on the sandbox's demo organisation (packages/sandbox-cloud/src/scenarios/demo.ts):
// a new user clicks Sandbox, the app starts the sandbox cloud and scans it, and the graph appears.
// One harness and one browser serve the file; each test reloads the page on that workspace.
let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;
let topology: Topology;

const ACCOUNTS = { network: '111122223333', prod: '444455556666', dev: '777788889999', data: '246813579024' } as const;

function vpc(name: string): Vpc {
  const found = topology.vpcs.find((v) => v.name === name);
  if (!found) throw new Error(`the demo has no VPC named ${name}`);
  return found;
}

function peeringNamed(name: string) {
  const found = topology.peerings.find((p) => p.name === name);
  if (!found) throw new Error(`the demo has no peering named ${name}`);
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

function boxOf(page: BrowserSession['page'], selector: string) {
  return page.locator(selector).first().boundingBox();
}

function inside(inner: { x: number; y: number; width: number; height: number }, outer: { x: number; y: number; width: number; height: number }) {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

beforeAll(async () => {
  harness = await startHarness();
  session = await openBrowser();
  const { page } = session;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(harness.url);
  await page.getByRole('region', { name: 'Getting started' }).waitFor();
  await session.screenshot('graph-first-run');
  topology = await openSandboxDemo(page, harness);
});

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe('the topology graph in Chromium, on the sandbox demo', () => {
  it('scans the sandbox from the first-run screen and draws every VPC in its account and region frames', async () => {
    const { page } = session;
    expect(topology.vpcs.length).toBeGreaterThanOrEqual(18);
    // 4 profiles × 17 default regions: the profile-wide steps are not cells of the grid.
    expect(await page.getByText(/68 of 68 cells done · 4 profiles × 17 regions/).count()).toBe(1);
    await session.screenshot('graph-sandbox-scanned');
    await openGraph('dark');
    for (const v of topology.vpcs) {
      const card = await boxOf(page, cardSelector(v.id));
      const region = await boxOf(page, `[data-id="${regionBoxId(v.accountId, v.region)}"]`);
      const account = await boxOf(page, `[data-id="${accountBoxId(v.accountId)}"]`);
      expect(card, v.name ?? v.id).not.toBeNull();
      expect(inside(card!, region!), `${v.name} in its region frame`).toBe(true);
      expect(inside(region!, account!), `${v.region} frame in account ${v.accountId}`).toBe(true);
      expect(await page.locator(cardSelector(v.id)).textContent()).toContain(v.cidrBlocks[0]!.cidr);
    }
    // Every status the demo holds is drawn, deleted ones only when asked for.
    const classOf = (name: string) => page.locator(`[data-peering-id="${peeringNamed(name).id}"]`).getAttribute('class');
    expect(await classOf('apac-prod-to-hub')).toContain('status-pending-acceptance');
    expect(await classOf('analytics-to-prod')).toContain('status-provisioning');
    expect(await classOf('legacy-to-hub')).toContain('status-failed');
    expect(await classOf('apac-dev-to-hub')).toContain('status-rejected');
    expect(await classOf('dev-db-to-lake')).toContain('status-expired');
    expect(await classOf('hub-egress')).toContain('routes-one');
    expect(await classOf('hub-dev-app')).toContain('routes-partial');
    expect(await page.locator(`[data-peering-id="${peeringNamed('prod-db-to-etl').id}"]`).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'show deleted' }).check();
    await page.locator(`[data-peering-id="${peeringNamed('prod-db-to-etl').id}"]`).waitFor();
    await page.getByRole('checkbox', { name: 'show deleted' }).uncheck();
    await waitForGraph(page);
    expect(await page.locator(`${cardSelector(vpc('dev-legacy').id)} [data-testid="badge-conflict"]`).count()).toBe(1);
    expect(await page.locator(`${cardSelector(vpc('dev-app').id)} [data-testid="badge-routes"]`).count()).toBe(1);
    await session.screenshot('graph-demo-dark');
    await openGraph('light');
    await session.screenshot('graph-demo-light');
    expect(session.problems).toEqual([]);
  });

  it('refuses a real mouse drag onto an overlapping VPC, naming both CIDR blocks, and creates nothing', async () => {
    const page = await openGraph('dark');
    const from = vpc('data-staging');
    const to = vpc('data-lake');
    await dragMouse(page, await centreOf(page, `${cardSelector(from.id)} .peer-knob`), await centreOf(page, cardSelector(to.id)), {
      beforeRelease: async () => {
        // While dragging, every other card says whether it can be the accepter.
        await expect.poll(() => page.locator(cardSelector(to.id)).getAttribute('data-drop')).toBe('drop-bad');
        expect(await page.locator(cardSelector(vpc('prod-db').id)).getAttribute('data-drop')).toBe('drop-ok');
        expect(await page.locator(cardSelector(from.id)).getAttribute('data-drop')).toBe('drag-source');
        const tag = await page.getByTestId('peer-cursor').textContent();
        expect(tag).toContain('Cannot peer');
        expect(tag).toContain('10.193.128.0/17');
        expect(tag).toContain('10.193.0.0/16');
        await session.screenshot('graph-drag-refused');
      },
    });
    const refusal = page.getByRole('alert', { name: 'Peering refused' });
    await refusal.waitFor();
    const text = await refusal.textContent();
    expect(text).toContain('secondary block 10.193.128.0/17 overlaps data-lake');
    expect(text).toContain('secondary block 10.193.0.0/16');
    expect(text).toContain('Nothing was created');
    expect(await page.getByRole('dialog', { name: 'Peering plan' }).count()).toBe(0);
    const workspace = await callHarness(harness, 'getWorkspace', {});
    expect(workspace.ok && workspace.value.snapshot?.topology.peerings.length).toBe(topology.peerings.length);
    // Once the drag is over, no card keeps its valid/invalid marking.
    expect(await page.locator('[data-drop]').count()).toBe(0);
    await page.waitForTimeout(200);
    await session.screenshot('graph-refusal');
    await page.keyboard.press('Escape');
    await refusal.waitFor({ state: 'detached' });
    expect(session.problems).toEqual([]);
  });

  it('opens the peering plan when a real drag ends anywhere on a valid VPC', async () => {
    const page = await openGraph('dark');
    const from = vpc('dev-db');
    const to = vpc('prod-db');
    const card = (await boxOf(page, cardSelector(to.id)))!;
    // Drop near the card's lower-left corner, far from any handle: the whole card is the target.
    await dragMouse(page, await centreOf(page, `${cardSelector(from.id)} .peer-knob`), { x: card.x + 18, y: card.y + card.height - 12 }, {
      beforeRelease: async () => {
        await expect.poll(() => page.getByTestId('peer-cursor').textContent()).toContain('Release to plan this peering');
        await session.screenshot('graph-drag-valid');
      },
    });
    const plan = page.getByRole('dialog', { name: 'Peering plan' });
    await plan.waitFor();
    expect(await plan.getByTestId('plan-account').textContent()).toBe(`Cross-account: ${ACCOUNTS.dev} → ${ACCOUNTS.prod}`);
    expect(await plan.getByTestId('plan-region').textContent()).toBe('Same region (us-east-1)');
    expect(await plan.getByTestId('plan-acceptance').textContent()).toContain(`Account ${ACCOUNTS.prod} must accept it in us-east-1, with profile sandbox-prod`);
    await session.screenshot('graph-plan');
    await plan.getByRole('button', { name: 'Close the plan' }).click();
    await plan.waitFor({ state: 'detached' });
    expect(session.problems).toEqual([]);
  });

  it('paints overlapping VPCs in conflicts mode and lists every conflict', async () => {
    const page = await openGraph('dark');
    await page.keyboard.press('c');
    for (const name of ['dev-legacy', 'shared-services', 'data-staging', 'data-lake']) {
      await expect.poll(() => page.locator(cardSelector(vpc(name).id)).getAttribute('class')).toContain('is-conflict');
    }
    expect(await page.locator(cardSelector(vpc('prod-db').id)).getAttribute('class')).toContain('is-dimmed');
    const list = page.getByRole('list', { name: 'CIDR conflicts' });
    expect(await list.getByRole('listitem').count()).toBe(2);
    // In the words of `peerscape analyze`: one wording of an overlap.
    expect(await list.textContent()).toContain('10.0.0.0/16 is the same block as 10.0.0.0/16');
    await session.screenshot('graph-conflicts');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(cardSelector(vpc('dev-legacy').id)).getAttribute('class')).not.toContain('is-conflict');
    expect(session.problems).toEqual([]);
  });

  it('dims all but the peers of a selected VPC, marks what it reaches only through others, and explains a pair', async () => {
    const page = await openGraph('dark');
    const prodDb = vpc('prod-db');
    const shared = vpc('shared-services');
    await page.locator(cardSelector(prodDb.id)).click();
    await expect.poll(() => page.locator(cardSelector(prodDb.id)).getAttribute('class')).toContain('is-selected');
    expect(await page.locator(cardSelector(vpc('prod-app').id)).getAttribute('class')).toContain('is-peer');
    expect(await page.locator(cardSelector(shared.id)).getAttribute('class')).toContain('is-indirect');
    expect(await page.locator(cardSelector(vpc('dev-sandbox-apac').id)).getAttribute('class')).toContain('is-dimmed');
    await page.getByTestId(`ghost-${prodDb.id}-${shared.id}`).waitFor();
    expect(await page.getByTestId('indirect-list').textContent()).toContain('shared-services via prod-app');
    await session.screenshot('graph-non-transitive');
    await page.locator(cardSelector(shared.id)).click({ modifiers: ['Shift'] });
    const pair = page.getByRole('region', { name: 'Reachability' });
    await pair.waitFor();
    expect(await pair.getByTestId('reachability-verdict').textContent()).toBe('Traffic cannot flow');
    expect(await pair.getByTestId('pair-path').textContent()).toContain('not transitive');
    await session.screenshot('graph-reachability');
    expect(session.problems).toEqual([]);
  });

  it('inspects a peering: status, next step, and the routes of each side', async () => {
    const page = await openGraph('dark');
    const pending = peeringNamed('lake-to-prod-db');
    await page.locator(`[data-testid="rf__edge-${pending.id}"] .react-flow__edge-interaction`).dispatchEvent('click');
    const inspector = page.getByRole('region', { name: 'Peering details' });
    await inspector.waitFor();
    const step = await inspector.getByTestId('next-step').textContent();
    expect(step).toContain(`Waiting for account ${ACCOUNTS.prod} to accept the request in us-east-1.`);
    expect(step).toContain(`Accept ${pending.id} with profile sandbox-prod in us-east-1`);
    expect(step).toContain(`aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id ${pending.id} --region us-east-1 --profile sandbox-prod`);
    await page.locator(`[data-testid="rf__edge-${peeringNamed('hub-dev-app').id}"] .react-flow__edge-interaction`).dispatchEvent('click');
    await expect.poll(() => inspector.textContent()).toContain('has no route to');
    await session.screenshot('graph-inspect-peering');
    expect(session.problems).toEqual([]);
  });

  it('finds the VPC holding an IP address and filters by account and region', async () => {
    const page = await openGraph('dark');
    await page.keyboard.press('/');
    await page.keyboard.type('10.65.1.5');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await results.waitFor();
    expect(await results.getByRole('option').allTextContents()).toEqual([expect.stringContaining('prod-db')]);
    await expect.poll(() => page.locator(cardSelector(vpc('prod-db').id)).getAttribute('class')).toContain('is-match');
    await page.getByRole('searchbox', { name: 'Search VPCs' }).fill(`account:${ACCOUNTS.dev} region:us-east-1`);
    await expect.poll(() => results.getByRole('option').count()).toBe(3);
    await session.screenshot('graph-search');
    await page.getByRole('searchbox', { name: 'Search VPCs' }).press('Enter');
    await expect.poll(() => page.locator(cardSelector(vpc('dev-app').id)).getAttribute('class')).toContain('is-selected');
    expect(session.problems).toEqual([]);
  });

  it('keeps a dragged card where the user put it after a reload, until Re-layout', async () => {
    let page = await openGraph('dark');
    const card = vpc('dev-db');
    const region = regionBoxId(card.accountId, card.region);
    // Flow coordinates of the card relative to its region frame, read from React Flow's transforms.
    const offset = () =>
      page.evaluate(
        ([cardId, frameId]) => {
          const at = (nodeId: string) => {
            const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec((document.querySelector(`[data-id="${nodeId}"]`) as HTMLElement).style.transform);
            return { x: Number(m![1]), y: Number(m![2]) };
          };
          const c = at(cardId);
          const f = at(frameId);
          return { x: Math.round(c.x - f.x), y: Math.round(c.y - f.y) };
        },
        [card.id, region] as const,
      );
    const before = await offset();
    // A card moves by its grip; its region holds one row of cards, so it moves only sideways.
    const start = await centreOf(page, `[data-id="${card.id}"] .vpc-grip`);
    await dragMouse(page, start, { x: start.x + 60, y: start.y + 45 }, { steps: 10 });
    const moved = await offset();
    expect(moved.x - before.x).toBeGreaterThan(40);
    expect(moved.y).toBe(before.y);
    await expect
      .poll(async () => {
        const w = await callHarness(harness, 'getWorkspace', {});
        return w.ok ? w.value.positions[card.id] : undefined;
      })
      .toEqual(moved);
    page = await openGraph('dark');
    expect(await offset()).toEqual(moved);
    await page.getByRole('button', { name: 'Re-layout' }).click();
    await expect.poll(offset).toEqual(before);
    const w = await callHarness(harness, 'getWorkspace', {});
    expect(w.ok && w.value.positions).toEqual({});
    expect(session.problems).toEqual([]);
  });
});
