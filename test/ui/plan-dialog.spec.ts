/**
 * The peering plan's own words in Chromium on the sandbox demo: labelled security-group rule
 * fields, a rule with no group says it is not in the plan, status texts clear when the next
 * action starts, and after Run the new peering is selected and in view beside the plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { validatePeering } from '../../shared/analysis/validate-peering';
import type { Topology, Vpc } from '../../shared/model/topology';
import type { BrowserSession } from '../support/browser';
import { cardSelector, centreOf, dragMouse, openDemoSession, type Harness } from './graph-helpers';

let harness: Harness;
let session: BrowserSession;
let topology: Topology;

/** A same-region, cross-account pair AWS would peer without warnings, both with subnets and groups. */
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

/** Texts the outcome line showed in every frame painted after the next click on `name`. */
async function recordOutcomesAfterClick(name: string): Promise<() => Promise<string[]>> {
  await session.page.evaluate((button) => {
    const seen: string[] = [];
    const w = window as unknown as { __outcomes: string[]; __recording: boolean };
    w.__outcomes = seen;
    w.__recording = true;
    const frame = () => {
      seen.push(document.querySelector('[data-testid="plan-outcome"]')?.textContent ?? '');
      if (w.__recording) requestAnimationFrame(frame);
    };
    const target = [...document.querySelectorAll('[data-testid="plan-panel"] button')].find((b) => b.textContent === button)!;
    target.addEventListener('click', () => requestAnimationFrame(frame), { once: true });
  }, name);
  return () =>
    session.page.evaluate(() => {
      const w = window as unknown as { __outcomes: string[]; __recording: boolean };
      w.__recording = false;
      return w.__outcomes;
    });
}

beforeAll(async () => {
  ({ harness, session, topology } = await openDemoSession({ clipboard: true }));
}, 180_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

describe('the peering plan', () => {
  it('labels each rule field, says a rule without a group is not in the plan, clears status texts, and shows the new peering after Run', async () => {
    const { page } = session;
    const [requester, accepter] = cleanPair(topology);
    await dragMouse(page, await centreOf(page, `${cardSelector(requester.id)} .peer-knob`), await centreOf(page, cardSelector(accepter.id)));
    const plan = page.getByRole('dialog', { name: 'Peering plan' });
    await plan.getByTestId('step-create').waitFor({ timeout: 30_000 });

    // Every field of the rule has a label of its own (<label for>), not only an aria-label.
    await plan.getByRole('button', { name: 'Add a security-group rule' }).click();
    const rule = plan.getByRole('group', { name: 'Security-group rule' });
    for (const name of ['Protocol', 'From port', 'To port', 'Source', 'Security groups']) {
      const labels = await rule.getByLabel(name, { exact: true }).evaluate((el) => [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent));
      expect(labels, name).toEqual([name]);
    }
    // No group chosen: the rule says it is not in the plan, and it is not.
    expect(await rule.getByTestId('rule-problem').textContent()).toContain('Choose at least one security group');
    expect(await plan.locator('[data-testid^="step-ingress:"]').count()).toBe(0);
    await session.screenshot('plan-rule-no-group');
    const group = topology.securityGroups.find((g) => g.vpcId === accepter.id)!;
    await rule.getByLabel('Security groups').selectOption([group.id]);
    await plan.locator(`[data-testid^="step-ingress:${group.id}"]`).waitFor({ timeout: 30_000 });
    expect(await rule.getByTestId('rule-problem').count()).toBe(0);

    // "Copied" is the copy's news: the next action clears it at once.
    await plan.getByRole('button', { name: 'Copy as AWS CLI' }).click();
    await plan.getByText('AWS CLI commands copied.').waitFor();
    const dryRunFrames = await recordOutcomesAfterClick('Dry run');
    await plan.getByRole('button', { name: 'Dry run' }).click();
    expect(await plan.getByText('AWS CLI commands copied.').count()).toBe(0);
    await expect.poll(() => plan.getByTestId('plan-outcome').textContent(), { timeout: 30_000 }).toContain('DryRun passed');
    expect((await dryRunFrames()).filter((t) => t.includes('copied'))).toEqual([]);

    // Run lists its calls first; once confirmed, the DryRun's outcome is not shown as the run's while it starts.
    await plan.getByRole('button', { name: 'Run', exact: true }).click();
    const confirmRun = plan.getByRole('group', { name: /^Confirm: Run/ });
    await confirmRun.waitFor();
    expect(await confirmRun.locator(`[data-testid^="call-ingress:${group.id}"]`).count()).toBe(1);
    const runFrames = await recordOutcomesAfterClick('Confirm and run');
    await confirmRun.getByRole('button', { name: 'Confirm and run' }).click();
    await expect.poll(() => plan.getByTestId('plan-outcome').textContent(), { timeout: 60_000 }).toContain('Done: every step is in place.');
    expect((await runFrames()).filter((t) => t.includes('DryRun passed'))).toEqual([]);
    const peeringId = /pcx-[0-9a-f]+/.exec((await plan.getByTestId('plan-outcome').textContent()) ?? '')![0];

    // The new peering is selected and in view, beside the plan panel.
    const edge = page.locator(`[data-peering-id="${peeringId}"]`);
    await expect.poll(() => edge.getAttribute('class'), { timeout: 60_000 }).toContain('is-selected');
    await expect.poll(() => page.getByTestId('inspector-peering').textContent(), { timeout: 60_000 }).toContain(peeringId);
    await page.waitForTimeout(400);
    const canvas = (await page.getByTestId('topology-canvas').boundingBox())!;
    const panel = (await plan.boundingBox())!;
    for (const id of [requester.id, accepter.id]) {
      const card = (await page.locator(cardSelector(id)).boundingBox())!;
      expect(card.x, id).toBeGreaterThanOrEqual(canvas.x);
      expect(card.y, id).toBeGreaterThanOrEqual(canvas.y);
      expect(card.y + card.height, id).toBeLessThanOrEqual(canvas.y + canvas.height);
      expect(card.x + card.width, id).toBeLessThanOrEqual(panel.x);
    }
    await session.screenshot('plan-run-shows-peering');
    expect(session.problems).toEqual([]);
  }, 180_000);
});
