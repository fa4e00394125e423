// @vitest-environment jsdom
/** The plan panel's actions driving the real actions service against the sandbox cloud. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CreateRouteCommand } from '@aws-sdk/client-ec2';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createActionsService, type ActionsService } from '../../../electron/actions/actions-service';
import type { Topology } from '../../../shared/model/topology';
import { PlanActions } from '../../../renderer/panels/plan/PlanActions';
import { attachInternetGateway, discover, fastClock, routesToPeering, seedVpc, startSandboxCloud, type SeededVpc, type TestCloud } from '../../electron/actions/test-cloud';
import { planClientOver, ProgressHub } from './service-client';
import { installJsdomShims } from '../jsdom-shims';

installJsdomShims();

describe('PlanActions against the sandbox', () => {
  let cloud: TestCloud;
  let topology: Topology | undefined;
  let service: ActionsService;
  const hub = new ProgressHub();

  beforeAll(async () => {
    cloud = await startSandboxCloud();
    service = createActionsService({
      env: cloud.env,
      homeDir: cloud.home,
      dataDir: mkdtempSync(join(tmpdir(), 'peerscape-plan-ui-')),
      loadTopology: async () => topology,
      planProgressed: hub.emit,
      auditAppended: () => undefined,
      now: () => new Date(),
      clock: fastClock(cloud),
      settle: { intervalMs: 20, timeoutMs: 5_000 },
    });
  });
  afterAll(async () => {
    service?.dispose();
    await cloud?.stop();
  });
  afterEach(cleanup);

  async function mount(r: SeededVpc, x: SeededVpc, copied: string[]) {
    topology = await discover(cloud, ['us-east-1']);
    const vpc = (id: string) => topology!.vpcs.find((v) => v.id === id)!;
    render(<PlanActions context={{ requester: vpc(r.vpcId), accepter: vpc(x.vpcId), topology }} client={planClientOver(service, hub)} copyText={(t) => void copied.push(t)} />);
    return screen.findByTestId('plan-steps');
  }

  it('shows each step with its profile, account and region; copies the ticked steps as AWS CLI; dry-runs; runs with live progress', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    const copied: string[] = [];
    await mount(r, x, copied);
    const accept = await screen.findByTestId('step-accept');
    expect(within(accept).getByTitle('Profile').textContent).toBe(cloud.b.profile);
    expect(within(accept).getByTitle('Account').textContent).toBe(cloud.b.accountId);
    expect(within(accept).getByTitle('Region').textContent).toBe('us-east-1');

    const mainRoute = `route:${x.mainTableId}:${r.cidr}`;
    fireEvent.click(within(screen.getByTestId(`step-${mainRoute}`)).getByRole('checkbox'));
    fireEvent.click(screen.getByRole('button', { name: 'Copy as AWS CLI' }));
    await waitFor(() => expect(copied).toHaveLength(1));
    expect(copied[0]).toContain('PCX_ID=$(aws ec2 create-vpc-peering-connection');
    expect(copied[0]).toContain(`--endpoint-url ${cloud.endpoint}`);
    expect(copied[0]).not.toContain(`--route-table-id ${x.mainTableId}`);

    fireEvent.click(screen.getByRole('button', { name: 'Dry run' }));
    await waitFor(() => expect(screen.getByTestId('plan-outcome').textContent).toContain('DryRun passed: nothing was changed.'), { timeout: 10_000 });
    expect(within(screen.getByTestId('step-create')).getByText('DryRun: would succeed')).toBeTruthy();

    const statuses: string[] = [];
    const unsubscribe = hub.subscribe((run) => statuses.push(run.phase));
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    // The unticked route is not among the calls listed before the run.
    const listed = within(screen.getByRole('list', { name: 'Calls to AWS' })).getAllByRole('listitem').map((c) => c.getAttribute('data-testid'));
    expect(listed).toContain('call-accept');
    expect(listed).not.toContain(`call-${mainRoute}`);
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and run' }));
    await waitFor(() => expect(screen.getByTestId('plan-outcome').textContent).toContain('Done: every step is in place.'), { timeout: 10_000 });
    unsubscribe();
    expect(statuses).toContain('running');
    expect(screen.getByTestId(`status-${mainRoute}`).textContent).toBe('Unticked');
    expect(screen.getByTestId('status-accept').textContent).toBe('Done');
    const pcx = screen.getByTestId('plan-outcome').querySelector('.mono')!.textContent!;
    expect(await routesToPeering(cloud, x, pcx)).toEqual([`${x.explicitTableId} ${r.cidr}`]);
  });

  it('stops at a conflicting route and resumes after the user chooses to replace it', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.a, 'us-east-1');
    const igw = await attachInternetGateway(cloud, r);
    await cloud.ec2(cloud.a, 'us-east-1').send(new CreateRouteCommand({ RouteTableId: r.mainTableId, DestinationCidrBlock: x.cidr, GatewayId: igw }));
    await mount(r, x, []);
    const id = `route:${r.mainTableId}:${x.cidr}`;
    expect(within(screen.getByTestId(`step-${id}`)).getByText(new RegExp(`already routes .* to ${igw}`))).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and run' }));
    await waitFor(() => expect(screen.getByTestId(`status-${id}`).textContent).toBe('Needs a decision'), { timeout: 10_000 });
    const resume = screen.getByRole('button', { name: 'Resume' }) as HTMLButtonElement;
    expect(resume.disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Replace with the peering' }));
    // Enabled once the run's answer is in (it comes after the stopped run is saved).
    await waitFor(() => expect(resume.disabled).toBe(false));
    fireEvent.click(resume);
    // The decision shows in the calls: ReplaceRoute, not CreateRoute.
    expect(within(screen.getByTestId(`call-${id}`)).getByText('ReplaceRoute')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and resume' }));
    await waitFor(() => expect(screen.getByTestId('plan-outcome').textContent).toContain('Done: every step is in place.'), { timeout: 10_000 });
    expect(screen.getByTestId(`step-${id}`).textContent).toContain('Replaced');
  });

  it('adds a security-group rule step when the user asks for one', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    await mount(r, x, []);
    fireEvent.click(screen.getByRole('button', { name: 'Add a security-group rule' }));
    const groups = screen.getByLabelText('Security groups') as HTMLSelectElement;
    const option = [...groups.options].find((o) => o.value === x.defaultGroupId)!;
    option.selected = true;
    fireEvent.change(groups);
    await waitFor(() => expect(screen.getByTestId(`step-ingress:${x.defaultGroupId}:1`).textContent).toContain(`Allow tcp 443 from ${r.cidr}`));
  });

  it('explains a plan that cannot be made', async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    topology = await discover(cloud, ['us-east-1']);
    const vpc = topology.vpcs.find((v) => v.id === r.vpcId)!;
    render(<PlanActions context={{ requester: vpc, accepter: vpc, topology }} client={planClientOver(service, hub)} copyText={() => undefined} />);
    expect((await screen.findByTestId('plan-error')).textContent).toContain('cannot be peered with itself');
  });
});
