// @vitest-environment jsdom
import { ReactFlowProvider } from '@xyflow/react';
import { cleanup, fireEvent, render as renderInto, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { PlanPanel } from '../../../renderer/panels/PlanPanel';
import { PlanActionsProvider } from '../../../renderer/panels/plan-slot';
import { createAppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import type { PlanContext } from '../../../renderer/panels/plan-slot';
import { DEMO_ACCOUNTS, demoLikeTopology, demoVpcId } from '../../support/fixtures/snapshots/demo-like';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

const topology = demoLikeTopology();
afterEach(cleanup);

/** Inside the window's providers, as the canvas renders it: the plan shows a new peering through the store and React Flow. */
function render(ui: ReactElement) {
  const store = createAppStore(loopbackMainApi(makeTempHome()).client);
  return renderInto(
    <StoreProvider store={store}>
      <ReactFlowProvider>{ui}</ReactFlowProvider>
    </StoreProvider>,
  );
}

describe('the peering plan panel', () => {
  it('says who requests, that one account owns both VPCs, and that the requester can accept', () => {
    render(<PlanPanel topology={topology} pair={{ requesterVpcId: demoVpcId('prod-analytics'), accepterVpcId: demoVpcId('prod-data-eu') }} onClose={() => {}} />);
    const plan = screen.getByRole('dialog', { name: 'Peering plan' });
    expect(within(plan).getByTestId('plan-account').textContent).toBe(`Same account (${DEMO_ACCOUNTS.prod})`);
    expect(within(plan).getByTestId('plan-region').textContent).toBe('Cross-region: us-east-1 → eu-west-1');
    expect(within(plan).getByTestId('plan-acceptance').textContent).toBe(
      `Account ${DEMO_ACCOUNTS.prod} owns both VPCs: the requester's profile (prod) can accept it too, in eu-west-1.`,
    );
    expect(plan.textContent).toContain('--peer-region eu-west-1');
    expect(plan.textContent).not.toContain('--peer-owner-id');
  });

  it('names the accepter account, its region and profile for a cross-account peering', () => {
    render(<PlanPanel topology={topology} pair={{ requesterVpcId: demoVpcId('dev-sandbox'), accepterVpcId: demoVpcId('shared-services') }} onClose={() => {}} />);
    const plan = screen.getByRole('dialog', { name: 'Peering plan' });
    expect(within(plan).getByTestId('plan-acceptance').textContent).toBe(`Account ${DEMO_ACCOUNTS.network} must accept it in us-east-1, with profile network-admin.`);
    expect(plan.textContent).toContain(`--peer-owner-id ${DEMO_ACCOUNTS.network}`);
  });

  it('warns when the new peering would make a VPC route an overlapping range to two peers', () => {
    render(<PlanPanel topology={topology} pair={{ requesterVpcId: demoVpcId('shared-services'), accepterVpcId: demoVpcId('legacy-ap') }} onClose={() => {}} />);
    expect(screen.getByRole('list', { name: 'Warnings' }).textContent).toContain('could route 10.21.128.0/17 to only one of them');
  });

  it('renders the actions the peering-actions feature provides, with the plan context, and closes', () => {
    const onClose = vi.fn();
    const render$ = vi.fn((plan: PlanContext) => (
      <button type="button" onClick={plan.close}>
        Run {plan.requester.name} → {plan.accepter.name}
      </button>
    ));
    render(
      <PlanActionsProvider render={render$}>
        <PlanPanel topology={topology} pair={{ requesterVpcId: demoVpcId('dev-sandbox'), accepterVpcId: demoVpcId('prod-analytics') }} onClose={onClose} />
      </PlanActionsProvider>,
    );
    expect(render$.mock.calls[0]![0].verdict.ok).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Run dev-sandbox → prod-analytics' }));
    expect(onClose).toHaveBeenCalled();
    expect(screen.queryByText(/create-vpc-peering-connection/)).toBeNull();
  });
});
