import { describe, expect, it } from 'vitest';

import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';

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
