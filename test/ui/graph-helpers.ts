/** Helpers for the graph specs and the graph benchmark: call the harness's API, wait for the graph, drag. */
import type { Page } from 'playwright-core';

import type { MethodInput, MethodOutput } from '../../shared/api/contract';
import type { ApiMethodName } from '../../shared/api/method-names';
import type { Result } from '../../shared/core/result';
import type { Topology } from '../../shared/model/topology';
import { decodeWire, encodeWire } from '../../shared/api/wire';

/** A typed call to the harness's API, presenting its Origin and token as the page does. */
export async function callHarness<M extends ApiMethodName>(
  harness: { origin: string; token: string },
  method: M,
  input: MethodInput<M>,
): Promise<Result<MethodOutput<M>>> {
  const response = await fetch(`${harness.origin}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: harness.origin, 'x-peerscape-token': harness.token },
    body: encodeWire({ method, input }),
  });
  return decodeWire(await response.text()) as Result<MethodOutput<M>>;
}

/** Wait until the canvas says the current layout is drawn and fitted. */
export async function waitForGraph(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.locator('[data-testid="topology-canvas"][data-graph-ready="true"]').waitFor({ timeout: timeoutMs });
}

/** The centre of an element, in page pixels. */
export async function centreOf(page: Page, selector: string): Promise<{ x: number; y: number }> {
  const box = await page.locator(selector).first().boundingBox();
  if (!box) throw new Error(`${selector} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real mouse drag: press at `from`, move in steps to `to` (optionally pausing there), release. */
export async function dragMouse(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
  opts: { steps?: number; beforeRelease?: () => Promise<void> } = {},
): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  try {
    await page.mouse.move(from.x + 12, from.y + 6, { steps: 3 });
    await page.mouse.move(to.x, to.y, { steps: opts.steps ?? 20 });
    await opts.beforeRelease?.();
  } finally {
    // Release even when a check failed, or the button stays down for the next test.
    await page.mouse.up();
  }
}

/** `[data-testid="vpc-card-…"]` for a VPC id. */
export function cardSelector(vpcId: string): string {
  return `[data-testid="vpc-card-${vpcId}"]`;
}

/** From the first-run screen: open the sandbox, wait for its scan and the drawn graph, return what was scanned. */
export async function openSandboxDemo(page: Page, harness: { origin: string; token: string }): Promise<Topology> {
  await page.getByRole('button', { name: 'Open the sandbox' }).click();
  // The scan streams: the progress grid fills while regions land on the canvas.
  await page.getByRole('table', { name: 'Discovery progress' }).waitFor({ timeout: 60_000 });
  await page.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
  await waitForGraph(page, 60_000);
  const workspace = await callHarness(harness, 'getWorkspace', {});
  if (!workspace.ok || !workspace.value.snapshot) throw new Error('the sandbox scan left no snapshot');
  return workspace.value.snapshot.topology;
}

/** React Flow's viewport: its translation in pixels of the flow's element, and its zoom. */
export async function readViewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').getAttribute('style');
  const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\) scale\(([\d.]+)\)/.exec(transform ?? '');
  if (!m) throw new Error(`unexpected viewport transform ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}
