/**
 * Buttons that change AWS, in Chromium on the sandbox demo: each first lists the exact calls it
 * will make (profile, account, region, action, key parameters), in view, and makes only those.
 * Accept accepts and nothing else (Debian's AWS CLI sees the routes of both VPCs unchanged); a
 * deleted peering's stale routes have their own button; Delete lists the routes and rules it
 * removes and clears the selection after.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Topology } from '../../shared/model/topology';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { callHarness, listedCalls, openSandboxDemo } from './graph-helpers';

const execAsync = promisify(execFile);

let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;
let topology: Topology;

/** Every route of a VPC as Debian's AWS CLI sees it in the sandbox: `table destination → target`. */
async function cliRoutes(vpcId: string): Promise<string[]> {
  const vpc = topology.vpcs.find((v) => v.id === vpcId)!;
  const sandboxDir = join(harness.home, 'data', 'sandbox');
  const ws = await callHarness(harness, 'getWorkspace', {});
  if (!ws.ok) throw new Error(ws.error.message);
  const profile = topology.accounts.find((a) => a.id === vpc.accountId)!.profiles[0]!;
  const { stdout } = await execAsync(
    '/usr/bin/aws',
    ['ec2', 'describe-route-tables', '--endpoint-url', ws.value.sandbox.endpoint!, '--region', vpc.region, '--profile', profile, '--filters', `Name=vpc-id,Values=${vpc.id}`, '--output', 'json'],
    { env: { PATH: process.env.PATH ?? '', HOME: harness.home, AWS_CONFIG_FILE: join(sandboxDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(sandboxDir, 'credentials'), AWS_PAGER: '' } },
  );
  type Route = { DestinationCidrBlock?: string; DestinationIpv6CidrBlock?: string; VpcPeeringConnectionId?: string; GatewayId?: string };
  const tables = (JSON.parse(stdout) as { RouteTables: { RouteTableId: string; Routes: Route[] }[] }).RouteTables;
  return tables
    .flatMap((t) => t.Routes.map((r) => `${t.RouteTableId} ${r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock} → ${r.VpcPeeringConnectionId ?? r.GatewayId ?? '?'}`))
    .sort();
}

/** Select the demo peering named `name` on the fitted canvas and wait for its checklist. */
async function openChecklist(name: string) {
  const { page } = session;
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  const peering = topology.peerings.find((p) => p.name === name)!;
  await page.locator(`[data-testid="rf__edge-${peering.id}"] .react-flow__edge-interaction`).dispatchEvent('click');
  const checklist = page.getByTestId('peering-checklist');
  await checklist.waitFor();
  return { peering, checklist };
}

/** True when the top of `box` is inside the visible part of its scrolling ancestor and of the window, and it has the focus. */
async function inViewAndFocused(box: Locator): Promise<boolean> {
  return box.evaluate((el) => {
    let scroller: HTMLElement | null = el.parentElement;
    while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
    const r = el.getBoundingClientRect();
    const s = scroller?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight };
    const visible = r.top >= Math.max(0, s.top) - 1 && r.top + 40 <= Math.min(window.innerHeight, s.bottom);
    return visible && document.activeElement === el;
  });
}

