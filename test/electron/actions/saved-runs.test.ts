/** Runs saved in the data folder: the store's files, and the service reading them back after a
 * restart (listRuns, resumePlan, discardRun); and a call whose answer is lost while the app runs. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CreateRouteCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createActionsService, type ActionsService, type ActionsServiceDeps } from '../../../electron/actions/actions-service';
import { executePlan } from '../../../electron/actions/execute-plan';
import { createRunStore } from '../../../electron/actions/run-store';
import { createAuditLog } from '../../../electron/audit/audit-log';
import { createCallScheduler } from '../../../electron/aws/call-scheduler';
import type { Result } from '../../../shared/core/result';
import type { Topology } from '../../../shared/model/topology';
import { planPeeringInput } from '../../../shared/planning/action-inputs';
import type { AuditRecord } from '../../../shared/planning/audit-filter';
import { planPeering } from '../../../shared/planning/plan-peering';
import type { PlanRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan } from '../../../shared/planning/plan-types';
import { attachInternetGateway, discover, fastClock, routesToPeering, seedVpc, startSandboxCloud, type TestCloud } from './test-cloud';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} / ${r.error.fix}`);
  return r.value;
}

const NOW = new Date('2026-11-23T12:00:00.000Z');

function fakeRun(runId: string, over: Partial<PlanRun> = {}): PlanRun {
  return { runId, planId: 'create-1', phase: 'finished', outcome: 'completed', steps: [{ stepId: 'create', status: 'done' }], startedAt: NOW.toISOString(), ...over };
}
const fakePlan = { id: 'create-1', purpose: 'create', title: 'Peer a with b', steps: [], notes: [] } as unknown as PeeringPlan;

describe('run store', () => {
  it('writes each run atomically to runs/<runId>.json, readable only by the user, the newest state winning', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-runs-'));
    const store = createRunStore({ dataDir, now: () => NOW });
    const states = Array.from({ length: 20 }, (_, i) => fakeRun('run-1', { phase: 'running', outcome: undefined, steps: [{ stepId: 'create', status: i < 19 ? 'running' : 'done' }] }));
    await Promise.all(states.map((s) => store.save(fakePlan, s)));
    const file = join(dataDir, 'runs', 'run-1.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'peerscape-run', version: 1, plan: { id: 'create-1' }, run: { steps: [{ status: 'done' }] } });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dataDir, 'runs'))).toEqual(['run-1.json']);
  });

  it('never makes a path from a run id that is not one', async () => {
    const store = createRunStore({ dataDir: mkdtempSync(join(tmpdir(), 'peerscape-runs-')), now: () => NOW });
    expect(() => store.save(fakePlan, fakeRun('../../etc/x'))).toThrow('is not a run id');
    await expect(store.remove('../x')).rejects.toThrow('is not a run id');
  });

  it('reads runs back, skipping damaged files and leftovers of a cut-short write', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-runs-'));
    const store = createRunStore({ dataDir, now: () => NOW });
    await store.save(fakePlan, fakeRun('good'));
    writeFileSync(join(dataDir, 'runs', 'torn.json'), '{"format":"peerscape-run","ver');
    writeFileSync(join(dataDir, 'runs', 'good.json.123.tmp'), '{');
    const { runs, unreadable } = await store.loadAll();
    expect(runs.map((r) => r.run.runId)).toEqual(['good']);
    expect(unreadable).toEqual(['torn.json']);
    expect(existsSync(join(dataDir, 'runs', 'good.json.123.tmp'))).toBe(false);
  });

  it('prunes finished runs beyond the newest ones and the age limit, and keeps every unfinished one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-runs-'));
    let now = new Date('2026-10-01T00:00:00.000Z');
    const store = createRunStore({ dataDir, now: () => now, keepFinished: 2, finishedMaxAgeMs: 30 * 24 * 3600_000 });
    await store.save(fakePlan, fakeRun('old-done'));
    await store.save(fakePlan, fakeRun('old-stopped', { outcome: 'failed' }));
    for (const [i, id] of ['done-1', 'done-2', 'done-3'].entries()) {
      now = new Date(Date.parse('2026-11-20T00:00:00.000Z') + i * 1000);
      await store.save(fakePlan, fakeRun(id));
    }
    await store.save(fakePlan, fakeRun('crashed', { phase: 'running', outcome: undefined }));
    now = new Date('2026-11-23T00:00:00.000Z');
    const removed = await store.prune((await store.loadAll()).runs);
    expect(removed).toBe(2);
    expect((await store.loadAll()).runs.map((r) => r.run.runId).sort()).toEqual(['crashed', 'done-2', 'done-3', 'old-stopped']);
  });
});

describe('saved runs through the actions service, against the sandbox', () => {
  let cloud: TestCloud;
  let topology: Topology | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-saved-runs-'));
  const services: ActionsService[] = [];

  function service(): ActionsService {
    const deps: ActionsServiceDeps = {
      env: cloud.env,
      homeDir: cloud.home,
      dataDir,
      loadTopology: async () => topology,
      planProgressed: () => undefined,
      auditAppended: () => undefined,
      now: () => NOW,
      clock: fastClock(cloud),
      settle: { intervalMs: 20, timeoutMs: 5_000 },
      acceptance: { wait: true, pollIntervalMs: 50, timeoutMs: 60_000 },
    };
    const s = createActionsService(deps);
    services.push(s);
    return s;
  }

  beforeAll(async () => {
    cloud = await startSandboxCloud();
  });
  afterAll(async () => {
    for (const s of services) s.dispose();
    await cloud?.stop();
  });

  it('saves a run after its steps; after a restart lists the unfinished ones, resumes one to the end and discards another', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    const igw = await attachInternetGateway(cloud, r);
    await cloud.ec2(cloud.a, 'us-east-1').send(new CreateRouteCommand({ RouteTableId: r.mainTableId, DestinationCidrBlock: x.cidr, GatewayId: igw }));
    topology = await discover(cloud, ['us-east-1']);
    const first = service();
    const plan = must(await first.planPeering(planPeeringInput.parse({ requesterVpcId: r.vpcId, accepterVpcId: x.vpcId })));
    const stopped = must(await first.runPlan({ planId: plan.id }));
    expect(stopped.outcome).toBe('conflict');
    const routeStep = `route:${r.mainTableId}:${x.cidr}`;
    // The saved file catches up with the run's last state.
    const file = join(dataDir, 'runs', `${stopped.runId}.json`);
    await expect.poll(() => existsSync(file) && JSON.parse(readFileSync(file, 'utf8')).run.outcome).toBe('conflict');

    // A run that was going when the process died: its file still says "running".
    const crashedId = '00000000-0000-4000-8000-000000000001';
    mkdirSync(join(dataDir, 'runs'), { recursive: true });
    writeFileSync(
      join(dataDir, 'runs', `${crashedId}.json`),
      JSON.stringify({ format: 'peerscape-run', version: 1, savedAt: '2026-11-23T11:00:00.000Z', plan: { ...plan, steps: plan.steps.map((s) => ({ ...s, profile: 'gone-profile' })) }, run: { runId: crashedId, planId: plan.id, phase: 'running', steps: [{ stepId: 'create', status: 'running' }], startedAt: '2026-11-23T11:00:00.000Z' } }),
    );

    // The app restarts: the plan is gone from memory, the runs are not.
    const second = service();
    const listed = must(await second.listRuns());
    expect(listed.map((l) => [l.run.runId, l.run.outcome, l.active])).toEqual([
      [stopped.runId, 'conflict', false],
      [crashedId, 'interrupted', false],
    ]);
    const crashed = listed.find((l) => l.run.runId === crashedId)!;
    expect(crashed.run.steps[0]).toMatchObject({ stepId: 'create', status: 'interrupted' });
    expect(crashed.run.error?.fix).toContain('asks AWS');
    expect(crashed.plan.id).toBe(plan.id);

    const resumed = must(await second.resumePlan({ runId: stopped.runId, decisions: { [routeStep]: 'replace' } }));
    expect(resumed.outcome).toBe('completed');
    expect(await routesToPeering(cloud, r, resumed.peeringId!)).toContain(`${r.mainTableId} ${x.cidr}`);
    expect(must(await second.listRuns()).map((l) => l.run.runId)).toEqual([crashedId]);

    // A resume whose checks fail (the profile went away) leaves the run listed, still interrupted.
    const noProfile = must(await second.resumePlan({ runId: crashedId }));
    expect(noProfile.outcome).toBe('dry-run-failed');
    expect(noProfile.error?.message).toContain('gone-profile');
    expect(must(await second.listRuns()).find((l) => l.run.runId === crashedId)?.run.steps[0]?.status).toBe('interrupted');

    expect(must(await second.discardRun({ runId: crashedId }))).toEqual({ discarded: true });
    expect(existsSync(join(dataDir, 'runs', `${crashedId}.json`))).toBe(false);
    expect(must(await second.listRuns())).toEqual([]);
    const unknown = await second.discardRun({ runId: '../../audit' });
    expect(unknown.ok || unknown.error.code).toBe('not-found');
  });
});

describe('a call whose answer is lost while the app runs', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startSandboxCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it('is marked interrupted, found in AWS at once, recorded as gone through, and the run goes on', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    const t = await discover(cloud, ['us-east-1']);
    const p = planPeering(t, { requesterVpcId: r.vpcId as `vpc-${string}`, accepterVpcId: x.vpcId as `vpc-${string}` });
    if (!p.ok) throw new Error(p.error.message);
    const log = createAuditLog({ dataDir: mkdtempSync(join(tmpdir(), 'peerscape-lost-answer-')) });
    const server = cloud.sandbox!.server;
    const target = `route:${r.explicitTableId}:${x.cidr}`;
    // The sandbox holds the answer of this one route past the call's timeout, and answers at
    // once again when the call is written off, so the check that follows gets through.
    const audit = {
      path: log.path,
      unresolved: log.unresolved,
      linesOfRun: log.linesOfRun,
      append(entry: AuditRecord) {
        if (entry.stepId === target && entry.outcome === 'intent') server.setFaults({ latencyMs: 1_000 });
        if (entry.stepId === target && entry.outcome === 'interrupted') server.setFaults({});
        return log.append(entry);
      },
    };
    const run = await executePlan(p.value, {
      accessForProfile: (profile) => cloud.accessForProfile(profile),
      audit,
      clock: fastClock(cloud),
      settle: { intervalMs: 20, timeoutMs: 5_000 },
      scheduler: createCallScheduler({ maxConcurrentCalls: 4, maxAttempts: 1, callTimeoutMs: 300, retryBaseDelayMs: 1 }),
    });
    expect(run.outcome).toBe('completed');
    expect(run.steps.find((s) => s.stepId === target)?.status).toBe('done');
    const lines = (await log.linesOfRun(run.runId)).filter((l) => l.stepId === target && l.parameters.DryRun !== true);
    expect(lines.map((l) => l.outcome)).toEqual(['intent', 'interrupted', 'went-through']);
    expect(lines[1]).toMatchObject({ errorCode: 'Timeout' });
    expect(lines[2]!.message).toContain(`routes ${x.cidr} to ${run.peeringId}`);
    expect(await routesToPeering(cloud, r, run.peeringId!)).toContain(`${r.explicitTableId} ${x.cidr}`);
  });
});
