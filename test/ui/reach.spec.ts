import { readFile } from 'node:fs/promises';

import { AuthorizeSecurityGroupIngressCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ReachRow } from '../../shared/analysis/estate-reach';
import { computeReachRollUp, computeReachRow, REASON_LABELS } from '../../shared/analysis/estate-reach';
import { reachRollUpCsv, reachRowCsv } from '../../shared/export/estate-reach';
import type { Topology, Vpc } from '../../shared/model/topology';
import type { BrowserSession } from '../support/browser';
import { startSandbox, type SandboxHandle } from '../support/start-sandbox';
import { cardSelector, selectVpcBySearch, waitForGraph, scanThroughAwsFiles, type Harness } from './graph-helpers';

// The reach view on the sandbox's demo organisation (packages/sandbox-cloud/src/scenarios/demo.ts):
// from a VPC's inspector, "Reach on port …" lists every VPC connected to it with a verdict and the
// first thing that blocks it, tints the cards, exports the list; the account × account matrix
// counts the whole estate. The demo blocks every pair somewhere, so before the scan the spec opens
// HTTPS both ways between shared-services-eu and prod-app-eu (their only missing hop), through
// the EC2 API as a user would. What the page shows is checked against the shared analysis run on
// the scanned topology. One sandbox, harness and browser serve the file.
let sandbox: SandboxHandle;
let harness: Harness;
let session: BrowserSession;
let topology: Topology;

const REGIONS = ['ap-southeast-2', 'eu-west-1', 'us-east-1'];

/** Let tcp/443 from 10.0.0.0/8 into the default group of the VPC named `name`, as the account that owns it. */
async function openHttps(accountId: string, name: string): Promise<void> {
  const account = sandbox.accounts.find((a) => a.accountId === accountId)!;
  const ec2 = new EC2Client({ endpoint: sandbox.endpoint, region: 'eu-west-1', credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey }, maxAttempts: 1 });
  const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: [name] }] }));
  const vpcId = vpcs.Vpcs![0]!.VpcId!;
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] }));
  await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groups.SecurityGroups![0]!.GroupId!, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] }));
  ec2.destroy();
}

function vpc(name: string): Vpc {
  const found = topology.vpcs.find((v) => v.name === name);
  if (!found) throw new Error(`the demo has no VPC named ${name}`);
  return found;
}

function rowOf(name: string, port: number): ReachRow {
  const r = computeReachRow(topology, { kind: 'vpc', vpcId: vpc(name).id }, { protocol: 'tcp', port });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function openGraph() {
  const { page } = session;
  await page.goto('about:blank');
  await page.goto(harness.url);
  await waitForGraph(page);
  return page;
}

async function listed(page: BrowserSession['page']) {
  return page.locator('[data-reach-to]').evaluateAll((items) =>
    items.map((li) => `${li.getAttribute('data-reach-to')} ${li.getAttribute('data-reach-verdict')} ${li.getAttribute('data-reach-reason')}`.trim()),
  );
}

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'demo' });
  await openHttps('111122223333', 'shared-services-eu');
  await openHttps('444455556666', 'prod-app-eu');
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

