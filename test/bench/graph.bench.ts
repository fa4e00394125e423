/** Benchmark of the topology graph in Chromium: `npm run bench:graph` (builds the renderer first).
 *
 * Imports a generated organisation (1,000 VPCs in 10 accounts × 4 regions, 2,000 peerings) into
 * the browser harness, opens the built app in Debian's Chromium, and measures:
 * - drawnMs: navigation start to the graph laid out, fitted and painted (the app's
 *   `peerscape:graph-drawn` mark, set two frames after the fitted view);
 * - layoutMs: the layout as the page waits for it (request to the worker, elkjs, answer);
 * - p95FrameMs: the 95th percentile of requestAnimationFrame intervals in the page while a real
 *   mouse pans (Space + drag, as over cards) and the wheel zooms, at the fitted zoom and closer in;
 * - paint ms of the zoomed-out overview: how long each of its canvas frames took to paint,
 *   rasterising included (the page sets `data-measure-paint`, and the canvas reports each frame).
 * Prints figures and ends with one line of JSON; asserts nothing about time.
 */
import { loadavg } from 'node:os';

import type { Page } from 'playwright-core';

import { openBrowser } from '../support/browser';
import { generateSnapshot } from '../support/fixtures/snapshots/generate-snapshot';
import { startHarness } from '../support/harness';
import { callHarness, waitForGraph } from '../ui/graph-helpers';

const VPCS = Number(process.env.GRAPH_BENCH_VPCS ?? 1000);
const PEERINGS = Number(process.env.GRAPH_BENCH_PEERINGS ?? VPCS * 2);
/** The zoom of the zoomed-in pan, where cards and edges are DOM elements. */
const ZOOMED_IN = 0.73;

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number) => Math.round(n * 10) / 10;

