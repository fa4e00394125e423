// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { App } from '../../../renderer/App';
import { createAppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import { installJsdomShims } from '../jsdom-shims';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';

beforeAll(installJsdomShims);
afterEach(cleanup);

describe('the first-run screen', () => {
  it('explains the three things Peerscape does and offers the sandbox, a refresh and an import', async () => {
    const store = createAppStore(loopbackMainApi(makeTempHome()).client);
    render(
      <StoreProvider store={store}>
        <App />
      </StoreProvider>,
    );
    const card = await screen.findByRole('region', { name: 'Getting started' }, { timeout: 10_000 });
    const steps = within(card).getAllByRole('listitem').map((li) => li.querySelector('strong')!.textContent);
    expect(steps).toEqual(['Discover', 'Drag to peer', 'See conflicts and non-transitive paths']);
    expect(within(card).getByRole('button', { name: 'Open the sandbox' })).toBeTruthy();
    // No profiles in this home: a scan cannot run, so Refresh is offered but disabled.
    expect((within(card).getByRole('button', { name: 'Scan AWS profiles' }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(card).getByRole('button', { name: 'Import a snapshot…' })).toBeTruthy();
  });
});