beforeAll(async () => {
  harness = await startHarness();
  session = await openBrowser();
  const { page } = session;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(harness.url);
  topology = await openSandboxDemo(page, harness);
}, 180_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe('buttons that change AWS list their calls first, in Chromium on the sandbox', () => {
  it('Accept lists its one call and makes only it: the routes of both VPCs stay as they were', async () => {
    const { page } = session;
    const { peering, checklist } = await openChecklist('lake-to-prod-db');
    const before = { requester: await cliRoutes(peering.requester.vpcId), accepter: await cliRoutes(peering.accepter.vpcId) };
    await checklist.getByTestId('checklist-accepted').getByRole('button', { name: /^Accept with profile/ }).click();
    const confirm = page.getByRole('group', { name: /^Confirm: Accept/ });
    await confirm.waitFor();
    const calls = await listedCalls(confirm);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain('AcceptVpcPeeringConnection');
    expect(calls[0]).toContain(peering.accepter.accountId);
    expect(calls[0]).toContain(peering.accepter.region);
    expect(calls[0]).toContain(peering.id);
    expect(await confirm.getByTestId('calls-summary').textContent()).toContain('exactly this call');
    expect(await inViewAndFocused(confirm)).toBe(true);
    await session.screenshot('calls-accept-confirm');

    await confirm.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => page.getByTestId('peering-action-notice').textContent(), { timeout: 60_000 }).toContain('Accept: done');
    const audit = await callHarness(harness, 'listAudit', { filter: { text: peering.id, outcomes: ['ok'] } });
    expect(audit.ok && audit.value.entries.map((e) => e.action)).toEqual(['AcceptVpcPeeringConnection']);
    expect(await cliRoutes(peering.requester.vpcId)).toEqual(before.requester);
    expect(await cliRoutes(peering.accepter.vpcId)).toEqual(before.accepter);
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('a deleted peering\'s stale routes: the checklist step lists exactly their DeleteRoutes, and its button removes them', async () => {
    const { page } = session;
    await page.getByRole('checkbox', { name: 'show deleted' }).check();
    const { peering, checklist } = await openChecklist('prod-db-to-etl');
    const stale = topology.routeTables.flatMap((t) => t.routes.filter((r) => r.target.kind === 'peering' && r.target.peeringId === peering.id).map((r) => ({ table: t.id, destination: r.destination })));
    expect(stale.length).toBeGreaterThan(0);
    const item = checklist.getByTestId('checklist-stale-routes');
    expect(await item.getAttribute('class')).toContain('state-todo');
    expect(await page.getByTestId('next-step').textContent()).toContain('stale route');
    await item.getByRole('button', { name: /^Remove \d+ stale routes?$/ }).click();
    const confirm = page.getByRole('group', { name: /^Confirm: Remove the routes/ });
    await confirm.waitFor();
    const calls = await listedCalls(confirm);
    expect(calls).toHaveLength(stale.length);
    for (const [i, r] of stale.entries()) {
      expect(calls[i]).toContain('DeleteRoute');
      expect(calls[i]).toContain(r.table);
      expect(calls[i]).toContain(r.destination);
    }
    await session.screenshot('calls-stale-routes-confirm');
    await confirm.getByRole('button', { name: /^Remove \d+ stale routes?$/ }).click();
    await expect.poll(() => page.getByTestId('peering-action-notice').textContent(), { timeout: 60_000 }).toContain('Stale routes: done');
    const owner = topology.vpcs.find((v) => v.id === peering.requester.vpcId)!;
    expect((await cliRoutes(owner.id)).filter((r) => r.includes(peering.id))).toEqual([]);
    // The rescan redraws the checklist: nothing points at the peering any more.
    await expect.poll(() => checklist.getByTestId('checklist-stale-routes').count(), { timeout: 60_000 }).toBe(0);
    await page.getByRole('checkbox', { name: 'show deleted' }).uncheck();
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('Delete opens its list in view, with each route and rule it removes and the delete; after it the selection clears', async () => {
    const { page } = session;
    const { peering } = await openChecklist('hub-eu-prod');
    const routes = topology.routeTables.flatMap((t) => t.routes.filter((r) => r.target.kind === 'peering' && r.target.peeringId === peering.id).map((r) => ({ table: t.id, destination: r.destination })));
    expect(routes.length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Delete peering…' }).click();
    const confirm = page.getByRole('group', { name: /^Confirm: Delete/ });
    await confirm.waitFor();
    await expect.poll(() => inViewAndFocused(confirm)).toBe(true);
    const calls = await listedCalls(confirm);
    expect(calls[0]).toContain('DeleteVpcPeeringConnection');
    expect(calls[0]).toContain(peering.id);
    for (const r of routes) expect(calls.some((c) => c.includes('DeleteRoute') && c.includes(r.table) && c.includes(r.destination)), `${r.table} ${r.destination}`).toBe(true);
    await session.screenshot('calls-delete-confirm');

    const changes = async () => {
      const r = await callHarness(harness, 'listAudit', { filter: { outcomes: ['ok'] } });
      return r.ok ? r.value.matched : -1;
    };
    const before = await changes();
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByTestId('inspector-peering').waitFor({ state: 'detached', timeout: 60_000 });
    expect(await page.locator('.inspector-empty').count()).toBe(1);
    await expect.poll(() => page.locator(`[data-peering-id="${peering.id}"]`).count(), { timeout: 60_000 }).toBe(0);
    // Exactly the listed calls went through, no other.
    expect((await changes()) - before).toBe(calls.length);
    expect(session.problems).toEqual([]);
  }, 120_000);
});