// Page scripts are passed as text: tsx would wrap inline functions in helpers the page lacks.
const START_RECORDER = `(() => {
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  const tick = (t) => {
    window.__frames.push(t - last);
    last = t;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;

const STOP_RECORDER = `(() => { window.__recording = false; return window.__frames; })()`;

// Every paint of the overview canvas, from its data-paint-ms attribute.
const START_PAINT_RECORDER = `(() => {
  window.__paints = [];
  const canvas = document.querySelector('[data-testid="overview-canvas"]');
  if (!canvas) return false;
  window.__paintObserver = new MutationObserver(() => window.__paints.push(Number(canvas.dataset.paintMs)));
  window.__paintObserver.observe(canvas, { attributes: true, attributeFilter: ['data-paint-ms'] });
  return true;
})()`;

const STOP_PAINT_RECORDER = `(() => { window.__paintObserver?.disconnect(); return window.__paints; })()`;

const READ_TIMING = `(() => {
  const mark = (name) => { const all = performance.getEntriesByName(name); return all.length ? all[all.length - 1].startTime : NaN; };
  return {
    drawn: mark('peerscape:graph-drawn'),
    layoutStart: mark('peerscape:layout-start'),
    layoutEnd: mark('peerscape:layout-end'),
    received: mark('peerscape:workspace-received'),
    workerReady: mark('peerscape:layout-worker-ready'),
    domReady: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? NaN,
    workspaceAt: (performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/call')).map((e) => e.responseEnd).sort((a, b) => b - a)[0]) ?? NaN,
    calls: performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) => Math.round(e.startTime) + '-' + Math.round(e.responseEnd)).join(' '),
    nodes: document.querySelectorAll('.react-flow__node').length,
    edges: document.querySelectorAll('.react-flow__edge').length,
  };
})()`;

async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(START_RECORDER);
}

async function stopFrameRecorder(page: Page): Promise<number[]> {
  return (await page.evaluate(STOP_RECORDER)) as number[];
}

/** Pan in a loop with a real mouse, each drag starting on empty canvas (the fitted view's top margin). */
async function pan(page: Page, start: { x: number; y: number }, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const a = (i * Math.PI) / 3;
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + Math.cos(a) * 220, start.y + Math.abs(Math.sin(a)) * 160, { steps: 24 });
    await page.mouse.move(start.x, start.y, { steps: 24 });
    await page.mouse.up();
  }
}

/** Zoom in and out with the wheel at the centre. */
async function wheel(page: Page, centre: { x: number; y: number }, notches: number): Promise<void> {
  await page.mouse.move(centre.x, centre.y);
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(30);
  }
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(0, 120);
    await page.waitForTimeout(30);
  }
}

async function main(): Promise<void> {
  const snapshot = generateSnapshot({ accounts: 10, regions: 4, vpcs: VPCS, peerings: PEERINGS });
  const topology = snapshot.topology;
  console.log(`graph benchmark: ${topology.vpcs.length} VPCs, ${topology.peerings.length} peerings, ${topology.accounts.length} accounts; load ${loadavg()[0]!.toFixed(2)}`);
  const harness = await startHarness();
  const session = await openBrowser({ width: 1600, height: 1000 });
  try {
    const imported = await callHarness(harness, 'importSnapshot', { json: JSON.stringify(snapshot) });
    if (!imported.ok) throw new Error(`import failed: ${imported.error.message}`);
    const { page } = session;

    // Long main-thread tasks until the graph is drawn, to see what delays it.
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => (document.documentElement.dataset.measurePaint = 'true'));
      const w = window as unknown as { __longTasks: string[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(`${Math.round(e.startTime)}+${Math.round(e.duration)}`);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(harness.url);
    await waitForGraph(page, 120_000);
    const timing = (await page.evaluate(READ_TIMING)) as { drawn: number; layoutStart: number; layoutEnd: number; received: number; workerReady: number; domReady: number; workspaceAt: number; calls: string; nodes: number; edges: number };
    const workerMs = Number((await page.getByTestId('layout-time').textContent())?.match(/(\d+)/)?.[1] ?? NaN);
    const drawnMs = timing.drawn;
    const layoutMs = timing.layoutEnd - timing.layoutStart;
    console.log(`drawn ${Math.round(drawnMs)} ms after navigation; layout ${Math.round(layoutMs)} ms (elkjs in the worker ${workerMs} ms)`);
    console.log(`  API calls (start-end ms): ${timing.calls}`);
    console.log(`  long tasks (start+ms): ${String(await page.evaluate('window.__longTasks.join(" ")'))}`);
    console.log(`  of which: scripts run at ${Math.round(timing.domReady)} ms, workspace decoded at ${Math.round(timing.received)} ms, layout asked at ${Math.round(timing.layoutStart)} ms (worker ready at ${Math.round(timing.workerReady)} ms), laid out at ${Math.round(timing.layoutEnd)} ms, drawn ${Math.round(drawnMs - timing.layoutEnd)} ms later`);
    console.log(`rendered ${timing.nodes} nodes (cards and frames) and ${timing.edges} edges`);

    const box = (await page.getByTestId('topology-canvas').boundingBox())!;
    const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const margin = { x: box.x + box.width / 2, y: box.y + 18 };
    const onPane = await page.evaluate(`document.elementFromPoint(${margin.x}, ${margin.y})?.classList.contains('react-flow__pane')`);
    if (!onPane) console.log('warning: the pan start point is not on the empty pane');
    await page.waitForTimeout(500);

    const phases: Record<string, number[]> = {};
    const painted = await page.evaluate(START_PAINT_RECORDER);
    await startFrameRecorder(page);
    await pan(page, margin, 6);
    phases['pan at fit'] = await stopFrameRecorder(page);

    await startFrameRecorder(page);
    await wheel(page, centre, 8);
    phases['wheel zoom'] = await stopFrameRecorder(page);
    const paints = painted ? ((await page.evaluate(STOP_PAINT_RECORDER)) as number[]) : [];

    // Closer in (zoom ZOOMED_IN), where cards and edges are DOM elements and only those on screen are rendered.
    for (let i = 0; i < 11; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(40);
    }
    await page.waitForTimeout(300);
    // Then exactly to ZOOMED_IN, whatever the fitted zoom was (it depends on the room the fit leaves
    // the legend and the minimap): d3-zoom scales by 2^(-deltaY × 0.002) per wheel event.
    const readZoom = () => page.evaluate(`(() => { const m = /scale\\(([\\d.]+)\\)/.exec(document.querySelector('.react-flow__viewport').style.transform); return m ? Number(m[1]) : NaN; })()`) as Promise<number>;
    await page.mouse.wheel(0, -Math.log2(ZOOMED_IN / (await readZoom())) / 0.002);
    await page.waitForTimeout(800);
    const zoom = await readZoom();
    console.log(`zoomed in to ${zoom.toFixed(2)}: ${await page.locator('.react-flow__node').count()} nodes and ${await page.locator('.react-flow__edge').count()} edges rendered`);
    await page.mouse.move(margin.x, margin.y);
    const panStart = Number(await page.evaluate('performance.now()'));
    await startFrameRecorder(page);
    await pan(page, margin, 6);
    phases['pan zoomed in'] = await stopFrameRecorder(page);
    console.log(`  long tasks while panning zoomed in (start+ms): ${String(await page.evaluate(`window.__longTasks.filter((t) => Number(t.split('+')[0]) > ${panStart}).join(' ')`))}`);

    const routings = (await page.evaluate(`performance.getEntriesByName('peerscape:edge-routes').map((e) => Math.round(e.startTime) + '+' + Math.round(e.duration))`)) as string[];
    console.log(`edge routings on the canvas (start+ms): ${routings.join(' ')}; the zoomed-in pan started at ${Math.round(panStart)}`);
    const all = Object.values(phases).flat();
    for (const [name, frames] of Object.entries(phases)) {
      console.log(`${name.padEnd(14)} ${String(frames.length).padStart(4)} frames  median ${round(percentile(frames, 50))} ms  p95 ${round(percentile(frames, 95))} ms  max ${round(Math.max(...frames))} ms`);
    }
    const p95FrameMs = percentile(all, 95);
    console.log(`all frames: p95 ${round(p95FrameMs)} ms (targets: drawn < 2000 ms, layout < 3000 ms, p95 < 33 ms)`);
    const overviewPaintMs = percentile(paints, 50);
    console.log(
      painted
        ? `overview paint (pan at fit and wheel zoom): ${paints.length} paints  median ${round(overviewPaintMs)} ms  p95 ${round(percentile(paints, 95))} ms  max ${round(Math.max(...paints))} ms`
        : 'warning: the fitted view is not the overview, so its paint was not measured',
    );
    if (session.problems.length > 0) console.log(`page problems: ${session.problems.join(' | ')}`);
    console.log(
      JSON.stringify({
        drawnMs: Math.round(drawnMs),
        layoutMs: Math.round(layoutMs),
        p95FrameMs: round(p95FrameMs),
        overviewPaintMs: round(overviewPaintMs),
        overviewPaintP95Ms: round(percentile(paints, 95)),
        nodes: topology.vpcs.length,
        edges: topology.peerings.filter((p) => p.status !== 'deleted').length,
        workerLayoutMs: workerMs,
        frames: all.length,
      }),
    );
  } finally {
    await session.close();
    await harness.close();
  }
}

await main();
