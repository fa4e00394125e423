// @vitest-environment jsdom
/** After a restart, the Audit tab says how many runs did not finish, lists them, and the count
 * follows a discard: the whole app over the real main API, on a data folder a crash left behind. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { App } from '../../../renderer/App';
import { createAppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import { installJsdomShims } from '../jsdom-shims';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

beforeAll(installJsdomShims);
afterEach(cleanup);

describe('the Audit tab after a crash', () => {
  it('shows a count of unfinished runs on the tab, lists the interrupted run, and drops the count once it is discarded', async () => {
    const home = makeTempHome();
    const dataDir = join(home.home, 'data');
    const runId = '00000000-0000-4000-8000-0000000000aa';
    const startedAt = '2026-11-20T10:00:00.000Z';
    const step = { id: 'create', kind: 'create', side: 'requester', title: 'Request peering from vpc-1 to vpc-2', profile: 'ops', accountId: '111111111111', region: 'eu-west-1', action: 'CreateVpcPeeringConnection', params: { VpcId: 'vpc-1', PeerVpcId: 'vpc-2' }, enabled: true, dependsOn: [], needsActive: false };
    const side = (role: string, vpcId: string) => ({ role, vpcId, accountId: '111111111111', region: 'eu-west-1', cidrs: [] });
    const plan = { id: 'create-1', purpose: 'create', title: 'Peer app (vpc-1) with db (vpc-2)', requester: side('requester', 'vpc-1'), accepter: side('accepter', 'vpc-2'), steps: [step], notes: [] };
    mkdirSync(join(dataDir, 'runs'), { recursive: true });
    writeFileSync(join(dataDir, 'runs', `${runId}.json`), JSON.stringify({ format: 'peerscape-run', version: 1, savedAt: startedAt, plan, run: { runId, planId: plan.id, phase: 'running', steps: [{ stepId: 'create', status: 'running' }], startedAt } }));
    const intent = { time: startedAt, profile: 'ops', accountId: '111111111111', region: 'eu-west-1', action: 'CreateVpcPeeringConnection', parameters: step.params, outcome: 'intent', runId, stepId: 'create', callId: 'c-1' };
    writeFileSync(join(dataDir, 'audit.jsonl'), JSON.stringify(intent) + '\n');

    render(
      <StoreProvider store={createAppStore(loopbackMainApi(home).client)}>
        <App />
      </StoreProvider>,
    );
    const tab = screen.getByRole('tab', { name: /Audit/ });
    await waitFor(() => expect(within(tab).getByTestId('unfinished-runs-badge').textContent).toBe('1'));
    fireEvent.click(tab);
    const card = await screen.findByTestId(`saved-run-${runId}`);
    expect(card.textContent).toContain('Peer app (vpc-1) with db (vpc-2)');
    expect(card.textContent).toContain('1 call with an unknown outcome');
    // The log shows the call the crash cut short as interrupted, a line written when the app started.
    await waitFor(() => expect(screen.getByRole('table', { name: 'Audit entries' }).textContent).toContain('interrupted: outcome unknown'));

    fireEvent.click(within(card).getByRole('button', { name: 'Discard…' }));
    fireEvent.click(within(card).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByTestId(`saved-run-${runId}`)).toBeNull());
    await waitFor(() => expect(within(tab).queryByTestId('unfinished-runs-badge')).toBeNull());
  });
});
