import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { analyzeSnapshot } from '../../shared/analysis/findings';
import { DEMO_ACCOUNTS, PARTNER_VPC_ID, demoLikeSnapshot, demoVpcId } from '../support/fixtures/snapshots/demo-like';
import { buildTgwFindingsSnapshot } from '../support/fixtures/tgw-findings-snapshot';
import { cardSelector, selectVpcBySearch, useHarnessSession, waitForGraph } from './graph-helpers';

const browser = useHarnessSession();

describe('importing a snapshot file in Chromium', () => {
  it('draws an imported snapshot, including a partner VPC known only from its peering, and says how old it is', async () => {
    const { session, page } = await browser.open();
    await page.getByRole('region', { name: 'Getting started' }).waitFor();
    const file = join(mkdtempSync(join(tmpdir(), 'peerscape-import-')), 'snapshot.json');
    writeFileSync(file, JSON.stringify(demoLikeSnapshot(new Date(Date.now() - 3 * 3600_000).toISOString())));
    await page.getByTestId('import-snapshot-input').first().setInputFiles(file);
    await waitForGraph(page);
    expect(await page.getByRole('region', { name: 'Getting started' }).count()).toBe(0);
    expect(await page.locator(cardSelector(demoVpcId('prod-app'))).textContent()).toContain('10.20.0.0/16');
    expect(await page.locator(cardSelector(PARTNER_VPC_ID)).textContent()).toContain('not scanned');
    expect(await page.getByTestId(`account-frame-${DEMO_ACCOUNTS.partner}`).textContent()).toContain('not scanned');
    expect(await page.getByTestId('snapshot-age').textContent()).toContain('Taken 3 hours ago');
    expect(session.problems).toEqual([]);
  });

  it("names an account by its Organizations name on its frame, with its id and alias beside it, in search and in the VPC inspector", async () => {
    const { session, page } = await browser.open();
    await page.getByRole('region', { name: 'Getting started' }).waitFor();
    const base = demoLikeSnapshot(new Date().toISOString());
    const snapshot = { ...base, topology: { ...base.topology, accounts: base.topology.accounts.map((a) => (a.id === DEMO_ACCOUNTS.network ? { ...a, name: 'Shared Network' } : a)) } };
    const file = join(mkdtempSync(join(tmpdir(), 'peerscape-import-')), 'named.json');
    writeFileSync(file, JSON.stringify(snapshot));
    await page.getByTestId('import-snapshot-input').first().setInputFiles(file);
    await waitForGraph(page);
    const frame = page.getByTestId(`account-frame-${DEMO_ACCOUNTS.network}`);
    expect(await frame.locator('.frame-name').textContent()).toBe('Shared Network');
    expect(await frame.locator('.frame-id').textContent()).toBe(DEMO_ACCOUNTS.network);
    expect(await frame.locator('.frame-alias').textContent()).toBe('acme-network');
    expect(await frame.locator('.frame-chip').allTextContents()).toEqual(['network-admin']);
    // Another account keeps its alias as its name, and shows no alias twice.
    expect(await page.getByTestId(`account-frame-${DEMO_ACCOUNTS.prod}`).locator('.frame-name').textContent()).toBe('acme-prod');
    expect(await page.getByTestId(`account-frame-${DEMO_ACCOUNTS.prod}`).locator('.frame-alias').count()).toBe(0);

    const search = page.getByRole('searchbox', { name: 'Search VPCs' });
    await search.fill('account:"Shared Network"');
    const networkVpcs = snapshot.topology.vpcs.filter((v) => v.accountId === DEMO_ACCOUNTS.network).map((v) => v.name ?? v.id).sort();
    await expect.poll(async () => (await page.getByRole('listbox', { name: 'Search results' }).locator('.search-hit-name').allTextContents()).sort()).toEqual(networkVpcs);
    await search.fill('');

    await selectVpcBySearch(page, demoVpcId('shared-services'));
    expect(await page.getByTestId('inspector-vpc').textContent()).toContain(`Shared Network · acme-network · ${DEMO_ACCOUNTS.network}`);
    await session.screenshot('account-names');
    expect(session.problems).toEqual([]);
  });

  it('lists the transit gateway findings of an imported snapshot in the Findings panel, and a finding selects its VPC', async () => {
    const { session, page } = await browser.open();
    await page.getByRole('region', { name: 'Getting started' }).waitFor();
    const snapshot = buildTgwFindingsSnapshot();
    const file = join(mkdtempSync(join(tmpdir(), 'peerscape-import-')), 'tgw.json');
    writeFileSync(file, JSON.stringify(snapshot));
    await page.getByTestId('import-snapshot-input').first().setInputFiles(file);
    await waitForGraph(page);
    await page.getByRole('tab', { name: 'Findings' }).click();
    const panel = page.getByTestId('findings-panel');
    await panel.getByTestId('findings-tgw-zone-gap').waitFor();
    // The panel lists exactly the analysis' findings, the transit gateway ones among them.
    const expected = analyzeSnapshot(snapshot).findings;
    const shown = await panel.locator('[data-finding-id]').evaluateAll((items) => items.map((li) => (li as HTMLElement).dataset.findingId!));
    expect(shown.sort()).toEqual(expected.map((f) => f.id).sort());
    for (const kind of ['tgw-routing-unread', 'tgw-unassociated', 'tgw-not-propagated', 'tgw-stale-route', 'tgw-zone-gap', 'tgw-auto-accept']) {
      expect(await panel.getByTestId(`findings-${kind}`).count(), kind).toBe(1);
    }
    expect(await panel.getByTestId('findings-summary').textContent()).toContain('1 zone without an attachment subnet');
    const gap = panel.locator('[data-finding-id="tgw-zone-gap:tgw-attach-app:eu-west-1b"]');
    expect(await gap.textContent()).toContain('--add-subnet-ids subnet-appb');
    await gap.scrollIntoViewIfNeeded();
    await session.screenshot('findings-transit-gateways');
    // A gateway finding selects its attachment's VPC (the canvas draws no gateway yet); one about the gateway alone selects nothing.
    expect(await panel.locator('[data-finding-id="tgw-auto-accept:tgw-hub"] button').isDisabled()).toBe(true);
    await gap.locator('button').click();
    await expect.poll(() => page.locator(cardSelector('vpc-app')).getAttribute('class')).toContain('is-selected');
    expect(session.problems).toEqual([]);
  });

  it('refuses a file that is not a snapshot in a notice that says which field is wrong and what to do, until an import succeeds', async () => {
    const { session, page } = await browser.open();
    await page.getByRole('region', { name: 'Getting started' }).waitFor();
    const dir = mkdtempSync(join(tmpdir(), 'peerscape-import-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, takenAt: 'now', source: 'x', topology: { vpcs: 'no' } }));
    await page.getByTestId('import-snapshot-input').first().setInputFiles(file);
    // Where the user looks: a notice at the top of the window, not the status bar's corner.
    const notice = page.getByRole('alert').filter({ hasText: 'broken.json was not opened' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('not a Peerscape snapshot');
    expect(await notice.textContent()).toContain('topology');
    expect(await notice.textContent()).toContain('What to do: Choose a file exported by Peerscape');
    const box = (await notice.boundingBox())!;
    expect(box.y).toBeLessThan(200);
    await session.screenshot('import-refused');
    expect(await page.getByRole('region', { name: 'Getting started' }).count()).toBe(1);

    // The next import that succeeds clears it.
    const good = join(dir, 'snapshot.json');
    writeFileSync(good, JSON.stringify(demoLikeSnapshot(new Date().toISOString())));
    await notice.getByTestId('import-snapshot-input').setInputFiles(good);
    await waitForGraph(page);
    expect(await page.getByTestId('import-notice').count()).toBe(0);
    // A refused import is an expected failure shown to the user, not a page error.
    expect(session.problems).toEqual([]);
  });
});
