/**
 * The Add-organization dialog's remembered request lives in the workspace settings: a request an
 * older version left in the page's local storage is carried over once (and removed there), and
 * the request of the last scan is offered again after the app restarts, in a fresh page.
 */
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { createJsonSettingsStore } from '../../electron/workspace/settings-store';
import type { BrowserSession } from '../support/browser';
import { openBrowser } from '../support/browser';
import { startHarness } from '../support/harness';
import { callHarness, currentSnapshot, openSandboxDemo } from './graph-helpers';

let session: BrowserSession | undefined;
const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  try {
    await session?.close();
  } finally {
    for (const stop of stops.splice(0)) await stop();
  }
  session = undefined;
});

const LEGACY_KEY = 'peerscape.organizationRequest.sandbox';

describe('the remembered organisation request', () => {
  it('carries an old page-storage request over to the workspace, and offers the last scan’s request after a restart', async () => {
    const harness = await startHarness();
    stops.push(harness.close);
    session = await openBrowser();
    let page = session.page;
    await page.goto(harness.url);
    // What an earlier version left in the page's storage.
    await page.evaluate((key) => window.localStorage.setItem(key, JSON.stringify({ profile: 'sandbox-network', roleName: 'LegacyReadOnly', externalId: 'legacy-ext-1' })), LEGACY_KEY);
    await page.reload();
    await page.getByRole('button', { name: 'Open the sandbox' }).waitFor();
    await expect
      .poll(async () => {
        const w = await callHarness(harness, 'getWorkspace', {});
        return w.ok ? w.value.organizationRequests?.sandbox : undefined;
      })
      .toEqual({ profile: 'sandbox-network', roleName: 'LegacyReadOnly', externalId: 'legacy-ext-1' });
    expect(await page.evaluate((key) => window.localStorage.getItem(key), LEGACY_KEY)).toBeNull();

    await openSandboxDemo(page, harness);
    const panel = page.getByTestId('discovery-panel');
    for (const r of await panel.locator('.pick-grid.regions input').all()) await r.setChecked((await r.getAttribute('value')) === 'us-east-1');
    await panel.getByRole('button', { name: 'Add organization…' }).click();
    let dialog = page.getByTestId('add-organization');
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    await dialog.getByTestId('organization-tree').waitFor();
    expect(await dialog.getByLabel('Role name').inputValue()).toBe('LegacyReadOnly');
    expect(await dialog.getByLabel('ExternalId').inputValue()).toBe('legacy-ext-1');

    // Scan with the demo's role, an ExternalId, and Development left out.
    await dialog.getByLabel('Role name').fill('PeerscapeReadOnly');
    await dialog.getByLabel('ExternalId').fill('peerscape-demo-7f3a');
    const tree = dialog.getByTestId('organization-tree');
    await tree.locator('li[data-unit]', { has: page.locator('[data-account="777788889999"]') }).last().locator(':scope > label input').uncheck();
    await dialog.getByRole('button', { name: /^Scan 2 accounts$/ }).click();
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    await expect.poll(async () => (await currentSnapshot(harness)).organization !== undefined, { timeout: 60_000 }).toBe(true);
    const remembered = await callHarness(harness, 'getWorkspace', {});
    const asked = remembered.ok ? remembered.value.organizationRequests?.sandbox : undefined;
    expect(asked).toMatchObject({ profile: 'sandbox-network', roleName: 'PeerscapeReadOnly', externalId: 'peerscape-demo-7f3a', regions: ['us-east-1'] });
    expect(asked?.ous?.length).toBeGreaterThan(0);

    // Restart: a new API on the same settings and data, a fresh page with empty storage.
    await session.close();
    await harness.close();
    stops.length = 0;
    const again = await startHarness({}, { homeDir: harness.home, dataDir: join(harness.home, 'data'), settings: createJsonSettingsStore(join(harness.home, 'data', 'settings.json')), env: harness.env });
    stops.push(again.close);
    // The sandbox cloud is not saved as running: it starts again without a scan.
    expect((await callHarness(again, 'startSandbox', {})).ok).toBe(true);
    session = await openBrowser();
    page = session.page;
    await page.goto(again.url);
    await page.getByRole('tab', { name: 'Discovery' }).click();
    const panelAgain = page.getByTestId('discovery-panel');
    expect(await panelAgain.getByTestId('rescan-organization').getAttribute('title')).toContain('sandbox-network');
    expect(await panelAgain.getByTestId('rescan-organization').getAttribute('title')).toContain('PeerscapeReadOnly');
    await panelAgain.getByRole('button', { name: 'Add organization…' }).click();
    dialog = page.getByTestId('add-organization');
    expect(await dialog.getByLabel('Sign-in profile').inputValue()).toBe('sandbox-network');
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    await dialog.getByTestId('organization-tree').waitFor();
    // Development stays left out, as last asked.
    expect(await dialog.getByTestId('org-scan-count').textContent()).toMatch(/^2 active accounts/);
    expect(await dialog.getByLabel('Role name').inputValue()).toBe('PeerscapeReadOnly');
    expect(await dialog.getByLabel('ExternalId').inputValue()).toBe('peerscape-demo-7f3a');
    await session.screenshot('organization-remembered-after-restart');
    expect(session.problems).toEqual([]);
  });
});
