/**
 * Onboarding the sandbox demo's organisation in Chromium as a user would onboard theirs: the
 * sandbox, Add organization…, the network (management) profile, its OU tree with names, ids and
 * the suspended account marked, an OU left out, the scan's grid by OU and account, the graph
 * with every account; then Rescan organization (the same request, one click), and a role that
 * no account has, failing every account with its cause and fix while the earlier data stays.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { writeSsoSignIn } from '@peerscape/sandbox-cloud';

import { startSandbox } from '../support/start-sandbox';
import type { SandboxHandle } from '../support/start-sandbox';
import { callHarness, currentSnapshot, openSandboxDemo, useHarnessSession, waitForGraph } from './graph-helpers';

const browser = useHarnessSession();

const NET = '111122223333';
const PROD = '444455556666';
const DEV = '777788889999';
const DATA = '246813579024';
const SUSPENDED = '135791357913';

describe('Add organization', () => {
  it('reads the demo organisation, scans the chosen OUs, rescans in one click, and shows a missing role per account with its fix', async () => {
    const { harness, session, page } = await browser.open();
    await openSandboxDemo(page, harness);
    const panel = page.getByTestId('discovery-panel');
    // Two regions keep the spec short; the dialog scans the regions chosen in this tab.
    for (const r of await panel.locator('.pick-grid.regions input').all()) {
      await r.setChecked(['us-east-1', 'eu-west-1'].includes((await r.getAttribute('value')) ?? ''));
    }

    // The dialog: the network profile offered, the OU tree read with names, ids and statuses.
    await panel.getByRole('button', { name: 'Add organization…' }).click();
    const dialog = page.getByTestId('add-organization');
    expect(await dialog.getByLabel('Sign-in profile').inputValue()).toBe('sandbox-network');
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    const tree = dialog.getByTestId('organization-tree');
    await tree.waitFor();
    for (const id of [NET, PROD, DEV, DATA, SUSPENDED]) expect(await tree.locator(`[data-account="${id}"]`).count()).toBe(1);
    expect(await tree.locator(`[data-account="${PROD}"]`).textContent()).toContain('Production');
    expect(await tree.locator(`[data-account="${SUSPENDED}"]`).textContent()).toContain('suspended · not scanned');
    expect(await tree.locator(`[data-account="${SUSPENDED}"] input`).count()).toBe(0);
    expect(await dialog.getByTestId('org-scan-count').textContent()).toMatch(/^4 active accounts × 2 regions/);
    expect(await dialog.getByLabel('Role name').inputValue()).toBe('PeerscapeReadOnly');
    expect(await dialog.getByLabel('Allow OrganizationAccountAccessRole as a fallback').isChecked()).toBe(false);
    expect(await dialog.getByTestId('role-template-hint').textContent()).toContain('peerscape role-template');

    // Leave Development out: its OU's checkbox, and the accounts counted drop by one.
    const devUnit = tree.locator('li[data-unit]', { has: page.locator(`[data-account="${DEV}"]`) }).last();
    const devBox = devUnit.locator(':scope > label input');
    // Unchecking an OU below the picked root picks the root's other branches instead.
    await devBox.uncheck();
    expect(await dialog.getByLabel('Scan the whole organization').isChecked()).toBe(false);
    expect(await dialog.getByTestId('org-scan-count').textContent()).toMatch(/^2 active accounts/);
    await session.screenshot('organization-dialog');
    await dialog.getByRole('button', { name: /^Scan 2 accounts$/ }).click();
    expect(await dialog.count()).toBe(0);

    // The grid: by OU, then account (name and id), each account's cells and totals, a total line.
    const grid = panel.getByTestId('org-grid');
    await grid.waitFor({ timeout: 60_000 });
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    expect(await grid.locator('[data-account]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account')).sort())).toEqual([DATA, PROD].sort());
    expect(await grid.locator('[data-ou]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ou')))).toEqual(['Workloads/Production', expect.stringContaining('Data')].sort());
    expect(await grid.locator(`[data-account="${PROD}"]`).textContent()).toContain('Production');
    expect(await grid.locator(`[data-account="${PROD}"] [data-state="done"]`).count()).toBe(2);
    expect(await panel.getByTestId('org-progress-count').textContent()).toBe('4 of 4 cells done · 2 accounts × 2 regions');
    await session.screenshot('organization-grid');

    // Rescan organization: the same request again, in one click.
    const rescan = panel.getByTestId('rescan-organization');
    const before = (await currentSnapshot(harness)).takenAt;
    await rescan.click();
    await expect.poll(async () => (await currentSnapshot(harness)).takenAt, { timeout: 120_000 }).not.toBe(before);
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    expect(await grid.locator('[data-account]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-account')).sort())).toEqual([DATA, PROD].sort());

    // Every OU now: the dialog remembers the last choice (Development left out) until it is picked again.
    await panel.getByRole('button', { name: 'Add organization…' }).click();
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    await tree.waitFor();
    expect(await dialog.getByTestId('org-scan-count').textContent()).toMatch(/^2 active accounts/);
    await dialog.getByLabel('Scan the whole organization').check();
    await dialog.getByRole('button', { name: /^Scan 4 accounts$/ }).click();
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    await expect.poll(async () => grid.locator('[data-account]').count(), { timeout: 30_000 }).toBe(4);
    expect(await panel.getByTestId('org-progress-count').textContent()).toBe('8 of 8 cells done · 4 accounts × 2 regions');
    await waitForGraph(page, 60_000);
    const snapshot = await currentSnapshot(harness);
    expect(snapshot.organization?.accounts).toHaveLength(5);
    expect(snapshot.topology.accounts.filter((a) => [NET, PROD, DEV, DATA].includes(a.id)).map((a) => a.name).sort()).toEqual(['Data', 'Development', 'Network', 'Production']);
    for (const id of [NET, PROD, DEV, DATA]) await page.getByTestId(`account-frame-${id}`).waitFor({ state: 'attached' });
    await session.screenshot('organization-graph');

    // Refresh (the toolbar's) scans the organisation on the canvas again, not the sandbox's profiles.
    const toolbarRefresh = page.getByTestId('toolbar-refresh');
    expect(await toolbarRefresh.getAttribute('title')).toBe('Scan the organisation of sandbox-network again');
    const taken = (await currentSnapshot(harness)).takenAt;
    await toolbarRefresh.click();
    await expect.poll(async () => (await currentSnapshot(harness)).takenAt, { timeout: 120_000 }).not.toBe(taken);
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    expect(await grid.locator('[data-account]').count()).toBe(4);
    expect((await currentSnapshot(harness)).organization?.accounts).toHaveLength(5);

    // A role no account has: every account fails as role-missing with the fix, and keeps its earlier data.
    await panel.getByRole('button', { name: 'Add organization…' }).click();
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    await tree.waitFor();
    await dialog.getByLabel('Role name').fill('has space');
    expect(await dialog.getByTestId('organization-problem').textContent()).toContain('is not an IAM role name');
    expect(await dialog.getByRole('button', { name: /^Scan/ }).isDisabled()).toBe(true);
    await dialog.getByLabel('Role name').fill('NoSuchRole');
    await dialog.getByRole('button', { name: /^Scan 4 accounts$/ }).click();
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    const count = panel.getByTestId('org-progress-count');
    await expect.poll(async () => count.textContent(), { timeout: 30_000 }).toBe('0 of 8 cells done, 8 failed, 8 kept from earlier · 4 accounts × 2 regions');
    const prodRow = grid.locator(`[data-account="${PROD}"]`);
    const prodCells = prodRow.locator('[data-state="failed"][data-cause="role-missing"]');
    expect(await prodCells.count()).toBe(2);
    const title = (await prodCells.first().getAttribute('title')) ?? '';
    expect(title).toContain('NoSuchRole');
    expect(title).toContain('role-template');
    expect(title).toContain('showing the data of');
    await prodRow.getByRole('button', { name: 'Production' }).click();
    const failures = panel.getByTestId('org-account-failures');
    expect(await failures.locator('li[data-cause="role-missing"]').count()).toBe(2);
    expect(await failures.textContent()).toContain('peerscape role-template');
    expect(await failures.textContent()).toContain('The graph shows this cell as of');
    await session.screenshot('organization-role-missing');

    // The rescan offers what was asked last.
    expect(await panel.getByTestId('rescan-organization').getAttribute('title')).toContain('NoSuchRole');
    expect(session.problems).toEqual([]);
  });

  it('says why a member account cannot read the organisation, and which sign-in can', async () => {
    const { harness, session, page } = await browser.open();
    await openSandboxDemo(page, harness);
    expect((await callHarness(harness, 'getWorkspace', {})).ok).toBe(true);
    await page.getByTestId('discovery-panel').getByRole('button', { name: 'Add organization…' }).click();
    const dialog = page.getByTestId('add-organization');
    await dialog.getByLabel('Sign-in profile').selectOption('sandbox-prod');
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    const error = dialog.getByTestId('organization-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('may not list the organisation');
    expect(await error.textContent()).toContain('management account');
    expect(await dialog.getByRole('button', { name: /^Scan/ }).isDisabled()).toBe(true);
    await session.screenshot('organization-denied');
    expect(session.problems).toEqual([]);
  });
});

describe('Add organization with an IAM Identity Center sign-in', () => {
  let cloud: SandboxHandle | undefined;
  const savedHome = process.env.HOME;
  afterEach(async () => {
    process.env.HOME = savedHome;
    await cloud?.stop();
    cloud = undefined;
  });

  it('offers the portal’s accounts without Organizations rights, and an expired sign-in names the aws sso login to run', async () => {
    cloud = await startSandbox({ scenario: 'demo' });
    // The SDK reads the sign-in's token cache under $HOME: one home holds a live and an expired sign-in.
    const home = mkdtempSync(join(tmpdir(), 'peerscape-sso-ui-'));
    const live = await cloud.server.writeSsoSignIn(home);
    const liveConfig = readFileSync(live.configFile, 'utf8');
    await writeSsoSignIn(home, cloud.endpoint, {
      sessionName: 'corp',
      startUrl: 'https://sandbox.awsapps.com/start',
      ssoRegion: 'us-east-1',
      accessToken: 'sandbox-sso-token-network-engineer',
      expiresAt: new Date(Date.now() - 60_000),
      profiles: [{ profile: 'expired-org', accountId: NET, roleName: 'ReadOnlyAccess', region: 'us-east-1' }],
    });
    const config = `${liveConfig}\n${readFileSync(live.configFile, 'utf8').replace(/^#.*\n/, '')}`;
    process.env.HOME = home;
    const { session, page } = await browser.open({ files: { config } });
    await page.getByRole('tab', { name: 'Discovery' }).click();
    const panel = page.getByTestId('discovery-panel');
    await panel.getByRole('button', { name: 'Add organization…' }).click();
    const dialog = page.getByTestId('add-organization');

    await dialog.getByLabel('Sign-in profile').selectOption('expired-org');
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    const error = dialog.getByTestId('organization-error');
    await error.waitFor();
    expect(await error.getByTestId('fix-command').allTextContents()).toContain('aws sso login --profile expired-org');
    await session.screenshot('organization-sso-expired');

    await dialog.getByLabel('Sign-in profile').selectOption('sso-sandbox-prod-ReadOnlyAccess');
    await dialog.getByRole('button', { name: 'Read organization' }).click();
    await dialog.getByTestId('identity-center-note').waitFor();
    expect(await error.count()).toBe(0);
    const tree = dialog.getByTestId('organization-tree');
    expect(await tree.locator('[data-account]').count()).toBe(4);
    expect(await tree.locator(`[data-account="${NET}"]`).textContent()).toContain('ReadOnlyAccess');
    expect(await tree.locator('li[data-unit]').count()).toBe(0);
    expect(await dialog.getByLabel('Allow OrganizationAccountAccessRole as a fallback').count()).toBe(0);
    expect(await dialog.getByLabel('ExternalId').count()).toBe(0);
    expect(await dialog.getByLabel('Role name').getAttribute('placeholder')).toContain('sso_role_name');
    await session.screenshot('organization-identity-center');
    expect(session.problems).toEqual([]);
  });
});
