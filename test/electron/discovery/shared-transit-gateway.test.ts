/** Discovery of the demo's shared transit gateway, as the SDK reads the sandbox: the network
 * account's hub shared through RAM with two accounts, an attachment from each (one waiting for
 * the owner's acceptance), a peering to a second region; and what a scan without the owner's
 * account knows of it (the gateway and its own attachment, routing unread). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { runDiscovery, type DiscoveryDeps } from '../../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../../electron/discovery/scan-pool';
import type { Snapshot } from '../../../shared/model/snapshot';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';

describe('discovery of a transit gateway shared through RAM (the sandbox demo)', () => {
  let server: SandboxServer;
  let deps: Omit<DiscoveryDeps, 'limits'>;
  let account: Record<string, string>;

  const scan = async (profiles: string[]): Promise<Snapshot> => {
    const r = await runDiscovery({ profiles, regions: ['us-east-1', 'eu-west-1'] }, { ...deps, limits: { scanThreads: 0 } });
    if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
    return r.value;
  };

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'demo', log: () => undefined });
    const home = mkdtempSync(join(tmpdir(), 'peerscape-shared-tgw-'));
    const files = await server.writeAwsFiles(join(home, '.aws'));
    deps = { env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile }, homeDir: home, now: () => new Date('2026-12-07T12:00:00Z') };
    account = Object.fromEntries(server.accounts.map((a) => [a.profile, a.accountId]));
  });

  afterAll(async () => {
    await closeSharedScanPools();
    await server?.close();
  });

  it('scanning the owner and the accounts it shares with gives one gateway, its routing read, and every attachment once', async () => {
    const snap = await scan(['sandbox-network', 'sandbox-prod', 'sandbox-data']);
    expect(parseSnapshot(JSON.stringify(snap)).ok).toBe(true);
    const t = snap.topology;
    const hub = t.transitGateways.find((g) => g.name === 'hub-tgw')!;
    expect(hub).toMatchObject({ accountId: account['sandbox-network'], region: 'us-east-1', routing: { state: 'read' } });
    expect(hub.sharedWith).toEqual([account['sandbox-prod'], account['sandbox-data']].sort());
    expect(t.transitGateways.filter((g) => g.id === hub.id)).toHaveLength(1);

    const vpcName = (id: string) => t.vpcs.find((v) => v.id === id)?.name;
    const attachments = t.transitGatewayAttachments.filter((a) => a.transitGatewayId === hub.id && a.resourceType === 'vpc');
    expect(attachments.map((a) => [vpcName(a.resourceId), a.state, a.resourceOwnerId]).sort()).toEqual(
      [
        ['data-lake', 'pendingAcceptance', account['sandbox-data']],
        ['prod-app', 'available', account['sandbox-prod']],
        ['shared-services', 'available', account['sandbox-network']],
      ].sort(),
    );
    // The prod account's attachment is listed by both sides; the owner's view gives its association.
    const prod = attachments.find((a) => vpcName(a.resourceId) === 'prod-app')!;
    expect(prod.listedBy).toEqual([account['sandbox-network'], account['sandbox-prod']].sort());
    expect(prod.association?.routeTableId).toBe(hub.options.associationDefaultRouteTableId);
    expect(prod.vpc?.subnets.every((s) => s.availabilityZone?.startsWith('us-east-1'))).toBe(true);

    // The owner's default table learned the accepted VPCs' blocks, not the pending one's.
    const table = t.transitGatewayRouteTables.find((r) => r.id === hub.options.associationDefaultRouteTableId)!;
    const propagatedTo = new Set(table.routes.filter((r) => r.type === 'propagated').flatMap((r) => r.targets.map((x) => x.attachmentId)));
    expect(propagatedTo.has(prod.id)).toBe(true);
    const pending = attachments.find((a) => a.state === 'pendingAcceptance')!;
    expect(propagatedTo.has(pending.id)).toBe(false);

    // The peering to eu-west-1 is one record, and a static route on each side names it.
    const eu = t.transitGateways.find((g) => g.name === 'eu-tgw')!;
    const peering = t.transitGatewayPeerings.find((p) => p.requester.transitGatewayId === hub.id)!;
    expect(peering).toMatchObject({ state: 'available', accepter: { transitGatewayId: eu.id, region: 'eu-west-1' } });
    for (const gateway of [hub, eu]) {
      const routes = t.transitGatewayRouteTables.filter((r) => r.transitGatewayId === gateway.id).flatMap((r) => r.routes);
      expect(routes.some((r) => r.type === 'static' && r.targets.some((x) => x.attachmentId === peering.id))).toBe(true);
    }
  });

  it('without the owner\'s account, the gateway is known from the share and its routing is unread, never empty', async () => {
    const snap = await scan(['sandbox-prod']);
    const t = snap.topology;
    const hub = t.transitGateways.find((g) => g.name === 'hub-tgw')!;
    expect(hub).toMatchObject({ accountId: account['sandbox-network'], routing: { state: 'unread', reason: 'owner-not-scanned' } });
    expect(hub.sharedWith).toEqual([account['sandbox-prod']]);
    expect(t.transitGatewayRouteTables.filter((r) => r.transitGatewayId === hub.id)).toEqual([]);
    const own = t.transitGatewayAttachments.filter((a) => a.transitGatewayId === hub.id);
    expect(own.map((a) => [t.vpcs.find((v) => v.id === a.resourceId)?.name, a.state])).toEqual([['prod-app', 'available']]);
  });
});
