/**
 * A blocked entry of the Reach tab fixed for its port, in Chromium on the sandbox demo: from
 * shared-services-eu's row on tcp/443, Fix… on a VPC its security groups block selects the pair,
 * opens the pair inspector on tcp/443 and plans the fix for tcp/443 only; the plan runs, the
 * inspector says tcp/443 can flow after the rescan, and the rule the EC2 API of the sandbox then
 * holds is tcp 443 and nothing wider.
 */
import { DescribeSecurityGroupsCommand, EC2Client, type IpPermission } from '@aws-sdk/client-ec2';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { computeReachRow } from '../../shared/analysis/estate-reach';
import type { Topology, Vpc } from '../../shared/model/topology';
import { planPathFix } from '../../shared/planning/plan-path-fix';
import type { BrowserSession } from '../support/browser';
import { startSandbox, type SandboxHandle } from '../support/start-sandbox';
import { cardSelector, selectVpcBySearch, waitForGraph, scanThroughAwsFiles, type Harness } from './graph-helpers';

let sandbox: SandboxHandle;
let harness: Harness;
let session: BrowserSession;
let topology: Topology;

const REGIONS = ['ap-southeast-2', 'eu-west-1', 'us-east-1'];
const HTTPS = { protocol: 'tcp', port: 443 } as const;

function vpc(name: string): Vpc {
  const found = topology.vpcs.find((v) => v.name === name);
  if (!found) throw new Error(`the demo has no VPC named ${name}`);
  return found;
}

/** The security group `groupId` of `vpc`'s account, as the EC2 API of the sandbox describes it. */
async function describeGroup(owner: Vpc, groupId: string): Promise<IpPermission[]> {
  const account = sandbox.accounts.find((a) => a.accountId === owner.accountId)!;
  const ec2 = new EC2Client({ endpoint: sandbox.endpoint, region: owner.region, credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }, maxAttempts: 1 });
  try {
    const r = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    return r.SecurityGroups![0]!.IpPermissions ?? [];
  } finally {
    ec2.destroy();
  }
}

const permissionKey = (p: IpPermission) => JSON.stringify(p);

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'demo' });
  ({ harness, session, topology } = await scanThroughAwsFiles(sandbox, REGIONS));
}, 180_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
  await sandbox?.stop();
});

describe('Fix… from the Reach tab', () => {
  it('plans and runs the fix of a blocked entry for tcp/443 only, and the pair inspector says tcp/443 can flow', async () => {
    const { page } = session;
    const hub = vpc('shared-services-eu');
    const to = vpc('prod-app-eu');
    // The demo's prod-app-eu is blocked from the hub on 443 by its security groups alone.
    const row = computeReachRow(topology, { kind: 'vpc', vpcId: hub.id }, HTTPS);
    if (!row.ok) throw new Error(row.error.message);
    expect(row.value.entries.find((e) => e.to === to.id)).toMatchObject({ verdict: 'blocked', reason: 'security-group' });
    const fix = planPathFix(topology, { from: hub.id, to: to.id, ...HTTPS });
    if (!fix.ok || fix.value.status !== 'plan') throw new Error('the demo pair has no plan to fix it');
    const ingress = fix.value.plan.steps.filter((s) => s.kind === 'authorize-ingress');
    expect(ingress).toHaveLength(1);
    const groupId = (ingress[0]!.params as { GroupId: string }).GroupId;
    const before = new Set((await describeGroup(to, groupId)).map(permissionKey));

    await selectVpcBySearch(page, hub.id);
    await page.getByRole('button', { name: /^Reach on port 443/ }).click();
    const reach = page.getByTestId('reach-panel');
    await reach.getByTestId('reach-row').waitFor();
    // Only blocked entries offer a fix.
    expect(await reach.locator('[data-reach-verdict="reachable"]').getByRole('button', { name: 'Fix…' }).count()).toBe(0);
    const entry = reach.locator(`[data-reach-to="${to.id}"]`);
    await entry.scrollIntoViewIfNeeded();
    await session.screenshot('reach-fix-row');
    // The row tints the canvas while the Reach tab shows it.
    const tinted = () => page.locator('.vpc-card').evaluateAll((cards) => cards.filter((c) => /\bis-reach-(source|ok|blocked|unknown)\b/.test(c.className)).length);
    expect(await tinted()).toBeGreaterThan(0);
    await entry.getByRole('button', { name: 'Fix…' }).click();

    // The pair inspector opens on the pair, asking about tcp/443, and the fix plans tcp/443.
    const inspector = page.getByTestId('inspector-pair');
    await inspector.waitFor();
    // The fix's pair holds the canvas: the row's tint is gone.
    await expect.poll(tinted).toBe(0);
    expect(await inspector.getByRole('combobox', { name: 'Protocol' }).inputValue()).toBe('tcp');
    expect(await inspector.getByRole('textbox', { name: 'Port' }).inputValue()).toBe('443');
    expect(await inspector.getByTestId('reachability-verdict').textContent()).toBe('Traffic cannot flow on tcp/443');
    expect(await inspector.getByRole('button', { name: 'Fix this path' }).getAttribute('aria-pressed')).toBe('true');
    const panel = page.getByRole('dialog', { name: 'Fix this path' });
    await panel.getByTestId('path-fix-summary').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('path-fix-traffic').textContent()).toBe('tcp/443');
    expect(await panel.getByTestId('path-fix-summary').textContent()).toContain(`${fix.value.plan.steps.length} change`);
    await session.screenshot('reach-fix-planned');

    await panel.getByRole('button', { name: 'Dry run' }).click();
    await expect.poll(() => panel.getByTestId('plan-outcome').textContent(), { timeout: 30_000 }).toContain('DryRun passed');
    await panel.getByRole('button', { name: 'Run', exact: true }).click();
    const confirm = panel.getByRole('group', { name: /^Confirm: Run/ });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Confirm and run' }).click();
    await expect.poll(() => panel.getByTestId('plan-outcome').textContent(), { timeout: 90_000 }).toContain('Done: every step is in place.');

    // The run rescans; the inspector follows, still on tcp/443.
    await expect.poll(() => inspector.getByTestId('reachability-verdict').textContent(), { timeout: 90_000 }).toBe('Traffic can flow on tcp/443');
    await session.screenshot('reach-fix-reachable');

    // What the group holds now that it did not: one permission, tcp 443 only.
    const added = (await describeGroup(to, groupId)).filter((p) => !before.has(permissionKey(p)));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 });

    // A bad port is explained inline and the question stays the last valid one.
    await inspector.getByRole('textbox', { name: 'Port' }).fill('70000');
    expect(await inspector.getByRole('alert').textContent()).toBe('The port must be a whole number from 0 to 65535, not "70000".');
    expect(await inspector.getByTestId('reachability-verdict').textContent()).toBe('Traffic can flow on tcp/443');
    await session.screenshot('reach-fix-bad-port');

    // Selected on the canvas, a pair is asked about all traffic again.
    await page.goto('about:blank');
    await page.goto(harness.url);
    await waitForGraph(page);
    await selectVpcBySearch(page, hub.id);
    // The other card may lie outside the zoomed-in view: a shift-click dispatched on it.
    await page.locator(cardSelector(to.id)).dispatchEvent('click', { shiftKey: true, bubbles: true });
    await expect.poll(() => inspector.getByRole('combobox', { name: 'Protocol' }).inputValue()).toBe('all');
    expect(await inspector.getByRole('textbox', { name: 'Port' }).isDisabled()).toBe(true);
    expect(session.problems).toEqual([]);
  }, 300_000);
});
