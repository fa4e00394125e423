/**
 * Drag to attach, in Chromium on the sandbox demo: a VPC dragged over hub-tgw shows whether it may
 * attach (the hub and the pointer tag, from the same verdict as the plan), a refused one says why
 * and opens nothing; a drop opens the attachment plan with its subnets, DryRun and Run, and after
 * the app's rescan the attachment edge from the VPC to the hub is drawn.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { validateAttachment } from '../../shared/analysis/validate-attachment';
import type { Topology, TransitGateway, Vpc } from '../../shared/model/topology';
import type { BrowserSession } from '../support/browser';
import { callHarness, cardSelector, centreOf, dragMouse, listedCalls, useDemoSession, type DemoSession } from './graph-helpers';

let demo: DemoSession;
let session: BrowserSession;
let topology: Topology;

function hubOf(t: Topology): TransitGateway {
  return t.transitGateways.find((g) => g.name === 'hub-tgw')!;
}

/** The first VPC (by id) with subnets, of the hub owner's account, that may attach to it. */
function attachable(t: Topology, g: TransitGateway): Vpc {
  const withSubnets = new Set(t.subnets.map((s) => s.vpcId));
  return [...t.vpcs].sort((a, b) => (a.id < b.id ? -1 : 1)).find((v) => withSubnets.has(v.id) && v.accountId === g.accountId && validateAttachment(t, v.id, g.id).status === 'possible')!;
}

/** True when the element is drawn inside the canvas. */
async function inView(selector: string): Promise<boolean> {
  const { page } = session;
  const canvas = await page.locator('.react-flow').boundingBox();
  const box = await page.locator(selector).first().boundingBox().catch(() => null);
  return !!canvas && !!box && box.x >= canvas.x && box.y >= canvas.y && box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
}

/**
 * Bring the hub and the VPCs of its region into view (the fitted demo starts with region
 * summaries): search for one of them and go to it, clear the search, then zoom out a step at a
 * time until the hub and every VPC named are on the canvas.
 */
async function showHubWith(g: TransitGateway, vpcIds: readonly string[]): Promise<void> {
  const { page } = session;
  const search = page.getByRole('searchbox', { name: 'Search VPCs' });
  await search.fill(vpcIds[0]!);
  await page.getByRole('listbox', { name: 'Search results' }).waitFor();
  await search.press('Enter');
  await search.press('Escape');
  await page.locator(cardSelector(vpcIds[0]!)).waitFor();
  const all = [`[data-testid="tgw-hub-${g.id}"]`, ...vpcIds.map(cardSelector)];
  for (let i = 0; i < 8; i++) {
    await page.waitForTimeout(400);
    const shown = await Promise.all(all.map(inView));
    if (shown.every(Boolean)) return;
    await page.keyboard.press('-');
  }
  throw new Error(`the hub and ${vpcIds.join(', ')} do not fit on the canvas`);
}

const opened = useDemoSession({ dark: true });
beforeAll(() => {
  ({ demo } = opened);
  ({ session, topology } = demo);
});

