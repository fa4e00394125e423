// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { App } from '../../../renderer/App';
import { peeringLook } from '../../../shared/diagram/style';
import { PEERING_STATUSES } from '../../../shared/model/kinds/peering';
import { createAppStore } from '../../../renderer/store/app-store';
import type { AppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import { installJsdomShims } from '../jsdom-shims';
import { DEMO_PEERINGS, demoLikeSnapshot, demoVpcId } from '../../support/fixtures/snapshots/demo-like';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

async function renderWithDemo(): Promise<AppStore> {
  const { client } = loopbackMainApi(makeTempHome());
  const imported = await client.importSnapshot({ json: JSON.stringify(demoLikeSnapshot()) });
  expect(imported.ok).toBe(true);
  const store = createAppStore(client);
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  await screen.findByTestId(`vpc-card-${demoVpcId('prod-app')}`, {}, { timeout: 10_000 });
  return store;
}

const card = (key: string) => screen.getByTestId(`vpc-card-${demoVpcId(key)}`);

beforeAll(installJsdomShims);
afterEach(cleanup);

describe('the topology canvas', () => {
  it('draws a card per VPC with its name, id, every CIDR block, account and region', async () => {
    await renderWithDemo();
    const prodApp = card('prod-app');
    expect(prodApp.textContent).toContain('prod-app');
    expect(prodApp.textContent).toContain(demoVpcId('prod-app'));
    expect(within(prodApp).getByRole('list', { name: 'CIDR blocks' }).textContent).toBe('10.20.0.0/16100.64.0.0/20');
    expect(prodApp.textContent).toContain('acme-prod');
    expect(prodApp.textContent).toContain('us-east-1');
    expect(within(prodApp).getByTestId('badge-conflict')).toBeTruthy();
    expect(within(card('prod-app-ap')).getByRole('list', { name: 'CIDR blocks' }).textContent).toContain('2600:1f18:1234:5600::/56');
    expect(screen.getByTestId('account-frame-222222222222').textContent).toContain('acme-prod');
    expect(screen.getByTestId('region-frame-222222222222-eu-west-1').textContent).toContain('Ireland');
  });

  it('has a legend on the canvas naming every peering status and route state', async () => {
    await renderWithDemo();
    const legend = screen.getByText(/^Legend/).closest('.legend')!;
    for (const word of ['active', 'pending acceptance', 'provisioning', 'failed', 'rejected', 'expired', 'deleted', 'both sides', 'one side', 'would-be path']) {
      expect(legend.textContent).toContain(word);
    }
  });

  it('has a legend row for every status a peering can have, its sample in that status’s edge look, and one for every route state', async () => {
    await renderWithDemo();
    const legend = screen.getByText(/^Legend/).closest('.legend')!;
    for (const status of PEERING_STATUSES) {
      const row = legend.querySelector<HTMLElement>(`[data-legend-status="${status}"]`);
      expect(row, `legend row for ${status}`).not.toBeNull();
      expect(row!.dataset.edgeStyle).toBe(peeringLook(status, 'complete').category);
    }
    const routeStates = [...legend.querySelectorAll<HTMLElement>('[data-legend-route]')].map((r) => r.dataset.legendRoute);
    expect(new Set(routeStates)).toEqual(new Set(['complete', 'partial', 'none', 'unknown', 'nothing-to-route']));
    // Every end dot a side can show is explained.
    const dots = new Set([...legend.querySelectorAll('.route-end')].map((c) => c.getAttribute('class')!.replace('route-end ', '')));
    expect(dots).toEqual(new Set(['route-complete', 'route-partial', 'route-none', 'route-unknown', 'route-nothing-to-route']));
  });

  it('inspects a clicked VPC: blocks, peerings with next steps, routes to peers, and rules that reference peers', async () => {
    await renderWithDemo();
    fireEvent.click(card('shared-services'));
    const inspector = await screen.findByRole('region', { name: 'VPC details' }, { timeout: 10_000 });
    const text = inspector.textContent!;
    expect(text).toContain('10.0.0.0/16');
    expect(text).toContain('prod-app');
    expect(text).toContain('10.20.0.0/16 → pcx-0a00000000000001');
    expect(text).toContain('172.16.0.0/16 → pcx-0a00000000000003');
    expect(text).toContain('222222222222/sg-0040000000000001');
    expect(text).toContain('provisioning pcx-0a00000000000007Wait a few seconds; routes can be added meanwhile.');
  });

  it('paints conflicts with the c key and lists them in the findings, then leaves with Escape', async () => {
    const store = await renderWithDemo();
    await act(async () => {
      fireEvent.keyDown(window, { key: 'c' });
    });
    expect(card('dev-app').className).toContain('is-conflict');
    expect(card('qa-eu').className).toContain('is-dimmed');
    const list = screen.getByRole('list', { name: 'CIDR conflicts' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Escape' });
    });
    expect(store.getState().mode).toBe('normal');
    expect(card('dev-app').className).not.toContain('is-conflict');
  });

  it('opens the plan for a valid pair and shows a refusal naming both blocks for an overlapping one', async () => {
    const store = await renderWithDemo();
    await act(async () => store.getState().openPlan({ requesterVpcId: demoVpcId('shared-services'), accepterVpcId: demoVpcId('qa-eu') }));
    const plan = screen.getByRole('dialog', { name: 'Peering plan' });
    expect(within(plan).getByTestId('plan-region').textContent).toBe('Cross-region: us-east-1 → eu-west-1');
    expect(within(plan).getByTestId('plan-acceptance').textContent).toContain('with profile dev');
    await act(async () => store.getState().refuse({ requesterVpcId: demoVpcId('prod-app'), accepterVpcId: demoVpcId('dev-app') }));
    const refusal = screen.getByRole('alert', { name: 'Peering refused' });
    expect(refusal.textContent).toContain('prod-app (vpc-004d3m0a1b2c3d4e5f) primary block 10.20.0.0/16 overlaps dev-app');
    expect(refusal.textContent).toContain('Nothing was created');
  });

  it('selects a peering from the findings and shows its status and the next step', async () => {
    const store = await renderWithDemo();
    await act(async () => store.getState().selectPeering(DEMO_PEERINGS.pendingEu));
    const details = screen.getByRole('region', { name: 'Peering details' });
    expect(within(details).getByTestId('next-step').textContent).toContain('accept-vpc-peering-connection --vpc-peering-connection-id pcx-0a00000000000006 --region eu-west-1 --profile dev');
  });

  it('forgets a half-finished deletion when another peering is selected', async () => {
    const store = await renderWithDemo();
    await act(async () => store.getState().selectPeering(DEMO_PEERINGS.sharedToProdApp));
    fireEvent.click(screen.getByRole('button', { name: 'Delete peering…' }));
    expect((await screen.findByRole('group', { name: /^Confirm: Delete/ }, { timeout: 10_000 })).textContent).toContain(DEMO_PEERINGS.sharedToProdApp);
    await act(async () => store.getState().selectPeering(DEMO_PEERINGS.pendingEu));
    expect(screen.queryByRole('group', { name: /^Confirm: Delete/ })).toBeNull();
  });
});
