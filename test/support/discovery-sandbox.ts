/** An empty sandbox cloud for discovery tests: its AWS files in a fresh home, an EC2 client per profile, and a scan of the network and prod accounts in us-east-1. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EC2Client } from '@aws-sdk/client-ec2';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { runDiscovery, type DiscoveryDeps } from '../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../electron/discovery/scan-pool';
import type { Snapshot } from '../../shared/model/snapshot';

export interface DiscoverySandbox {
  readonly server: SandboxServer;
  /** Discovery's dependencies, reading the sandbox's AWS files, at a fixed time. */
  readonly deps: Omit<DiscoveryDeps, 'limits'>;
  /** Account id by profile. */
  readonly accounts: Readonly<Record<string, string>>;
  /** An EC2 client of `profile` in us-east-1, without retries. */
  client(profile: string): EC2Client;
  /** Scan sandbox-network and sandbox-prod in us-east-1 on `scanThreads` threads; `counted` gets, per account, how many pages of `action` it cost. */
  scan(scanThreads: number, action: string, counted?: Record<string, number>): Promise<Snapshot>;
  /** Close the scan pools and the server. */
  close(): Promise<void>;
}

/** Start an empty sandbox whose AWS files live in a fresh home named after `homePrefix`. */
export async function startDiscoverySandbox(homePrefix: string): Promise<DiscoverySandbox> {
  const server = await startSandboxServer({ scenario: 'empty', log: () => undefined });
  const home = mkdtempSync(join(tmpdir(), homePrefix));
  const files = await server.writeAwsFiles(join(home, '.aws'));
  const deps = { env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, homeDir: home, now: () => new Date('2026-12-07T12:00:00Z') };
  const accounts = Object.fromEntries(server.accounts.map((a) => [a.profile, a.accountId]));
  return {
    server,
    deps,
    accounts,
    client(profile) {
      const a = server.accounts.find((x) => x.profile === profile);
      if (!a) throw new Error(`The sandbox has no profile ${profile}; it has ${server.accounts.map((x) => x.profile).join(', ')}.`);
      return new EC2Client({ endpoint: server.endpoint, region: 'us-east-1', credentials: { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey }, maxAttempts: 1 });
    },
    async scan(scanThreads, action, counted = {}) {
      const r = await runDiscovery(
        { profiles: ['sandbox-network', 'sandbox-prod'], regions: ['us-east-1'] },
        { ...deps, limits: { scanThreads }, onCellScanned: (c) => void (counted[c.accountId] = c.pages[action as keyof typeof c.pages]) },
      );
      if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
      return r.value;
    },
    async close() {
      await closeSharedScanPools();
      await server.close();
    },
  };
}
