// @vitest-environment jsdom
/** The unfinished runs above the audit log, after a restart, driving the real actions service
 * against the sandbox: a run stopped at a route conflict is opened, decided and resumed to the
 * end; a run a crash cut short shows as interrupted, with its unchecked call, and is discarded. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CreateRouteCommand } from '@aws-sdk/client-ec2';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createActionsService, type ActionsService } from '../../../electron/actions/actions-service';
import type { Result } from '../../../shared/core/result';
import type { Topology } from '../../../shared/model/topology';
import { planPeeringInput } from '../../../shared/planning/action-inputs';
import { SavedRuns } from '../../../renderer/panels/plan/SavedRuns';
import { attachInternetGateway, discover, fastClock, routesToPeering, seedVpc, startSandboxCloud, type TestCloud } from '../../electron/actions/test-cloud';
import { ProgressHub, savedRunsClientOver } from './service-client';
import { installJsdomShims } from '../jsdom-shims';

installJsdomShims();

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.message} / ${r.error.fix}`);
  return r.value;
}

afterEach(cleanup);

describe('SavedRuns against the sandbox', () => {
  let cloud: TestCloud;
  let topology: Topology | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-saved-runs-ui-'));
  const services: ActionsService[] = [];
  const hub = new ProgressHub();

  function start(): ActionsService {
    const s = createActionsService({
      env: cloud.env,
      homeDir: cloud.home,
      dataDir,
      loadTopology: async () => topology,
      planProgressed: hub.emit,
      auditAppended: () => undefined,
      now: () => new Date(),
      clock: fastClock(cloud),
      settle: { intervalMs: 20, timeoutMs: 5_000 },
    });
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

  it('lists what did not finish after a restart; resumes one to the end and discards the interrupted one', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    const igw = await attachInternetGateway(cloud, r);
    await cloud.ec2(cloud.a, 'us-east-1').send(new CreateRouteCommand({ RouteTableId: r.mainTableId, DestinationCidrBlock: x.cidr, GatewayId: igw }));
    topology = await discover(cloud, ['us-east-1']);
    const before = start();
    const plan = must(await before.planPeering(planPeeringInput.parse({ requesterVpcId: r.vpcId, accepterVpcId: x.vpcId })));
    const stopped = must(await before.runPlan({ planId: plan.id }));
    expect(stopped.outcome).toBe('conflict');
    await waitFor(async () => expect(must(await before.listRuns()).map((l) => l.run.outcome)).toEqual(['conflict']));

    // A run a crash cut short: its file says a step was running, the log has the call's intent only.
    const crashedId = '00000000-0000-4000-8000-00000000000c';
    mkdirSync(join(dataDir, 'runs'), { recursive: true });
    const startedAt = '2026-11-20T10:00:00.000Z';
    writeFileSync(
      join(dataDir, 'runs', `${crashedId}.json`),
      JSON.stringify({ format: 'peerscape-run', version: 1, savedAt: startedAt, plan: { ...plan, title: 'Peer crashed-a with crashed-b' }, run: { runId: crashedId, planId: plan.id, phase: 'running', steps: [{ stepId: 'create', status: 'running' }], startedAt } }),
    );
    const intent = { time: startedAt, profile: cloud.a.profile, accountId: cloud.a.accountId, region: 'us-east-1', action: 'CreateVpcPeeringConnection', parameters: { VpcId: r.vpcId, PeerVpcId: x.vpcId }, outcome: 'intent', runId: crashedId, stepId: 'create', callId: 'call-crashed' };
    writeFileSync(join(dataDir, 'audit.jsonl'), JSON.stringify(intent) + '\n', { flag: 'a' });

    const after = start();
    render(<SavedRuns client={savedRunsClientOver(after, hub)} />);
    const crashed = await screen.findByTestId(`saved-run-${crashedId}`);
    expect(crashed.textContent).toContain('Peer crashed-a with crashed-b');
    expect(crashed.textContent).toContain('Interrupted: Peerscape stopped during the run; 1 call with an unknown outcome');
    const conflicted = screen.getByTestId(`saved-run-${stopped.runId}`);
    expect(conflicted.textContent).toContain('Stopped: a route needs your decision');

    // Open the stopped run, decide, resume: it finishes, and its card stays open until closed.
    fireEvent.click(within(conflicted).getByRole('button', { name: 'Open to resume' }));
    const routeStep = `route:${r.mainTableId}:${x.cidr}`;
    await waitFor(() => expect(within(conflicted).getByTestId(`status-${routeStep}`).textContent).toBe('Needs a decision'));
    fireEvent.click(within(conflicted).getByRole('button', { name: 'Replace with the peering' }));
    fireEvent.click(within(conflicted).getByRole('button', { name: 'Resume' }));
    fireEvent.click(within(conflicted).getByRole('button', { name: 'Confirm and resume' }));
    await waitFor(() => expect(within(conflicted).getByTestId('plan-outcome').textContent).toContain('Done: every step is in place.'), { timeout: 10_000 });
    await waitFor(() => expect(screen.getByTestId(`saved-run-${stopped.runId}`).textContent).toContain('Finished: every step is in place'));
    expect(await routesToPeering(cloud, r, must(await after.getPlanRun({ runId: stopped.runId })).peeringId!)).toContain(`${r.mainTableId} ${x.cidr}`);

    // The interrupted one is discarded, after a confirmation.
    fireEvent.click(within(screen.getByTestId(`saved-run-${crashedId}`)).getByRole('button', { name: 'Discard…' }));
    fireEvent.click(within(screen.getByTestId(`saved-run-${crashedId}`)).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByTestId(`saved-run-${crashedId}`)).toBeNull());
    expect(must(await after.listRuns())).toEqual([]);
  });
});
