/**
 * Every button that changes AWS, through the API as the UI drives it, against the sandbox demo:
 * the calls the confirmation lists (`planCalls` of the plan) are exactly the calls the run then
 * makes, as the audit log records them (profile, account, region, action, key parameters, in
 * order), and the sandbox shows no other change. A plan's checks are recorded as checks.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MainApi } from '../../electron/api/main-api';
import type { PeerscapeClient } from '../../shared/api/contract';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Topology } from '../../shared/model/topology';
import type { AuditRecord } from '../../shared/planning/audit-filter';
import { callKeys, planCalls } from '../../shared/planning/plan-calls';
import type { PlanRun } from '../../shared/planning/plan-run';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import { validatePeering } from '../../shared/analysis/validate-peering';
import type { Loopback } from '../support/loopback-transport';
import type { makeTempHome } from '../support/main-api-fixture';
import { must, nextSnapshot, openDemoApi, scanThroughApi } from '../support/scan-through-api';

const execAsync = promisify(execFile);

/** A call as the user reads it: where it goes, what it is, its key parameters. */
type Shown = { profile: string; accountId: string | undefined; region: string; action: string; keys: string };

const keysOf = (action: string, params: unknown) =>
  callKeys({ action, params })
    .map((k) => `${k.name}=${k.value}`)
    .join(' ');

/** What a run made, in order: the audit log's answered calls of that run (checks left out). */
async function executed(client: PeerscapeClient, run: PlanRun): Promise<Shown[]> {
  const page = must(await client.listAudit({ filter: { text: run.runId }, limit: 1000 }));
  return [...page.entries]
    .reverse()
    .filter((e: AuditRecord) => e.runId === run.runId && (e.outcome === 'ok' || e.outcome === 'went-through'))
    .map((e) => ({ profile: e.profile, accountId: e.accountId, region: e.region, action: e.action, keys: keysOf(e.action, e.parameters) }));
}

/** What the confirmation listed, with the run's peering id where the plan made a new one. */
function listed(plan: PeeringPlan, disabled: readonly string[], run?: PlanRun): Shown[] {
  return planCalls(plan, { disabled, ...(run?.peeringId ? { run: { peeringId: run.peeringId, steps: [] } } : {}) }).calls.map((c) => ({
    profile: c.profile,
    accountId: c.accountId,
    region: c.region,
    action: c.action,
    keys: keysOf(c.action, c.params),
  }));
}

/** Run a plan as the confirmation sends it (the unticked steps as listed) and check that it made the listed calls, no other. */
async function confirmAndRun(client: PeerscapeClient, plan: PeeringPlan, disabled: readonly string[] = plan.steps.filter((s) => !s.enabled).map((s) => s.id)): Promise<PlanRun> {
  const before = listed(plan, disabled);
  expect(before.length).toBeGreaterThan(0);
  const run = must(await client.runPlan({ planId: plan.id, disabledStepIds: [...disabled] }));
  expect(run.outcome, JSON.stringify(run.error)).toBe('completed');
  expect(await executed(client, run)).toEqual(listed(plan, disabled, run));
  return run;
}

/** Routes of one VPC's tables, as `table destination → target` lines. */
function routesOf(t: Topology, vpcId: string): string[] {
  return t.routeTables
    .filter((rt) => rt.vpcId === vpcId)
    .flatMap((rt) => rt.routes.map((r) => `${rt.id} ${r.destination} → ${JSON.stringify(r.target)}`))
    .sort();
}

