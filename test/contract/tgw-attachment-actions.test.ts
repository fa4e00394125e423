/**
 * Attaching a VPC to a transit gateway through the one API, against the sandbox demo with the real
 * SDK: plan → CLI → DryRun → run → the app rescans → the attachment is available, associated,
 * propagating and the VPC routes exist; a cross-account attachment is accepted with the owner's
 * profile; each refusal names its reason; a stopped run resumes; delete removes the routes first.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MainApi } from '../../electron/api/main-api';
import { validateAttachment } from '../../shared/analysis/validate-attachment';
import type { PeerscapeClient } from '../../shared/api/contract';
import type { Snapshot } from '../../shared/model/snapshot';
import type { TransitGateway, Vpc } from '../../shared/model/topology';
import type { AuditEntry } from '../../shared/planning/audit-entry';
import type { AuditRecord } from '../../shared/planning/audit-filter';
import { CreateVpcCommand } from '@aws-sdk/client-ec2';

import type { Loopback } from '../support/loopback-transport';
import { sandboxClient } from '../support/stale-leftovers-setup';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';
import { must, nextSnapshot, scanSandbox } from '../support/scan-through-api';

const run = promisify(execFile);

function hubOf(s: Snapshot): TransitGateway {
  const g = s.topology.transitGateways.find((x) => x.name === 'hub-tgw');
  if (!g) throw new Error('the demo has no hub-tgw');
  return g;
}

/** The first VPC (by id) with subnets that may attach to `g`, same account as its owner or not. */
function attachable(s: Snapshot, g: TransitGateway, sameAccount: boolean, skip: readonly string[] = []): Vpc {
  const withSubnets = new Set(s.topology.subnets.map((n) => n.vpcId));
  const vpc = [...s.topology.vpcs]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .find((v) => withSubnets.has(v.id) && !skip.includes(v.id) && (v.accountId === g.accountId) === sameAccount && validateAttachment(s.topology, v.id, g.id).status === 'possible');
  if (!vpc) throw new Error(`no VPC of the demo can attach to ${g.id} (same account ${sameAccount})`);
  return vpc;
}

function attachmentOf(s: Snapshot, vpcId: string, g: string) {
  return s.topology.transitGatewayAttachments.find((a) => a.vpc?.vpcId === vpcId && a.transitGatewayId === g && !['deleted', 'deleting'].includes(a.state));
}

