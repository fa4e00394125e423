/**
 * The whole loop in Chromium, on the sandbox demo: drag one VPC onto another, read the plan,
 * DryRun it, run it, watch the new edge turn active with routes on both sides, follow its
 * checklist, find the calls in the audit log, export the diagram, and delete the peering with
 * its routes. Debian's AWS CLI, pointed at the same sandbox, confirms what the app shows.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Topology, Vpc } from '../../shared/model/topology';
import { validatePeering } from '../../shared/analysis/validate-peering';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { callHarness, cardSelector, centreOf, dragMouse, listedCalls, openSandboxDemo } from './graph-helpers';

const run = promisify(execFile);

let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;
let topology: Topology;

/** A cross-account pair in one region that AWS would peer without warnings, both with subnets. */
function cleanPair(t: Topology): [Vpc, Vpc] {
  const withSubnets = new Set(t.subnets.map((s) => s.vpcId));
  const vpcs = t.vpcs.filter((v) => withSubnets.has(v.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const a of vpcs) {
    for (const b of vpcs) {
      if (a.accountId === b.accountId || a.region !== b.region) continue;
      const verdict = validatePeering(t, a.id, b.id);
      if (verdict.ok && verdict.warnings.length === 0) return [a, b];
    }
  }
  throw new Error('the demo has no clean cross-account pair');
}

/** Routes to `peeringId` as Debian's AWS CLI sees them in the sandbox. */
async function cliRoutes(vpc: Vpc, peeringId: string): Promise<string[]> {
  const sandboxDir = join(harness.home, 'data', 'sandbox');
  const ws = await callHarness(harness, 'getWorkspace', {});
  if (!ws.ok) throw new Error(ws.error.message);
  const profile = topology.accounts.find((a) => a.id === vpc.accountId)!.profiles[0]!;
  const { stdout } = await run(
    '/usr/bin/aws',
    ['ec2', 'describe-route-tables', '--endpoint-url', ws.value.sandbox.endpoint!, '--region', vpc.region, '--profile', profile, '--filters', `Name=vpc-id,Values=${vpc.id}`, '--output', 'json'],
    { env: { PATH: process.env.PATH ?? '', HOME: harness.home, AWS_CONFIG_FILE: join(sandboxDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(sandboxDir, 'credentials'), AWS_PAGER: '' } },
  );
  const tables = (JSON.parse(stdout) as { RouteTables: { RouteTableId: string; Routes: { VpcPeeringConnectionId?: string; DestinationCidrBlock?: string }[] }[] }).RouteTables;
  return tables.flatMap((t) => t.Routes.filter((r) => r.VpcPeeringConnectionId === peeringId).map((r) => `${t.RouteTableId} ${r.DestinationCidrBlock}`));
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

describe('drag to peer, for real, in Chromium on the sandbox', () => {
  it('plans, dry-runs and runs a cross-account peering; the edge turns active with routes on both sides; delete removes them', async () => {
    const { page } = session;
    const [requester, accepter] = cleanPair(topology);
    await dragMouse(page, await centreOf(page, `${cardSelector(requester.id)} .peer-knob`), await centreOf(page, cardSelector(accepter.id)), {
      beforeRelease: async () => {
        await expect.poll(() => page.getByTestId('peer-cursor').textContent()).toContain('Release to plan this peering');
      },
    });
    const plan = page.getByRole('dialog', { name: 'Peering plan' });
    await plan.waitFor();

    // The plan: every step with the account and region it runs in, each one can be unticked.
    const steps = plan.getByRole('list', { name: 'Steps' });
    await steps.waitFor({ timeout: 30_000 });
    await plan.getByTestId('step-create').waitFor();
    expect(await plan.getByTestId('step-create').textContent()).toContain(requester.accountId);
    expect(await plan.getByTestId('step-accept').textContent()).toContain(accepter.accountId);
    expect(await steps.locator('[data-testid^="step-route:"]').count()).toBeGreaterThanOrEqual(2);
    await session.screenshot('flow-plan');

    await plan.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => plan.getByTestId('plan-outcome').textContent(), { timeout: 30_000 }).toContain('DryRun passed');
    // A DryRun creates nothing.
    const afterDry = await callHarness(harness, 'listAudit', { filter: { outcomes: ['ok'] } });
    expect(afterDry.ok && afterDry.value.entries.length).toBe(0);

    // Run lists the calls it will make first; only the confirmation makes them.
    await plan.getByRole('button', { name: 'Run', exact: true }).click();
    const confirmRun = plan.getByRole('group', { name: /^Confirm: Run/ });
    await confirmRun.waitFor();
    const runCalls = await listedCalls(confirmRun, '.call-head strong');
    expect(runCalls).toEqual(
      await plan.locator('[data-testid^="step-"] .plan-step-meta .chip.mono.muted').allTextContents(),
    );
    await session.screenshot('flow-plan-confirm');
    await confirmRun.getByRole('button', { name: 'Confirm and run' }).click();
    await expect.poll(() => plan.getByTestId('plan-outcome').textContent(), { timeout: 60_000 }).toContain('Done: every step is in place.');
    const outcome = (await plan.getByTestId('plan-outcome').textContent()) ?? '';
    const peeringId = /pcx-[0-9a-f]+/.exec(outcome)?.[0];
    expect(peeringId).toBeDefined();
    await session.screenshot('flow-plan-done');

    // The app rescans by itself: the new edge is drawn active, routed on both sides.
    const edge = page.locator(`[data-peering-id="${peeringId}"]`);
    await expect.poll(() => edge.getAttribute('class'), { timeout: 60_000 }).toContain('status-active');
    await expect.poll(() => edge.getAttribute('class')).toContain('routes-both');
    await plan.getByRole('button', { name: 'Close the plan' }).click();

    // Debian's AWS CLI agrees: each VPC routes the other's block through the new peering.
    if (existsSync('/usr/bin/aws')) {
      expect((await cliRoutes(requester, peeringId!)).join('\n')).toContain(accepter.cidrBlocks[0]!.cidr);
      expect((await cliRoutes(accepter, peeringId!)).join('\n')).toContain(requester.cidrBlocks[0]!.cidr);
    }

    // The inspector's checklist, from the latest discovery.
    await page.locator(`[data-testid="rf__edge-${peeringId}"] .react-flow__edge-interaction`).dispatchEvent('click');
    const checklist = page.getByTestId('peering-checklist');
    await checklist.waitFor();
    for (const item of ['requested', 'accepted', 'requester-routes', 'accepter-routes']) {
      expect(await checklist.getByTestId(`checklist-${item}`).getAttribute('class'), item).toContain('state-done');
    }
    await session.screenshot('flow-checklist');

    // The audit tab lists the calls that made it.
    await page.getByRole('tab', { name: 'Audit' }).click();
    const audit = page.getByRole('table', { name: 'Audit entries' });
    await audit.waitFor();
    const auditText = (await audit.textContent()) ?? '';
    for (const action of ['CreateVpcPeeringConnection', 'AcceptVpcPeeringConnection', 'CreateRoute']) expect(auditText).toContain(action);
    expect(auditText).toContain(requester.accountId);
    // The plan's checks are listed as checks that changed nothing, not as errors, and never with a placeholder id.
    expect(await audit.locator('tr[data-outcome="error"]').count()).toBe(0);
    expect(await audit.locator('tr[data-outcome="dry-run"]').count()).toBeGreaterThan(0);
    expect(auditText).toContain('check: checked when it runs');
    expect(auditText).not.toContain('pcx-00000000000000000');
    await session.screenshot('flow-audit');
    await audit.locator('tr[data-outcome="dry-run"]').first().scrollIntoViewIfNeeded();
    await session.screenshot('flow-audit-checks');

    // Delete, confirming the clean-up of routes: the edge goes, and so do the routes.
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.getByRole('button', { name: 'Delete peering…' }).click();
    const confirm = page.getByRole('group', { name: /^Confirm: Delete/ });
    await confirm.waitFor();
    const deleteCalls = await listedCalls(confirm);
    expect(deleteCalls.filter((c) => c.includes('DeleteRoute'))).toHaveLength(2);
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    // The peering is gone: the selection clears, and the edge goes.
    await page.getByTestId('inspector-peering').waitFor({ state: 'detached', timeout: 60_000 });
    await expect.poll(() => edge.count(), { timeout: 60_000 }).toBe(0);
    if (existsSync('/usr/bin/aws')) {
      expect(await cliRoutes(requester, peeringId!)).toEqual([]);
      expect(await cliRoutes(accepter, peeringId!)).toEqual([]);
    }
    expect(session.problems).toEqual([]);
  }, 240_000);

  it('exports the diagram from the Export menu: a preview, then an SVG file that parses', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('export-format').selectOption('svg');
    await dialog.getByTestId('export-preview').locator('img').waitFor({ timeout: 30_000 });
    await session.screenshot('flow-export-preview');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
    expect(download.suggestedFilename()).toMatch(/\.svg$/);
    const file = await download.path();
    const svg = readFileSync(file, 'utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(svg) as { svg?: unknown };
    expect(parsed.svg).toBeDefined();
    for (const v of topology.vpcs.slice(0, 5)) expect(svg).toContain(v.id);

    await dialog.getByTestId('export-format').selectOption('mermaid');
    await expect.poll(() => dialog.getByTestId('export-preview').textContent(), { timeout: 30_000 }).toContain('flowchart');
    // Deleted peerings are left out, as on the canvas, until asked for.
    const deleted = topology.peerings.find((p) => p.status === 'deleted')!;
    // An edge is labelled as on the canvas: its Name tag, else its id.
    const label = deleted.name?.trim() || deleted.id;
    expect(await dialog.getByTestId('export-preview').textContent()).not.toContain(label);
    await dialog.getByRole('checkbox', { name: 'Include deleted peerings' }).check();
    await expect.poll(() => dialog.getByTestId('export-preview').textContent(), { timeout: 30_000 }).toContain(label);
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Zoomed in, "Current view" exports only the VPCs on screen.
    await page.getByTestId('topology-canvas').click({ position: { x: 400, y: 300 } });
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('+');
      await page.waitForTimeout(250);
    }
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByTestId('export-format').selectOption('svg');
    await dialog.getByRole('radio', { name: /Current view/ }).check();
    await dialog.getByTestId('export-preview').locator('img').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(400);
    const [viewDownload] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
    const viewSvg = readFileSync(await viewDownload.path(), 'utf8');
    const shown = topology.vpcs.filter((v) => viewSvg.includes(v.id)).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(topology.vpcs.length);
    await session.screenshot('flow-export-view');
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('finishes a half-routed peering from its checklist: one click adds the missing routes', async () => {
    const { page } = session;
    const { peering, checklist } = await openChecklist('hub-dev-app');
    const requesterRoutes = checklist.getByTestId('checklist-requester-routes');
    expect(await requesterRoutes.getAttribute('class')).toContain('state-todo');
    await requesterRoutes.getByRole('button', { name: /^Add \d+ routes? with profile/ }).click();
    const confirm = page.getByRole('group', { name: /^Confirm: Add/ });
    const calls = await listedCalls(confirm);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.includes('CreateRoute') && c.includes(peering.requester.accountId))).toBe(true);
    await confirm.getByRole('button', { name: 'Add the routes' }).click();
    await expect.poll(() => page.getByTestId('peering-action-notice').textContent(), { timeout: 60_000 }).toContain('Routes: done');
    // The rescan redraws the checklist from AWS: the requester side is now done.
    await expect.poll(() => checklist.getByTestId('checklist-requester-routes').getAttribute('class'), { timeout: 60_000 }).toContain('state-done');
    await session.screenshot('flow-checklist-routes-added');
    const audit = await callHarness(harness, 'listAudit', { filter: { actions: ['CreateRoute'], outcomes: ['ok'], text: peering.id } });
    expect(audit.ok && audit.value.entries.length).toBeGreaterThanOrEqual(1);
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('adds a security-group rule from the checklist: the peer\'s blocks in on the port asked, and the item turns done', async () => {
    const { page } = session;
    const { peering, checklist } = await openChecklist('hub-egress');
    const rules = checklist.getByTestId('checklist-security-groups');
    expect(await rules.getAttribute('class')).toContain('state-todo');
    await rules.getByRole('button').click();
    const form = page.getByRole('form', { name: 'Security-group rule' });
    await form.waitFor();
    const add = form.getByRole('button', { name: 'Add rule' });
    expect(await add.isDisabled()).toBe(true);
    // The accepter's groups: egress lets the hub in on 8443.
    const group = topology.securityGroups.find((g) => g.vpcId === peering.accepter.vpcId)!;
    await form.getByLabel('Security groups').selectOption([group.id]);
    await form.getByLabel('From port').fill('8443');
    await session.screenshot('flow-checklist-rule-form');
    await add.click();
    const confirm = page.getByRole('group', { name: /^Confirm: Add this rule/ });
    const calls = await listedCalls(confirm);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toContain('AuthorizeSecurityGroupIngress');
    expect(calls[0]).toContain(`tcp 8443 from ${peering.requester.cidrBlocks[0]}`);
    await session.screenshot('flow-checklist-rule-confirm');
    await confirm.getByRole('button', { name: 'Add the rule' }).click();
    await expect.poll(() => page.getByTestId('peering-action-notice').textContent(), { timeout: 60_000 }).toContain('Security-group rule: done');
    await expect.poll(() => checklist.getByTestId('checklist-security-groups').getAttribute('class'), { timeout: 60_000 }).toContain('state-done');
    expect(await checklist.getByTestId('checklist-security-groups').textContent()).toContain(`${group.id} allows tcp 8443 from ${peering.requester.cidrBlocks[0]}`);
    const audit = await callHarness(harness, 'listAudit', { filter: { actions: ['AuthorizeSecurityGroupIngress'], outcomes: ['ok'], text: group.id } });
    expect(audit.ok && audit.value.entries.length).toBeGreaterThanOrEqual(1);
    expect(session.problems).toEqual([]);
  }, 120_000);
});
