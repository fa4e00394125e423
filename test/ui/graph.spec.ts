import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { accountBoxId, regionBoxId } from '../../shared/layout/diagram-layout';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { DEMO_ACCOUNTS, DEMO_PEERINGS, PARTNER_VPC_ID, demoLikeSnapshot, demoVpcId } from '../support/fixtures/snapshots/demo-like';
import { startHarness } from '../support/harness';
import { callHarness, cardSelector, centreOf, dragMouse, waitForGraph } from './graph-helpers';

// One harness and one browser for the whole file: each test reloads the page on the same
// workspace (the demo-like snapshot), which keeps the suite quick on two cores.
let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;

const snapshot = demoLikeSnapshot(new Date(Date.now() - 7 * 60_000).toISOString());
const topology = snapshot.topology;

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
  const imported = await callHarness(harness, 'importSnapshot', { json: JSON.stringify(snapshot) });
  expect(imported.ok).toBe(true);
  session = await openBrowser();
});

afterAll(async () => {
  await session?.close();
  await harness?.close();
});

describe('the topology graph in Chromium, on the demo-like organisation', () => {
  it('draws every VPC in its account and region frames, with statuses and a legend, in both themes', async () => {
    const page = await openGraph('dark');
    for (const vpc of topology.vpcs) {
      const card = await boxOf(page, cardSelector(vpc.id));
      const region = await boxOf(page, `[data-id="${regionBoxId(vpc.accountId, vpc.region)}"]`);
      const account = await boxOf(page, `[data-id="${accountBoxId(vpc.accountId)}"]`);
      expect(card, vpc.name).not.toBeNull();
      expect(inside(card!, region!), `${vpc.name} in its region frame`).toBe(true);
      expect(inside(region!, account!), `${vpc.region} frame in account ${vpc.accountId}`).toBe(true);
      await expect.poll(() => page.locator(cardSelector(vpc.id)).textContent()).toContain(vpc.cidrBlocks[0]!.cidr);
    }
    // The partner VPC is drawn in its own (unscanned) account frame, so its peering has two ends.
    expect(await page.locator(cardSelector(PARTNER_VPC_ID)).textContent()).toContain('not scanned');
    expect(await page.locator(`[data-testid="account-frame-${DEMO_ACCOUNTS.partner}"]`).count()).toBe(1);
    // Edges carry their status; deleted ones stay hidden until asked for.
    expect(await page.locator(`[data-peering-id="${DEMO_PEERINGS.pendingEu}"]`).getAttribute('class')).toContain('status-pending-acceptance');
    expect(await page.locator(`[data-peering-id="${DEMO_PEERINGS.sharedToDevTools}"]`).getAttribute('class')).toContain('routes-one');
    expect(await page.locator(`[data-peering-id="${DEMO_PEERINGS.deleted}"]`).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'show deleted' }).check();
    await page.locator(`[data-peering-id="${DEMO_PEERINGS.deleted}"]`).waitFor();
    await page.getByRole('checkbox', { name: 'show deleted' }).uncheck();
    await waitForGraph(page);
    expect(await page.locator(`${cardSelector(demoVpcId('prod-app'))} [data-testid="badge-conflict"]`).count()).toBe(1);
    expect(await page.locator(`${cardSelector(demoVpcId('dev-tools'))} [data-testid="badge-routes"]`).count()).toBe(1);
    await expect.poll(() => page.getByTestId('snapshot-summary').textContent()).toContain('taken 7 min ago');
    await session.screenshot('graph-demo-dark');
    await openGraph('light');
    await session.screenshot('graph-demo-light');
    expect(session.problems).toEqual([]);
  });

  it('refuses a real mouse drag onto an overlapping VPC, naming both CIDR blocks, and creates nothing', async () => {
    const page = await openGraph('dark');
    const from = demoVpcId('legacy-ap');
    const to = demoVpcId('prod-data');
    await dragMouse(page, await centreOf(page, `${cardSelector(from)} .peer-knob`), await centreOf(page, cardSelector(to)), {
      beforeRelease: async () => {
        // While dragging, every other card says whether it can be the accepter.
        await expect.poll(() => page.locator(cardSelector(to)).getAttribute('data-drop')).toBe('drop-bad');
        expect(await page.locator(cardSelector(demoVpcId('prod-analytics'))).getAttribute('data-drop')).toBe('drop-ok');
        expect(await page.locator(cardSelector(from)).getAttribute('data-drop')).toBe('drag-source');
        const tag = await page.getByTestId('peer-cursor').textContent();
        expect(tag).toContain('Cannot peer');
        expect(tag).toContain('10.21.128.0/17');
        expect(tag).toContain('10.21.0.0/16');
        await session.screenshot('graph-drag-refused');
      },
    });
    const refusal = page.getByRole('alert', { name: 'Peering refused' });
    await refusal.waitFor();
    const text = await refusal.textContent();
    expect(text).toContain('10.21.128.0/17');
    expect(text).toContain('10.21.0.0/16');
    expect(text).toContain('Nothing was created');
    expect(await page.getByRole('dialog', { name: 'Peering plan' }).count()).toBe(0);
    const workspace = await callHarness(harness, 'getWorkspace', {});
    expect(workspace.ok && workspace.value.snapshot?.topology.peerings.length).toBe(topology.peerings.length);
    await session.screenshot('graph-refusal');
    await page.keyboard.press('Escape');
    await refusal.waitFor({ state: 'detached' });
    expect(session.problems).toEqual([]);
  });

  it('opens the peering plan when a real drag ends anywhere on a valid VPC', async () => {
    const page = await openGraph('dark');
    const from = demoVpcId('dev-sandbox');
    const to = demoVpcId('prod-analytics');
    const card = (await boxOf(page, cardSelector(to)))!;
    // Drop near the card's lower-left corner, far from any handle: the whole card is the target.
    await dragMouse(page, await centreOf(page, `${cardSelector(from)} .peer-knob`), { x: card.x + 18, y: card.y + card.height - 12 }, {
      beforeRelease: async () => {
        await expect.poll(() => page.getByTestId('peer-cursor').textContent()).toContain('Release to plan this peering');
      },
    });
    const plan = page.getByRole('dialog', { name: 'Peering plan' });
    await plan.waitFor();
    expect(await plan.getByTestId('plan-account').textContent()).toBe(`Cross-account: ${DEMO_ACCOUNTS.dev} → ${DEMO_ACCOUNTS.prod}`);
    expect(await plan.getByTestId('plan-region').textContent()).toBe('Same region (us-east-1)');
    expect(await plan.getByTestId('plan-acceptance').textContent()).toContain(`Account ${DEMO_ACCOUNTS.prod} must accept it in us-east-1, with profile prod`);
    expect(await plan.textContent()).toContain('create-vpc-peering-connection');
    await session.screenshot('graph-plan');
    await plan.getByRole('button', { name: 'Close the plan' }).click();
    await plan.waitFor({ state: 'detached' });
    expect(session.problems).toEqual([]);
  });

  it('paints overlapping VPCs in conflicts mode and lists every conflict', async () => {
    const page = await openGraph('dark');
    await page.keyboard.press('c');
    for (const key of ['prod-app', 'dev-app', 'prod-data', 'legacy-ap']) {
      await expect.poll(() => page.locator(cardSelector(demoVpcId(key))).getAttribute('class')).toContain('is-conflict');
    }
    expect(await page.locator(cardSelector(demoVpcId('shared-services'))).getAttribute('class')).toContain('is-dimmed');
    const list = page.getByRole('list', { name: 'CIDR conflicts' });
    expect(await list.getByRole('listitem').count()).toBe(2);
    expect(await list.textContent()).toContain('10.20.0.0/16 ∩ 10.20.0.0/16');
    await session.screenshot('graph-conflicts');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator(cardSelector(demoVpcId('prod-app'))).getAttribute('class')).not.toContain('is-conflict');
    expect(session.problems).toEqual([]);
  });

  it('dims all but the peers of a selected VPC, marks what it reaches only through others, and explains a pair', async () => {
    const page = await openGraph('dark');
    const prodApp = demoVpcId('prod-app');
    const devTools = demoVpcId('dev-tools');
    await page.locator(cardSelector(prodApp)).click();
    await expect.poll(() => page.locator(cardSelector(prodApp)).getAttribute('class')).toContain('is-selected');
    expect(await page.locator(cardSelector(demoVpcId('shared-services'))).getAttribute('class')).toContain('is-peer');
    expect(await page.locator(cardSelector(devTools)).getAttribute('class')).toContain('is-indirect');
    expect(await page.locator(cardSelector(demoVpcId('dev-sandbox'))).getAttribute('class')).toContain('is-dimmed');
    await page.getByTestId(`ghost-${prodApp}-${devTools}`).waitFor();
    expect(await page.getByTestId('indirect-list').textContent()).toContain('dev-tools via shared-services');
    await session.screenshot('graph-non-transitive');
    await page.locator(cardSelector(devTools)).click({ modifiers: ['Shift'] });
    const pair = page.getByRole('region', { name: 'Reachability' });
    await pair.waitFor();
    expect(await pair.getByTestId('reachability-verdict').textContent()).toBe('Traffic cannot flow');
    expect(await pair.getByTestId('pair-path').textContent()).toContain('not transitive');
    await session.screenshot('graph-reachability');
    expect(session.problems).toEqual([]);
  });

  it('inspects a peering: status, next step, and the routes of each side', async () => {
    const page = await openGraph('dark');
    const label = page.getByTestId(`edge-label-${DEMO_PEERINGS.pendingEu}`);
    await label.waitFor();
    await page.locator(`[data-testid="rf__edge-${DEMO_PEERINGS.pendingEu}"] .react-flow__edge-interaction`).dispatchEvent('click');
    const inspector = page.getByRole('region', { name: 'Peering details' });
    await inspector.waitFor();
    expect(await inspector.getByTestId('next-step').textContent()).toContain(`Accept it as account ${DEMO_ACCOUNTS.dev} in eu-west-1 (profile dev)`);
    await page.locator(`[data-testid="rf__edge-${DEMO_PEERINGS.sharedToProdData}"] .react-flow__edge-interaction`).dispatchEvent('click');
    await expect.poll(() => inspector.textContent()).toContain('goes to tgw-0c0ffee000000001');
    await session.screenshot('graph-inspect-peering');
    expect(session.problems).toEqual([]);
  });

  it('finds the VPC holding an IP address and filters by account', async () => {
    const page = await openGraph('dark');
    await page.keyboard.press('/');
    await page.keyboard.type('10.21.1.5');
    const results = page.getByRole('listbox', { name: 'Search results' });
    await results.waitFor();
    expect(await results.getByRole('option').allTextContents()).toEqual([expect.stringContaining('prod-data')]);
    await expect.poll(() => page.locator(cardSelector(demoVpcId('prod-data'))).getAttribute('class')).toContain('is-match');
    await page.getByRole('searchbox', { name: 'Search VPCs' }).fill('account:acme-dev region:eu-west-1');
    await expect.poll(() => results.getByRole('option').count()).toBe(2);
    await session.screenshot('graph-search');
    await page.getByRole('searchbox', { name: 'Search VPCs' }).press('Enter');
    await expect.poll(() => page.locator(cardSelector(demoVpcId('dev-app-eu'))).getAttribute('class')).toContain('is-selected');
    expect(session.problems).toEqual([]);
  });

  it('keeps a dragged card where the user put it after a reload, until Re-layout', async () => {
    let page = await openGraph('dark');
    const id = demoVpcId('qa-eu');
    const region = regionBoxId(DEMO_ACCOUNTS.dev, 'eu-west-1');
    // Flow coordinates of the card relative to its region frame, read from React Flow's transforms.
    const offset = () => page.evaluate(([card, frame]) => {
      const at = (nodeId: string) => {
        const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec((document.querySelector(`[data-id="${nodeId}"]`) as HTMLElement).style.transform);
        return { x: Number(m![1]), y: Number(m![2]) };
      };
      const c = at(card);
      const f = at(frame);
      return { x: Math.round(c.x - f.x), y: Math.round(c.y - f.y) };
    }, [id, region] as const);
    const before = await offset();
    const box = (await boxOf(page, cardSelector(id)))!;
    const start = { x: box.x + 60, y: box.y + 30 };
    await dragMouse(page, start, { x: start.x + 60, y: start.y + 45 }, { steps: 10 });
    const moved = await offset();
    expect(moved.x - before.x).toBeGreaterThan(40);
    expect(moved.y - before.y).toBeGreaterThan(25);
    await expect.poll(async () => {
      const w = await callHarness(harness, 'getWorkspace', {});
      return w.ok ? w.value.positions[id] : undefined;
    }).toEqual(moved);
    page = await openGraph('dark');
    expect(await offset()).toEqual(moved);
    await page.getByRole('button', { name: 'Re-layout' }).click();
    await expect.poll(offset).toEqual(before);
    const w = await callHarness(harness, 'getWorkspace', {});
    expect(w.ok && w.value.positions).toEqual({});
    expect(session.problems).toEqual([]);
  });
});
