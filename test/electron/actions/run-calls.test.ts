/** The executor sends only the calls its plan lists: a call that is not the step's own (another
 * action, other parameters, an unticked step) is refused before it is written or sent. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { RunCalls, UnlistedCallError } from '../../../electron/actions/run/run-calls';
import { RunState } from '../../../electron/actions/run/run-state';
import { createAuditLog } from '../../../electron/audit/audit-log';
import type { PeeringId, VpcId } from '../../../shared/model/ids';
import { planDeletion } from '../../../shared/planning/plan-deletion';
import { planPeering } from '../../../shared/planning/plan-peering';
import { newRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan, PlanStep } from '../../../shared/planning/plan-types';
import { discover, routesToPeering, seedVpc, startSandboxCloud, type TestCloud } from './test-cloud';
import { CreateVpcPeeringConnectionCommand, CreateRouteCommand } from '@aws-sdk/client-ec2';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('RunCalls refuses calls its plan does not list', () => {
  let cloud: TestCloud;
  beforeAll(async () => {
    cloud = await startSandboxCloud();
  });
  afterAll(async () => {
    await cloud?.stop();
  });

  async function callsFor(plan: PeeringPlan, decisions: Record<string, 'replace' | 'skip'> = {}) {
    const audit = createAuditLog({ dataDir: mkdtempSync(join(tmpdir(), 'peerscape-run-calls-')) });
    const state = new RunState(newRun(plan, 'run-guard', new Date().toISOString()), {});
    const calls = new RunCalls(plan, state, { accessForProfile: (p) => cloud.accessForProfile(p), audit }, decisions);
    const profiles = new Map(plan.steps.flatMap((s) => (s.profile ? [[s.profile, s.accountId] as const] : [])));
    expect(await calls.prepareProfiles(profiles)).toBeUndefined();
    return { audit, calls, state };
  }

  it('sends the step\'s own call, and refuses another action, other parameters or an unticked step unsent and unwritten', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    const req = await cloud.ec2(cloud.a, 'us-east-1').send(new CreateVpcPeeringConnectionCommand({ VpcId: r.vpcId, PeerVpcId: x.vpcId }));
    const pcx = req.VpcPeeringConnection!.VpcPeeringConnectionId! as PeeringId;
    await cloud.ec2(cloud.a, 'us-east-1').send(new CreateRouteCommand({ RouteTableId: r.mainTableId, DestinationCidrBlock: x.cidr, VpcPeeringConnectionId: pcx }));
    await cloud.ec2(cloud.a, 'us-east-1').send(new CreateRouteCommand({ RouteTableId: r.explicitTableId, DestinationCidrBlock: x.cidr, VpcPeeringConnectionId: pcx }));
    const t = await discover(cloud, ['us-east-1']);
    const plan = must(planDeletion(t, pcx, undefined, { withoutCleanup: false }));
    const [first, second] = plan.steps.filter((s): s is PlanStep<'delete-route'> => s.kind === 'delete-route');
    const unticked: PeeringPlan = { ...plan, steps: plan.steps.map((s) => (s.id === second!.id ? { ...s, enabled: false } : s)) };
    const { audit, calls } = await callsFor(unticked);

    // Another table than the step's: refused before anything is written.
    const tampered = { action: 'DeleteRoute' as const, params: { ...first!.params, RouteTableId: second!.params.RouteTableId } };
    await expect(calls.mutate(first!, tampered, false)).rejects.toBeInstanceOf(UnlistedCallError);
    // Another action with the step's parameters.
    await expect(calls.mutate(first!, { action: 'CreateRoute', params: { ...first!.params, VpcPeeringConnectionId: pcx } }, false)).rejects.toBeInstanceOf(UnlistedCallError);
    // An unticked step sends nothing, even its own call.
    await expect(calls.mutate(second!, { action: 'DeleteRoute', params: second!.params }, false)).rejects.toBeInstanceOf(UnlistedCallError);
    expect((await audit.list()).entries).toEqual([]);
    expect((await routesToPeering(cloud, r, pcx)).sort()).toEqual([`${r.explicitTableId} ${x.cidr}`, `${r.mainTableId} ${x.cidr}`].sort());

    // Its own call goes through, and is in the audit log.
    await calls.mutate(first!, { action: 'DeleteRoute', params: first!.params }, false);
    expect((await audit.list()).entries.map((e) => [e.action, e.outcome])).toEqual([['DeleteRoute', 'ok']]);
    expect(await routesToPeering(cloud, r, pcx)).toHaveLength(1);
    const failure = calls.explainFailure(first!, new UnlistedCallError(first!, tampered));
    expect(failure).toMatchObject({ code: 'internal', message: expect.stringContaining('not the call this step listed') });
  });

  it('sends ReplaceRoute for a route step only when the user decided to replace', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    const t = await discover(cloud, ['us-east-1']);
    const plan = must(planPeering(t, { requesterVpcId: r.vpcId as VpcId, accepterVpcId: x.vpcId as VpcId }));
    const route = plan.steps.find((s): s is PlanStep<'create-route'> => s.kind === 'create-route')!;
    const replace = { action: 'ReplaceRoute' as const, params: { ...route.params, VpcPeeringConnectionId: 'pcx-0123456789abcdef0' as PeeringId } };
    const undecided = await callsFor(plan);
    undecided.state.peeringId = 'pcx-0123456789abcdef0' as PeeringId;
    await expect(undecided.calls.mutate(route, replace, false)).rejects.toBeInstanceOf(UnlistedCallError);
    const skipped = await callsFor(plan, { [route.id]: 'skip' });
    skipped.state.peeringId = 'pcx-0123456789abcdef0' as PeeringId;
    await expect(skipped.calls.mutate(route, { action: 'CreateRoute', params: replace.params }, false)).rejects.toBeInstanceOf(UnlistedCallError);
  });
});