describe('the calls a button lists are the calls it makes, against the sandbox demo', () => {
  let loop: Loopback<MainApi>;
  let client: PeerscapeClient;
  let demo: Snapshot;
  let home: ReturnType<typeof makeTempHome>;
  const byName = (name: string) => demo.topology.peerings.find((p) => p.name === name)!;

  /** Debian's AWS CLI against the sandbox, as the profile of `accountId`. */
  async function awsCli(accountId: string, region: string, args: string[]): Promise<string> {
    const sandboxDir = join(home.home, 'data', 'sandbox');
    const endpoint = must(await client.getWorkspace({})).sandbox.endpoint!;
    const profile = demo.topology.accounts.find((a) => a.id === accountId)!.profiles[0]!;
    const { stdout } = await execAsync('/usr/bin/aws', [...args, '--endpoint-url', endpoint, '--region', region, '--profile', profile, '--output', 'json'], {
      env: { PATH: process.env.PATH ?? '', HOME: home.home, AWS_CONFIG_FILE: join(sandboxDir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(sandboxDir, 'credentials'), AWS_PAGER: '' },
    });
    return stdout;
  }

  beforeAll(async () => {
    ({ home, loop, client, demo } = await openDemoApi());
  }, 120_000);
  afterAll(async () => {
    await loop?.api.dispose();
  });

  it('Accept makes only AcceptVpcPeeringConnection, in the accepter account: the routes of both VPCs stay as they were', async () => {
    const pending = byName('lake-to-prod-db');
    const plan = must(await client.planCompletion({ peeringId: pending.id, accept: true, withoutRoutes: true }));
    const calls = planCalls(plan, { disabled: [] }).calls;
    expect(calls.map((c) => [c.action, c.accountId, c.region])).toEqual([['AcceptVpcPeeringConnection', pending.accepter.accountId, pending.accepter.region]]);
    const active = nextSnapshot(client, (s) => s.topology.peerings.some((p) => p.id === pending.id && p.status === 'active'));
    await confirmAndRun(client, plan, []);
    const after = await active;
    for (const vpcId of [pending.requester.vpcId, pending.accepter.vpcId]) expect(routesOf(after.topology, vpcId), vpcId).toEqual(routesOf(demo.topology, vpcId));
  }, 120_000);

  it('Add routes makes exactly the CreateRoutes listed, and no accept even on a pending peering', async () => {
    const half = byName('hub-dev-app');
    const plan = must(await client.planCompletion({ peeringId: half.id, sides: ['accepter'] }));
    expect(new Set(plan.steps.map((s) => s.action))).toEqual(new Set(['CreateRoute']));
    await confirmAndRun(client, plan);
    const pending = byName('apac-prod-to-hub');
    const routes = must(await client.planCompletion({ peeringId: pending.id, sides: ['requester', 'accepter'] }));
    expect(routes.steps.some((s) => s.kind === 'accept')).toBe(false);
  }, 120_000);

  it('Allow DNS resolution makes one ModifyVpcPeeringConnectionOptions per side, as listed', async () => {
    // AWS lets a side resolve its peer's names only when both VPCs have DNS hostnames on: turn them
    // on for prod-db (prod-app has them) with the AWS CLI, and rescan.
    const peering = byName('prod-app-db');
    for (const vpcId of [peering.requester.vpcId, peering.accepter.vpcId]) {
      const v = demo.topology.vpcs.find((x) => x.id === vpcId)!;
      if (!v.enableDnsHostnames) await awsCli(v.accountId, v.region, ['ec2', 'modify-vpc-attribute', '--vpc-id', vpcId, '--enable-dns-hostnames']);
    }
    await scanThroughApi(client, { source: 'sandbox' });
    const plan = must(await client.planCompletion({ peeringId: peering.id, sides: [], withoutRoutes: true, dns: { requester: true, accepter: true } }));
    expect(plan.steps.map((s) => s.action)).toEqual(['ModifyVpcPeeringConnectionOptions', 'ModifyVpcPeeringConnectionOptions']);
    await confirmAndRun(client, plan);
  }, 120_000);

  it('Remove stale routes makes exactly the DeleteRoutes of the routes left pointing at a deleted peering', async () => {
    const deleted = byName('prod-db-to-etl');
    const stale = demo.topology.routeTables.flatMap((t) => t.routes.filter((r) => r.target.kind === 'peering' && r.target.peeringId === deleted.id).map((r) => `${t.id} ${r.destination}`));
    expect(stale.length).toBeGreaterThan(0);
    const checklist = must(await client.getPeeringChecklist({ peeringId: deleted.id }));
    expect(checklist.items.find((i) => i.id === 'stale-routes')?.action).toMatchObject({ kind: 'remove-stale-routes' });
    const plan = must(await client.planDeletion({ peeringId: deleted.id, staleRoutesOnly: true }));
    const calls = planCalls(plan, { disabled: [] }).calls;
    expect(calls.map((c) => c.action)).toEqual(stale.map(() => 'DeleteRoute'));
    expect(calls.map((c) => `${String((c.params as { RouteTableId: string }).RouteTableId)} ${String((c.params as { DestinationCidrBlock: string }).DestinationCidrBlock)}`)).toEqual(stale);
    const cleaned = nextSnapshot(client, (s) => !s.topology.routeTables.some((t) => t.routes.some((r) => r.target.kind === 'peering' && r.target.peeringId === deleted.id)));
    await confirmAndRun(client, plan);
    await cleaned;
    // A live peering's routes are not stale: that plan is refused.
    expect(await client.planDeletion({ peeringId: byName('hub-prod-app').id, staleRoutesOnly: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  }, 120_000);

  it('Reject makes only RejectVpcPeeringConnection, as the accepter', async () => {
    const pending = byName('apac-prod-to-hub');
    const plan = must(await client.planRejection({ peeringId: pending.id }));
    await confirmAndRun(client, plan);
  }, 120_000);

  it('Run makes the listed create, accept and routes; its checks are recorded as checks, never as errors or with a placeholder id', async () => {
    const withSubnets = new Set(demo.topology.subnets.map((s) => s.vpcId));
    const vpcs = demo.topology.vpcs.filter((v) => withSubnets.has(v.id));
    const pair = vpcs.flatMap((a) => vpcs.filter((b) => b.id !== a.id && b.accountId !== a.accountId && b.region === a.region).map((b) => [a, b] as const)).find(([a, b]) => {
      const v = validatePeering(demo.topology, a.id, b.id);
      return v.ok && v.warnings.length === 0;
    })!;
    const plan = must(await client.planPeering({ requesterVpcId: pair[0].id, accepterVpcId: pair[1].id, name: 'announced-calls' }));
    const run = await confirmAndRun(client, plan, []);
    const lines = must(await client.listAudit({ filter: { text: run.runId }, limit: 1000 })).entries.filter((e) => e.runId === run.runId);
    const checks = lines.filter((e) => e.parameters.DryRun === true);
    expect(checks.length).toBe(plan.steps.length);
    expect(checks.every((e) => e.outcome === 'dry-run' && e.check !== undefined && e.errorCode === undefined)).toBe(true);
    expect(new Set(checks.map((e) => e.check))).toEqual(new Set(['would-succeed', 'checked-later']));
    expect(JSON.stringify(lines)).not.toContain('pcx-00000000000000000');
    expect(lines.filter((e) => e.outcome === 'error')).toEqual([]);
    // The Audit tab's filter on errors finds nothing of this run; its checks are under "dry-run".
    expect(must(await client.listAudit({ filter: { text: run.runId, outcomes: ['error'] } })).entries).toEqual([]);
  }, 120_000);

  it('Delete makes the listed delete, DeleteRoutes and revokes, in order; an unticked route stays', async () => {
    const peering = byName('hub-egress');
    const plan = must(await client.planDeletion({ peeringId: peering.id }));
    const routes = plan.steps.filter((s) => s.kind === 'delete-route');
    expect(routes.length).toBeGreaterThan(1);
    const kept = routes[0]!;
    const disabled = [...plan.steps.filter((s) => !s.enabled).map((s) => s.id), kept.id];
    const calls = planCalls(plan, { disabled }).calls;
    expect(calls[0]!.action).toBe('DeleteVpcPeeringConnection');
    expect(calls.some((c) => c.stepId === kept.id)).toBe(false);
    await confirmAndRun(client, plan, disabled);
    const after = await nextSnapshot(client, (s) => s.topology.peerings.some((p) => p.id === peering.id && p.status === 'deleted'));
    const left = after.topology.routeTables.flatMap((t) => t.routes.filter((r) => r.target.kind === 'peering' && r.target.peeringId === peering.id).map((r) => `${t.id} ${r.destination}`));
    expect(left).toEqual([`${kept.target!.routeTableId} ${kept.target!.destination}`]);
  }, 120_000);
});
