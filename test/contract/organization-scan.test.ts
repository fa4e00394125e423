/** The organisation scan through the API, as the Add-organization dialog drives it: read the
 * roster of a sign-in, then scan the organisation; the workspace's snapshot holds the roster. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { MainApi } from '../../electron/api/main-api';
import type { Loopback } from '../support/loopback-transport';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';
import { must, scanThroughApi } from '../support/scan-through-api';

const open: Loopback<MainApi>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.api.dispose()));
});

describe('an organisation through the API', () => {
  it('reads the roster of the sandbox organisation, then scans it account × region', async () => {
    const loop = loopbackMainApi(makeTempHome());
    open.push(loop);
    const { client } = loop;
    must(await client.startSandbox({}));
    const org = must(await client.readOrganization({ source: 'sandbox', profile: 'sandbox-network' }));
    expect(org.source).toBe('organizations');
    expect(org.accounts.map((a) => a.status).sort()).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED']);

    const { last, progress } = await scanThroughApi(client, { source: 'sandbox', organization: { profile: 'sandbox-network', regions: ['us-east-1', 'eu-west-1'] } });
    expect(last.error).toBeUndefined();
    expect(progress.flatMap((p) => p.cells).some((c) => c.ouPath === 'Workloads/Production' && c.accountName && c.accountId === '444455556666')).toBe(true);
    const snapshot = must(await client.getWorkspace({})).snapshot!;
    expect(snapshot.organization?.accounts).toHaveLength(5);
    expect(snapshot.coverage.filter((c) => c.region !== '*').map((c) => c.state)).toEqual(Array(8).fill('complete'));
    expect(snapshot.topology.accounts.every((a) => a.name)).toBe(true);
  });

  it('refuses a malformed organisation request, saying what to write', async () => {
    const loop = loopbackMainApi(makeTempHome());
    open.push(loop);
    const { client } = loop;
    must(await client.startSandbox({}));
    expect(await client.startDiscovery({ source: 'sandbox', organization: { profile: 'sandbox-network', roleName: 'has space' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('PeerscapeReadOnly') },
    });
    expect(await client.startDiscovery({ source: 'sandbox', profiles: ['sandbox-prod'], organization: { profile: 'sandbox-network' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', fix: expect.stringContaining('leave profiles and regions out') },
    });
    expect(await client.readOrganization({ source: 'sandbox', profile: 'sandbox-prod' })).toMatchObject({ ok: false, error: { code: 'aws:AccessDeniedException' } });
  });

  it('remembers the last request per source in the workspace settings, across a restart, and nothing secret', async () => {
    const home = makeTempHome();
    const first = loopbackMainApi(home);
    open.push(first);
    must(await first.client.startSandbox({}));
    expect(must(await first.client.getWorkspace({})).organizationRequests).toEqual({});
    const workloads = must(await first.client.readOrganization({ source: 'sandbox', profile: 'sandbox-network' })).units.find((u) => u.name === 'Workloads')!;
    const request = { profile: 'sandbox-network', roleName: 'PeerscapeReadOnly', externalId: 'peerscape-demo-7f3a', ous: [workloads.id], regions: ['us-east-1'] };
    const { last } = await scanThroughApi(first.client, { source: 'sandbox', organization: request });
    expect(last.error).toBeUndefined();
    // Carried over from elsewhere (an older version's page storage): kept per source.
    expect(must(await first.client.rememberOrganization({ source: 'aws', organization: { profile: 'management', allowOrganizationAccountAccessRole: true } }))).toEqual({
      remembered: { profile: 'management', allowOrganizationAccountAccessRole: true },
    });
    await first.api.dispose();

    // The app again, on the same settings.
    const second = loopbackMainApi(home);
    open.push(second);
    expect(must(await second.client.getWorkspace({})).organizationRequests).toEqual({
      sandbox: request,
      aws: { profile: 'management', allowOrganizationAccountAccessRole: true },
    });
    const settings = readFileSync(join(home.home, 'data', 'settings.json'), 'utf8');
    expect(settings).not.toMatch(/secret|token|password|AccessKey|ASIA|AKIA/i);

    expect(await second.client.rememberOrganization({ source: 'aws', organization: { profile: 'management', ous: ['Workloads'] } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('ou-ab12-cd34ef56') },
    });
  });
});