describe('the reach view in Chromium, on the sandbox demo', () => {
  it('lists what a hub reaches on 443 with reasons, tints the cards and exports the list as the CLI does', async () => {
    const page = await openGraph();
    const hub = vpc('shared-services-eu');
    await selectVpcBySearch(page, hub.id);
    await page.getByRole('button', { name: /^Reach on port 443/ }).click();
    const panel = page.getByTestId('reach-panel');
    await panel.getByTestId('reach-row').waitFor();
    const expected = rowOf('shared-services-eu', 443);
    // prod-app-eu is reachable; the rest are blocked, for more than one reason.
    expect(expected.entries.filter((e) => e.verdict === 'reachable').map((e) => e.to)).toEqual([vpc('prod-app-eu').id]);
    expect(new Set(expected.entries.map((e) => e.reason).filter(Boolean)).size).toBeGreaterThan(1);
    expect(await listed(page)).toEqual(expected.entries.map((e) => `${e.to} ${e.verdict} ${e.reason ?? ''}`.trim()));
    expect(await panel.getByTestId('reach-summary').textContent()).toBe(
      `${expected.entries.length} connected VPCs: ${expected.reachable} reachable, ${expected.blocked} blocked${expected.undetermined ? `, ${expected.undetermined} undetermined` : ''}.`,
    );
    const blocked = expected.entries.find((e) => e.verdict === 'blocked')!;
    const item = panel.locator(`[data-reach-to="${blocked.to}"]`);
    expect(await item.textContent()).toContain(REASON_LABELS[blocked.reason!]);
    expect(await item.textContent()).toContain(blocked.message);

    // Cards: the source, each reachable and blocked VPC tinted, the rest dimmed.
    const classOf = (id: string) => page.locator(cardSelector(id)).getAttribute('class');
    expect(await classOf(hub.id)).toContain('is-reach-source');
    for (const e of expected.entries) expect(await classOf(e.to), e.to).toContain(e.verdict === 'reachable' ? 'is-reach-ok' : e.verdict === 'blocked' ? 'is-reach-blocked' : 'is-reach-unknown');
    const outside = topology.vpcs.find((v) => v.id !== hub.id && !expected.entries.some((e) => e.to === v.id))!;
    expect(await classOf(outside.id)).toContain('is-dimmed');
    await session.screenshot('reach-row-hub-443');

    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`reach-tcp-443-from-${hub.id}.csv`);
    expect(await readFile((await download.path())!, 'utf8')).toBe(reachRowCsv(expected, topology));
    expect(session.problems).toEqual([]);
  });

  it('asks again on another port, says what is wrong with a bad one, and clears the tint', async () => {
    const page = await openGraph();
    const hub = vpc('shared-services-eu');
    await selectVpcBySearch(page, hub.id);
    await page.getByRole('button', { name: /^Reach on port/ }).click();
    const panel = page.getByTestId('reach-panel');
    const port = panel.getByRole('textbox', { name: 'Port' });
    await port.fill('70000');
    expect(await panel.getByRole('alert').textContent()).toBe('The port must be a whole number from 0 to 65535, not "70000".');
    await port.fill('53');
    await expect.poll(() => panel.getByRole('heading', { name: 'Reach on tcp/53' }).count()).toBe(1);
    const expected = rowOf('shared-services-eu', 53);
    // Port 53 is not open: prod-app-eu is blocked by its security group now.
    expect(expected.entries.find((e) => e.to === vpc('prod-app-eu').id)).toMatchObject({ verdict: 'blocked', reason: 'security-group' });
    expect(await listed(page)).toEqual(expected.entries.map((e) => `${e.to} ${e.verdict} ${e.reason ?? ''}`.trim()));
    await session.screenshot('reach-row-hub-53');
    // Selecting another VPC opens the inspector and takes the tint away; the Reach tab brings it back with its question.
    const classOf = (id: string) => page.locator(cardSelector(id)).getAttribute('class');
    await page.locator(cardSelector(vpc('prod-app-eu').id)).dispatchEvent('click', { bubbles: true });
    await expect.poll(() => classOf(hub.id)).not.toContain('is-reach-source');
    expect(await classOf(vpc('prod-app-eu').id)).not.toContain('is-reach-blocked');
    await page.getByRole('tab', { name: 'Reach' }).click();
    await expect.poll(() => panel.getByRole('heading', { name: 'Reach on tcp/53' }).count()).toBe(1);
    await expect.poll(() => classOf(hub.id)).toContain('is-reach-source');
    await panel.getByRole('button', { name: 'Clear' }).click();
    expect(await page.locator(cardSelector(hub.id)).getAttribute('class')).not.toContain('is-reach-source');
  });

  it('shows the account × account matrix with the commonest reason per cell, and opens an account row from it', async () => {
    const page = await openGraph();
    await page.getByRole('tab', { name: 'Reach' }).click();
    const panel = page.getByTestId('reach-panel');
    await panel.getByRole('button', { name: 'Account × account' }).click();
    await panel.getByTestId('reach-matrix').waitFor();
    const roll = computeReachRollUp(topology, { protocol: 'tcp', port: 443 });
    for (const c of roll.cells) {
      const cell = panel.locator(`[data-reach-cell="${c.fromAccountId}>${c.toAccountId}"]`);
      expect(await cell.textContent()).toBe(`${c.reachable} / ${c.blocked}${c.commonestReason ? REASON_LABELS[c.commonestReason] : ''}`);
    }
    await session.screenshot('reach-matrix-443');
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export Markdown' }).click()]);
    expect(download.suggestedFilename()).toBe('reach-tcp-443-accounts.md');
    const csv = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(await readFile((await csv[0].path())!, 'utf8')).toBe(reachRollUpCsv(roll));

    const account = roll.accountIds[0]!;
    await panel.getByRole('button', { name: account, exact: true }).click();
    await panel.getByTestId('reach-row').waitFor();
    const row = computeReachRow(topology, { kind: 'account', accountId: account }, { protocol: 'tcp', port: 443 });
    if (!row.ok) throw new Error(row.error.message);
    expect(await listed(page)).toEqual(row.value.entries.map((e) => `${e.to} ${e.verdict} ${e.reason ?? ''}`.trim()));
    await session.screenshot('reach-row-account');
    expect(session.problems).toEqual([]);
  });
});
