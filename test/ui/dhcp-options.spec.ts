/**
 * DHCP options sets in Chromium, on the sandbox demo: a custom set with its own name servers
 * associated with a peered VPC; after a rescan the VPC's inspector shows its domain name and name
 * servers in one line, another VPC shows the Amazon-provided DNS of its region's default set, and
 * the peering's checklist says that peering DNS resolution does not reach that VPC's instances.
 */
import { join } from 'node:path';

import { AssociateDhcpOptionsCommand, CreateDhcpOptionsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Topology } from '../../shared/model/topology';
import type { BrowserSession } from '../support/browser';
import { sandboxClient } from '../support/stale-leftovers-setup';
import { callHarness, cardSelector, rescanWith, openDemoSession, type Harness } from './graph-helpers';

let harness: Harness;
let session: BrowserSession;
let topology: Topology;

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

describe('DHCP options sets', () => {
  it('shows a VPC’s domain name and name servers, and the peering checklist’s note on its own name servers', async () => {
    const { page } = session;
    const ws = await callHarness(harness, 'getWorkspace', {});
    if (!ws.ok || !ws.value.sandbox.endpoint) throw new Error('the sandbox is not running');
    const scanned = new Set(topology.vpcs.map((v) => v.id));
    const peering = topology.peerings.find((p) => p.status === 'active' && scanned.has(p.requester.vpcId) && scanned.has(p.accepter.vpcId));
    if (!peering) throw new Error('the demo has no active peering between scanned VPCs');
    const vpc = topology.vpcs.find((v) => v.id === peering.requester.vpcId)!;
    const other = topology.vpcs.find((v) => v.id === peering.accepter.vpcId)!;

    const client = sandboxClient(topology, join(harness.home, 'data'), ws.value.sandbox.endpoint, vpc.accountId, vpc.region);
    const setId = (
      await client.send(
        new CreateDhcpOptionsCommand({
          DhcpConfigurations: [
            { Key: 'domain-name', Values: ['corp.example'] },
            { Key: 'domain-name-servers', Values: ['10.99.0.2', '10.99.0.3'] },
          ],
        }),
      )
    ).DhcpOptions?.DhcpOptionsId as string;
    await client.send(new AssociateDhcpOptionsCommand({ VpcId: vpc.id, DhcpOptionsId: setId }));

    await rescanWith(page, harness, page.getByTestId('toolbar-refresh'));

    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.locator(cardSelector(vpc.id)).click();
    const line = page.getByTestId('inspector-vpc').getByTestId('vpc-dhcp');
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toBe(`corp.example · name servers 10.99.0.2, 10.99.0.3 ${setId}`);
    await session.screenshot('dhcp-vpc-inspector');

    await page.keyboard.press('Escape');
    await page.locator(cardSelector(other.id)).click();
    await expect.poll(() => page.getByTestId('inspector-vpc').getByTestId('vpc-dhcp').textContent(), { timeout: 10_000 }).toMatch(/Amazon-provided DNS dopt-\w+$/);

    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.locator(`[data-testid="rf__edge-${peering.id}"] .react-flow__edge-interaction`).dispatchEvent('click');
    const dns = page.getByTestId('inspector-peering').getByTestId('checklist-dns');
    await expect.poll(() => dns.textContent(), { timeout: 10_000 }).toContain(`uses DHCP options set ${setId} with its own name servers (10.99.0.2, 10.99.0.3)`);
    await dns.scrollIntoViewIfNeeded();
    await session.screenshot('dhcp-peering-checklist');
  }, 300_000);
});
