import { describe, expect, it } from 'vitest';

import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';
import { snapshot as buildSnapshot, topology } from '../support/fixtures/build-topology';

describe('main API over the loopback transport', () => {
  it('reports the app name, version and shell', async () => {
    const home = makeTempHome();
    const { client } = loopbackMainApi(home);
    expect(await client.getAppInfo({})).toEqual({ ok: true, value: { name: 'Peerscape', version: '0.0.0-test', shell: 'browser' } });
  });

  it('lists profiles from the files named by the environment', async () => {
    const home = makeTempHome({ config: '[profile sandbox-a]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:4566\n' });
    const { client } = loopbackMainApi(home);
    const result = await client.listProfiles({});
    expect(result.ok && result.value.profiles.map((p) => p.name)).toEqual(['sandbox-a']);
  });

  it('answers malformed input with a typed error instead of crashing', async () => {
    const { client } = loopbackMainApi(makeTempHome());
    // @ts-expect-error: deliberately wrong input, as a compromised or buggy page could send
    const result = await client.listProfiles({ path: '/etc/shadow' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('delivers pushed events, cloned like IPC would', async () => {
    const home = makeTempHome();
    const { client, emit } = loopbackMainApi(home);
    const seen: unknown[] = [];
    const stop = client.on('discoveryProgressed', (p) => seen.push(p));
    const payload = { runId: 'r1', cells: [], finished: true };
    emit('discoveryProgressed', payload);
    stop();
    emit('discoveryProgressed', payload);
    expect(seen).toEqual([payload]);
    expect(seen[0]).not.toBe(payload);
  });
});

describe('workspace methods', () => {
  const snapshot = buildSnapshot(
    topology({
      accounts: [{ id: '111111111111', profiles: ['a'] }],
      vpcs: [{ id: 'vpc-0a', accountId: '111111111111', region: 'us-east-1', tags: {}, isDefault: false, state: 'available', cidrBlocks: [{ cidr: '10.0.0.0/16', family: 'ipv4', primary: true, state: 'associated' }] }],
    }),
    { takenAt: '2026-11-23T10:00:00.000Z', source: 'sandbox:demo', coverage: [{ profile: 'a', accountId: '111111111111', region: 'us-east-1', state: 'complete' }] },
  );

  it('starts empty, then imports, persists and exports a snapshot, announcing it', async () => {
    const home = makeTempHome();
    const { client } = loopbackMainApi(home);
    const before = await client.getWorkspace({});
    expect(before.ok && before.value.snapshot).toBeFalsy();
    const updates: unknown[] = [];
    client.on('snapshotUpdated', (s) => updates.push(s));
    expect(await client.importSnapshot({ json: JSON.stringify(snapshot) })).toEqual({ ok: true, value: snapshot });
    expect(updates).toEqual([snapshot]);
    const reopened = loopbackMainApi(home).client;
    const after = await reopened.getWorkspace({});
    expect(after.ok && after.value.snapshot).toEqual(snapshot);
    const exported = await reopened.exportSnapshot({});
    expect(exported.ok && JSON.parse(exported.value.json)).toEqual(snapshot);
    expect(exported.ok && exported.value.filename).toBe('peerscape-snapshot-2026-11-23T10-00-00-000Z.json');
  });

  it('refuses a file that is not a snapshot, naming the bad field, and keeps the old one', async () => {
    const home = makeTempHome();
    const { client } = loopbackMainApi(home);
    await client.importSnapshot({ json: JSON.stringify(snapshot) });
    const bad = { ...snapshot, topology: { ...snapshot.topology, vpcs: [{ ...snapshot.topology.vpcs[0], accountId: '12' }] } };
    const result = await client.importSnapshot({ json: JSON.stringify(bad) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('topology.vpcs.0.accountId') } });
    const ws = await client.getWorkspace({});
    expect(ws.ok && ws.value.snapshot).toEqual(snapshot);
  });

  it('keeps dragged positions across restarts until reset', async () => {
    const home = makeTempHome();
    const { client } = loopbackMainApi(home);
    await client.savePositions({ positions: { 'vpc-0a': { x: 10, y: 20 } } });
    await client.savePositions({ positions: { 'vpc-0b': { x: -5, y: 7.5 } } });
    const reopened = loopbackMainApi(home).client;
    const ws = await reopened.getWorkspace({});
    expect(ws.ok && ws.value.positions).toEqual({ 'vpc-0a': { x: 10, y: 20 }, 'vpc-0b': { x: -5, y: 7.5 } });
    expect(await reopened.resetPositions({})).toEqual({ ok: true, value: { cleared: 2 } });
    const cleared = await reopened.getWorkspace({});
    expect(cleared.ok && cleared.value.positions).toEqual({});
  });
});
