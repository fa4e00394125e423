/** The actions as API methods, against the sandbox: parsed input in, Result out, events pushed. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AcceptVpcPeeringConnectionCommand, CreateVpcPeeringConnectionCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createActionsService, type ActionsService } from '../../../electron/actions/actions-service';
import type { AuditEntry } from '../../../shared/planning/audit-entry';
import type { Result } from '../../../shared/core/result';
import type { Topology } from '../../../shared/model/topology';
import { deletePeeringInput, exportAuditInput, listAuditInput, planPeeringInput, planRunInput } from '../../../shared/planning/action-inputs';
import type { PlanRun } from '../../../shared/planning/plan-run';
import { discover, fastClock, peeringStatus, routesToPeering, seedVpc, startSandboxCloud, type TestCloud } from './test-cloud';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} / ${r.error.fix}`);
  return r.value;
}

describe('actions service against the sandbox', () => {
  let cloud: TestCloud;
  let topology: Topology | undefined;
  let hideAccount: string | undefined;
  const progress: PlanRun[] = [];
  const audited: AuditEntry[] = [];
  const finished: PlanRun[] = [];
  let service: ActionsService;

  beforeAll(async () => {
    cloud = await startSandboxCloud();
    service = createActionsService({
      env: cloud.env,
      homeDir: cloud.home,
      dataDir: mkdtempSync(join(tmpdir(), 'peerscape-service-')),
      // The topology the workspace holds; a test may pretend no profile acts in one account.
      loadTopology: async () =>
        topology && hideAccount ? { ...topology, accounts: topology.accounts.map((a) => (a.id === hideAccount ? { ...a, profiles: [] } : a)) } : topology,
      planProgressed: (r) => progress.push(r),
      auditAppended: (e) => audited.push(e),
      runFinished: (r) => finished.push(r),
      now: () => new Date('2026-11-23T12:00:00.000Z'),
      clock: fastClock(cloud),
      settle: { intervalMs: 20, timeoutMs: 5_000 },
      acceptance: { wait: true, pollIntervalMs: 50, timeoutMs: 60_000 },
    });
  });
  afterAll(async () => {
    service?.dispose();
    await cloud?.stop();
  });

  it('says to scan first when there is no topology yet', async () => {
    const r = await service.planPeering(planPeeringInput.parse({ requesterVpcId: 'vpc-1', accepterVpcId: 'vpc-2' }));
    expect(r.ok || r.error).toMatchObject({ code: 'not-found', fix: expect.stringContaining('scan') });
  });

  it('parses inputs with messages that say what to fix', () => {
    const bad = planPeeringInput.safeParse({ requesterVpcId: 'vpc_1', accepterVpcId: 'vpc-2', name: ' ' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['a VPC id like vpc-0123456789abcdef0', 'the name cannot be blank']);
    expect(listAuditInput.parse({})).toEqual({ filter: {}, limit: 500 });
    expect(exportAuditInput.safeParse({ filter: { from: 'yesterday' } }).error?.issues[0]?.message).toBe('an ISO 8601 time like 2026-11-23T12:00:00Z');
    expect(deletePeeringInput.safeParse({ peeringId: 'pcx-1' }).success).toBe(false);
  });

  it('plans, exports as CLI with the sandbox endpoint, dry-runs, runs and audits a peering; the checklist is then complete but for DNS and rules', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    topology = await discover(cloud, ['us-east-1']);
    const plan = must(await service.planPeering(planPeeringInput.parse({ requesterVpcId: r.vpcId, accepterVpcId: x.vpcId, name: 'app-db' })));
    expect(plan.id).toMatch(/^create-/);
    const cli = must(await service.getPlanCli(planRunInput.parse({ planId: plan.id })));
    expect(cli.commands[0]!.command).toContain(`--endpoint-url ${cloud.endpoint}`);
    expect(cli.script.startsWith('#!/bin/sh')).toBe(true);

    const dry = must(await service.dryRunPlan({ planId: plan.id }));
    expect(dry.outcome).toBe('dry-run-passed');
    const run = must(await service.runPlan({ planId: plan.id }));
    expect(run.outcome).toBe('completed');
    expect(must(await service.getPlanRun({ runId: run.runId })).outcome).toBe('completed');
    expect(progress.some((p) => p.runId === run.runId && p.phase === 'running')).toBe(true);
    expect(finished.map((f) => f.runId)).toContain(run.runId);
    expect(audited.some((e) => e.action === 'AcceptVpcPeeringConnection' && e.outcome === 'ok')).toBe(true);

    const page = must(await service.listAudit(listAuditInput.parse({ filter: { actions: ['CreateRoute'], outcomes: ['ok'] } })));
    expect(page.entries).toHaveLength(4);
    const csv = must(await service.exportAudit(exportAuditInput.parse({ format: 'csv' })));
    expect(csv.filename).toBe('peerscape-audit-2026-11-23T12-00-00-000Z.csv');

    topology = await discover(cloud, ['us-east-1']);
    const list = must(await service.getPeeringChecklist({ peeringId: run.peeringId! }));
    expect(list.items.map((i) => `${i.id}:${i.state}`)).toEqual(['requested:done', 'accepted:done', 'requester-routes:done', 'accepter-routes:done', 'security-groups:todo', 'dns:optional']);
  });

  it('refuses to run a plan twice at once, and an unknown plan or step', async () => {
    const unknown = await service.runPlan({ planId: 'nope' });
    expect(unknown.ok || unknown.error.code).toBe('not-found');
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    topology = await discover(cloud, ['us-east-1']);
    const plan = must(await service.planPeering(planPeeringInput.parse({ requesterVpcId: r.vpcId, accepterVpcId: x.vpcId })));
    const badStep = await service.runPlan({ planId: plan.id, disabledStepIds: ['no-such-step'] });
    expect(badStep.ok || badStep.error.message).toContain('has no step no-such-step');
    const [one, two] = await Promise.all([service.runPlan({ planId: plan.id }), service.runPlan({ planId: plan.id })]);
    expect([one.ok, two.ok].sort()).toEqual([false, true]);
    const refused = one.ok ? two : one;
    expect(!refused.ok && refused.error.code).toBe('conflict');
  });

  it('returns while waiting for an account without a profile, and finishes in the background once it accepts', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    topology = await discover(cloud, ['us-east-1']);
    hideAccount = cloud.b.accountId;
    try {
      const plan = must(await service.planPeering(planPeeringInput.parse({ requesterVpcId: r.vpcId, accepterVpcId: x.vpcId })));
      const waiting = must(await service.runPlan({ planId: plan.id }));
      expect(waiting.phase).toBe('waiting-for-accepter');
      expect(waiting.handoff?.accountId).toBe(cloud.b.accountId);
      await cloud.ec2(cloud.b, 'us-east-1').send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: waiting.peeringId! }));
      const done = await new Promise<PlanRun>((resolve) => {
        const timer = setInterval(async () => {
          const latest = must(await service.getPlanRun({ runId: waiting.runId }));
          if (latest.phase === 'finished') {
            clearInterval(timer);
            resolve(latest);
          }
        }, 20);
      });
      expect(done.outcome).toBe('completed-with-handoff');
      expect(await routesToPeering(cloud, r, done.peeringId!)).toHaveLength(2);
    } finally {
      hideAccount = undefined;
    }
  });

  it('cancels a run that is waiting, and resumes it later', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    topology = await discover(cloud, ['us-east-1']);
    hideAccount = cloud.b.accountId;
    try {
      const plan = must(await service.planPeering(planPeeringInput.parse({ requesterVpcId: r.vpcId, accepterVpcId: x.vpcId })));
      const waiting = must(await service.runPlan({ planId: plan.id }));
      expect(must(await service.cancelPlanRun({ runId: waiting.runId }))).toEqual({ cancelled: true });
      expect(must(await service.getPlanRun({ runId: waiting.runId })).outcome).toBe('cancelled');
      await cloud.ec2(cloud.b, 'us-east-1').send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: waiting.peeringId! }));
      const resumed = must(await service.resumePlan({ runId: waiting.runId }));
      expect(resumed.outcome).toBe('completed-with-handoff');
    } finally {
      hideAccount = undefined;
    }
  });

  it('accepts with one click as the accepter profile, and makes no other call: routes are their own step', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const req = await cloud.ec2(cloud.a, 'us-east-1').send(new CreateVpcPeeringConnectionCommand({ VpcId: r.vpcId, PeerVpcId: x.vpcId, PeerOwnerId: cloud.b.accountId }));
    const pcx = req.VpcPeeringConnection!.VpcPeeringConnectionId!;
    topology = await discover(cloud, ['us-east-1']);
    const before = audited.length;
    const { plan, run } = must(await service.acceptPeering({ peeringId: pcx as `pcx-${string}` }));
    expect(plan.steps.map((s) => s.kind)).toEqual(['accept']);
    expect(run.outcome).toBe('completed');
    expect(await peeringStatus(cloud, cloud.a, 'us-east-1', pcx)).toBe('active');
    expect(await routesToPeering(cloud, x, pcx)).toEqual([]);
    expect(await routesToPeering(cloud, r, pcx)).toEqual([]);
    const changes = audited.slice(before).filter((e) => e.outcome !== 'dry-run');
    expect(changes.map((e) => [e.action, e.outcome, e.accountId])).toEqual([
      ['AcceptVpcPeeringConnection', 'intent', cloud.b.accountId],
      ['AcceptVpcPeeringConnection', 'ok', cloud.b.accountId],
    ]);
  });

  it('rejects a pending request with one click, and deletes with cleanup after confirmation', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const req = await cloud.ec2(cloud.a, 'us-east-1').send(new CreateVpcPeeringConnectionCommand({ VpcId: r.vpcId, PeerVpcId: x.vpcId, PeerOwnerId: cloud.b.accountId }));
    const pcx = req.VpcPeeringConnection!.VpcPeeringConnectionId! as `pcx-${string}`;
    topology = await discover(cloud, ['us-east-1']);
    const rejected = must(await service.rejectPeering({ peeringId: pcx }));
    expect(rejected.run.outcome).toBe('completed');
    expect(await peeringStatus(cloud, cloud.a, 'us-east-1', pcx)).toBe('rejected');

    const y = await seedVpc(cloud, cloud.b, 'us-east-1');
    topology = await discover(cloud, ['us-east-1']);
    const made = must(await service.runPlan({ planId: must(await service.planPeering(planPeeringInput.parse({ requesterVpcId: r.vpcId, accepterVpcId: y.vpcId }))).id }));
    topology = await discover(cloud, ['us-east-1']);
    const withoutCleanup = must(await service.planDeletion({ peeringId: made.peeringId! }));
    expect(withoutCleanup.steps.filter((s) => s.needsConfirmation)).toHaveLength(4);
    const deleted = must(await service.deletePeering(deletePeeringInput.parse({ peeringId: made.peeringId!, cleanup: true })));
    expect(deleted.run.outcome).toBe('completed');
    expect(await routesToPeering(cloud, r, made.peeringId!)).toEqual([]);
    expect(await routesToPeering(cloud, y, made.peeringId!)).toEqual([]);
  });
});
