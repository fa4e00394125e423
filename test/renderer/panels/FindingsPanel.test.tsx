// @vitest-environment jsdom
/** The Findings panel and `peerscape analyze` on the same snapshot (the sandbox demo, scanned for
 * real): the same findings, under the same headings. */
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { AnalyzeReport } from '../../../electron/cli/commands/analyze';
import type { CliIo } from '../../../electron/cli/io';
import { runCli } from '../../../electron/cli/main';
import { FindingsPanel } from '../../../renderer/panels/FindingsPanel';
import { createAppStore } from '../../../renderer/store/app-store';
import { StoreProvider } from '../../../renderer/store/store-context';
import { FINDING_KINDS } from '../../../shared/analysis/findings';
import type { Snapshot } from '../../../shared/model/snapshot';
import type { Loopback } from '../../support/loopback-transport';
import type { MainApi } from '../../../electron/api/main-api';
import { loopbackMainApi, makeTempHome } from '../../support/main-api-fixture';
import { scanThroughApi } from '../../support/scan-through-api';
import { installJsdomShims } from '../jsdom-shims';

let loop: Loopback<MainApi>;
let snapshot: Snapshot;

/** `peerscape analyze` run in-process on `snapshot`, as text and as JSON. */
async function analyze(...flags: string[]): Promise<string> {
  let stdout = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: () => undefined },
    readFile: async () => JSON.stringify(snapshot),
    env: {},
    cwd: '/',
  };
  expect(await runCli(['analyze', '--snapshot', 'demo.json', '--limit', '0', ...flags], io)).toBe(0);
  return stdout;
}

beforeAll(async () => {
  installJsdomShims();
  loop = loopbackMainApi(makeTempHome());
  expect((await loop.client.startSandbox({})).ok).toBe(true);
  await scanThroughApi(loop.client, { source: 'sandbox' });
  const ws = await loop.client.getWorkspace({});
  if (!ws.ok || !ws.value.snapshot) throw new Error('the sandbox scan left no snapshot');
  snapshot = ws.value.snapshot;
}, 120_000);

afterAll(async () => {
  cleanup();
  await loop?.api.dispose();
});

describe('the Findings panel', () => {
  it('shows the same findings as peerscape analyze, route anomalies included, under the same headings', async () => {
    const report = JSON.parse(await analyze('--json')) as AnalyzeReport;
    const store = createAppStore(loop.client);
    await store.getState().loadStartup();
    render(
      <StoreProvider store={store}>
        <FindingsPanel />
      </StoreProvider>,
    );
    const panel = await screen.findByTestId('findings-panel');
    const shown = [...panel.querySelectorAll<HTMLElement>('[data-finding-id]')].map((li) => `${li.dataset.findingKind} ${li.dataset.findingId}`);
    const reported = report.findings.map((f) => `${f.kind} ${f.id}`);
    expect(shown.sort()).toEqual([...reported].sort());

    // The demo's route anomalies: a stale route to a deleted peering, one into a pending request,
    // a default route into a peering and routes beyond the peer.
    const anomalies = report.findings.filter((f) => f.kind === 'route-anomaly');
    expect(new Set(anomalies.map((f) => f.cells[3]!.replace(/ \(.*/, '')))).toEqual(new Set(['stale', 'not active yet', 'beyond peer']));
    expect(anomalies.some((f) => f.cells[2]!.startsWith('0.0.0.0/0 →'))).toBe(true);

    // Each kind's heading and count read the same in both.
    const text = await analyze();
    for (const [kind, info] of Object.entries(FINDING_KINDS)) {
      const heading = panel.querySelector(`#findings-${kind}-heading`)?.textContent;
      const total = report.totals[kind as keyof typeof FINDING_KINDS];
      if (!heading) {
        expect(total, kind).toBe(0);
        continue;
      }
      expect(heading).toBe(`${info.title} (${total})`);
      expect(text).toContain(`${info.title}: ${total}`);
    }
    // And so do the findings' words: the message of every finding is in the panel.
    const items = new Map([...panel.querySelectorAll<HTMLElement>('[data-finding-id]')].map((li) => [li.dataset.findingId!, li.textContent ?? '']));
    for (const f of report.findings) expect(items.get(f.id), f.id).toContain(f.message);
  }, 60_000);
});