describe('transit gateway attachments through the API, against the sandbox demo', () => {
  let loop: Loopback<MainApi>;
  let client: PeerscapeClient;
  let home: ReturnType<typeof makeTempHome>;
  let demo: Snapshot;
  const audited: AuditEntry[] = [];

  beforeAll(async () => {
    home = makeTempHome();
    loop = loopbackMainApi(home);
    client = loop.client;
    client.on('auditAppended', (e) => audited.push(e));
    must(await client.startSandbox({}));
    demo = await scanSandbox(client);
  }, 120_000);
  afterAll(async () => {
    await loop?.api.dispose();
  });

  it('refuses each attachment AWS would refuse, with the reason in words', async () => {
    // A VPC of a member account whose block is one the hub's default table already routes.
    const member = hubOf(demo).sharedWith[0]!;
    const table = demo.topology.transitGatewayRouteTables.find((x) => x.id === hubOf(demo).options.associationDefaultRouteTableId)!;
    const taken = table.routes.find((r) => r.type === 'propagated' && r.destination.kind === 'cidr')!;
    const endpoint = must(await client.getWorkspace({})).sandbox.endpoint!;
    const ec2 = sandboxClient(demo.topology, join(home.home, 'data'), endpoint, member, hubOf(demo).region);
    const made = await ec2.send(new CreateVpcCommand({ CidrBlock: taken.destination.kind === 'cidr' ? taken.destination.cidr : '' }));
    const t = (await scanSandbox(client)).topology;
    const g = t.transitGateways.find((x) => x.id === hubOf(demo).id)!;
    const otherRegion = t.vpcs.find((v) => v.region !== g.region && (v.accountId === g.accountId || g.sharedWith.includes(v.accountId)))!;
    const attached = t.transitGatewayAttachments.find((a) => a.transitGatewayId === g.id && a.vpc && a.state === 'available')!;
    const notShared = t.vpcs.find((v) => v.region === g.region && v.accountId !== g.accountId && !g.sharedWith.includes(v.accountId))!;
    const cases: [string, string, RegExp][] = [
      [otherRegion.id, 'other-region', /region/],
      [attached.vpc!.vpcId, 'already-attached', /already attached/],
      [notShared.id, 'not-shared', /not shared with account/],
      [made.Vpc!.VpcId!, 'cidr-overlap', new RegExp(`overlaps ${taken.destination.kind === 'cidr' ? taken.destination.cidr.replace(/\./g, '\\.') : ''} \\(propagated`)],
    ];
    for (const [vpcId, code, words] of cases) {
      expect(validateAttachment(t, vpcId as Vpc['id'], g.id).reasons.map((r) => r.code)).toContain(code);
      const r = await client.planAttachment({ vpcId, transitGatewayId: g.id });
      expect(r.ok, `${code} for ${vpcId}`).toBe(false);
      expect(!r.ok && r.error.message).toMatch(words);
    }
    const bad = await client.planAttachment({ vpcId: 'vpc-1', transitGatewayId: 'my-tgw' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('tgw-0123456789abcdef0') } });
  });

  it('attaches a VPC of the owner\'s account: available, associated, propagating, routed; then deletes it with its routes', async () => {
    const g = hubOf(demo);
    const vpc = attachable(demo, g, true);
    const plan = must(await client.planAttachment({ vpcId: vpc.id, transitGatewayId: g.id, name: 'contract-same-account' }));
    expect(plan.steps[0]).toMatchObject({ kind: 'create-tgw-vpc-attachment', accountId: vpc.accountId, region: vpc.region });
    expect(plan.steps.some((s) => s.kind === 'accept-tgw-vpc-attachment')).toBe(false);
    const routes = plan.steps.filter((s) => s.kind === 'create-route');
    expect(routes.length).toBeGreaterThan(0);
    const cli = must(await client.getPlanCli({ planId: plan.id }));
    expect(cli.script).toContain('create-transit-gateway-vpc-attachment');
    expect(cli.script).toContain('TGW_ATTACH_ID=$(');
    expect(cli.script).toContain(`--transit-gateway-id ${g.id}`);
    await run('bash', ['-n', '-c', cli.script]);

    expect(must(await client.dryRunPlan({ planId: plan.id })).outcome).toBe('dry-run-passed');
    const before = audited.length;
    const seen = nextSnapshot(client, (s) => attachmentOf(s, vpc.id, g.id)?.state === 'available');
    const result = must(await client.runPlan({ planId: plan.id }));
    expect(result.outcome).toBe('completed');
    expect(result.attachmentId).toMatch(/^tgw-attach-/);
    const after = await seen;
    const a = attachmentOf(after, vpc.id, g.id)!;
    expect(a.id).toBe(result.attachmentId);
    expect(a.association?.routeTableId).toBe(g.options.associationDefaultRouteTableId);
    const propTable = after.topology.transitGatewayRouteTables.find((t) => t.id === g.options.propagationDefaultRouteTableId)!;
    expect(propTable.propagations.some((p) => p.attachmentId === a.id)).toBe(true);
    expect(propTable.routes.some((r) => r.type === 'propagated' && r.targets.some((x) => x.attachmentId === a.id))).toBe(true);
    for (const s of routes) {
      const table = after.topology.routeTables.find((t) => t.id === s.target!.routeTableId)!;
      expect(table.routes.find((r) => r.destination === s.target!.destination)?.target).toEqual({ kind: 'other', id: g.id });
    }
    expect(audited.slice(before).map((e) => e.action)).toEqual(expect.arrayContaining(['CreateTransitGatewayVpcAttachment', 'CreateRoute']));

    // Delete: the routes to the gateway first, then the attachment.
    const del = must(await client.planAttachmentDeletion({ attachmentId: a.id }));
    expect(del.steps.map((s) => s.kind)).toEqual([...routes.map(() => 'delete-route'), 'delete-tgw-vpc-attachment']);
    const delCli = must(await client.getPlanCli({ planId: del.id }));
    expect(delCli.script).toContain(`delete-transit-gateway-vpc-attachment --transit-gateway-attachment-id ${a.id}`);
    const gone = nextSnapshot(client, (s) => !attachmentOf(s, vpc.id, g.id));
    expect(must(await client.runPlan({ planId: del.id })).outcome).toBe('completed');
    const cleaned = await gone;
    const left = cleaned.topology.routeTables.filter((t) => t.vpcId === vpc.id).flatMap((t) => t.routes.filter((r) => r.target.kind === 'other' && r.target.id === g.id));
    expect(left).toEqual([]);
    const listed = cleaned.topology.transitGatewayAttachments.find((x) => x.id === a.id);
    expect(listed === undefined || ['deleting', 'deleted'].includes(listed.state)).toBe(true);
  }, 120_000);

  it('attaches a VPC of an account the hub is shared with: the owner\'s profile accepts, and it becomes available', async () => {
    const g = hubOf(demo);
    expect(g.options.autoAcceptSharedAttachments).not.toBe(true);
    const vpc = attachable(demo, g, false);
    const plan = must(await client.planAttachment({ vpcId: vpc.id, transitGatewayId: g.id }));
    const accept = plan.steps.find((s) => s.kind === 'accept-tgw-vpc-attachment')!;
    const owner = demo.topology.accounts.find((x) => x.id === g.accountId)!;
    expect(accept).toMatchObject({ accountId: g.accountId, region: g.region, profile: owner.profiles[0] });
    const cli = must(await client.getPlanCli({ planId: plan.id }));
    expect(cli.script).toContain('accept-transit-gateway-vpc-attachment');
    expect(cli.script).toMatch(/pendingAcceptance/);
    const seen = nextSnapshot(client, (s) => attachmentOf(s, vpc.id, g.id)?.state === 'available');
    const result = must(await client.runPlan({ planId: plan.id }));
    expect(result.outcome).toBe('completed');
    expect(result.steps.find((s) => s.stepId === accept.id)?.status).toBe('done');
    const after = await seen;
    expect(attachmentOf(after, vpc.id, g.id)?.association?.state).toBe('associated');
  }, 120_000);

  it('stops on a route that points elsewhere and resumes without creating the attachment twice', async () => {
    const current = await scanSandbox(client);
    const g = hubOf(current);
    const used = current.topology.transitGatewayAttachments.flatMap((a) => (a.vpc ? [a.vpc.vpcId] : []));
    const vpc = attachable(current, g, true, used);
    // A destination that one of its tables already routes elsewhere (not local): the run asks.
    const table = current.topology.routeTables.find((t) => t.vpcId === vpc.id && t.routes.some((r) => r.target.kind !== 'local' && !r.destination.includes(':') && !r.destination.startsWith('pl-')));
    if (!table) return;
    const taken = table.routes.find((r) => r.target.kind !== 'local' && !r.destination.includes(':') && !r.destination.startsWith('pl-'))!;
    const plan = must(await client.planAttachment({ vpcId: vpc.id, transitGatewayId: g.id, routeTables: [table.id], destinations: [taken.destination] }));
    const first = must(await client.runPlan({ planId: plan.id }));
    expect(first.outcome).toBe('conflict');
    expect(first.attachmentId).toMatch(/^tgw-attach-/);
    const conflicted = first.steps.find((s) => s.status === 'conflict')!;
    const resumed = must(await client.resumePlan({ runId: first.runId, decisions: { [conflicted.stepId]: 'skip' } }));
    expect(resumed.outcome).toBe('completed');
    expect(resumed.attachmentId).toBe(first.attachmentId);
    // The pushed entries carry their run's id (the audit log's lines).
    const creates = (audited as AuditRecord[]).filter((e) => e.runId === first.runId && e.action === 'CreateTransitGatewayVpcAttachment' && e.outcome === 'ok');
    expect(creates).toHaveLength(1);
  }, 120_000);
});
