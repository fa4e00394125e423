/**
 * Stale rules and routes in Chromium, on the sandbox demo: two VPCs of different accounts peered
 * with group references both ways (inbound and outbound) and routes; the peering deleted from its
 * inspector with the cleanup unticked, so AWS leaves the rules stale and the routes blackholes.
 * The deleted peering's inspector and each VPC's list them in words, and one "Remove all N" plan
 * removes them; DescribeStaleSecurityGroups then reports nothing, and the inspector says so.
 */
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { mayHaveStaleLeftovers } from '../../shared/analysis/peering-leftovers';
import { indexTopology } from '../../shared/analysis/topology-index';
import type { Topology } from '../../shared/model/topology';
import type { BrowserSession } from '../support/browser';
import { crossAccountPair, makeStaleLeftovers, staleRuleCount, type StaleSetup } from '../support/stale-leftovers-setup';
import { callHarness, cardSelector, currentSnapshot, listedCalls, rescanWith, selectPeeringOnCanvas, openDemoSession, type Harness } from './graph-helpers';

let harness: Harness;
let session: BrowserSession;
let topology: Topology;
let setup: StaleSetup;

/** Rescan the sandbox from the toolbar and wait for the redrawn graph. */
async function refresh(): Promise<void> {
  topology = await rescanWith(session.page, harness, session.page.getByTestId('toolbar-refresh'));
}

/** Select a peering on the fitted canvas and return its inspector. */
async function selectPeering(id: string) {
  return selectPeeringOnCanvas(session.page, id);
}

