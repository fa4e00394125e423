/** executePlan through the real AWS SDK against the sandbox cloud, and the same-account and
 * cross-account runs again against moto, so the actions are not tuned to our own sandbox. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';

import {
  AcceptVpcPeeringConnectionCommand,
  CreateRouteCommand,
  CreateTransitGatewayCommand,
  DeleteRouteTableCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcPeeringConnectionsCommand,
  DisassociateRouteTableCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAuditLog, type AuditLog } from '../../../electron/audit/audit-log';
import { executePlan, type ExecuteDeps } from '../../../electron/actions/execute-plan';
import type { Topology } from '../../../shared/model/topology';
import { planDeletion, planRejection } from '../../../shared/planning/plan-deletion';
import { planPeering, type PeeringRequest } from '../../../shared/planning/plan-peering';
import type { PlanRun } from '../../../shared/planning/plan-run';
import { summariseRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan, ProfilesByAccount } from '../../../shared/planning/plan-types';
import { withDisabledSteps } from '../../../shared/planning/plan-types';
import { planToCliScript } from '../../../shared/planning/plan-cli';
import { motoMissingReason } from '../../support/moto';
import {
  attachInternetGateway,
  discover,
  fastClock,
  ipv6Of,
  peeringStatus,
  routesToPeering,
  seedVpc,
  startMotoCloud,
  startSandboxCloud,
  type SeededVpc,
  type TestCloud,
} from './test-cloud';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string; fix: string } }): T {
  if (!r.ok) throw new Error(`${r.error.message} / ${r.error.fix}`);
  return r.value;
}

function harness(cloud: TestCloud) {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-actions-audit-'));
  const audit: AuditLog = createAuditLog({ dataDir });
  const progress: PlanRun[] = [];
  const deps = (extra: Partial<ExecuteDeps> = {}): ExecuteDeps => ({
    accessForProfile: (p) => cloud.accessForProfile(p),
    audit,
    onProgress: (r) => progress.push(r),
    clock: fastClock(cloud),
    settle: { intervalMs: 20, timeoutMs: 5_000 },
    acceptance: { wait: true, pollIntervalMs: 1_000, timeoutMs: 60_000 },
    ...extra,
  });
  return { audit, progress, deps };
}

function plan(t: Topology, req: PeeringRequest, profiles?: ProfilesByAccount): PeeringPlan {
  return must(planPeering(t, req, profiles));
}

function statuses(run: PlanRun): Record<string, string> {
  return Object.fromEntries(run.steps.map((s) => [s.stepId, s.status]));
}

/** The runs every cloud must pass: same account with auto-accept, cross-account with and without an accepter profile. */
function sharedSuite(name: string, start: () => Promise<TestCloud | null>) {
  const missing = name === 'moto' ? motoMissingReason() : undefined;
  if (missing && !process.env.CI) console.warn(`Skipping the ${name} action tests: ${missing}`);
  describe.skipIf(Boolean(missing) && !process.env.CI)(`executePlan against ${name}`, () => {
    let cloud: TestCloud;
    const region = 'us-east-1';

    beforeAll(async () => {
      const c = await start();
      if (!c) throw new Error(`${name} did not start`);
      cloud = c;
    });
    afterAll(async () => {
      await cloud?.stop();
    });

    it('peers two VPCs of one account end to end: DryRun, create, routes both sides (IPv6 too), auto-accept; audit and progress', async () => {
      const r = await seedVpc(cloud, cloud.a, region, { ipv6: true });
      const x = await seedVpc(cloud, cloud.a, region, { ipv6: true });
      const t = await discover(cloud, [region]);
      const p = plan(t, { requesterVpcId: r.vpcId as `vpc-${string}`, accepterVpcId: x.vpcId as `vpc-${string}` });
      const h = harness(cloud);
      const run = await executePlan(p, h.deps());
      expect(run.error).toBeUndefined();
      expect(run.outcome).toBe('completed');
      const pcx = run.peeringId!;
      expect(await peeringStatus(cloud, cloud.a, region, pcx)).toBe('active');
      const r6 = await ipv6Of(cloud, r);
      const x6 = await ipv6Of(cloud, x);
      expect(await routesToPeering(cloud, r, pcx)).toEqual([`${r.explicitTableId} ${x.cidr}`, `${r.explicitTableId} ${x6}`, `${r.mainTableId} ${x.cidr}`, `${r.mainTableId} ${x6}`].sort());
      expect(await routesToPeering(cloud, x, pcx)).toEqual([`${x.explicitTableId} ${r.cidr}`, `${x.explicitTableId} ${r6}`, `${x.mainTableId} ${r.cidr}`, `${x.mainTableId} ${r6}`].sort());
      expect(run.steps.filter((s) => s.status !== 'done')).toEqual([]);
      expect(run.steps.find((s) => s.stepId === 'accept')?.dryRun).toBe('checked-later');

      // Progress: the DryRun phase came first, and every step was seen running before done.
      const phases = [...new Set(h.progress.map((state) => state.phase))];
      expect(phases).toEqual(['checking', 'dry-run', 'running', 'finished']);
      expect(h.progress.some((state) => state.steps.find((s) => s.stepId === `route:${r.explicitTableId}:${x.cidr}`)?.status === 'running')).toBe(true);

      // Audit: a DryRun of every step first (each endpoint answers it its own way), then one ok
      // entry per change (moto runs a "DryRun" create for real, so its ok entry is the DryRun one).
      const entries = (await h.audit.list({}, 1000)).entries.slice().reverse();
      const planned = p.steps.map((s) => s.action);
      expect(entries.filter((e) => e.parameters.DryRun === true).map((e) => e.action)).toEqual(planned);
      expect(entries.find((e) => e.action === 'CreateVpcPeeringConnection')?.outcome).toBe(cloud.name === 'moto' ? 'ok' : 'dry-run');
      expect(entries.filter((e) => e.outcome === 'ok').map((e) => e.action)).toEqual(planned);
      for (const e of entries) {
        expect(e).toMatchObject({ profile: cloud.a.profile, accountId: cloud.a.accountId, region, planId: p.id, runId: run.runId });
        expect(e.callerArn).toMatch(new RegExp(`^arn:aws:(iam|sts)::${cloud.a.accountId}:`));
      }

      // Running the same plan again changes nothing: the peering is reused and every route is in place.
      const again = await executePlan(p, h.deps());
      expect(again.outcome).toBe('completed');
      expect(again.peeringId).toBe(pcx);
      expect(new Set(Object.values(statuses(again)))).toEqual(new Set(['already-done']));
      expect(summariseRun(p, again).changed).toEqual([]);
    });

    it('peers across accounts, accepting with the accepter account profile', async () => {
      const r = await seedVpc(cloud, cloud.a, region);
      const x = await seedVpc(cloud, cloud.b, region);
      const t = await discover(cloud, [region]);
      const p = plan(t, { requesterVpcId: r.vpcId as `vpc-${string}`, accepterVpcId: x.vpcId as `vpc-${string}` });
      expect(p.steps.find((s) => s.id === 'accept')).toMatchObject({ profile: cloud.b.profile, accountId: cloud.b.accountId });
      const h = harness(cloud);
      const run = await executePlan(p, h.deps());
      expect(run.error).toBeUndefined();
      expect(run.outcome).toBe('completed');
      const pcx = run.peeringId!;
      expect(await peeringStatus(cloud, cloud.b, region, pcx)).toBe('active');
      expect(await routesToPeering(cloud, r, pcx)).toEqual([`${r.explicitTableId} ${x.cidr}`, `${r.mainTableId} ${x.cidr}`].sort());
      expect(await routesToPeering(cloud, x, pcx)).toEqual([`${x.explicitTableId} ${r.cidr}`, `${x.mainTableId} ${r.cidr}`].sort());
      const accept = (await h.audit.list({ actions: ['AcceptVpcPeeringConnection'], outcomes: ['ok'] })).entries;
      expect(accept).toEqual([expect.objectContaining({ profile: cloud.b.profile, accountId: cloud.b.accountId, region })]);
    });

    it('without an accepter profile: hands the other side its steps with the ids filled in, waits, then finishes what it can', async () => {
      const r = await seedVpc(cloud, cloud.a, region);
      const x = await seedVpc(cloud, cloud.b, region);
      const t = await discover(cloud, [region]);
      const p = plan(t, { requesterVpcId: r.vpcId as `vpc-${string}`, accepterVpcId: x.vpcId as `vpc-${string}` }, { [cloud.a.accountId]: [cloud.a.profile] });
      const h = harness(cloud);
      let acceptedByThem = false;
      const run = await executePlan(
        p,
        h.deps({
          onProgress: (state) => {
            h.progress.push(state);
            // The other account's owner acts as soon as Peerscape shows them what to do.
            if (state.phase === 'waiting-for-accepter' && state.handoff && !acceptedByThem) {
              acceptedByThem = true;
              const cmd = state.handoff.cliCommands[0]!.command;
              expect(cmd).toBe(`aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id ${state.peeringId} --region ${region}`);
              void cloud.ec2(cloud.b, region).send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: state.peeringId! }));
            }
          },
        }),
      );
      expect(acceptedByThem).toBe(true);
      expect(run.error).toBeUndefined();
      expect(run.outcome).toBe('completed-with-handoff');
      const pcx = run.peeringId!;
      expect(statuses(run)).toMatchObject({ create: 'done', accept: 'done-by-other-side', [`route:${x.explicitTableId}:${r.cidr}`]: 'other-side' });
      expect(await routesToPeering(cloud, r, pcx)).toEqual([`${r.explicitTableId} ${x.cidr}`, `${r.mainTableId} ${x.cidr}`].sort());
      expect(run.handoff?.consoleSteps.join('\n')).toContain(`select ${x.explicitTableId}, choose Edit routes, and for ${r.cidr} add a route`);
      expect(run.handoff?.cliCommands.map((c) => c.command)).toContain(
        `aws ec2 create-route --route-table-id ${x.mainTableId} --destination-cidr-block ${r.cidr} --vpc-peering-connection-id ${pcx} --region ${region}`,
      );
    });

    it('without waiting: stops waiting for the accepter, and a resume after they accepted completes', async () => {
      const r = await seedVpc(cloud, cloud.a, region, { dnsHostnames: true });
      const x = await seedVpc(cloud, cloud.b, region, { dnsHostnames: true });
      const t = await discover(cloud, [region]);
      const p = plan(t, { requesterVpcId: r.vpcId as `vpc-${string}`, accepterVpcId: x.vpcId as `vpc-${string}`, dns: { requester: true } }, { [cloud.a.accountId]: [cloud.a.profile] });
      const h = harness(cloud);
      const first = await executePlan(p, h.deps({ acceptance: { wait: false } }));
      expect(first.outcome).toBe('waiting-for-accepter');
      expect(first.error?.message).toContain(`waiting for account ${cloud.b.accountId} to accept it in ${region}`);
      expect(statuses(first)).toMatchObject({ create: 'done', accept: 'other-side', 'dns:requester': 'pending' });
      await cloud.ec2(cloud.b, region).send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: first.peeringId! }));
      const second = await executePlan(p, h.deps({ acceptance: { wait: false } }), { previous: first });
      expect(second.error).toBeUndefined();
      expect(second.outcome).toBe('completed-with-handoff');
      expect(second.runId).toBe(first.runId);
      expect(statuses(second)).toMatchObject({ create: 'done', accept: 'done-by-other-side', 'dns:requester': 'done' });
    });
  });
}

