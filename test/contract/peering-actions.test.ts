/**
 * The drag-to-peer flow through the one API, as the UI drives it, against the sandbox demo:
 * plan → CLI preview → DryRun → run → the app rescans → the peering is active with routes
 * complete on both sides; Debian's AWS CLI sees the same routes; delete cleans them up; every
 * mutating call is in the audit log and was pushed as an event.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MainApi } from '../../electron/api/main-api';
import type { PeerscapeClient } from '../../shared/api/contract';
import type { AuditEntry } from '../../shared/planning/audit-entry';
import { computeRouteCompleteness } from '../../shared/analysis/route-completeness';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Vpc } from '../../shared/model/topology';
import type { PlanRun } from '../../shared/planning/plan-run';
import { validatePeering } from '../../shared/analysis/validate-peering';
import type { Loopback } from '../support/loopback-transport';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';
import { must, nextSnapshot, scanSandbox } from '../support/scan-through-api';

const run = promisify(execFile);

/** The first pair (by id) AWS would let peer, of the asked kind, both with subnets (so both route),
 * with or without warnings (a routing ambiguity makes a route conflict). */
function pairOf(s: Snapshot, sameAccount: boolean, sameRegion: boolean, warned = false): [Vpc, Vpc] {
  const withSubnets = new Set(s.topology.subnets.map((n) => n.vpcId));
  const vpcs = [...s.topology.vpcs].filter((v) => withSubnets.has(v.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const a of vpcs) {
    for (const b of vpcs) {
      if (a.id === b.id || (a.accountId === b.accountId) !== sameAccount || (a.region === b.region) !== sameRegion) continue;
      const verdict = validatePeering(s.topology, a.id, b.id);
      if (verdict.ok && verdict.warnings.length > 0 === warned) return [a, b];
    }
  }
  throw new Error(`the demo has no peerable pair (same account ${sameAccount}, same region ${sameRegion})`);
}

function routeSides(s: Snapshot, peeringId: string) {
  const c = computeRouteCompleteness(s.topology).find((r) => r.peeringId === peeringId);
  return c ? [c.requester, c.accepter] : undefined;
}

describe('peering actions through the API, against the sandbox demo', () => {
  let loop: Loopback<MainApi>;
  let client: PeerscapeClient;
  let home: ReturnType<typeof makeTempHome>;
  let demo: Snapshot;
  const progress: PlanRun[] = [];
  const audited: AuditEntry[] = [];

  beforeAll(async () => {
    home = makeTempHome();
    loop = loopbackMainApi(home);
    client = loop.client;
    client.on('planProgressed', (r) => progress.push(r));
    client.on('auditAppended', (e) => audited.push(e));
    must(await client.startSandbox({}));
    demo = await scanSandbox(client);
  }, 120_000);
  afterAll(async () => {
    await loop?.api.dispose();
  });

  it('refuses malformed plans with what to fix, and unknown plans with where to start', async () => {
    const bad = await client.planPeering({ requesterVpcId: 'my-vpc', accepterVpcId: 'vpc-1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('vpc-0123456789abcdef0') } });
    expect(await client.runPlan({ planId: 'peering-nope' })).toMatchObject({ ok: false, error: { code: 'not-found', fix: expect.stringContaining('plan again') } });
  });

  it('refuses a plan for two VPCs that cannot peer, naming both blocks', async () => {
    const conflict = demo.topology.vpcs.flatMap((a) =>
      demo.topology.vpcs.filter((b) => b.id !== a.id && validatePeering(demo.topology, a.id, b.id).reasons.some((r) => r.code === 'cidr-overlap')).map((b) => [a, b] as const),
    )[0];
    expect(conflict).toBeDefined();
    const r = await client.planPeering({ requesterVpcId: conflict![0].id, accepterVpcId: conflict![1].id });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toMatch(/overlap/i);
  });

  it('plans, previews as CLI, dry-runs and runs a same-account peering until traffic can flow', async () => {
    const [requester, accepter] = pairOf(demo, true, true);
    const plan = must(await client.planPeering({ requesterVpcId: requester.id, accepterVpcId: accepter.id, name: 'contract-same-account' }));
    expect(plan.steps.map((s) => s.kind)).toEqual(expect.arrayContaining(['create', 'accept', 'create-route']));
    expect(plan.steps.every((s) => s.accountId && s.region)).toBe(true);

    const cli = must(await client.getPlanCli({ planId: plan.id }));
    expect(cli.script).toContain(`create-vpc-peering-connection`);
    expect(cli.script).toContain(`--vpc-id ${requester.id}`);
    expect(cli.script).toContain('--endpoint-url http://127.0.0.1:');
    await run('bash', ['-n', '-c', cli.script]);

    const dry = must(await client.dryRunPlan({ planId: plan.id }));
    expect(dry.outcome).toBe('dry-run-passed');
    const auditedBefore = audited.length;

    const active = nextSnapshot(client, (s) => s.topology.peerings.some((p) => p.name === 'contract-same-account' && p.status === 'active'));
    const result = must(await client.runPlan({ planId: plan.id }));
    expect(result.outcome).toBe('completed');
    expect(result.peeringId).toMatch(/^pcx-/);
    expect(progress.some((r) => r.runId === result.runId && r.phase === 'running')).toBe(true);

    // The app rescans on its own; the new snapshot shows the peering active with complete routes.
    const after = await active;
    const sides = routeSides(after, result.peeringId!);
    expect(sides?.map((s) => s.summary)).toEqual(['complete', 'complete']);

    // The audit log holds every call, pushed as it happened, and the list agrees.
    const actions = audited.slice(auditedBefore).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['CreateVpcPeeringConnection', 'AcceptVpcPeeringConnection', 'CreateRoute']));
    const page = must(await client.listAudit({ filter: { actions: ['CreateRoute'], outcomes: ['ok'] } }));
    expect(page.entries.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(page.entries)).not.toMatch(/aws_secret|SecretAccessKey/i);

    // The checklist agrees: accepted and both sides' routes done.
    const checklist = must(await client.getPeeringChecklist({ peeringId: result.peeringId! }));
    expect(checklist.items.filter((i) => ['accepted', 'requester-routes', 'accepter-routes'].includes(i.id)).map((i) => i.state)).toEqual(['done', 'done', 'done']);

    // Debian's AWS CLI, pointed at the sandbox, sees the routes too.
    if (existsSync('/usr/bin/aws')) {
      const sandboxDir = join(home.home, 'data', 'sandbox');
      const endpoint = must(await client.getWorkspace({})).sandbox.endpoint!;
      const profile = after.topology.accounts.find((a) => a.id === requester.accountId)!.profiles[0]!;
      const { stdout } = await run(
        '/usr/bin/aws',
        ['ec2', 'describe-route-tables', '--endpoint-url', endpoint, '--region', requester.region, '--profile', profile, '--filters', `Name=route.vpc-peering-connection-id,Values=${result.peeringId}`, '--output', 'json'],
        { env: { PATH: process.env.PATH ?? '', HOME: home.home, AWS_CONFIG_FILE: join(sandboxDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(sandboxDir, 'credentials'), AWS_PAGER: '' } },
      );
      const tables = (JSON.parse(stdout) as { RouteTables: { VpcId: string; Routes: { VpcPeeringConnectionId?: string; DestinationCidrBlock?: string }[] }[] }).RouteTables;
      expect(new Set(tables.map((t) => t.VpcId))).toEqual(new Set([requester.id, accepter.id]));
      const toPeer = tables.filter((t) => t.VpcId === requester.id).flatMap((t) => t.Routes.filter((r) => r.VpcPeeringConnectionId === result.peeringId).map((r) => r.DestinationCidrBlock));
      expect(toPeer).toContain(accepter.cidrBlocks[0]!.cidr);
    }

    // Delete with cleanup: the peering goes and so do its routes.
    const gone = nextSnapshot(client, (s) => !s.topology.peerings.some((p) => p.id === result.peeringId && p.status === 'active'));
    const deleted = must(await client.deletePeering({ peeringId: result.peeringId!, cleanup: true }));
    expect(deleted.run.outcome).toBe('completed');
    const afterDelete = await gone;
    const routesLeft = afterDelete.topology.routeTables.flatMap((t) => t.routes.filter((r) => r.target.kind === 'peering' && r.target.peeringId === result.peeringId));
    expect(routesLeft).toEqual([]);
    expect(audited.map((e) => e.action)).toEqual(expect.arrayContaining(['DeleteRoute', 'DeleteVpcPeeringConnection']));
  }, 120_000);

  it('runs a cross-account, cross-region peering, accepting with the other account\'s profile', async () => {
    const [requester, accepter] = pairOf(demo, false, false);
    const plan = must(await client.planPeering({ requesterVpcId: requester.id, accepterVpcId: accepter.id, name: 'contract-cross' }));
    const create = plan.steps.find((s) => s.kind === 'create')!;
    const accept = plan.steps.find((s) => s.kind === 'accept')!;
    expect([create.accountId, create.region]).toEqual([requester.accountId, requester.region]);
    expect([accept.accountId, accept.region]).toEqual([accepter.accountId, accepter.region]);
    expect(accept.profile).toBeDefined();

    const result = must(await client.runPlan({ planId: plan.id }));
    expect(result.outcome).toBe('completed');
    expect(result.steps.every((s) => s.status === 'done')).toBe(true);
    // A rescan started by the previous test's deletion may still land first; the one after this run shows it all.
    const after = await nextSnapshot(client, (s) => routeSides(s, result.peeringId!)?.every((side) => side.summary === 'complete') ?? false);
    expect(after.topology.peerings.find((p) => p.id === result.peeringId)?.status).toBe('active');
    const created = audited.find((e) => e.action === 'CreateVpcPeeringConnection' && e.outcome === 'ok' && e.region === requester.region && e.accountId === requester.accountId);
    expect(created).toBeDefined();
    expect(audited.some((e) => e.action === 'AcceptVpcPeeringConnection' && e.outcome === 'ok' && e.accountId === accepter.accountId && e.region === accepter.region)).toBe(true);
  }, 120_000);

  it('stops on a route that points elsewhere, and resumes with the user\'s decision', async () => {
    const [requester, accepter] = pairOf(demo, false, false, true);
    const plan = must(await client.planPeering({ requesterVpcId: requester.id, accepterVpcId: accepter.id, name: 'contract-ambiguous' }));
    expect(plan.notes.some((n) => n.level === 'warning')).toBe(true);
    const first = must(await client.runPlan({ planId: plan.id }));
    expect(first.outcome).toBe('conflict');
    const conflicted = first.steps.find((s) => s.status === 'conflict')!;
    expect(conflicted.conflict?.currentTarget).toMatch(/^pcx-/);
    expect(conflicted.message).toMatch(/replace it .* or skip/);
    // Steps after the conflict were not run; the peering exists but nothing else changed.
    expect(first.steps.some((s) => s.status === 'not-run')).toBe(true);
    // The stopped run is saved and listed with its plan, so it can be resumed after a restart too.
    const saved = must(await client.listRuns({}));
    expect(saved.find((r) => r.run.runId === first.runId)).toMatchObject({ plan: { id: plan.id }, run: { outcome: 'conflict' }, active: false, unresolvedCalls: 0 });
    expect(await client.discardRun({ runId: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const resumed = must(await client.resumePlan({ runId: first.runId, decisions: { [conflicted.stepId]: 'skip' } }));
    expect(resumed.outcome).toBe('completed');
    expect(resumed.steps.find((s) => s.stepId === conflicted.stepId)?.status).toBe('skipped');
    expect(must(await client.listRuns({})).some((r) => r.run.runId === first.runId)).toBe(false);
    // The existing route still points where it did: skipping changed nothing there.
    const after = await nextSnapshot(client, (s) => s.topology.peerings.some((p) => p.id === resumed.peeringId && p.status === 'active'));
    const table = after.topology.routeTables.find((t) => t.id === conflicted.conflict!.routeTableId)!;
    expect(table.routes.find((r) => r.destination === conflicted.conflict!.destination)?.target).toMatchObject({ kind: 'peering', peeringId: conflicted.conflict!.currentTarget });
  }, 120_000);

  it('rejects a pending request from the accepter\'s side in one call; the rescan shows it rejected', async () => {
    const pending = demo.topology.peerings.find((p) => p.status === 'pending-acceptance' && demo.topology.accounts.find((a) => a.id === p.accepter.accountId)?.profiles.length)!;
    expect(pending).toBeDefined();
    const rejected = nextSnapshot(client, (s) => s.topology.peerings.some((p) => p.id === pending.id && p.status === 'rejected'));
    const r = must(await client.rejectPeering({ peeringId: pending.id }));
    expect(r.plan.steps.map((s) => [s.action, s.accountId, s.region])).toEqual([['RejectVpcPeeringConnection', pending.accepter.accountId, pending.accepter.region]]);
    expect(r.run.outcome).toBe('completed');
    await rejected;
    // Rejecting again is refused with the reason, not sent to AWS.
    const again = await client.rejectPeering({ peeringId: pending.id });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.error.message).toMatch(/rejected/);
  }, 120_000);
});
