// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { App } from '../../../renderer/App';
import { canvasRoutesOf, drawnEdgesOf, EDGE_END_GAP, routeBoxesOf } from '../../../renderer/graph/edges/edge-routes';
import { fitPadding, readableZoom, viewportAt } from '../../../renderer/graph/fit';
import { isOverviewZoom, LARGE_NETWORK_VPCS, SUMMARY_BELOW_ZOOM } from '../../../renderer/graph/overview/zoom-levels';
import { createAppStore } from '../../../renderer/store/app-store';
import type { AppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import { routeCurves } from '../../../shared/diagram/edge-router';
import { installJsdomShims } from '../jsdom-shims';
import { DEMO_PEERINGS, demoLikeSnapshot, demoVpcId } from '../../support/fixtures/snapshots/demo-like';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

async function renderWithDemo(): Promise<AppStore> {
  const { client } = loopbackMainApi(makeTempHome());
  const imported = await client.importSnapshot({ json: JSON.stringify(demoLikeSnapshot()) });
  expect(imported.ok).toBe(true);
  const store = createAppStore(client);
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  await screen.findByTestId(`vpc-card-${demoVpcId('prod-app')}`, {}, { timeout: 10_000 });
  return store;
}

/** Every drawn edge routed from scratch on the store's nodes now. */
function fullRouting(store: AppStore) {
  const s = store.getState();
  return routeCurves(
    routeBoxesOf(s.nodes),
    drawnEdgesOf(s).map((e) => ({ id: e.id, from: e.source, to: e.target })),
    { endGap: EDGE_END_GAP },
  );
}

function curvesOf(store: AppStore) {
  return new Map([...canvasRoutesOf(store.getState())].map(([id, r]) => [id, r.curve]));
}

beforeAll(installJsdomShims);
afterEach(cleanup);

describe('the canvas edge routes', () => {
  it('route every drawn edge as the exports’ router does, and follow a card dragged by its grip, exactly again once dropped', async () => {
    const store = await renderWithDemo();
    expect(curvesOf(store)).toEqual(fullRouting(store));
    const id = demoVpcId('prod-app');
    const node = store.getState().nodes.find((n) => n.id === id)!;
    const before = canvasRoutesOf(store.getState());
    // Frames of a drag: only the dragged card's edges get new curves.
    for (const dy of [40, 80, 120]) {
      act(() => store.getState().onNodesChange([{ type: 'position', id, position: { x: node.position.x + dy / 2, y: node.position.y + dy }, dragging: true }]));
    }
    const during = canvasRoutesOf(store.getState());
    const touching = drawnEdgesOf(store.getState()).filter((e) => e.source === id || e.target === id);
    expect(touching.length).toBeGreaterThan(0);
    for (const e of touching) expect(during.get(e.id)!.curve).not.toBe(before.get(e.id)!.curve);
    for (const e of drawnEdgesOf(store.getState())) if (e.source !== id && e.target !== id) expect(during.get(e.id)!.curve).toBe(before.get(e.id)!.curve);
    // The drop: as a full routing of where everything now stands.
    act(() => store.getState().onNodesChange([{ type: 'position', id, position: { x: node.position.x + 60, y: node.position.y + 120 }, dragging: false }]));
    expect(curvesOf(store)).toEqual(fullRouting(store));
  });

  it('labels the selected peering and the edges it highlights, each once, the selected one first', async () => {
    const store = await renderWithDemo();
    act(() => store.getState().selectPeering(DEMO_PEERINGS.sharedToProdApp));
    const routes = canvasRoutesOf(store.getState());
    const selected = routes.get(DEMO_PEERINGS.sharedToProdApp)!;
    expect(selected.label?.text.title).toBeTruthy();
    expect(selected.label?.text.rank).toBe(0);
    expect(screen.getByTestId(`edge-label-${DEMO_PEERINGS.sharedToProdApp}`).textContent).toContain(selected.label!.text.title);
  });
});

describe('fitPadding', () => {
  const canvas = { width: 1000, height: 700 };
  const legend = { left: 15, top: 560, right: 815, bottom: 685, anchor: 'left' as const };
  const minimap = { left: 785, top: 535, right: 985, bottom: 685, anchor: 'right' as const };

  /** Where content of that size lands when fitted with that padding (centred in what the padding leaves, as React Flow does). */
  function fitted(content: { width: number; height: number }, p: ReturnType<typeof fitPadding>) {
    const zoom = Math.min((canvas.width - p.left - p.right) / content.width, (canvas.height - p.top - p.bottom) / content.height);
    const w = content.width * zoom;
    const h = content.height * zoom;
    const left = p.left + (canvas.width - p.left - p.right - w) / 2;
    const top = p.top + (canvas.height - p.top - p.bottom - h) / 2;
    return { left, top, right: left + w, bottom: top + h };
  }

  const clear = (a: { left: number; top: number; right: number; bottom: number }, b: { left: number; top: number; right: number; bottom: number }) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;

  it.each([
    ['a wide network', { width: 4000, height: 1200 }],
    ['a tall network', { width: 1200, height: 4000 }],
    ['a square one', { width: 2000, height: 2000 }],
  ])('keeps %s clear of the legend and the minimap', (_name, content) => {
    const box = fitted(content, fitPadding(canvas.width, canvas.height, content, [legend, minimap]));
    expect(clear(box, legend)).toBe(true);
    expect(clear(box, minimap)).toBe(true);
  });

  it('clears a tall network’s minimap from its side rather than from below, to draw it larger', () => {
    const content = { width: 1200, height: 4000 };
    const p = fitPadding(canvas.width, canvas.height, content, [{ ...legend, right: 200, top: 640 }, minimap]);
    expect(p.right).toBeGreaterThanOrEqual(canvas.width - minimap.left);
    expect(p.bottom).toBeLessThan(canvas.height - minimap.top);
  });
});

describe('readableZoom', () => {
  it('keeps a small network a little too big for the screen at the card zoom', () => {
    const min = readableZoom(SUMMARY_BELOW_ZOOM * 0.9, 19)!;
    expect(min).toBeGreaterThanOrEqual(SUMMARY_BELOW_ZOOM);
    expect(isOverviewZoom(min)).toBe(false);
  });

  it('lets a network that fits, one far too big, and a large one fit whole', () => {
    expect(readableZoom(SUMMARY_BELOW_ZOOM, 19)).toBeUndefined();
    expect(readableZoom(SUMMARY_BELOW_ZOOM * 0.3, 19)).toBeUndefined();
    expect(readableZoom(SUMMARY_BELOW_ZOOM * 0.9, LARGE_NETWORK_VPCS)).toBeUndefined();
  });
});

describe('viewportAt', () => {
  const padding = { top: 52, right: 60, bottom: 24, left: 24 };

  it('centres what fits on an axis and starts what does not from its top or left', () => {
    // 1000 × 800 flow units at 0.5: 500 wide (fits in 916), 400 tall (does not fit in 224).
    const v = viewportAt(1000, 300, { x: 100, y: 200, width: 1000, height: 800 }, padding, 0.5);
    expect(v.zoom).toBe(0.5);
    expect(v.x + 100 * 0.5).toBeCloseTo(24 + (916 - 500) / 2);
    expect(v.y + 200 * 0.5).toBeCloseTo(52);
  });
});
