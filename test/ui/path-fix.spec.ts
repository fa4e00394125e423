/**
 * A blocked path fixed in Chromium on the sandbox demo: select two VPCs that cannot talk, Fix this
 * path, see the proposed peering dashed on the canvas with the count of changes, DryRun, confirm
 * and run the plan, and the inspector's verdict turns to reachable after the rescan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { explainReachability } from '../../shared/analysis/explain-reachability';
import { PROPOSED_EDGE } from '../../shared/diagram/style';
import type { Topology, Vpc } from '../../shared/model/topology';
import { planPathFix } from '../../shared/planning/plan-path-fix';
import type { BrowserSession } from '../support/browser';
import { cardSelector, openDemoSession, type Harness } from './graph-helpers';

let harness: Harness;
let session: BrowserSession;
let topology: Topology;

/** Two unpeered VPCs of one region in different accounts, with subnets, that cannot talk, whose fix is a plan with a new peering. */
function blockedPair(t: Topology): { from: Vpc; to: Vpc; changes: number } {
  const withSubnets = new Set(t.subnets.map((s) => s.vpcId));
  const vpcs = t.vpcs.filter((v) => withSubnets.has(v.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const from of vpcs) {
    for (const to of vpcs) {
      if (from.accountId === to.accountId || from.region !== to.region) continue;
      if (explainReachability(t, from.id, to.id).verdict !== 'unreachable') continue;
      const fix = planPathFix(t, { from: from.id, to: to.id });
      if (fix.ok && fix.value.status === 'plan' && fix.value.proposesPeering && fix.value.plan.notes.every((n) => n.level !== 'warning') && fix.value.plan.steps.every((s) => s.profile)) {
        return { from, to, changes: fix.value.plan.steps.length };
      }
    }
  }
  throw new Error('the demo has no blocked pair that a plan with a new peering fixes');
}

beforeAll(async () => {
  ({ harness, session, topology } = await openDemoSession({ dark: true }));
}, 180_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe('fix this path', () => {
  it('shows the fix on the canvas, runs it as a plan, and the pair becomes reachable', async () => {
    const { page } = session;
    const { from, to, changes } = blockedPair(topology);
    await page.locator(cardSelector(from.id)).click();
    await page.locator(cardSelector(to.id)).click({ modifiers: ['Shift'] });
    const inspector = page.getByTestId('inspector-pair');
    await inspector.waitFor();
    expect(await inspector.getByTestId('reachability-verdict').textContent()).toBe('Traffic cannot flow');

    await inspector.getByRole('button', { name: 'Fix this path' }).click();
    const panel = page.getByRole('dialog', { name: 'Fix this path' });
    await panel.getByTestId('path-fix-summary').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('path-fix-summary').textContent()).toContain(`${changes} changes`);
    // On the canvas: the proposed peering, dashed and labelled with the count; both ends marked; the banner says it too.
    const proposed = page.getByTestId(`proposed-${from.id}-${to.id}`);
    await proposed.waitFor();
    expect(await page.locator('.edge-label.ghost-label.is-proposed').textContent()).toContain(`proposed peering · ${changes} changes`);
    const line = await proposed.locator('.ghost-line').evaluate((el) => ({ dash: getComputedStyle(el).strokeDasharray, width: getComputedStyle(el).strokeWidth }));
    expect({ dash: line.dash.replace(/px/g, '').replace(/,\s*/g, ' '), width: line.width }).toEqual({ dash: PROPOSED_EDGE.dash, width: `${PROPOSED_EDGE.width}px` });
    for (const id of [from.id, to.id]) expect(await page.locator(`${cardSelector(id)}`).getAttribute('class'), id).toContain('is-fix-path');
    expect(await page.getByTestId('mode-banner').textContent()).toContain(`${changes} changes, the proposed peering dashed`);
    // The steps are the plan's: the create, the accept, routes, then rules and entries.
    expect(await panel.getByTestId('step-create').count()).toBe(1);
    expect(await panel.getByTestId('step-accept').count()).toBe(1);
    await session.screenshot('path-fix-proposed');

    await panel.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => panel.getByTestId('plan-outcome').textContent(), { timeout: 30_000 }).toContain('DryRun passed');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    const confirm = panel.getByRole('group', { name: /^Confirm: Run/ });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Confirm and run' }).click();
    await expect.poll(() => panel.getByTestId('plan-outcome').textContent(), { timeout: 90_000 }).toContain('Done: every step is in place.');

    // The run rescans; the inspector follows the new scan.
    await expect.poll(() => inspector.getByTestId('reachability-verdict').textContent(), { timeout: 90_000 }).toBe('Traffic can flow');
    expect(await inspector.getByRole('button', { name: 'Fix this path' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('mode-banner').textContent(), { timeout: 30_000 }).toContain('nothing to change');
    expect(await proposed.count()).toBe(0);
    // The new peering stands out as the path's.
    const made = page.locator(`[data-from="${from.id}"][data-to="${to.id}"]`);
    await expect.poll(() => made.getAttribute('class'), { timeout: 30_000 }).toContain('is-fix-path');
    await session.screenshot('path-fix-reachable');
    expect(session.problems).toEqual([]);
  }, 300_000);
});
