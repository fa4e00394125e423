/**
 * Transit gateways on the canvas, in Chromium: a snapshot file with a hub, VPC attachments (one
 * routed both ways, one one way, one pending acceptance), a TGW peering across regions and a
 * shared gateway whose owner was not scanned is imported (discovery does not read gateways yet);
 * selecting the hub shows its route tables, selecting an attachment its checklist with fixes, and
 * selecting the shared hub says its routing was not read, why and what to do.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { PALETTES } from '../../shared/diagram/style';
import type { BrowserSession } from '../support/browser';
import { snapshot } from '../support/fixtures/build-topology';
import { tgwEstate } from '../support/fixtures/tgw-estate';
import { useHarnessSession, waitForGraph } from './graph-helpers';

const browser = useHarnessSession('file');
let session: BrowserSession | undefined;

beforeAll(async () => {
  const opened = await browser.open({ viewport: { width: 1600, height: 1000 } });
  session = opened.session;
  const { page } = opened;
  await page.getByRole('region', { name: 'Getting started' }).waitFor();
  const file = join(mkdtempSync(join(tmpdir(), 'peerscape-tgw-')), 'tgw-estate.json');
  writeFileSync(file, JSON.stringify(snapshot(tgwEstate().topology, { source: 'tgw-estate', takenAt: new Date().toISOString() })));
  await page.getByTestId('import-snapshot-input').first().setInputFiles(file);
  await waitForGraph(page);
}, 240_000);

describe('transit gateways on the canvas', () => {
  it('draws each hub in its owner’s frame, attachments styled by state and routing, the TGW peering, and their legend', async () => {
    const { page } = session!;
    await page.getByTestId('tgw-hub-tgw-0hub1').waitFor();
    expect(await page.getByTestId('tgw-hub-tgw-0hub1').textContent()).toContain('1 VPN');
    expect(await page.getByTestId('tgw-hub-tgw-0shared').textContent()).toContain('routing not read');
    // The shared gateway's owner was not scanned: a placeholder frame holds its hub.
    expect(await page.getByTestId('account-frame-333333333333').textContent()).toContain('not scanned');
    const style = (id: string) => page.locator(`[data-attachment-id="${id}"]`).getAttribute('data-edge-style');
    expect(await style('tgw-attach-0app')).toBe('tgw-complete');
    expect(await style('tgw-attach-0data')).toBe('tgw-one-way');
    expect(await style('tgw-attach-0staging')).toBe('tgw-pending-acceptance');
    expect(await style('tgw-attach-0analytics')).toBe('tgw-unknown');
    // Each line in the palette colour of its look, as the exports draw it.
    const colour = (id: string) => page.locator(`[data-attachment-id="${id}"] .tgw-line`).first().evaluate((el) => getComputedStyle(el).stroke);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    const theme = (await colour('tgw-attach-0app')) === rgb(PALETTES.light.ok) ? 'light' : 'dark';
    expect(await colour('tgw-attach-0app')).toBe(rgb(PALETTES[theme].ok));
    expect(await colour('tgw-attach-0data')).toBe(rgb(PALETTES[theme].warn));
    expect(await page.locator('[data-tgw-peering-id="tgw-attach-0peer"]').getAttribute('data-edge-style')).toBe('tgw-peering-available');
    const legend = page.getByRole('region', { name: 'Legend' }).or(page.locator('.legend'));
    expect(await legend.first().textContent()).toContain('Transit gateways');
    await session!.screenshot('tgw-canvas');
  });

  it('shows the hub’s route tables with associations, propagations and routes when the hub is selected', async () => {
    const { page } = session!;
    await page.getByRole('tab', { name: 'Inspector' }).click();
    await page.getByTestId('tgw-hub-tgw-0hub1').click();
    const inspector = page.getByTestId('inspector-tgw');
    await inspector.waitFor();
    const table = inspector.getByTestId('tgw-table-tgw-rtb-0main');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('main (tgw-rtb-0main)');
    expect(text).toContain('default association');
    expect(text).toContain('tgw-attach-0app (vpc vpc-0app) · associated');
    expect(text).toContain('tgw-attach-0data (vpc vpc-0data) · enabled');
    expect(text).toContain('ECMP: 2 equal-cost targets');
    expect(await table.locator('[data-destination="pl-0corp"]').textContent()).toContain('192.168.0.0/16');
    expect(await table.locator('[data-destination="10.99.0.0/16"]').textContent()).toContain('blackhole');
    expect(await table.locator('[data-destination="10.1.0.0/16"]').textContent()).toContain('propagated');
    await session!.screenshot('tgw-hub-inspector');
  });

  it('shows an attachment’s checklist with the failing step’s fix when its edge is selected', async () => {
    const { page } = session!;
    await page.getByTestId('edge-label-tgw-attach-0data').click();
    const inspector = page.getByTestId('inspector-tgw-attachment');
    await inspector.waitFor();
    expect(await inspector.getAttribute('data-routing')).toBe('one-way');
    const steps = inspector.locator('li[data-step]');
    expect(await steps.evaluateAll((els) => els.map((e) => [e.getAttribute('data-step'), e.getAttribute('data-state')]))).toEqual([
      ['accepted', 'ok'],
      ['associated', 'ok'],
      ['propagating', 'ok'],
      ['vpc-routes', 'failing'],
      ['return-path', 'ok'],
    ]);
    expect(await inspector.locator('li[data-step="vpc-routes"] pre.command').first().textContent()).toBe(
      'aws ec2 create-route --route-table-id rtb-0data --destination-cidr-block 10.1.0.0/16 --transit-gateway-id tgw-0hub1 --profile apps --region eu-west-1',
    );
    await session!.screenshot('tgw-attachment-checklist');

    await page.getByTestId('edge-label-tgw-attach-0staging').click();
    await page.locator('[data-testid="inspector-tgw-attachment"] li[data-step="accepted"][data-state="failing"]').waitFor();
    expect(await page.locator('li[data-step="accepted"] pre.command').textContent()).toBe('aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id tgw-attach-0staging --profile network --region eu-west-1');
  });

  it('says a shared hub’s routing was not read, why and what to do', async () => {
    const { page } = session!;
    await page.getByTestId('tgw-hub-tgw-0shared').click();
    const note = page.getByTestId('tgw-routing-unread');
    await note.waitFor();
    const text = (await note.textContent()) ?? '';
    expect(text).toContain("Routing not read: no scan of the owner's account 333333333333 in eu-west-1 listed it");
    expect(text).toContain('Add a profile of account 333333333333');
    await session!.screenshot('tgw-unread-hub');
    // The other theme, to look at: the hubs and edges take the theme's tokens.
    await page.keyboard.press('Escape');
    const hubFill = () => page.getByTestId('tgw-hub-tgw-0hub1').evaluate((el) => getComputedStyle(el).backgroundColor);
    const before = await hubFill();
    await page.keyboard.press('t');
    await expect.poll(hubFill).not.toBe(before);
    // Cards fade their colours (a 120 ms transition): let it end before the picture.
    await page.locator('.vpc-card').first().evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    await session!.screenshot('tgw-canvas-other-theme');
    expect(session!.problems).toEqual([]);
  });
});
