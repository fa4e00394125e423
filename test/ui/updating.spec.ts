/**
 * A change to AWS shows at once, marked *updating* until the rescan of the regions it touched
 * lands, in Chromium on the sandbox demo. A recording proxy between the app and the sandbox
 * holds the rescan's DescribeVpcs calls, so the updating state stays on screen until the spec
 * lets the rescan through: no race against a fast sandbox, no timing assertion.
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Topology } from '../../shared/model/topology';
import { startAwsProxy, type AwsProxy } from '../support/aws-proxy';
import type { BrowserSession } from '../support/browser';
import { startSandbox, type SandboxHandle } from '../support/start-sandbox';
import { callHarness, cardSelector, scanThroughAwsFiles, type Harness } from './graph-helpers';

const REGIONS = ['ap-southeast-2', 'eu-west-1', 'us-east-1'];

let sandbox: SandboxHandle;
let proxy: AwsProxy;
let harness: Harness;
let session: BrowserSession;
let topology: Topology;

/** True when a fieldset disables every control in it. */
const locked = (fieldset: Locator) => fieldset.evaluate((el) => (el as HTMLFieldSetElement).disabled);

const holdRescans = () => proxy.hold((call) => call.action === 'DescribeVpcs');

/** Select the peering named `name` on the fitted canvas and wait for its inspector. */
async function selectPeering(name: string) {
  const { page } = session;
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  const peering = topology.peerings.find((p) => p.name === name)!;
  await page.locator(`[data-testid="rf__edge-${peering.id}"] .react-flow__edge-interaction`).dispatchEvent('click');
  const inspector = page.getByTestId('inspector-peering');
  await inspector.waitFor();
  return { peering, inspector };
}

/** Delete the selected peering through its confirmation (which lists its calls). */
async function deleteSelected(inspector: Locator) {
  await inspector.getByRole('button', { name: 'Delete peering…' }).click();
  await inspector.getByRole('group', { name: /^Confirm: Delete/ }).getByRole('button', { name: 'Delete', exact: true }).click();
}

/** Select a VPC card by a click; its inspector. */
async function selectVpc(vpcId: string) {
  await session.page.locator(cardSelector(vpcId)).click();
  const vpc = session.page.getByTestId('inspector-vpc');
  await vpc.waitFor();
  return vpc;
}

async function currentTopology(): Promise<Topology> {
  const ws = await callHarness(harness, 'getWorkspace', {});
  if (!ws.ok || !ws.value.snapshot) throw new Error('no snapshot');
  return ws.value.snapshot.topology;
}

function topologyPeering(t: Topology, id: string) {
  return t.peerings.find((p) => p.id === id);
}

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'demo' });
  proxy = await startAwsProxy(sandbox.endpoint);
  ({ harness, session, topology } = await scanThroughAwsFiles(sandbox, REGIONS, proxy.endpoint));
}, 180_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
  await proxy?.close();
  await sandbox?.stop();
});