beforeAll(async () => {
  ({ harness, session, topology } = await openDemoSession({ dark: true }));
}, 240_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe('left pointing at deleted peerings', () => {
  it('deletes a peering without its cleanup, lists the stale rules and routes it left, and removes them all with one plan', async () => {
    const { page } = session;
    const ws = await callHarness(harness, 'getWorkspace', {});
    if (!ws.ok || !ws.value.sandbox.endpoint) throw new Error('the sandbox is not running');
    const [vpcA, vpcB] = crossAccountPair(topology);
    setup = await makeStaleLeftovers(topology, vpcA, vpcB, join(harness.home, 'data'), ws.value.sandbox.endpoint, { keepPeering: true });
    await refresh();
    const { a, b, peeringId, groupA, groupB } = setup;

    // Delete the peering alone: every cleanup step unticked.
    let inspector = await selectPeering(peeringId);
    await inspector.getByRole('button', { name: 'Delete peering…' }).click();
    const confirmDelete = page.getByRole('group', { name: /^Confirm: Delete/ });
    await confirmDelete.waitFor();
    for (const tick of await confirmDelete.getByRole('checkbox').all()) await tick.uncheck();
    expect(await listedCalls(confirmDelete, '.call-head strong')).toEqual(['DeleteVpcPeeringConnection']);
    await confirmDelete.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(async () => (await currentSnapshot(harness)).topology.peerings.find((p) => p.id === peeringId)?.status, { timeout: 60_000 }).toBe('deleted');
    await expect.poll(async () => { const ws = await callHarness(harness, 'getWorkspace', {}); return ws.ok ? ws.value.updates.pending.length : -1; }, { timeout: 60_000 }).toBe(0);
    topology = (await currentSnapshot(harness)).topology;

    // The deleted peering's inspector: three stale rules (both VPCs, inbound and outbound) and two blackhole routes, in words.
    const legendDeleted = page.getByRole('checkbox', { name: 'show deleted' });
    if (!(await legendDeleted.isChecked())) await legendDeleted.check();
    await page.locator(`[data-testid="rf__edge-${peeringId}"]`).waitFor({ timeout: 30_000 });
    inspector = await selectPeering(peeringId);
    const section = inspector.getByTestId('stale-leftovers');
    await expect.poll(() => section.getByTestId('stale-rule').count(), { timeout: 30_000 }).toBe(3);
    const rules = await section.getByTestId('stale-rule').allTextContents();
    expect(rules).toContain(`stale-app (${groupA}) inbound tcp 443 from ${b.accountId}/${groupB} (stale-db) across ${peeringId} (deleted)`);
    expect(rules).toContain(`stale-db (${groupB}) outbound tcp 443 to ${a.accountId}/${groupA} (stale-app) across ${peeringId} (deleted)`);
    expect(rules.some((r) => r.startsWith(`stale-db (${groupB}) inbound tcp 5432 from`))).toBe(true);
    const routes = await section.getByTestId('stale-route').allTextContents();
    expect(routes).toHaveLength(2);
    const cidr = (v: typeof a) => v.cidrBlocks.find((c) => c.primary)!.cidr;
    expect(routes.find((r) => r.includes(setup.tableA))).toMatch(new RegExp(`^${cidr(b)} in .*${setup.tableA}\\)? → ${peeringId} \\(deleted, blackhole\\)$`));
    expect(routes.find((r) => r.includes(setup.tableB))).toContain(`${cidr(a)} in `);
    await section.scrollIntoViewIfNeeded();
    await session.screenshot('stale-peering-inspector');

    // Each VPC's inspector lists its own part, asked without a click.
    await page.keyboard.press('Escape');
    await page.locator(cardSelector(b.id)).click();
    const vpcSection = page.getByTestId('inspector-vpc').getByTestId('stale-leftovers');
    await expect.poll(() => vpcSection.getByTestId('stale-rule').count(), { timeout: 30_000 }).toBe(2);
    // The demo's own leftovers in this VPC are listed too.
    const vpcRoutes = await vpcSection.getByTestId('stale-route').allTextContents();
    expect(vpcRoutes.filter((r) => r.includes(peeringId))).toHaveLength(1);
    await expect.poll(() => vpcSection.getByRole('button', { name: `Remove all ${2 + vpcRoutes.length}` }).count()).toBe(1);
    await vpcSection.scrollIntoViewIfNeeded();
    await session.screenshot('stale-vpc-inspector');

    // One plan removes all five: its calls are listed, then it runs (DryRun first).
    inspector = await selectPeering(peeringId);
    const again = inspector.getByTestId('stale-leftovers');
    await again.getByRole('button', { name: 'Remove all 5' }).click();
    const confirm = page.getByRole('group', { name: /^Confirm: Remove/ });
    await confirm.waitFor();
    const calls = await listedCalls(confirm, '.call-head strong');
    expect([...calls].sort()).toEqual(['DeleteRoute', 'DeleteRoute', 'RevokeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupIngress']);
    await session.screenshot('stale-confirm');
    await confirm.getByRole('button', { name: 'Remove all 5' }).click();
    await expect.poll(() => again.getByTestId('stale-notice').textContent(), { timeout: 60_000 }).toContain('done');
    // The app rescans; the section asks again and finds nothing.
    await expect.poll(() => again.textContent(), { timeout: 60_000 }).toContain('Nothing: no stale security-group rule, no route to a deleted peering.');
    await session.screenshot('stale-removed');

    expect(await staleRuleCount(setup.clientA, a.id)).toBe(0);
    expect(await staleRuleCount(setup.clientB, b.id)).toBe(0);
    const audit = await callHarness(harness, 'listAudit', { filter: { actions: ['RevokeSecurityGroupEgress'], outcomes: ['ok'] } });
    expect(audit.ok && audit.value.entries.length).toBe(1);
    expect(session.problems).toEqual([]);
  }, 300_000);

  it('asks AWS for a VPC nothing in the scan hints at only when asked to', async () => {
    const { page } = session;
    topology = (await currentSnapshot(harness)).topology;
    const index = indexTopology(topology);
    const quiet = topology.vpcs.find((v) => !v.isDefault && !mayHaveStaleLeftovers(index, v.id))!;
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.locator(cardSelector(quiet.id)).click();
    const section = page.getByTestId('inspector-vpc').getByTestId('stale-leftovers');
    const ask = section.getByRole('button', { name: 'Ask AWS for stale security-group rules' });
    await ask.waitFor();
    await section.scrollIntoViewIfNeeded();
    await session.screenshot('stale-vpc-not-asked');
    await ask.click();
    await expect.poll(() => section.textContent(), { timeout: 30_000 }).toContain('Nothing: no stale security-group rule, no route to a deleted peering.');
    expect(session.problems).toEqual([]);
  }, 120_000);
});
