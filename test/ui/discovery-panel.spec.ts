/**
 * The Discovery tab and the first-run screen in Chromium: full region codes, a cell count that is
 * profiles × regions, no "no profiles: try the sandbox" beside the scanned sandbox, one Refresh
 * (same words, same action) in the toolbar and the tab, and the first scan's progress on the
 * first-run screen.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../support/start-sandbox';
import type { SandboxHandle } from '../support/start-sandbox';
import { callHarness, cardSelector, openSandboxDemo, useHarnessSession, waitForGraph } from './graph-helpers';

let cloud: SandboxHandle | undefined;

afterEach(async () => {
  await cloud?.stop();
  cloud = undefined;
});
// Registered after the sandbox's hook, so that (after-hooks running last-registered first) browser and harness close before the sandbox stops.
const browser = useHarnessSession();

const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

describe('the Discovery tab', () => {
  it('after the sandbox scan: full, distinct region codes, profiles × regions cells, one Refresh, and no "try the sandbox"', async () => {
    const { harness, session, page } = await browser.open();
    await openSandboxDemo(page, harness);
    const panel = page.getByTestId('discovery-panel');
    const grid = panel.getByRole('table', { name: 'Discovery progress' });

    const regions = (await grid.locator('tbody th[scope="row"] .mono').allTextContents()).map((r) => r.trim());
    expect(regions.length).toBeGreaterThan(3);
    for (const r of regions) expect(r).toMatch(REGION_CODE);
    expect(new Set(regions).size).toBe(regions.length);
    const profiles = await grid.locator('thead th.progress-profile').allTextContents();
    const cells = await grid.locator('td[data-state]').count();
    expect(cells).toBe(profiles.length * regions.length);
    expect(await panel.getByTestId('progress-count').textContent()).toBe(`${cells} of ${cells} cells done · ${profiles.length} profiles × ${regions.length} regions`);

    expect(await panel.textContent()).not.toContain('No AWS profiles found');
    expect(await panel.getByTestId('no-profiles').textContent()).toContain('The canvas shows the sandbox');

    const toolbarRefresh = page.getByTestId('toolbar-refresh');
    const panelRefresh = panel.getByTestId('panel-refresh');
    expect(await panelRefresh.textContent()).toBe(await toolbarRefresh.textContent());
    expect(await panelRefresh.getAttribute('title')).toBe(await toolbarRefresh.getAttribute('title'));
    expect(await panelRefresh.isDisabled()).toBe(false);
    await session.screenshot('discovery-after-sandbox');

    // The tab's Refresh scans what the canvas shows, the sandbox, as the toolbar's does.
    await panelRefresh.click();
    await panel.getByRole('heading', { name: 'Scanning…' }).waitFor();
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    expect(await grid.locator('thead th.progress-profile').allTextContents()).toEqual(profiles);
    expect(session.problems).toEqual([]);
  });

  it('shows the first scan of AWS profiles on the first-run screen while it runs', async () => {
    // The sandbox as "AWS": profiles in the config files, every answer held back so the scan takes a while.
    cloud = await startSandbox({ scenario: 'demo', faults: { latencyMs: 400 } });
    const files = await cloud.writeAwsFiles(mkdtempSync(join(tmpdir(), 'peerscape-slow-aws-')));
    const { session, page } = await browser.open({ files: { config: readFileSync(files.configFile, 'utf8'), credentials: readFileSync(files.credentialsFile, 'utf8') } });
    const card = page.getByRole('region', { name: 'Getting started' });
    await card.getByRole('button', { name: 'Scan AWS profiles' }).click();
    const progress = card.getByTestId('first-run-progress');
    await progress.waitFor();
    expect(await progress.textContent()).toContain('Scanning your AWS profiles…');
    // Counted as soon as the profiles have listed their regions; shot at once, before a region lands on the canvas.
    let counted = '';
    await expect
      .poll(
        async () => {
          const text = (await progress.textContent({ timeout: 1_000 }).catch(() => '')) ?? '';
          if (!counted && /\d+ of \d+ cells done · 4 profiles × \d+ regions/.test(text)) {
            counted = text;
            await session.screenshot('first-run-scanning');
          }
          return counted;
        },
        { timeout: 60_000, interval: 50 },
      )
      .toMatch(/cells done/);
    await waitForGraph(page, 120_000);
    expect(session.problems).toEqual([]);
  });

  it('says in words what a region could not read, on the grid, in the tab and in the pair inspector', async () => {
    // The network account's policy lacks two actions in us-east-1: its VPCs load, its ACLs and instances do not.
    const network = '111122223333';
    const denied = ['DescribeNetworkAcls', 'DescribeInstances'].map((action) => ({ action, accountId: network, region: 'us-east-1' }));
    cloud = await startSandbox({ scenario: 'demo', faults: { denyActions: denied } });
    const files = await cloud.writeAwsFiles(mkdtempSync(join(tmpdir(), 'peerscape-denied-aws-')));
    const { harness, session, page } = await browser.open({ files: { config: readFileSync(files.configFile, 'utf8'), credentials: readFileSync(files.credentialsFile, 'utf8') } });
    await page.getByRole('region', { name: 'Getting started' }).getByRole('button', { name: 'Scan AWS profiles' }).click();
    await waitForGraph(page, 120_000);

    await page.getByRole('tab', { name: 'Discovery' }).click();
    const panel = page.getByTestId('discovery-panel');
    await panel.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
    const grid = panel.getByRole('table', { name: 'Discovery progress' });
    const partly = grid.locator('td[data-unread]');
    expect(await partly.count()).toBe(1);
    expect(await partly.getAttribute('data-unread')).toBe('instances networkAcls');
    expect(await partly.getAttribute('data-state')).toBe('done');
    expect(await partly.getAttribute('title')).toContain('sandbox-network · us-east-1: done — could not read instances and network ACLs (UnauthorizedOperation)');
    expect(await panel.getByTestId('progress-count').textContent()).toMatch(/^(\d+) of \1 cells done \(1 not read in full\) · /);
    expect(await panel.getByTestId('snapshot-age').textContent()).toContain('1 cell not read in full');

    const notRead = panel.getByTestId('not-read');
    expect(await notRead.getByRole('heading').textContent()).toBe('Not read (1)');
    const items = notRead.locator('li[data-kind]');
    expect(await items.allTextContents()).toEqual([
      expect.stringMatching(/^instances not read \(UnauthorizedOperation\): .*ec2:DescribeInstances/),
      expect.stringMatching(/^network ACLs not read \(UnauthorizedOperation\): .*ec2:DescribeNetworkAcls/),
    ]);
    expect(await notRead.textContent()).toContain('sandbox-network · us-east-1');
    await notRead.scrollIntoViewIfNeeded();
    await session.screenshot('discovery-not-read');

    // Two peered VPCs of that account and region: the explanation says ACLs and instances were not checked there.
    const workspace = await callHarness(harness, 'getWorkspace', {});
    if (!workspace.ok || !workspace.value.snapshot) throw new Error('the scan left no snapshot');
    const t = workspace.value.snapshot.topology;
    const place = (id: string) => t.vpcs.find((v) => v.id === id);
    const here = (id: string) => place(id)?.accountId === network && place(id)?.region === 'us-east-1';
    const peering = t.peerings.find((p) => p.status === 'active' && (here(p.requester.vpcId) || here(p.accepter.vpcId)) && place(p.requester.vpcId) && place(p.accepter.vpcId));
    if (!peering) throw new Error('the demo has no active peering from the network account in us-east-1');
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.locator(cardSelector(peering.requester.vpcId)).click();
    await page.locator(cardSelector(peering.accepter.vpcId)).click({ modifiers: ['Shift'] });
    const pair = page.getByTestId('inspector-pair');
    await pair.waitFor();
    const notes = await pair.getByTestId('reachability-note').allTextContents();
    expect(notes).toContain(`The scan could not read instances and network ACLs in account ${network} · us-east-1 (UnauthorizedOperation): they were not checked there.`);
    await pair.getByTestId('reachability-note').last().scrollIntoViewIfNeeded();
    await session.screenshot('inspector-not-read');
    expect(session.problems).toEqual([]);
  });
});
