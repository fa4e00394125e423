/** Helpers for the graph specs and the graph benchmark: call the harness's API, wait for the graph, drag. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import type { MethodInput, MethodOutput } from '../../shared/api/contract';
import type { ApiMethodName } from '../../shared/api/method-names';
import type { Result } from '../../shared/core/result';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Topology } from '../../shared/model/topology';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { isOverviewZoom, SUMMARY_BELOW_ZOOM } from '../../renderer/graph/overview/zoom-levels';
import { openBrowser, type BrowserSession } from '../support/browser';
import { startHarness } from '../support/harness';
import type { SandboxHandle } from '../support/start-sandbox';

/** The harness a spec runs against. */
export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** A spec's harness, its browser at the harness's page, and the topology it scanned. */
export interface DemoSession {
  readonly harness: Harness;
  readonly session: BrowserSession;
  readonly topology: Topology;
}

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
  // Every spec on the demo expects its cards: a demo that opens as region summaries fails here, saying so.
  const zoom = (await readViewport(page)).zoom;
  if (isOverviewZoom(zoom)) throw new Error(`the sandbox demo opened as region summaries (zoom ${zoom.toFixed(3)}, cards from ${SUMMARY_BELOW_ZOOM.toFixed(3)}): make its fit keep the card zoom`);
  const workspace = await callHarness(harness, 'getWorkspace', {});
  if (!workspace.ok || !workspace.value.snapshot) throw new Error('the sandbox scan left no snapshot');
  return workspace.value.snapshot.topology;
}

/**
 * Select a VPC as a user finds one on an estate fitted too small for cards (region summaries):
 * its id in the search box and Enter (which selects it and zooms to it), then the query emptied.
 */
export async function selectVpcBySearch(page: Page, vpcId: string): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search VPCs' });
  await search.fill(vpcId);
  await search.press('Enter');
  await expect.poll(() => page.getByTestId('inspector-vpc').textContent(), { timeout: 10_000 }).toContain(vpcId);
  await search.fill('');
  await page.locator(cardSelector(vpcId)).waitFor();
}

/** React Flow's viewport: its translation in pixels of the flow's element, and its zoom. */
export async function readViewport(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const transform = await page.locator('.react-flow__viewport').getAttribute('style');
  const m = /translate\(([-\d.]+)px, ?([-\d.]+)px\) scale\(([\d.]+)\)/.exec(transform ?? '');
  if (!m) throw new Error(`unexpected viewport transform ${transform}`);
  return { x: Number(m[1]), y: Number(m[2]), zoom: Number(m[3]) };
}

/** The workspace's snapshot now, through the harness; a workspace without one throws. */
export async function currentSnapshot(harness: { origin: string; token: string }): Promise<Snapshot> {
  const ws = await callHarness(harness, 'getWorkspace', {});
  if (!ws.ok || !ws.value.snapshot) throw new Error('no snapshot');
  return ws.value.snapshot;
}

/** Click `refresh` (a rescan button), wait for a newer snapshot and the redrawn graph, and return its topology. */
export async function rescanWith(page: Page, harness: { origin: string; token: string }, refresh: Locator): Promise<Topology> {
  const before = (await currentSnapshot(harness)).takenAt;
  await refresh.click();
  await expect.poll(async () => (await currentSnapshot(harness)).takenAt, { timeout: 120_000 }).not.toBe(before);
  await waitForGraph(page, 60_000);
  return (await currentSnapshot(harness)).topology;
}

/** Select the peering `id` on the fitted canvas (Inspector tab, selection cleared) and return its inspector once it shows that peering. */
export async function selectPeeringOnCanvas(page: Page, id: string): Promise<Locator> {
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Fit', exact: true }).click();
  await page.locator(`[data-testid="rf__edge-${id}"] .react-flow__edge-interaction`).dispatchEvent('click');
  const inspector = page.getByTestId('inspector-peering');
  await expect.poll(() => inspector.locator('.mono').first().textContent(), { timeout: 10_000 }).toBe(id);
  return inspector;
}

/**
 * A harness with the built-in sandbox, a browser at its page (dark when `dark`; the clipboard
 * granted when `clipboard`), and the sandbox demo opened from the first-run screen.
 */