sharedSuite('sandbox', startSandboxCloud);
sharedSuite('moto', startMotoCloud);

function vpcId(v: SeededVpc): `vpc-${string}` {
  return v.vpcId as `vpc-${string}`;
}

async function groupRules(cloud: TestCloud, v: SeededVpc): Promise<string[]> {
  const out = await cloud.ec2(v.account, v.region).send(new DescribeSecurityGroupsCommand({ GroupIds: [v.defaultGroupId] }));
  return (out.SecurityGroups?.[0]?.IpPermissions ?? []).flatMap((p) => [
    ...(p.IpRanges ?? []).map((r) => `${p.IpProtocol} ${p.FromPort} ${r.CidrIp} ${r.Description ?? ''}`.trim()),
    ...(p.UserIdGroupPairs ?? []).map((g) => `${p.IpProtocol} ${p.FromPort} ${g.UserId ?? ''}/${g.GroupId}`),
  ]);
}

describe('executePlan against the sandbox: regions, failures, resume, delete, reject, expiry', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startSandboxCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it('peers across regions, accepting as the accepter account in the accepter VPC region', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'eu-west-1');
    const t = await discover(cloud, ['us-east-1', 'eu-west-1']);
    const p = plan(t, { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) });
    expect(p.steps.find((s) => s.id === 'create')?.params).toMatchObject({ PeerRegion: 'eu-west-1', PeerOwnerId: cloud.b.accountId });
    const h = harness(cloud);
    const run = await executePlan(p, h.deps());
    expect(run.error).toBeUndefined();
    expect(run.outcome).toBe('completed');
    const pcx = run.peeringId!;
    expect(await peeringStatus(cloud, cloud.b, 'eu-west-1', pcx)).toBe('active');
    expect(await routesToPeering(cloud, x, pcx)).toEqual([`${x.explicitTableId} ${r.cidr}`, `${x.mainTableId} ${r.cidr}`].sort());
    const accepts = (await h.audit.list({ actions: ['AcceptVpcPeeringConnection'], outcomes: ['ok'] })).entries;
    expect(accepts).toEqual([expect.objectContaining({ profile: cloud.b.profile, accountId: cloud.b.accountId, region: 'eu-west-1' })]);
  });

  it('waits for an acceptance made elsewhere when the user unticks accept, then adds the accepter routes with its profile', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const p = withDisabledSteps(plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) }), ['accept']).plan;
    let acceptedElsewhere = false;
    const run = await executePlan(
      p,
      harness(cloud).deps({
        onProgress: (state) => {
          if (state.phase === 'waiting-for-accepter' && !acceptedElsewhere) {
            acceptedElsewhere = true;
            expect(state.handoff?.cliCommands[0]?.command).toContain('accept-vpc-peering-connection');
            void cloud.ec2(cloud.b, 'us-east-1').send(new AcceptVpcPeeringConnectionCommand({ VpcPeeringConnectionId: state.peeringId! }));
          }
        },
      }),
    );
    expect(run.error).toBeUndefined();
    expect(run.outcome).toBe('completed');
    expect(statuses(run)).toMatchObject({ accept: 'done-by-other-side', [`route:${x.explicitTableId}:${r.cidr}`]: 'done', [`route:${x.mainTableId}:${r.cidr}`]: 'done' });
  });

  it('stops at a route that points elsewhere, shows what was done, and resumes with the user\'s decision', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const igw = await attachInternetGateway(cloud, x);
    await cloud.ec2(cloud.b, 'us-east-1').send(new CreateRouteCommand({ RouteTableId: x.mainTableId, DestinationCidrBlock: r.cidr, GatewayId: igw }));
    const t = await discover(cloud, ['us-east-1']);
    const p = plan(t, { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) });
    const conflictId = `route:${x.mainTableId}:${r.cidr}`;
    expect(p.steps.find((s) => s.id === conflictId)?.warning).toContain(igw);
    const h = harness(cloud);
    const first = await executePlan(p, h.deps());
    expect(first.outcome).toBe('conflict');
    const conflict = first.steps.find((s) => s.stepId === conflictId)!;
    expect(conflict).toMatchObject({ status: 'conflict', conflict: { routeTableId: x.mainTableId, destination: r.cidr, currentTarget: igw } });
    const summary = summariseRun(p, first);
    expect(summary.changed).toHaveLength(p.steps.findIndex((s) => s.id === conflictId));
    expect(summary.notDone).toHaveLength(p.steps.length - summary.changed.length);
    expect(first.error?.fix).toContain('"Replace"');

    const second = await executePlan(p, h.deps(), { previous: first, decisions: { [conflictId]: 'replace' } });
    expect(second.outcome).toBe('completed');
    expect(second.steps.find((s) => s.stepId === conflictId)).toMatchObject({ status: 'done', message: expect.stringContaining('Replaced') });
    expect(await routesToPeering(cloud, x, second.peeringId!)).toEqual([`${x.explicitTableId} ${r.cidr}`, `${x.mainTableId} ${r.cidr}`].sort());
    expect((await h.audit.list({ actions: ['ReplaceRoute'], outcomes: ['ok'] })).entries).toHaveLength(1);
    // Each change happened once across both runs.
    expect((await h.audit.list({ actions: ['CreateVpcPeeringConnection'], outcomes: ['ok'] })).entries).toHaveLength(1);
  });

  it('keeps a conflicting route when the user skips it', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    const tgw = (await cloud.ec2(cloud.a, 'us-east-1').send(new CreateTransitGatewayCommand({}))).TransitGateway?.TransitGatewayId as string;
    await cloud.ec2(cloud.a, 'us-east-1').send(new CreateRouteCommand({ RouteTableId: r.mainTableId, DestinationCidrBlock: x.cidr, TransitGatewayId: tgw }));
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) });
    const id = `route:${r.mainTableId}:${x.cidr}`;
    const run = await executePlan(p, harness(cloud).deps(), { decisions: { [id]: 'skip' } });
    expect(run.outcome).toBe('completed');
    expect(run.steps.find((s) => s.stepId === id)?.status).toBe('skipped');
    expect(await routesToPeering(cloud, r, run.peeringId!)).toEqual([`${r.explicitTableId} ${x.cidr}`]);
  });

  it('stops at a fault mid-plan with the account, region and fix, and resumes once it is gone', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) });
    const h = harness(cloud);
    let injected = false;
    const first = await executePlan(
      p,
      h.deps({
        onProgress: (state) => {
          if (!injected && state.steps.find((s) => s.stepId === 'accept')?.status === 'done') {
            injected = true;
            cloud.sandbox!.server.setFaults({ failRegions: [{ accountId: cloud.b.accountId, region: 'us-east-1', code: 'AuthFailure' }] });
          }
        },
      }),
    );
    cloud.sandbox!.server.setFaults({});
    expect(first.outcome).toBe('failed');
    const failed = first.steps.find((s) => s.status === 'failed')!;
    // The first accepter-side route in plan order (tables sort by id, which the sandbox draws at random).
    const firstAccepterRoute = p.steps.find((s) => s.kind === 'create-route' && s.side === 'accepter')!;
    expect(firstAccepterRoute.id).toMatch(new RegExp(`^route:(${x.explicitTableId}|${x.mainTableId}):${r.cidr.replace(/[./]/g, '\\$&')}$`));
    expect(failed.stepId).toBe(firstAccepterRoute.id);
    expect(failed.error?.code).toBe('aws:AuthFailure');
    expect(failed.error?.message).toContain(`failed in account ${cloud.b.accountId}, us-east-1 with profile "${cloud.b.profile}"`);
    expect(failed.error?.fix).toContain('resume the run once fixed');
    expect(first.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'failed', 'not-run']);

    const second = await executePlan(p, h.deps(), { previous: first });
    expect(second.outcome).toBe('completed');
    expect(second.steps.map((s) => s.status)).toEqual(['done', 'done', 'done', 'done', 'done', 'done']);
    expect(await routesToPeering(cloud, x, second.peeringId!)).toHaveLength(2);
  });

  it('fails mid-run when a route table disappears, and completes once that step is unticked', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) });
    const ec2 = cloud.ec2(cloud.a, 'us-east-1');
    const h = harness(cloud);
    let removed: Promise<unknown> | undefined;
    const first = await executePlan(
      p,
      h.deps({
        onProgress: (state) => {
          if (!removed && state.phase === 'running') {
            removed = (async () => {
              const t = await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [x.explicitTableId] }));
              await ec2.send(new DisassociateRouteTableCommand({ AssociationId: t.RouteTables![0]!.Associations![0]!.RouteTableAssociationId! }));
              await ec2.send(new DeleteRouteTableCommand({ RouteTableId: x.explicitTableId }));
            })();
          }
        },
      }),
    );
    await removed;
    expect(first.outcome).toBe('failed');
    expect(first.error?.code).toMatch(/^aws:InvalidRouteTableI[dD]\.NotFound$/);
    expect(first.error?.fix).toContain('untick this step');
    const { plan: edited } = withDisabledSteps(p, [`route:${x.explicitTableId}:${r.cidr}`]);
    const second = await executePlan(edited, h.deps(), { previous: first });
    expect(second.outcome).toBe('completed');
    expect(second.steps.find((s) => s.stepId === `route:${x.explicitTableId}:${r.cidr}`)?.status).toBe('disabled');
  });

  it('refuses in the DryRun, before changing anything, when a step would be refused', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) });
    cloud.sandbox!.server.setFaults({ failRegions: [{ accountId: cloud.b.accountId, region: 'us-east-1', code: 'AuthFailure' }] });
    const h = harness(cloud);
    const run = await executePlan(p, h.deps()).finally(() => cloud.sandbox!.server.setFaults({}));
    expect(run.outcome).toBe('dry-run-failed');
    expect(run.error?.fix).toContain('Nothing was changed: the DryRun stopped the run before any step ran.');
    expect(run.steps.every((s) => s.status === 'pending')).toBe(true);
    expect(run.steps.find((s) => s.stepId === 'accept')).toMatchObject({ dryRun: 'refused', error: { code: 'aws:AuthFailure' } });
    const peerings = await cloud.ec2(cloud.a, 'us-east-1').send(new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'requester-vpc-info.vpc-id', Values: [r.vpcId] }] }));
    expect(peerings.VpcPeeringConnections ?? []).toEqual([]);
    expect((await h.audit.list({ outcomes: ['ok'] })).entries).toEqual([]);
  });

  it('refuses a profile that acts in another account than its steps, before changing anything', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) }, { [cloud.a.accountId]: [cloud.a.profile], [cloud.b.accountId]: [cloud.a.profile] });
    const run = await executePlan(p, harness(cloud).deps());
    expect(run.outcome).toBe('dry-run-failed');
    expect(run.error?.message).toContain(`Profile "${cloud.a.profile}" acts in account ${cloud.a.accountId}`);
    expect(run.error?.fix).toContain(`Choose a profile of account ${cloud.b.accountId}`);
  });

  it('deletes a peering and, with the cleanup, the routes in both VPCs and the rules added for it', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const p = plan(await discover(cloud, ['us-east-1']), {
      requesterVpcId: vpcId(r),
      accepterVpcId: vpcId(x),
      securityGroupRules: [
        { groupIds: [x.defaultGroupId as `sg-${string}`], protocol: 'tcp', ports: { from: 5432, to: 5432 }, source: 'cidr' },
        { groupIds: [x.defaultGroupId as `sg-${string}`, r.defaultGroupId as `sg-${string}`], protocol: 'tcp', ports: { from: 443, to: 443 }, source: 'sg-reference' },
      ],
    });
    const h = harness(cloud);
    const made = await executePlan(p, h.deps());
    expect(made.error).toBeUndefined();
    const pcx = made.peeringId!;
    expect(await groupRules(cloud, x)).toEqual(expect.arrayContaining([`tcp 5432 ${r.cidr} peerscape ${pcx} from ${r.vpcId}`, `tcp 443 ${cloud.a.accountId}/${r.defaultGroupId}`]));

    const t = await discover(cloud, ['us-east-1']);
    const del = must(planDeletion(t, pcx));
    expect(del.steps.map((s) => s.kind)).toEqual(['delete', 'delete-route', 'delete-route', 'delete-route', 'delete-route', 'revoke-ingress', 'revoke-ingress', 'revoke-ingress']);
    expect(del.steps.filter((s) => s.kind === 'revoke-ingress').every((s) => s.enabled)).toBe(true);
    const gone = await executePlan(del, h.deps());
    expect(gone.error).toBeUndefined();
    expect(gone.outcome).toBe('completed');
    expect(await peeringStatus(cloud, cloud.a, 'us-east-1', pcx)).toBe('deleted');
    expect(await routesToPeering(cloud, r, pcx)).toEqual([]);
    expect(await routesToPeering(cloud, x, pcx)).toEqual([]);
    expect((await groupRules(cloud, x)).filter((g) => g.includes(pcx) || g.includes(r.defaultGroupId))).toEqual([]);
    expect((await groupRules(cloud, r)).filter((g) => g.includes(x.defaultGroupId))).toEqual([]);

    // Deleting again is harmless: everything is already gone.
    const again = await executePlan(del, h.deps());
    expect(again.outcome).toBe('completed');
    expect(again.steps.every((s) => s.status === 'already-done')).toBe(true);
  });

  it('rejects a pending request as the accepter; the requester run then explains it with the next step', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) }, { [cloud.a.accountId]: [cloud.a.profile] });
    const h = harness(cloud);
    const first = await executePlan(p, h.deps({ acceptance: { wait: false } }));
    expect(first.outcome).toBe('waiting-for-accepter');
    const pcx = first.peeringId!;
    const rejection = must(planRejection(await discover(cloud, ['us-east-1']), pcx));
    expect(rejection.steps[0]).toMatchObject({ profile: cloud.b.profile, region: 'us-east-1' });
    const rejected = await executePlan(rejection, h.deps());
    expect(rejected.outcome).toBe('completed');
    expect(await peeringStatus(cloud, cloud.a, 'us-east-1', pcx)).toBe('rejected');
    const resumed = await executePlan(p, h.deps(), { previous: first });
    expect(resumed.outcome).toBe('failed');
    expect(resumed.error?.message).toContain(`${pcx} is rejected`);
    expect(resumed.error?.fix).toContain('request a new peering');
  });

  it('reports an expired request with the next step when nobody accepts within 7 days (sandbox clock)', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) }, { [cloud.a.accountId]: [cloud.a.profile] });
    const day = 24 * 3_600_000;
    const polls: string[] = [];
    const run = await executePlan(
      p,
      harness(cloud).deps({
        acceptance: { wait: true, pollIntervalMs: day, timeoutMs: 10 * day },
        onProgress: (state) => {
          if (state.peeringStatus && polls.at(-1) !== state.peeringStatus) polls.push(state.peeringStatus);
        },
      }),
    );
    expect(run.outcome).toBe('failed');
    expect(polls.at(-1)).toBe('expired');
    expect(run.steps.find((s) => s.stepId === 'accept')).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('is expired') } });
    expect(run.error?.fix).toContain('within 7 days');
  });

  it('gives up waiting after the time limit and can be cancelled, leaving a resumable run', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x) }, { [cloud.a.accountId]: [cloud.a.profile] });
    const timedOut = await executePlan(p, harness(cloud).deps({ acceptance: { wait: true, pollIntervalMs: 60_000, timeoutMs: 300_000 } }));
    expect(timedOut.outcome).toBe('waiting-for-accepter');
    const controller = new AbortController();
    const cancelled = await executePlan(
      p,
      harness(cloud).deps({
        signal: controller.signal,
        onProgress: (state) => {
          if (state.phase === 'waiting-for-accepter') controller.abort();
        },
      }),
      { previous: timedOut },
    );
    expect(cancelled.outcome).toBe('cancelled');
    expect(cancelled.steps.find((s) => s.stepId === 'create')?.status).toBe('done');
  });
});

