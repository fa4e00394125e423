import { describe, expect, it } from 'vitest';

import { createAppStore } from '../../../renderer/store/app-store';
import type { AppStore } from '../../../renderer/store/app-store';
import { HISTORY_LIMIT } from '../../../renderer/store/history';
import { demoLikeSnapshot, demoVpcId } from '../../support/fixtures/snapshots/demo-like';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

async function storeWithDemo() {
  const { client } = loopbackMainApi(makeTempHome());
  const imported = await client.importSnapshot({ json: JSON.stringify(demoLikeSnapshot()) });
  expect(imported.ok).toBe(true);
  const store = createAppStore(client);
  await store.getState().loadStartup();
  return { store, client };
}

const positionOf = (store: AppStore, id: string) => store.getState().nodes.find((n) => n.id === id)?.position;

/** A drag as the canvas reports it: start, React Flow's position change, stop. */
async function drag(store: AppStore, id: string, to: { x: number; y: number }) {
  store.getState().startNodeMove([id]);
  store.getState().onNodesChange([{ type: 'position', id, position: to, dragging: true }]);
  await store.getState().saveNodePositions([id]);
}

describe('the canvas history in the store', () => {
  it('records a card move, and undo puts the card back and saves where it was; redo moves it again', async () => {
    const { store, client } = await storeWithDemo();
    const id = demoVpcId('dev-tools');
    const start = { ...positionOf(store, id)! };
    await drag(store, id, { x: start.x + 37.4, y: start.y });
    const moved = { x: Math.round(start.x + 37.4), y: start.y };
    expect(store.getState().history.past).toEqual([{ kind: 'move', before: { [id]: start }, after: { [id]: moved } }]);

    await store.getState().undo();
    expect(positionOf(store, id)).toEqual(start);
    const undone = await client.getWorkspace({});
    expect(undone.ok && undone.value.positions[id]).toEqual(start);
    expect(store.getState().history).toMatchObject({ past: [], future: [{ kind: 'move' }] });

    await store.getState().redo();
    expect(positionOf(store, id)).toEqual(moved);
    const redone = await client.getWorkspace({});
    expect(redone.ok && redone.value.positions[id]).toEqual(moved);
    expect(store.getState().history).toMatchObject({ past: [{ kind: 'move' }], future: [] });
  });

  it('records nothing for a drag that ends where it started', async () => {
    const { store } = await storeWithDemo();
    const id = demoVpcId('dev-tools');
    await drag(store, id, { ...positionOf(store, id)! });
    expect(store.getState().history.past).toEqual([]);
  });

  it('undoes Re-layout back to the saved positions, and redoes it', async () => {
    const { store, client } = await storeWithDemo();
    const id = demoVpcId('dev-tools');
    const start = { ...positionOf(store, id)! };
    await drag(store, id, { x: start.x + 50, y: start.y });
    await store.getState().relayout();
    expect(positionOf(store, id)).toEqual(start);
    expect(store.getState().history.past.map((c) => c.kind)).toEqual(['move', 'layout']);

    await store.getState().undo();
    expect(positionOf(store, id)).toEqual({ x: start.x + 50, y: start.y });
    expect(store.getState().positions).toEqual({ [id]: { x: start.x + 50, y: start.y } });
    const restored = await client.getWorkspace({});
    expect(restored.ok && restored.value.positions).toEqual({ [id]: { x: start.x + 50, y: start.y } });

    await store.getState().redo();
    expect(positionOf(store, id)).toEqual(start);
    const cleared = await client.getWorkspace({});
    expect(cleared.ok && cleared.value.positions).toEqual({});
  });

  it('undoes and redoes selection changes, a shift-click pair and a clear included', async () => {
    const { store } = await storeWithDemo();
    const s = () => store.getState();
    const [a, b] = [demoVpcId('prod-app'), demoVpcId('dev-tools')];
    s().selectVpc(a);
    s().selectVpc(b, true);
    s().escape();
    // Selecting what is already selected is no step.
    s().clearSelection();
    expect(s().history.past.map((c) => c.kind)).toEqual(['selection', 'selection', 'selection']);
    await s().undo();
    expect(s().selection.vpcIds).toEqual([a, b]);
    await s().undo();
    expect(s().selection.vpcIds).toEqual([a]);
    await s().redo();
    expect(s().selection.vpcIds).toEqual([a, b]);
    s().selectPeering(s().snapshot!.topology.peerings[0]!.id);
    expect(s().history.future).toEqual([]);
    await s().undo();
    expect(s().selection).toEqual({ vpcIds: [a, b] });
  });

  it('runs quick undos one after another, in order', async () => {
    const { store } = await storeWithDemo();
    const id = demoVpcId('dev-tools');
    const start = { ...positionOf(store, id)! };
    await drag(store, id, { x: start.x + 10, y: start.y });
    await drag(store, id, { x: start.x + 20, y: start.y });
    await store.getState().relayout();
    await Promise.all([store.getState().undo(), store.getState().undo(), store.getState().undo()]);
    expect(positionOf(store, id)).toEqual(start);
    expect(store.getState().history.future.map((c) => c.kind)).toEqual(['move', 'move', 'layout']);
  });

  it(`keeps the last ${HISTORY_LIMIT} steps and drops the oldest`, async () => {
    const { store } = await storeWithDemo();
    const ids = [demoVpcId('prod-app'), demoVpcId('dev-tools')];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store.getState().selectVpc(ids[i % 2]!);
    const past = store.getState().history.past;
    expect(past).toHaveLength(HISTORY_LIMIT);
    // The very first step (nothing → prod-app) fell off; the oldest kept starts from a selection.
    expect(past[0]).toMatchObject({ kind: 'selection', before: { vpcIds: [expect.any(String)] } });
  });
});
