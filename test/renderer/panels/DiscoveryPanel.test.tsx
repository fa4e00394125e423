// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { DiscoveryPanel } from '../../../renderer/panels/DiscoveryPanel';
import { createAppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import { installJsdomShims } from '../jsdom-shims';
import { demoLikeSnapshot } from '../../support/fixtures/snapshots/demo-like';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

beforeAll(installJsdomShims);
afterEach(cleanup);

async function renderPanel(withSnapshot: boolean) {
  const { client, emit } = loopbackMainApi(
    makeTempHome({ config: '[profile prod]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n', credentials: '[prod]\naws_access_key_id = A\naws_secret_access_key = s\n[dev]\naws_access_key_id = B\naws_secret_access_key = t\n' }),
  );
  if (withSnapshot) await client.importSnapshot({ json: JSON.stringify(demoLikeSnapshot(new Date(Date.now() - 3 * 3600_000).toISOString())) });
  const store = createAppStore(client);
  await store.getState().loadStartup();
  render(
    <StoreProvider store={store}>
      <DiscoveryPanel />
    </StoreProvider>,
  );
  return { store, emit };
}

describe('the discovery panel', () => {
  it('shows how old the snapshot is and where it came from', async () => {
    await renderPanel(true);
    expect(screen.getByTestId('snapshot-age').textContent).toBe('Taken 3 hours ago from sandbox:demo-like');
  });

  it('picks profiles and regions for the next scan', async () => {
    const { store } = await renderPanel(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Scan with dev' }));
    expect(store.getState().scanProfiles).toEqual(['prod']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'ca-central-1' }));
    expect(store.getState().scanRegions).not.toContain('ca-central-1');
    expect(store.getState().scanRegions).toContain('us-east-1');
  });

  it('draws the live progress grid and lists failed cells with their error', async () => {
    const { emit } = await renderPanel(true);
    await act(async () => {
      emit('discoveryProgressed', {
        runId: 'run-7',
        finished: false,
        cells: [
          { profile: 'prod', region: 'us-east-1', state: 'done', counts: { vpcs: 3 } },
          { profile: 'prod', region: 'eu-west-1', state: 'running' },
          { profile: 'dev', region: 'us-east-1', state: 'queued' },
          { profile: 'dev', region: 'eu-west-1', state: 'failed', errorCode: 'OptInRequired', message: 'eu-west-1 is not enabled for this account.' },
        ],
      });
    });
    const grid = await screen.findByRole('table', { name: 'Discovery progress' }, { timeout: 10_000 });
    expect(grid.querySelectorAll('td[data-state="done"]')).toHaveLength(1);
    expect(grid.querySelectorAll('td[data-state="running"]')).toHaveLength(1);
    expect(screen.getByTestId('progress-count').textContent).toBe('1 of 4 cells done, 1 failed · 2 profiles × 2 regions');
    const errors = screen.getByRole('list', { name: 'Discovery errors' });
    expect(within(errors).getByRole('listitem').textContent).toBe('dev · eu-west-1 (OptInRequired): eu-west-1 is not enabled for this account.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('shows why a scan could not start, with the fix', async () => {
    const { store } = await renderPanel(true);
    store.getState().setScanChoice({ regions: ['not a region'] });
    fireEvent.click(screen.getByRole('button', { name: 'Scan AWS profiles' }));
    const alert = await screen.findByTestId('discovery-error', {}, { timeout: 10_000 });
    expect(alert.textContent).toContain('startDiscovery was called with invalid input');
    expect(alert.textContent).toContain('Fix the listed fields');
  });
});
