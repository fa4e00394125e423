/**
 * What a selected VPC reaches, in Chromium on the sandbox demo (opened from the first-run screen,
 * every profile and region scanned): selecting prod-app lists, in the inspector's Reaches
 * section, shared-services both ways, joined by the hub-prod-app peering and hub-tgw, with the
 * routes choosing the peering for one block and the gateway for the other; prod-db over its
 * peering; and shared-services-eu, which hub-tgw → eu-tgw join to it but no route of prod-app's
 * sends to, as routed neither way. The canvas tints the VPCs reached by direction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { reachWordsOf } from '../../shared/analysis/vpc-reach-words';
import type { Topology } from '../../shared/model/topology';
import type { BrowserSession } from '../support/browser';
import { cardSelector, openDemoSession, selectVpcBySearch, type Harness } from './graph-helpers';

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

const vpcId = (name: string) => {
  const v = topology.vpcs.find((x) => x.name === name);
  if (!v) throw new Error(`the demo has no VPC named ${name}`);
  return v.id;
};

async function selectBySearch(name: string): Promise<void> {
  await selectVpcBySearch(session.page, vpcId(name));
}

describe('the VPCs a selected VPC reaches', () => {
  it('lists them in the inspector by direction with the peering or gateways, and tints their cards', async () => {
    const { page } = session;
    expect(topology.transitGateways.map((g) => g.name).sort()).toEqual(['eu-tgw', 'hub-tgw']);
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await selectBySearch('prod-app');
    const reaches = page.getByTestId('vpc-reaches');
    await reaches.waitFor();
    await reaches.scrollIntoViewIfNeeded();

    const item = (name: string) => reaches.locator(`[data-vpc-id="${vpcId(name)}"]`);
    const both = page.getByTestId('reaches-both');
    expect(await both.locator('.reach-item').evaluateAll((li) => li.map((x) => x.getAttribute('data-vpc-id')))).toEqual([vpcId('prod-db'), vpcId('shared-services')]);
    const shared = (await item('shared-services').textContent()) ?? '';
    expect(shared).toContain('peering and transit gateway');
    // prod-app's /16 to the peering beats its /15 to hub-tgw for 10.0.0.0/16; 10.1.0.0/16 goes through the gateway.
    expect(shared).toContain('routes choose both, by block');
    expect(shared).toMatch(/there: pcx-\S+ \(hub-prod-app\) and hub-tgw/);
    expect(shared).toMatch(/rtb-\S+: 10\.0\.0\.0\/16 → pcx-/);
    // Each of shared-services' blocks with its own path: the /15 route to hub-tgw shows for 10.1.0.0/16.
    const sharedVpc = topology.vpcs.find((v) => v.id === vpcId('shared-services'))!;
    expect(sharedVpc.cidrBlocks.filter((b) => b.family === 'ipv4').map((b) => b.cidr)).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    const byBlock = item('shared-services').getByRole('list', { name: 'there, by block' }).getByRole('listitem');
    // prod-app-private (zone a) has no /15: from there only 10.0.0.0/16 gets through; each block says so, table by table.
    const lines = await byBlock.allTextContents();
    expect(lines.some((l) => /^10\.0\.0\.0\/16 from rtb-\S+ \([^)]+\) → pcx-\S+ \(hub-prod-app\)rtb-\S+: 10\.0\.0\.0\/16 → pcx-/.test(l)), lines.join('\n')).toBe(true);
    expect(lines.some((l) => /^10\.1\.0\.0\/16 from rtb-\S+ \([^)]+\) → hub-tgwrtb-\S+: 10\.0\.0\.0\/15 → tgw-\S+; tgw-rtb-\S+ \(hub-tgw\): 10\.1\.0\.0\/16 → tgw-attach-/.test(l)), lines.join('\n')).toBe(true);
    expect(lines.some((l) => /^10\.1\.0\.0\/16 from rtb-\S+ \([^)]+\) → not delivered/.test(l)), lines.join('\n')).toBe(true);
    expect(new Set(await byBlock.evaluateAll((li) => li.map((x) => x.getAttribute('data-block'))))).toEqual(new Set(['10.0.0.0/16', '10.1.0.0/16']));
    // The eu VPC is joined through hub-tgw → eu-tgw, but prod-app routes nothing there.
    const eu = page.getByTestId('reaches-neither').locator(`[data-vpc-id="${vpcId('shared-services-eu')}"]`);
    expect(await eu.textContent()).toContain('transit gateway');
    expect(await eu.textContent()).toContain('not routed');
    // The page says what the analysis says.
    const words = reachWordsOf(topology, vpcId('prod-app'));
    expect(await reaches.locator('.reach-item').count()).toBe(words.length);
    await session.screenshot('vpc-reaches-prod-app');

    const classOf = (name: string) => page.locator(cardSelector(vpcId(name))).getAttribute('class');
    expect(await classOf('shared-services')).toContain('is-reaches-both');
    expect(await classOf('prod-db')).toContain('is-reaches-both');
    expect(await classOf('shared-services-eu')).not.toContain('is-reaches');
    // data-lake's attachment to hub-tgw still waits for acceptance: not reached.
    expect(await classOf('data-lake')).not.toContain('is-reaches');
  });

  it("shows, from shared-services, the eu VPC over the peering the routes choose rather than hub-tgw → eu-tgw", async () => {
    const { page } = session;
    await selectBySearch('shared-services');
    const reaches = page.getByTestId('vpc-reaches');
    const eu = reaches.locator(`[data-vpc-id="${vpcId('shared-services-eu')}"]`);
    await eu.waitFor();
    const text = (await eu.textContent()) ?? '';
    expect(text).toContain('peering and transit gateway');
    expect(text).toMatch(/routes choose the peering \(pcx-\S+ \(hub-us-eu\)\), both ways/);
    // dev-app: routed there, not back.
    expect(await page.getByTestId('reaches-there').locator(`[data-vpc-id="${vpcId('dev-app')}"]`).count()).toBe(1);
    expect(await page.locator(cardSelector(vpcId('dev-app'))).getAttribute('class')).toContain('is-reaches-there');
    await reaches.scrollIntoViewIfNeeded();
    await session.screenshot('vpc-reaches-shared-services');
  });
});
