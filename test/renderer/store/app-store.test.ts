import { describe, expect, it } from 'vitest';

import { createAppStore } from '../../../renderer/store/app-store';
import type { AppStore } from '../../../renderer/store/app-store';
import { edgeClassOf, vpcClassOf } from '../../../renderer/graph/view-state';
import type { Snapshot } from '../../../shared/model/snapshot';
import { demoLikeSnapshot, demoVpcId } from '../../support/fixtures/snapshots/demo-like';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

async function storeWithDemo(): Promise<{ store: AppStore; emit: ReturnType<typeof loopbackMainApi>['emit']; client: ReturnType<typeof loopbackMainApi>['client'] }> {
  const { client, emit } = loopbackMainApi(makeTempHome());
  const imported = await client.importSnapshot({ json: JSON.stringify(demoLikeSnapshot()) });
  expect(imported.ok).toBe(true);
  const store = createAppStore(client);
  await store.getState().loadStartup();
  return { store, emit, client };
}

function until(store: AppStore, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => reject(new Error('condition not met in time')), timeoutMs);
    const off = store.subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

describe('the app store', () => {
  it('loads the workspace snapshot and lays it out into frames and cards, parents first', async () => {
    const { store } = await storeWithDemo();
    const s = store.getState();
    expect(s.workspaceLoaded).toBe(true);
    expect(s.snapshot?.topology.vpcs).toHaveLength(16);
    expect(s.layoutStatus).toMatchObject({ running: false, ranIn: 'page' });
    const seen = new Set<string>();
    for (const n of s.nodes) {
      if (n.parentId) expect(seen.has(n.parentId)).toBe(true);
      seen.add(n.id);
    }
    expect(s.nodes.filter((n) => n.type === 'vpc')).toHaveLength(17);
  });

  it('applies a pushed snapshot (a rescan) and keeps the positions the user dragged', async () => {
    const { store, emit } = await storeWithDemo();
    const id = demoVpcId('qa-eu');
    store.getState().onNodesChange([{ type: 'position', id, position: { x: 400, y: 90 } }]);
    await store.getState().saveNodePositions([id]);
    const rescan: Snapshot = { ...demoLikeSnapshot('2025-06-03T10:00:00.000Z') };
    emit('snapshotUpdated', rescan);
    await until(store, () => store.getState().snapshot?.takenAt === rescan.takenAt && !store.getState().layoutStatus.running);
    await until(store, () => store.getState().nodes.find((n) => n.id === id)?.position.x === 400);
    expect(store.getState().nodes.find((n) => n.id === id)?.position).toEqual({ x: 400, y: 90 });
  });

  it('saves dragged positions through the API and forgets them on re-layout', async () => {
    const { store, client } = await storeWithDemo();
    const id = demoVpcId('dev-ap');
    store.getState().onNodesChange([{ type: 'position', id, position: { x: 321.4, y: 77.6 } }]);
    await store.getState().saveNodePositions([id]);
    const saved = await client.getWorkspace({});
    expect(saved.ok && saved.value.positions[id]).toEqual({ x: 321, y: 78 });
    await store.getState().relayout();
    const cleared = await client.getWorkspace({});
    expect(cleared.ok && cleared.value.positions).toEqual({});
    expect(store.getState().nodes.find((n) => n.id === id)?.position.x).not.toBe(321);
  });

  it('makes a pair from a shift-click, restarts from a plain click, and clears with escape', async () => {
    const { store } = await storeWithDemo();
    const [a, b, c] = [demoVpcId('prod-app'), demoVpcId('dev-tools'), demoVpcId('qa-eu')];
    store.getState().selectVpc(a);
    store.getState().selectVpc(b, true);
    expect(store.getState().selection.vpcIds).toEqual([a, b]);
    store.getState().selectVpc(c, true);
    expect(store.getState().selection.vpcIds).toEqual([b, c]);
    store.getState().selectVpc(a);
    expect(store.getState().selection.vpcIds).toEqual([a]);
    store.getState().escape();
    expect(store.getState().selection.vpcIds).toEqual([]);
  });

  it('lets escape close a refusal first, then the plan, the search, the selection and the mode', async () => {
    const { store } = await storeWithDemo();
    const s = () => store.getState();
    s().setMode('conflicts');
    s().selectVpc(demoVpcId('prod-app'));
    s().setQuery('prod');
    s().openPlan({ requesterVpcId: demoVpcId('dev-sandbox'), accepterVpcId: demoVpcId('prod-analytics') });
    s().refuse({ requesterVpcId: demoVpcId('prod-app'), accepterVpcId: demoVpcId('dev-app') });
    const steps: string[] = [];
    for (let i = 0; i < 5; i++) {
      s().escape();
      steps.push([s().refusal ? 'refusal' : '', s().plan ? 'plan' : '', s().query, s().selection.vpcIds.length, s().mode].join('|'));
    }
    expect(steps).toEqual(['|plan|prod|1|conflicts', '||prod|1|conflicts', '|||1|conflicts', '|||0|conflicts', '|||0|normal']);
  });

  it('follows discovery progress pushed by the Node side', async () => {
    const { store, emit } = await storeWithDemo();
    emit('discoveryProgressed', {
      runId: 'run-1',
      finished: false,
      cells: [
        { profile: 'prod', region: 'us-east-1', state: 'done', counts: { vpcs: 3 } },
        { profile: 'dev', region: 'us-east-1', state: 'failed', errorCode: 'AuthFailure', message: 'The security token is invalid: log in again.' },
      ],
    });
    await until(store, () => store.getState().discovery.cells.length === 2);
    expect(store.getState().discovery).toMatchObject({ runId: 'run-1', busy: true, finished: false });
    emit('discoveryProgressed', { runId: 'run-1', finished: true, cells: [] });
    await until(store, () => store.getState().discovery.finished);
    expect(store.getState().discovery.busy).toBe(false);
  });

  it('shows why a scan could not start, with the fix, instead of failing silently', async () => {
    const { store } = await storeWithDemo();
    store.getState().setScanChoice({ regions: ['not a region'] });
    await store.getState().startDiscovery('aws');
    const run = store.getState().discovery;
    expect(run.busy).toBe(false);
    expect(run.error?.code).toBe('invalid-input');
    expect(run.error?.message).toContain('regions');
    expect(store.getState().lastError).toEqual(run.error);
  });

  it('refuses an unreadable snapshot file and says which field is wrong, until an import succeeds', async () => {
    const { store } = await storeWithDemo();
    const good = JSON.stringify(store.getState().snapshot);
    expect(await store.getState().importSnapshotText('{"schemaVersion":1,"takenAt":"x"}', 'broken.json')).toBe(false);
    expect(store.getState().importProblem?.fileName).toBe('broken.json');
    expect(store.getState().importProblem?.error.message).toContain('not a Peerscape snapshot');
    expect(store.getState().snapshot?.topology.vpcs).toHaveLength(16);
    expect(await store.getState().importSnapshotText(good, 'good.json')).toBe(true);
    expect(store.getState().importProblem).toBeUndefined();
  });
  it('keeps the pushed updates and marks the cards and edges they name until they are confirmed', async () => {
    const { store, emit } = await storeWithDemo();
    expect(store.getState().updates.pending).toEqual([]);
    const s0 = store.getState();
    const peering = s0.snapshot!.topology.peerings[0]!;
    const vpcId = peering.requester.vpcId;
    expect(vpcClassOf(s0, vpcId)).not.toContain('is-updating');
    const pending = { runId: 'run-1', title: 'Delete it', state: 'confirming' as const, peeringIds: [peering.id], vpcIds: [vpcId], scope: [], since: '2025-06-03T10:00:00.000Z' };
    emit('updatesChanged', { pending: [pending] });
    await until(store, () => store.getState().updates.pending.length === 1);
    expect(vpcClassOf(store.getState(), vpcId)).toContain('is-updating');
    expect(edgeClassOf(store.getState(), peering.id)).toContain('is-updating');
    emit('updatesChanged', { pending: [{ ...pending, state: 'failed', error: { code: 'unavailable', message: 'no', fix: 'Refresh' } }] });
    await until(store, () => store.getState().updates.pending[0]?.state === 'failed');
    expect(edgeClassOf(store.getState(), peering.id)).toContain('is-update-failed');
    emit('updatesChanged', { pending: [], lastConfirmed: { runId: 'run-1', scanned: [], ms: 5 } });
    await until(store, () => store.getState().updates.pending.length === 0);
    expect(vpcClassOf(store.getState(), vpcId)).not.toContain('is-updating');
  });
});
