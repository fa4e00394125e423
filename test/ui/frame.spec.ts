import { describe, expect, it } from 'vitest';

import { useHarnessSession } from './graph-helpers';

const browser = useHarnessSession();

describe('the frame in Chromium through the browser harness', () => {
  it('shows toolbar, canvas, side panel, status bar and the profiles list, with no CSP violation', async () => {
    const { session, page } = await browser.open({
      files: {
        config: '[profile sandbox-a]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:4566\n[profile corp]\nsso_session = corp\n[sso-session corp]\nsso_start_url = https://corp.example/start\n',
      },
    });
    await page.getByRole('toolbar', { name: 'Main toolbar' }).waitFor();
    await page.getByRole('main', { name: 'Topology canvas' }).locator('.react-flow').waitFor();
    await page.getByRole('complementary', { name: 'Side panel' }).waitFor();
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe('Peerscape 0.0.0-e2e');
    const names = await page.getByRole('list', { name: 'AWS profiles' }).locator('.profile-name').allTextContents();
    expect(names).toEqual(['corp', 'sandbox-a']);
    await session.screenshot('frame-with-profiles');
    expect(session.problems).toEqual([]);
  });

  it('tells a user without profiles to try the sandbox', async () => {
    const { session } = await browser.open();
    await session.page.getByText('No AWS profiles found: try the sandbox').waitFor();
    await session.screenshot('frame-no-profiles');
    expect(session.problems).toEqual([]);
  });

  it('refuses a page that does not present the run token', async () => {
    const { session } = await browser.open({ url: (harness) => `${harness.origin}/` });
    await expect.poll(() => session.page.getByRole('status').textContent()).toContain('not connected to Peerscape');
    const status = await session.page.evaluate(async () => (await fetch('/api/call', { method: 'POST', body: '{"method":"listProfiles","input":{}}' })).status);
    expect(status).toBe(401);
  });
});
