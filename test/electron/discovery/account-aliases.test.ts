import { mkdtempSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { runDiscovery, type DiscoveryDeps } from '../../../electron/discovery/run-discovery';
import type { Snapshot } from '../../../shared/model/snapshot';

describe('account aliases in profile scans', () => {
  let server: SandboxServer;
  let deps: DiscoveryDeps;
  let ids: Record<string, string>;

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'demo', log: () => undefined });
    const home = mkdtempSync(join(tmpdir(), 'peerscape-aliases-'));
    const files = await server.writeAwsFiles(join(home, '.aws'));
    deps = { env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, homeDir: home, now: () => new Date('2026-12-07T12:00:00Z'), limits: { scanThreads: 0 } };
    ids = Object.fromEntries(server.accounts.map((a) => [a.profile, a.accountId]));
  });
  afterAll(async () => {
    await server.close();
  });

  const scan = async (): Promise<Snapshot> => {
    const r = await runDiscovery({ profiles: ['sandbox-network', 'sandbox-prod'], regions: ['us-east-1'] }, deps);
    if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
    return r.value;
  };

  it('reads each account alias from IAM', async () => {
    const snap = await scan();
    const aliases = Object.fromEntries(snap.topology.accounts.map((a) => [a.id, a.alias]));
    expect(aliases).toEqual({ [ids['sandbox-network']!]: 'example-network', [ids['sandbox-prod']!]: 'example-prod' });
  });

  it('scans every region when ListAccountAliases is refused, leaving the alias out and saying why on the identity row', async () => {
    server.setFaults({ denyActions: [{ action: 'iam:ListAccountAliases', accountId: ids['sandbox-prod']! }] });
    try {
      const snap = await scan();
      const prod = snap.topology.accounts.find((a) => a.id === ids['sandbox-prod']);
      const network = snap.topology.accounts.find((a) => a.id === ids['sandbox-network']);
      expect(prod).toBeDefined();
      expect(prod).not.toHaveProperty('alias');
      expect(network?.alias).toBe('example-network');
      expect(snap.coverage.filter((c) => c.region !== '*').map((c) => [c.profile, c.state])).toEqual([
        ['sandbox-network', 'complete'],
        ['sandbox-prod', 'complete'],
      ]);
      const identity = snap.coverage.find((c) => c.profile === 'sandbox-prod' && c.region === '*');
      expect(identity?.message).toMatch(/alias was not read.*iam:ListAccountAliases/s);
      expect(snap.coverage.find((c) => c.profile === 'sandbox-network' && c.region === '*')?.message).toBeUndefined();
    } finally {
      server.setFaults({});
    }
  });

  it('ends soon after the region scans when IAM never answers, saying so on the identity row', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const iam = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    try {
      const started = performance.now();
      const r = await runDiscovery(
        { profiles: ['sandbox-prod'], regions: ['us-east-1'] },
        { ...deps, env: { ...deps.env, AWS_ENDPOINT_URL_IAM: iam }, limits: { scanThreads: 0, aliasGraceMs: 300 } },
      );
      if (!r.ok) throw new Error(r.error.message);
      // The defaults would give IAM 5 s per attempt and several attempts; the grace ends it.
      expect(performance.now() - started).toBeLessThan(4000);
      expect(r.value.topology.accounts[0]).not.toHaveProperty('alias');
      expect(r.value.coverage.find((c) => c.region === 'us-east-1')?.state).toBe('complete');
      expect(r.value.coverage.find((c) => c.region === '*')?.message).toBe(
        `Account ${ids['sandbox-prod']}'s alias was not read, so it shows under its profile name: IAM (iam:ListAccountAliases at ${iam}) did not answer within 300 ms of the last region scan.`,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 15_000);
});