describe('a change shows at once, marked updating until its rescan confirms it', () => {
  it('delete: the edge goes at once, both cards and the inspector say updating, then the rescan confirms it', async () => {
    const { page } = session;
    const { peering, inspector } = await selectPeering('hub-us-eu');
    holdRescans();
    await deleteSelected(inspector);

    // At once, while the rescan is held: the peering's edge gone, its selection cleared, both cards marked.
    await expect.poll(() => page.locator(`[data-peering-id="${peering.id}"]`).count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => inspector.count()).toBe(0);
    for (const vpcId of [peering.requester.vpcId, peering.accepter.vpcId]) {
      await expect.poll(() => page.locator(cardSelector(vpcId)).getAttribute('class')).toContain('is-updating');
    }
    // A marked card's inspector says what is being confirmed.
    const vpc = await selectVpc(peering.requester.vpcId);
    const note = vpc.getByTestId('updating-note');
    await expect.poll(() => note.getAttribute('data-state'), { timeout: 30_000 }).toBe('confirming');
    expect(await note.textContent()).toMatch(/rescanning (us-east-1 and eu-west-1|eu-west-1 and us-east-1) to confirm/);
    await expect.poll(() => proxy.held()).toBeGreaterThan(0);
    await session.screenshot('updating-delete');

    // The rescan lands: the marks go, the peering stays deleted.
    proxy.release();
    await expect.poll(() => note.count(), { timeout: 30_000 }).toBe(0);
    expect(topologyPeering(await currentTopology(), peering.id)?.status ?? 'deleted').toBe('deleted');
    for (const vpcId of [peering.requester.vpcId, peering.accepter.vpcId]) {
      await expect.poll(() => page.locator(cardSelector(vpcId)).getAttribute('class')).not.toContain('is-updating');
    }
    await session.screenshot('updating-delete-confirmed');
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('accept: the edge turns active at once, drawn updating, with the inspector\'s buttons disabled until the rescan lands', async () => {
    const { page } = session;
    const { peering, inspector } = await selectPeering('apac-prod-to-hub');
    const edge = page.locator(`[data-peering-id="${peering.id}"]`);
    expect(await edge.getAttribute('class')).toContain('status-pending-acceptance');
    holdRescans();
    const accepted = await callHarness(harness, 'acceptPeering', { peeringId: peering.id });
    expect(accepted.ok).toBe(true);

    await expect.poll(() => edge.getAttribute('class'), { timeout: 30_000 }).toContain('is-updating');
    expect(await edge.getAttribute('class')).toContain('status-active');
    expect(await page.getByTestId(`edge-label-${peering.id}`).textContent()).toContain('updating…');
    await expect.poll(() => inspector.getByTestId('updating-note').getAttribute('data-state')).toBe('confirming');
    const lock = inspector.locator('fieldset.action-lock');
    expect(await locked(lock)).toBe(true);
    expect(await lock.getByRole('button', { name: 'Delete peering…' }).isDisabled()).toBe(true);
    await session.screenshot('updating-accept');

    proxy.release();
    await expect.poll(() => edge.getAttribute('class'), { timeout: 30_000 }).not.toContain('is-updating');
    expect(await edge.getAttribute('class')).toContain('status-active');
    await expect.poll(() => inspector.getByTestId('updating-note').count()).toBe(0);
    expect(await inspector.getByRole('button', { name: 'Delete peering…' }).isDisabled()).toBe(false);
    await session.screenshot('updating-accept-confirmed');
    expect(session.problems).toEqual([]);
  }, 120_000);

  it('a rescan that fails leaves the change marked "not confirmed" with the reason, the fix and Refresh, which settles it', async () => {
    const { page } = session;
    const { peering, inspector } = await selectPeering('hub-eu-prod');
    holdRescans();
    await deleteSelected(inspector);
    await expect.poll(() => page.locator(cardSelector(peering.accepter.vpcId)).getAttribute('class'), { timeout: 30_000 }).toContain('is-updating');
    const vpc = await selectVpc(peering.accepter.vpcId);
    const note = vpc.getByTestId('updating-note');
    await expect.poll(() => note.getAttribute('data-state'), { timeout: 30_000 }).toBe('confirming');
    sandbox.server.setFaults({ failRegions: [{ accountId: peering.accepter.accountId, region: peering.accepter.region, code: 'AuthFailure' }] });
    proxy.release();

    await expect.poll(() => note.getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    expect(await note.textContent()).toContain(`could not read ${peering.accepter.accountId} ${peering.accepter.region}`);
    expect(await note.textContent()).toContain('Refresh to scan again');
    await expect.poll(() => page.locator(cardSelector(peering.accepter.vpcId)).getAttribute('class')).toContain('is-update-failed');
    await session.screenshot('updating-failed');

    sandbox.server.setFaults({});
    await note.getByRole('button', { name: 'Refresh' }).click();
    // Refresh shows the scan's progress; when it lands, nothing is marked any more.
    await expect.poll(() => page.locator(cardSelector(peering.accepter.vpcId)).getAttribute('class'), { timeout: 60_000 }).not.toContain('is-updating');
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await vpc.waitFor();
    expect(await note.count()).toBe(0);
    expect(topologyPeering(await currentTopology(), peering.id)?.status ?? 'deleted').toBe('deleted');
    expect(session.problems).toEqual([]);
  }, 120_000);
});
