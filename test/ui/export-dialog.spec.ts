/**
 * The Export dialog in Chromium on the sandbox demo: Terraform and the AWS CLI script open on an
 * empty state that says what to pick, the VPC pickers search by name, id and CIDR, the canvas
 * selection fills them in, and a preview never shows another format's content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Topology } from '../../shared/model/topology';
import { openBrowser } from '../support/browser';
import type { BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import { cardSelector, openSandboxDemo } from './graph-helpers';

let harness: Awaited<ReturnType<typeof startHarness>>;
let session: BrowserSession;
let topology: Topology;

beforeAll(async () => {
  harness = await startHarness();
  session = await openBrowser();
  await session.page.goto(harness.url);
  topology = await openSandboxDemo(session.page, harness);
}, 180_000);

afterAll(async () => {
  try {
    await session?.close();
  } finally {
    await harness?.close();
  }
});

/** What the preview showed in every frame the page painted after the next change of format. */
async function recordPreviews(): Promise<() => Promise<string[]>> {
  const { page } = session;
  await page.evaluate(() => {
    const seen: string[] = [];
    const w = window as unknown as { __previews: string[]; __recording: boolean };
    w.__previews = seen;
    w.__recording = true;
    const frame = () => {
      seen.push(document.querySelector('[data-testid="export-preview"]')?.textContent ?? '');
      if (w.__recording) requestAnimationFrame(frame);
    };
    // The select's own listener runs before React's (on the root), so the first frame recorded is
    // the first one painted after the change.
    document.querySelector('[data-testid="export-format"]')!.addEventListener('change', () => requestAnimationFrame(frame), { once: true });
  });
  return () =>
    page.evaluate(() => {
      const w = window as unknown as { __previews: string[]; __recording: boolean };
      w.__recording = false;
      return w.__previews;
    });
}

describe('the Export dialog', () => {
  it('opens Terraform on an empty state that says what to pick, not an error; the pickers find VPCs by CIDR and by name', async () => {
    const { page } = session;
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-format').selectOption('tf');
    const empty = dialog.getByTestId('export-empty');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('Pick the two VPCs of the new peering');
    expect(await dialog.getByRole('alert').count()).toBe(0);
    expect(await dialog.getByTestId('export-download').isDisabled()).toBe(true);
    await session.screenshot('export-tf-empty');

    const prodApp = topology.vpcs.find((v) => v.name === 'prod-app')!;
    const target = topology.vpcs.find((v) => v.name === 'shared-services-eu')!;
    await dialog.getByRole('combobox', { name: 'Requester VPC' }).fill(prodApp.cidrBlocks[0]!.cidr.split('/')[0]!);
    const options = dialog.getByRole('listbox', { name: 'Requester VPC matches' }).getByRole('option');
    expect(await options.allTextContents()).toEqual([expect.stringContaining(prodApp.id)]);
    await session.screenshot('export-picker-search');
    await page.keyboard.press('Enter');
    expect(await empty.textContent()).toContain('Now pick the accepter VPC');
    await dialog.getByRole('combobox', { name: 'Accepter VPC' }).fill('shared-services-eu');
    await dialog.getByRole('option', { name: new RegExp(target.id) }).click();
    await expect.poll(() => dialog.getByTestId('export-preview').textContent(), { timeout: 30_000 }).toContain('resource "aws_vpc_peering_connection"');
    expect(await dialog.getByTestId('export-preview').textContent()).toContain(`vpc_id        = "${prodApp.id}"`);
    await session.screenshot('export-tf-picked');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('switching formats never shows the previous format while the next one is made', async () => {
    const { page } = session;
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-format').selectOption('mermaid');
    await expect.poll(() => dialog.getByTestId('export-preview').textContent(), { timeout: 30_000 }).toContain('flowchart');
    const seen = await recordPreviews();
    await dialog.getByTestId('export-format').selectOption('dot');
    await expect.poll(() => dialog.getByTestId('export-preview').textContent(), { timeout: 30_000 }).toContain('digraph');
    const shown = await seen();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((text) => text.includes('flowchart'))).toEqual([]);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it('uses the canvas selection: two selected VPCs are the new peering, a selected peering is the one written', async () => {
    const { page } = session;
    const [a, b] = topology.vpcs.filter((v) => v.region === 'us-east-1' && v.accountId !== topology.vpcs.find((x) => x.name === 'prod-app')!.accountId).slice(0, 2);
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.locator(cardSelector(a!.id)).click();
    await page.locator(cardSelector(b!.id)).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.getByTestId('export-format').selectOption('sh');
    expect(await dialog.getByRole('group', { name: 'Requester VPC' }).textContent()).toContain(a!.id);
    expect(await dialog.getByRole('group', { name: 'Accepter VPC' }).textContent()).toContain(b!.id);
    await expect.poll(() => dialog.getByTestId('export-preview').textContent(), { timeout: 30_000 }).toContain('create-vpc-peering-connection');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const active = topology.peerings.find((p) => p.status === 'active' && p.name)!;
    await page.keyboard.press('Escape');
    await page.locator(`[data-testid="rf__edge-${active.id}"] .react-flow__edge-interaction`).dispatchEvent('click');
    await page.getByRole('button', { name: 'Export…' }).click();
    await dialog.getByTestId('export-format').selectOption('tf');
    expect(await dialog.getByRole('radio', { name: /Selected peerings/ }).isChecked()).toBe(true);
    expect(await dialog.getByText(`${active.name} (${active.id})`).count()).toBe(1);
    await expect.poll(() => dialog.getByTestId('export-preview').textContent(), { timeout: 30_000 }).toContain(active.id);
    await session.screenshot('export-tf-selected-peering');
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(session.problems).toEqual([]);
  });
});
