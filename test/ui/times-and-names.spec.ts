/**
 * Times and names in Chromium, for a reader in Tokyo whose browser is German: dates in their
 * locale and time zone, relative times ("in 6 days", "3 minutes ago") in the app's words, names
 * beside ids in reachability (with its network ACL hops), AWS's status message only where it adds something, and the Audit
 * tab's parameters as a table and its dates as YYYY-MM-DD.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validatePeering } from '../../shared/analysis/validate-peering';
import type { Topology, Vpc } from '../../shared/model/topology';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { callHarness, cardSelector, openSandboxDemo } from './graph-helpers';

let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;
let topology: Topology;

const GERMAN_DATE_TIME = /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/;

beforeAll(async () => {
  harness = await startHarness();
  session = await openBrowser(undefined, { locale: 'de-DE', timezoneId: 'Asia/Tokyo' });
  await session.page.goto(harness.url);
  topology = await openSandboxDemo(session.page, harness);
}, 180_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

/** A cross-account pair in one region that AWS would peer. */
function peerablePair(t: Topology): [Vpc, Vpc] {
  for (const a of t.vpcs) {
    for (const b of t.vpcs) {
      if (a.accountId !== b.accountId && a.region === b.region && validatePeering(t, a.id, b.id).ok) return [a, b];
    }
  }
  throw new Error('the demo has no peerable pair');
}

/** Today in the page's time zone, as YYYY-MM-DD, shifted by `days`. */
function pageDay(days: number): Promise<string> {
  return session.page.evaluate((d) => {
    const t = new Date();
    t.setDate(t.getDate() + d);
    return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
  }, days);
}

describe('times and names', () => {
  it("a pending peering: expiry relative and in the reader's date format; AWS's message without the status it repeats", async () => {
    const { page } = session;
    const pending = topology.peerings.find((p) => p.status === 'pending-acceptance' && p.expirationTime)!;
    await page.keyboard.press('Escape');
    await page.locator(`[data-testid="rf__edge-${pending.id}"] .react-flow__edge-interaction`).dispatchEvent('click');
    const inspector = page.getByTestId('inspector-peering');
    await inspector.waitFor();
    const text = (await inspector.textContent()) ?? '';
    expect(text).not.toContain(pending.expirationTime!);
    expect(text).not.toContain('Pending Acceptance by');
    expect(text).toContain(`by ${pending.accepter.accountId}`);
    expect(await page.getByTestId('next-step').textContent()).toMatch(new RegExp(`before it expires in \\d+ days \\(${GERMAN_DATE_TIME.source}\\)`));
    expect(await page.getByTestId('checklist-accepted').textContent()).toMatch(new RegExp(`It expires in \\d+ days \\(${GERMAN_DATE_TIME.source}\\)\\.`));
    await session.screenshot('times-pending-peering');
  });

  it('reachability names each VPC and peering beside its id', async () => {
    const { page } = session;
    const active = topology.peerings.find((p) => p.status === 'active' && p.name && topology.subnets.some((s) => s.vpcId === p.requester.vpcId) && topology.subnets.some((s) => s.vpcId === p.accepter.vpcId))!;
    const vpc = (id: string) => topology.vpcs.find((v) => v.id === id)!;
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.locator(cardSelector(active.requester.vpcId)).click();
    await page.locator(cardSelector(active.accepter.vpcId)).click({ modifiers: ['Shift'] });
    const pair = page.getByTestId('inspector-pair');
    await pair.waitFor();
    const text = (await pair.textContent()) ?? '';
    const label = (id: string) => (vpc(id).name ? `${vpc(id).name} (${id})` : id);
    expect(text).toContain(`${active.name} (${active.id}) joins ${label(active.requester.vpcId)} and ${label(active.accepter.vpcId)} and is active.`);
    expect(text).toContain(`via ${active.name} (${active.id})`);
    // The network ACL hops, both ways, each under its name; the scan read the ACLs, so no note says they were not checked.
    const titles = await pair.getByTestId('check-title').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Source network ACL, out', 'Destination network ACL, in', 'Destination network ACL, reply out', 'Source network ACL, reply in']));
    expect(text).toMatch(/\(default\) of \d+ subnets?|\(default\) of subnet-/);
    expect(text).toContain('allows the reply, traffic to');
    expect(text).not.toContain('Network ACLs are not in the snapshot');
    await session.screenshot('names-reachability');
    await pair.getByTestId('check-title').last().scrollIntoViewIfNeeded();
    await session.screenshot('reachability-acl-hops');
  });

  it('the Audit tab: local times, parameters as a table, and dates typed as YYYY-MM-DD with a clear error otherwise', async () => {
    const { page } = session;
    // One real change through the API, so the log has calls with parameters.
    const [a, b] = peerablePair(topology);
    const plan = await callHarness(harness, 'planPeering', { requesterVpcId: a.id, accepterVpcId: b.id });
    if (!plan.ok) throw new Error(plan.error.message);
    const run = await callHarness(harness, 'runPlan', { planId: plan.value.id });
    if (!run.ok) throw new Error(run.error.message);

    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Audit' }).click();
    const table = page.getByRole('table', { name: 'Audit entries' });
    await table.waitFor({ timeout: 30_000 });
    const create = table.locator(':scope > tbody > tr').filter({ hasText: 'CreateVpcPeeringConnection' }).first();
    const cells = create.locator(':scope > td');
    expect(await cells.nth(0).textContent()).toMatch(GERMAN_DATE_TIME);
    expect(await cells.nth(0).textContent()).toMatch(/(now|seconds? ago|minutes? ago)$/);
    const params = cells.nth(5).getByRole('table');
    expect(await params.locator('th').allTextContents()).toEqual(expect.arrayContaining(['VpcId', 'PeerVpcId']));
    expect(await params.getByRole('row').filter({ hasText: 'PeerVpcId' }).locator('td').first().textContent()).toBe(b.id);
    expect(await cells.nth(5).textContent()).not.toContain('{"');
    await session.screenshot('audit-params-table');

    const count = page.getByTestId('audit-count');
    const all = await count.textContent();
    await page.getByRole('textbox', { name: 'From', exact: true }).fill('07.12.2026');
    expect(await page.getByTestId('audit-date-error').textContent()).toBe('From “07.12.2026” is not a date in the form YYYY-MM-DD (for example 2026-12-07).');
    await session.screenshot('audit-date-error');
    await page.getByRole('textbox', { name: 'From', exact: true }).fill(await pageDay(0));
    expect(await page.getByTestId('audit-date-error').count()).toBe(0);
    await expect.poll(() => count.textContent()).toBe(all);
    await page.getByRole('textbox', { name: 'From', exact: true }).fill(await pageDay(1));
    await expect.poll(() => table.count()).toBe(0);
    expect(await page.getByText('No call matches the filter.').count()).toBe(1);
    await page.getByRole('textbox', { name: 'To', exact: true }).fill(await pageDay(0));
    expect(await page.getByTestId('audit-date-error').textContent()).toContain('is after To');
    expect(session.problems).toEqual([]);
  });
});
