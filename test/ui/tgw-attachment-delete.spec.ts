/**
 * Delete a VPC attachment from its inspector, in Chromium on the sandbox demo: the button plans
 * the deletion with its route cleanup (the attached VPC's routes to the gateway first, each
 * tickable), lists the exact calls, runs them on Delete, and the app's rescan shows the routes
 * and the attachment gone.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import type { Topology } from '../../shared/model/topology';
import type { BrowserSession } from '../support/browser';
import { currentSnapshot, listedCalls, selectVpcBySearch, useDemoSession, type DemoSession } from './graph-helpers';

let demo: DemoSession;
let session: BrowserSession;
let topology: Topology;

const opened = useDemoSession({ dark: true });
beforeAll(() => {
  ({ demo } = opened);
  ({ session, topology } = demo);
});

describe('delete a transit gateway attachment from its inspector', () => {
  it("plans prod-app's attachment deletion with its routes to hub-tgw, runs it on Delete, and the rescan shows both gone", async () => {
    const { page } = session;
    const vpc = topology.vpcs.find((v) => v.name === 'prod-app')!;
    const g = topology.transitGateways.find((x) => x.name === 'hub-tgw')!;
    const a = topology.transitGatewayAttachments.find((x) => x.vpc?.vpcId === vpc.id && x.transitGatewayId === g.id && x.state === 'available')!;
    expect(a).toBeDefined();
    const routes = topology.routeTables.filter((t) => t.vpcId === vpc.id).flatMap((t) => t.routes.filter((r) => r.target.kind === 'other' && r.target.id === g.id).map((r) => ({ table: t.id, destination: r.destination })));
    expect(routes.length).toBeGreaterThan(0);

    await selectVpcBySearch(page, vpc.id);
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.locator(`[data-testid="rf__edge-${a.id}"] .react-flow__edge-interaction`).first().dispatchEvent('click');
    const inspector = page.getByTestId('inspector-tgw-attachment');
    await expect.poll(() => inspector.textContent(), { timeout: 10_000 }).toContain(a.id);

    await inspector.getByRole('button', { name: 'Delete attachment…' }).click();
    const confirm = inspector.getByRole('group', { name: /^Confirm: Delete/ });
    await confirm.waitFor({ timeout: 30_000 });
    const calls = await listedCalls(confirm);
    expect(calls).toHaveLength(routes.length + 1);
    for (const r of routes) expect(calls.some((c) => c.includes('DeleteRoute') && c.includes(r.table) && c.includes(r.destination)), `${r.table} ${r.destination}`).toBe(true);
    expect(calls.at(-1)).toContain('DeleteTransitGatewayVpcAttachment');
    expect(calls.at(-1)).toContain(a.id);
    // The route cleanup can be left out, one route at a time; all are ticked to start with.
    const ticks = await confirm.getByRole('checkbox').all();
    expect(ticks).toHaveLength(routes.length);
    for (const tick of ticks) expect(await tick.isChecked()).toBe(true);
    await confirm.scrollIntoViewIfNeeded();
    await session.screenshot('tgw-attachment-delete-confirm');

    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    // Done: the selection clears, and the app's rescan shows the routes and the attachment gone.
    await expect.poll(() => page.getByTestId('inspector-tgw-attachment').count(), { timeout: 60_000 }).toBe(0);
    await expect
      .poll(
        async () => {
          const t = (await currentSnapshot(demo.harness)).topology;
          const left = t.routeTables.filter((x) => x.vpcId === vpc.id).flatMap((x) => x.routes.filter((r) => r.target.kind === 'other' && r.target.id === g.id));
          const state = t.transitGatewayAttachments.find((x) => x.id === a.id)?.state ?? 'gone';
          return `${left.length} routes, ${['deleting', 'deleted', 'gone'].includes(state) ? 'deleted' : state}`;
        },
        { timeout: 60_000 },
      )
      .toBe('0 routes, deleted');
    await expect.poll(async () => (await page.locator(`[data-attachment-id="${a.id}"]`).count()) === 0 || /deleting|deleted/.test((await page.locator(`[data-testid="rf__edge-${a.id}"]`).getAttribute('aria-label')) ?? ''), { timeout: 60_000 }).toBe(true);
    await session.screenshot('tgw-attachment-deleted');
    expect(session.problems).toEqual([]);
  });
});