describe('the CLI export against the sandbox', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startSandboxCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  it('runs with the real AWS CLI and makes the same peering and routes', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    // One table a side keeps the script short: every CLI start costs seconds.
    const p = plan(await discover(cloud, ['us-east-1']), { requesterVpcId: vpcId(r), accepterVpcId: vpcId(x), routeTables: [r.explicitTableId as `rtb-${string}`, x.mainTableId as `rtb-${string}`] });
    const script = join(cloud.home, 'plan.sh');
    writeFileSync(script, planToCliScript(p, { endpointUrls: { [cloud.a.profile]: cloud.endpoint } }));
    // Asynchronously: the sandbox answers from this very process, so a blocking call would hang it.
    await promisify(execFile)('sh', [script], { env: { ...process.env, ...cloud.env, PATH: `/usr/bin:${process.env.PATH ?? ''}`, AWS_PAGER: '' }, timeout: 120_000 });
    const out = await cloud.ec2(cloud.a, 'us-east-1').send(new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'requester-vpc-info.vpc-id', Values: [r.vpcId] }] }));
    const pcx = out.VpcPeeringConnections?.[0];
    expect(pcx?.Status?.Code).toBe('active');
    expect(pcx?.Tags).toEqual([{ Key: 'Name', Value: p.name }]);
    expect(await routesToPeering(cloud, r, pcx!.VpcPeeringConnectionId!)).toEqual([`${r.explicitTableId} ${x.cidr}`]);
    expect(await routesToPeering(cloud, x, pcx!.VpcPeeringConnectionId!)).toEqual([`${x.mainTableId} ${r.cidr}`]);
  });
});