describe('drag a VPC onto a transit gateway hub', () => {
  it('says why a VPC cannot attach while it is dragged over the hub, and opens nothing on release', async () => {
    const { page } = session;
    const g = hubOf(topology);
    const attached = topology.transitGatewayAttachments.find((a) => a.transitGatewayId === g.id && a.state === 'available' && a.vpc)!.vpc!.vpcId;
    const hub = page.getByTestId(`tgw-hub-${g.id}`);
    await showHubWith(g, [attached, attachable(topology, g).id]);
    await session.screenshot('attach-start');
    await dragMouse(page, await centreOf(page, `${cardSelector(attached)} .peer-knob`), await centreOf(page, `[data-testid="tgw-hub-${g.id}"]`), {
      beforeRelease: async () => {
        await expect.poll(() => page.getByTestId('peer-cursor').textContent()).toContain('Cannot attach');
        expect(await page.getByTestId('peer-cursor').textContent()).toContain('already attached');
        expect(await hub.getAttribute('data-drop')).toBe('drop-bad');
        expect(await hub.locator('.drop-chip').textContent()).toBe('already attached');
        await session.screenshot('attach-refused-drag');
      },
    });
    expect(await page.getByRole('dialog', { name: 'Attachment plan' }).count()).toBe(0);
    expect(await hub.getAttribute('data-drop')).toBeNull();
  });

  it('plans, dry-runs and runs the attachment of a VPC dropped on hub-tgw; the attachment edge appears', async () => {
    const { page } = session;
    const g = hubOf(topology);
    const vpc = attachable(topology, g);
    const hub = page.getByTestId(`tgw-hub-${g.id}`);
    await dragMouse(page, await centreOf(page, `${cardSelector(vpc.id)} .peer-knob`), await centreOf(page, `[data-testid="tgw-hub-${g.id}"]`), {
      beforeRelease: async () => {
        await expect.poll(() => page.getByTestId('peer-cursor').textContent()).toContain('Release to plan this attachment');
        expect(await hub.getAttribute('data-drop')).toBe('drop-ok');
        expect(await hub.locator('.drop-chip').textContent()).toBe('can attach');
        await session.screenshot('attach-drag');
      },
    });
    const plan = page.getByRole('dialog', { name: 'Attachment plan' });
    await plan.waitFor();
    const steps = plan.getByRole('list', { name: 'Steps' });
    await steps.waitFor({ timeout: 30_000 });
    expect(await plan.getByTestId('step-create').textContent()).toContain(vpc.accountId);
    expect(await plan.getByTestId('step-create').textContent()).toContain(g.id);
    // One subnet per zone, each editable.
    const zones = new Set(topology.subnets.filter((s) => s.vpcId === vpc.id).map((s) => s.availabilityZone));
    expect(await plan.getByRole('group', { name: 'Attachment subnets' }).getByRole('combobox').count()).toBe(zones.size);
    // IPv6 support is offered for a dual-stack VPC only, and the create step says when it is on.
    const dualStack = vpc.cidrBlocks.some((b) => b.family === 'ipv6');
    const v6Subnets = topology.subnets.filter((s) => s.vpcId === vpc.id && s.ipv6Cidrs.length > 0);
    expect(await plan.getByRole('combobox', { name: 'IPv6 support' }).count()).toBe(dualStack ? 1 : 0);
    if (dualStack && v6Subnets.length > 0) {
      await plan.getByRole('combobox', { name: 'IPv6 support' }).selectOption('off');
      await expect.poll(() => plan.getByTestId('step-create').textContent()).not.toContain('with IPv6 support');
      await plan.getByRole('combobox', { name: 'IPv6 support' }).selectOption('');
    }
    await session.screenshot('attach-plan');

    await plan.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => plan.getByTestId('plan-outcome').textContent(), { timeout: 30_000 }).toContain('DryRun passed');
    await plan.getByRole('button', { name: 'Run', exact: true }).click();
    const confirmRun = plan.getByRole('group', { name: /^Confirm: Run/ });
    await confirmRun.waitFor();
    expect(await listedCalls(confirmRun, '.call-head strong')).toContain('CreateTransitGatewayVpcAttachment');
    await confirmRun.getByRole('button', { name: 'Confirm and run' }).click();
    await expect.poll(() => plan.getByTestId('plan-outcome').textContent(), { timeout: 60_000 }).toContain('Done: every step is in place.');
    expect(await plan.getByTestId('plan-outcome').textContent()).toMatch(/tgw-attach-[0-9a-f]+ \(available\)/);
    await plan.getByTestId('plan-outcome').scrollIntoViewIfNeeded();
    await session.screenshot('attach-plan-done');

    // The app rescans by itself: the new attachment is drawn from the VPC to the hub.
    let attachmentId: string | undefined;
    await expect
      .poll(
        async () => {
          const ws = await callHarness(demo.harness, 'getWorkspace', {});
          attachmentId = ws.ok ? ws.value.snapshot?.topology.transitGatewayAttachments.find((a) => a.vpc?.vpcId === vpc.id && a.transitGatewayId === g.id && a.state === 'available')?.id : undefined;
          return attachmentId;
        },
        { timeout: 60_000 },
      )
      .toBeDefined();
    const edge = page.locator(`[data-attachment-id="${attachmentId}"]`);
    await edge.first().waitFor({ timeout: 60_000 });
    await plan.getByRole('button', { name: 'Close the plan' }).click();
    // Selecting the new edge shows the attachment's checklist.
    await page.locator(`[data-testid="rf__edge-${attachmentId}"] .react-flow__edge-interaction`).first().dispatchEvent('click');
    const inspector = page.getByTestId('inspector-tgw-attachment');
    await inspector.waitFor();
    expect(await inspector.textContent()).toContain(attachmentId!);
    await session.screenshot('attach-edge');
  });
});
