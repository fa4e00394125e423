/** Saving, loading, exporting and importing snapshots in a data folder. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { createSnapshotStore } from '../../../electron/discovery/snapshot-store';
import type { Snapshot } from '../../../shared/model/snapshot';
import { EMPTY_TOPOLOGY, TOPOLOGY_SCHEMA_VERSION } from '../../../shared/model/topology';

const snapshot: Snapshot = {
  schemaVersion: TOPOLOGY_SCHEMA_VERSION,
  takenAt: '2026-11-23T12:00:00.000Z',
  source: 'aws',
  topology: { ...EMPTY_TOPOLOGY, accounts: [{ id: '111111111111', profiles: ['a', 'b'] }] },
  coverage: [{ profile: 'a', accountId: '111111111111', region: 'eu-west-1', state: 'failed', errorCode: 'OptInRequired', message: 'enable it' }],
};

describe('createSnapshotStore', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'peerscape-store-'));

  it('has nothing to load before the first save, then loads what was saved', async () => {
    const store = createSnapshotStore(join(dir(), 'data'));
    expect(await store.load()).toEqual({ ok: true, value: undefined });
    await store.save(snapshot);
    expect(await store.load()).toEqual({ ok: true, value: snapshot });
  });

  it('reports an unreadable snapshot file instead of loading it', async () => {
    const d = dir();
    const store = createSnapshotStore(d);
    writeFileSync(store.path, '{"schemaVersion": 0}');
    const r = await store.load();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('schemaVersion 0 is not supported');
    // One from a newer Peerscape asks for an upgrade instead.
    writeFileSync(store.path, '{"schemaVersion": 99}');
    const newer = await store.load();
    if (!newer.ok) expect(newer.error.message).toContain(`written by a newer Peerscape (schemaVersion 99; this one reads versions 1 to ${TOPOLOGY_SCHEMA_VERSION}): upgrade Peerscape`);
    expect(newer.ok).toBe(false);
  });

  it('exports the saved snapshot and imports it into another data folder', async () => {
    const a = createSnapshotStore(dir());
    await a.save(snapshot);
    const file = join(dir(), 'export.json');
    expect(await a.exportTo(file)).toEqual({ ok: true, value: file });
    const b = createSnapshotStore(dir());
    expect(await b.importFrom(file)).toEqual({ ok: true, value: snapshot });
    expect(JSON.parse(readFileSync(b.path, 'utf8'))).toEqual(snapshot);
  });

  it('refuses to import a file that is not a snapshot, naming the bad field', async () => {
    const file = join(dir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ ...snapshot, takenAt: 5 }));
    const r = await createSnapshotStore(dir()).importFrom(file);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/takenAt/);
  });

  it('says there is nothing to export before the first scan', async () => {
    const r = await createSnapshotStore(dir()).exportTo(join(dir(), 'x.json'));
    expect(r).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
