/** Debian's Chromium driven by playwright-core, headless, with a fresh profile per run. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** Where UI specs keep their screenshots (kept by CI as artefacts). */
export const SCREENSHOT_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** A browser page plus everything the page complained about. */
export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  readonly problems: string[];
  screenshot(name: string): Promise<string>;
  /** Close the browser; rejects, naming them, when the page threw errors nobody caught (a spec that passed anyway would hide a broken app). */
  close(): Promise<void>;
}

/** Launch Chromium (`PEERSCAPE_CHROMIUM` or /usr/bin/chromium) with the flags a closed network needs; `reader` sets the page's locale and time zone. */
export async function openBrowser(viewport = { width: 1440, height: 900 }, reader: { locale?: string; timezoneId?: string } = {}): Promise<BrowserSession> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'peerscape-chromium-')), {
    executablePath: process.env.PEERSCAPE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport,
    ...reader,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  const uncaught: string[] = [];
  page.on('pageerror', (e) => {
    problems.push(`page error: ${e.message}`);
    uncaught.push(`${e.message}${e.stack ? `\n${e.stack.split('\n').slice(1, 4).join('\n')}` : ''}`);
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    problems,
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      if (uncaught.length > 0) throw new Error(`The page threw ${uncaught.length} uncaught error(s):\n${uncaught.join('\n')}`);
    },
  };
}
