/**
 * The OU an account sits in, after a scan of the sandbox demo's organisation in Chromium: muted
 * on each account frame's title after the name (`Root` for the management account), as the VPC
 * panel's OU line, and found by search with `ou:`, a parent OU finding the accounts below it.
 */
import { describe, expect, it } from 'vitest';

import { currentSnapshot, openSandboxDemo, selectVpcBySearch, useHarnessSession, waitForGraph } from './graph-helpers';

const browser = useHarnessSession();

const NET = '111122223333';
const PROD = '444455556666';
const DEV = '777788889999';
const DATA = '246813579024';

describe('OU paths on the canvas', () => {
  it('shows each account’s OU on its frame and in the VPC panel, and finds accounts by OU', async () => {
    const { harness, session, page } = await browser.open();
    await openSandboxDemo(page, harness);
    const panel = page.getByTestId('discovery-panel');
    for (const r of await panel.locator('.pick-grid.regions input').all()) await r.setChecked((await r.getAttribute('value')) === 'us-east-1');

    await panel.getByRole('button', { name: 'Add organization…' }).click();
    const dialog = page.getByTestId('add-organization');
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    await dialog.getByTestId('organization-tree').waitFor();
    await dialog.getByLabel('Scan the whole organization').check();
    await dialog.getByRole('button', { name: /^Scan 4 accounts$/ }).click();
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    await expect.poll(async () => (await currentSnapshot(harness)).topology.accounts.find((a) => a.id === PROD)?.ouPath, { timeout: 60_000 }).toBe('Workloads/Production');
    await waitForGraph(page, 60_000);

    const ouOf = (id: string) => page.getByTestId(`account-frame-${id}`).locator('.frame-ou').textContent();
    expect(await ouOf(NET)).toBe('Root');
    expect(await ouOf(PROD)).toBe('Workloads/Production');
    expect(await ouOf(DEV)).toBe('Workloads/Development');
    expect(await ouOf(DATA)).toBe('Data');
    // Muted, after the name, and never pushing the frame's chips off its title.
    const title = page.getByTestId(`account-frame-${PROD}`).locator('.frame-title');
    const order = await title.locator(':scope > span').evaluateAll((spans) => spans.map((s) => s.className));
    expect(order.indexOf('frame-ou')).toBeGreaterThan(order.indexOf('frame-name'));
    await session.screenshot('organization-ou-frames');

    // Search: a parent OU finds the accounts of the OUs below it; a full path only its own.
    const snapshot = await currentSnapshot(harness);
    const vpcNames = (accounts: readonly string[]) =>
      snapshot.topology.vpcs
        .filter((v) => accounts.includes(v.accountId))
        .map((v) => v.name ?? v.id)
        .sort();
    const searchFor = async (query: string) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('/');
      await page.keyboard.type(query);
      const results = page.getByRole('listbox', { name: 'Search results' });
      await results.waitFor();
      return results;
    };
    let results = await searchFor('ou:Workloads');
    expect((await results.locator('.search-hit-name').allTextContents()).sort()).toEqual(vpcNames([PROD, DEV]));
    expect(await results.locator('.search-hit-why').first().textContent()).toMatch(/ou Workloads\/(Production|Development)/);
    await session.screenshot('organization-ou-search');
    results = await searchFor('ou:"Workloads/Production"');
    expect((await results.locator('.search-hit-name').allTextContents()).sort()).toEqual(vpcNames([PROD]));
    await page.keyboard.press('Escape');

    // The VPC panel says the account's OU.
    const prodVpc = snapshot.topology.vpcs.find((v) => v.accountId === PROD)!;
    await selectVpcBySearch(page, prodVpc.id);
    expect(await page.getByTestId('inspector-ou').textContent()).toBe('Workloads/Production');
    await session.screenshot('organization-ou-inspector');
    expect(session.problems).toEqual([]);
  });
});
