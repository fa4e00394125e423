/** `peerscape explain` on a scan of the sandbox demo (every profile, us-east-1 and eu-west-1): from
 * prod-app to shared-services' block that only hub-tgw carries, the hops name the gateway table
 * associated with prod-app's attachment and the route deciding there; from data-lake, whose
 * attachment to hub-tgw waits for the network account's acceptance, the fix is to accept the
 * attachment as the owner, not to create a peering. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import { EXPLAIN_EXIT } from '../../../electron/cli/commands/explain';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../../electron/discovery/scan-pool';
import type { Topology } from '../../../shared/model/topology';
import { runCliOver } from '../../support/cli-run';

describe('explain through the demo transit gateways, on a sandbox scan', () => {
  let server: SandboxServer;
  let files: Record<string, string>;
  let t: Topology;

  beforeAll(async () => {
    server = await startSandboxServer({ scenario: 'demo', log: () => undefined });
    const home = mkdtempSync(join(tmpdir(), 'peerscape-explain-tgw-'));
    const aws = await server.writeAwsFiles(join(home, '.aws'));
    const r = await runDiscovery(
      { profiles: server.accounts.map((a) => a.profile), regions: ['us-east-1', 'eu-west-1'] },
      { env: { AWS_CONFIG_FILE: aws.configFile, AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile }, homeDir: home, now: () => new Date('2026-12-07T12:00:00Z'), limits: { scanThreads: 0 } },
    );
    if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
    files = { 'scan.json': JSON.stringify(r.value) };
    t = r.value.topology;
  });

  afterAll(async () => {
    await closeSharedScanPools();
    await server?.close();
  });

  const vpc = (name: string) => t.vpcs.find((v) => v.name === name)!;
  const profileOf = (accountId: string) => t.accounts.find((a) => a.id === accountId)!.profiles[0]!;
  const hub = () => t.transitGateways.find((g) => g.name === 'hub-tgw')!;
  const attachmentOf = (name: string) => t.transitGatewayAttachments.find((a) => a.transitGatewayId === hub().id && a.resourceId === vpc(name).id)!;

  it("names hub-tgw's table and its deciding route from prod-app to the shared-services block only the gateway carries", async () => {
    const subnet = t.subnets.find((s) => s.vpcId === vpc('prod-app').id && s.cidr === '10.64.16.0/20')!;
    const r = await runCliOver(files, ['explain', '--snapshot', 'scan.json', subnet.id, '10.1.0.10']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXPLAIN_EXIT.reachable);
    const table = hub().options.associationDefaultRouteTableId!;
    const prod = attachmentOf('prod-app');
    const shared = attachmentOf('shared-services');
    expect(r.stdout).toContain(`→ 10.1.0.10 (any traffic): REACHABLE via ${hub().id}`);
    // The VPC table's /15 sends it to the gateway (the peering's /16 covers the other block only) …
    expect(r.stdout).toMatch(new RegExp(`\\[pass\\] source-route .*routes to the destination through ${hub().id}: 10\\.0\\.0\\.0/15 → ${hub().id} \\(transit gateway\\); ${table}: 10\\.1\\.0\\.0/16 → ${shared.id} \\(propagated\\)\\.`));
    // … and the path names the gateway table associated with prod-app's attachment, and the way out.
    expect(r.stdout).toContain(`→ ${hub().id} by ${prod.id} → ${table} (associated with ${prod.id}): 10.1.0.0/16 → ${shared.id} (propagated) → out by ${shared.id} (vpc ${vpc('shared-services').id})`);
    expect(r.stdout).toContain(`delivered in ${vpc('shared-services').id}`);
  });

  it("says data-lake's attachment is pendingAcceptance and gives the owner account's accept command, not a peering", async () => {
    const pending = attachmentOf('data-lake');
    expect(pending.state).toBe('pendingAcceptance');
    const r = await runCliOver(files, ['explain', '--snapshot', 'scan.json', vpc('data-lake').id, vpc('shared-services').id]);
    expect(r.code).toBe(EXPLAIN_EXIT.unreachable);
    expect(r.stdout).toMatch(new RegExp(`\\[FAIL\\] peering .*attachment ${pending.id} to ${hub().id} is pendingAcceptance`));
    expect(r.stdout).toContain(
      `fix: Accept ${pending.id} as the gateway's owner, account ${hub().accountId}: aws ec2 accept-transit-gateway-vpc-attachment --transit-gateway-attachment-id ${pending.id} --profile ${profileOf(hub().accountId)} --region us-east-1`,
    );
    // The route fix runs in data-lake's own account, with its profile.
    expect(r.stdout).toMatch(
      new RegExp(`fix: Route 10\\.0\\.0\\.0/16 to ${hub().id} in rtb-\\w+: aws ec2 create-route .*--transit-gateway-id ${hub().id} --profile ${profileOf(vpc('data-lake').accountId)} --region us-east-1`),
    );
    expect(r.stdout).not.toContain('Create a peering');
    // The route hops follow the gateway: data-lake's table has no route to it yet.
    expect(r.stdout).toMatch(new RegExp(`\\[FAIL\\] source-route .*does not send 10\\.0\\.0\\.0/16 to ${hub().id}`));
    expect(r.stdout).not.toContain('tgw-unknown');
    const json = JSON.parse((await runCliOver(files, ['explain', '--snapshot', 'scan.json', vpc('data-lake').id, vpc('shared-services').id, '--json'])).stdout) as {
      checks: { kind: string; blockedBy?: unknown }[];
    };
    expect(json.checks.find((c) => c.kind === 'peering')?.blockedBy).toMatchObject({ kind: 'transit-gateway', reason: 'attachment-not-available', transitGatewayId: hub().id, attachmentId: pending.id });
  });
});
