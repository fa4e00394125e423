// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import { App } from '../../renderer/App';
import { createAppStore } from '../../renderer/store/app-store';
import { StoreProvider } from '../../renderer/store/store-context';
import { installJsdomShims } from './jsdom-shims';
import { loopbackMainApi, makeTempHome } from '../support/main-api-fixture';

function renderApp(files: { config?: string; credentials?: string }) {
  const home = makeTempHome(files);
  const store = createAppStore(loopbackMainApi(home).client);
  render(
    <StoreProvider store={store}>
      <App />
    </StoreProvider>,
  );
  return home;
}

beforeAll(installJsdomShims);
afterEach(cleanup);

describe('the Peerscape frame', () => {
  it('has a toolbar, a canvas, a side panel and a status bar showing the version', async () => {
    renderApp({});
    expect(screen.getByRole('toolbar', { name: 'Main toolbar' })).toBeTruthy();
    expect(screen.getByRole('main', { name: 'Topology canvas' })).toBeTruthy();
    expect(screen.getByRole('complementary', { name: 'Side panel' })).toBeTruthy();
    expect(await screen.findByText('Peerscape 0.0.0-test')).toBeTruthy();
  });

  it('tells a user without AWS profiles to try the sandbox', async () => {
    renderApp({});
    expect(await screen.findByText('No AWS profiles found: try the sandbox')).toBeTruthy();
  });

  it('lists the profiles of the shared config files with their kinds', async () => {
    renderApp({
      config: '[profile prod]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://x\n',
      credentials: '[dev]\naws_access_key_id = AKIA\naws_secret_access_key = s\n',
    });
    const list = await screen.findByRole('list', { name: 'AWS profiles' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['devaccess keys', 'prodSSO']);
  });

  it('names the file and line of a broken config instead of crashing', async () => {
    const home = renderApp({ config: '[profile ok]\nregion = us-east-1\nnot a setting\n' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(`${home.env.AWS_CONFIG_FILE}, line 3`);
    expect(await screen.findByText('ok')).toBeTruthy();
  });
});