export async function openDemoSession(options: { dark?: boolean; clipboard?: boolean } = {}): Promise<DemoSession> {
  const harness = await startHarness();
  const session = await openBrowser();
  if (options.dark) await session.page.emulateMedia({ colorScheme: 'dark' });
  if (options.clipboard) await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
  await session.page.goto(harness.url);
  const topology = await openSandboxDemo(session.page, harness);
  return { harness, session, topology };
}

/** Opens the demo (as `openDemoSession`) before a spec file's tests and closes browser and harness after them; `opened.demo` is set once it is open. */
export function useDemoSession(options: Parameters<typeof openDemoSession>[0] = {}): { demo: DemoSession } {
  const opened = {} as { demo: DemoSession };
  beforeAll(async () => {
    opened.demo = await openDemoSession(options);
  }, 180_000);
  afterAll(async () => {
    try {
      await opened.demo?.session.close();
    } finally {
      await opened.demo?.harness.close();
    }
  });
  return opened;
}

/** What `useHarnessSession().open` starts: the harness (with `startHarness`'s AWS files and API overrides), the browser (at `viewport`), and the address it opens (the harness's page unless `url` says otherwise). */
export interface HarnessSessionOptions {
  readonly files?: Parameters<typeof startHarness>[0];
  readonly overrides?: Parameters<typeof startHarness>[1];
  readonly viewport?: Parameters<typeof openBrowser>[0];
  readonly url?: (harness: Harness) => string;
}

/** A harness and a browser at its page. */
export interface HarnessSession {
  readonly harness: Harness;
  readonly session: BrowserSession;
  readonly page: Page;
}

/**
 * A harness and a browser that a test opens with `open` and that are closed, browser then
 * harness, after each test (`closeAfter: 'file'`: after the spec file's tests, for a file that
 * opens them once in `beforeAll`).
 */
export function useHarnessSession(closeAfter: 'test' | 'file' = 'test'): { open(options?: HarnessSessionOptions): Promise<HarnessSession> } {
  let opened: { harness?: Harness; session?: BrowserSession } = {};
  (closeAfter === 'test' ? afterEach : afterAll)(async () => {
    const { harness, session } = opened;
    opened = {};
    try {
      await session?.close();
    } finally {
      await harness?.close();
    }
  });
  return {
    async open(options = {}) {
      if (opened.harness) throw new Error(`useHarnessSession: open() was called twice before the browser and harness were closed; call it once per ${closeAfter}`);
      const harness = await startHarness(options.files, options.overrides);
      opened.harness = harness;
      const session = await openBrowser(options.viewport);
      opened.session = session;
      await session.page.goto(options.url ? options.url(harness) : harness.url);
      return { harness, session, page: session.page };
    },
  };
}

/**
 * A harness reading `sandbox`'s AWS files (their endpoint replaced by `endpoint` when given, such
 * as a proxy's), a dark browser at its page, and a scan of `regions` with the files' profiles.
 */
export async function scanThroughAwsFiles(sandbox: SandboxHandle, regions: readonly string[], endpoint?: string): Promise<DemoSession> {
  const files = await sandbox.writeAwsFiles(mkdtempSync(join(tmpdir(), 'peerscape-aws-')));
  const config = readFileSync(files.configFile, 'utf8');
  const harness = await startHarness({
    config: endpoint ? config.replaceAll(sandbox.endpoint, endpoint) : config,
    credentials: readFileSync(files.credentialsFile, 'utf8'),
  });
  const session = await openBrowser();
  const { page } = session;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Refresh', exact: true }).first().waitFor();
  const started = await callHarness(harness, 'startDiscovery', { source: 'aws', regions: [...regions] });
  expect(started.ok).toBe(true);
  await page.getByRole('heading', { name: 'Last scan' }).waitFor({ timeout: 120_000 });
  await waitForGraph(page, 60_000);
  const ws = await callHarness(harness, 'getWorkspace', {});
  if (!ws.ok || !ws.value.snapshot) throw new Error('the scan left no snapshot');
  return { harness, session, topology: ws.value.snapshot.topology };
}

/**
 * The calls a confirmation lists, once the list has rendered: each row's whole text, or the
 * text `part` selects inside each row (`.call-head strong` is the action's name).
 */
export async function listedCalls(confirm: Locator, part?: string): Promise<string[]> {
  const rows = confirm.getByRole('list', { name: 'Calls to AWS' }).getByRole('listitem');
  await rows.first().waitFor();
  return part === undefined ? rows.allTextContents() : rows.locator(part).allTextContents();
}
