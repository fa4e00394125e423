import { describe, expect, it } from 'vitest';

import { openBrowser } from '../support/browser';

describe('the browser session of every UI spec', () => {
  it('fails its close when the page threw an error nobody caught, and names it', async () => {
    const session = await openBrowser();
    await session.page.setContent('<p>page</p>');
    await session.page.evaluate(() => {
      setTimeout(() => {
        throw new Error('thrown by the page');
      }, 0);
    });
    await session.page.waitForTimeout(200);
    await expect(session.close()).rejects.toThrow(/uncaught error\(s\):\nthrown by the page/);
  });

  it('closes quietly when the page threw nothing', async () => {
    const session = await openBrowser();
    await session.page.setContent('<p>page</p>');
    await expect(session.close()).resolves.toBeUndefined();
  });
});
