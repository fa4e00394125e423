// @vitest-environment jsdom
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { createActionsService } from '../../../electron/actions/actions-service';
import { createAuditLog } from '../../../electron/audit/audit-log';
import { createCallJournal } from '../../../electron/audit/call-journal';
import type { AuditExport } from '../../../shared/planning/audit-filter';
import { AuditPanel } from '../../../renderer/panels/plan/AuditPanel';
import { auditClientOver } from './service-client';

afterEach(cleanup);

async function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-audit-ui-'));
  const log = createAuditLog({ dataDir });
  const base = { profile: 'ops', accountId: '111111111111', region: 'eu-west-1', parameters: { RouteTableId: 'rtb-1' } };
  await log.append({ ...base, time: '2026-11-20T10:00:00.000Z', action: 'CreateVpcPeeringConnection', outcome: 'ok' });
  await log.append({ ...base, time: '2026-11-21T10:00:00.000Z', action: 'CreateRoute', outcome: 'error', errorCode: 'RouteAlreadyExists' });
  await log.append({ ...base, time: '2026-11-22T10:00:00.000Z', action: 'AcceptVpcPeeringConnection', outcome: 'ok', accountId: '222222222222', region: 'us-east-1' });
  const service = createActionsService({
    env: {},
    homeDir: dataDir,
    dataDir,
    loadTopology: async () => undefined,
    planProgressed: () => undefined,
    auditAppended: () => undefined,
    now: () => new Date('2026-11-24T00:00:00.000Z'),
  });
  const saved: AuditExport[] = [];
  let notify: (() => void) | undefined;
  render(
    <AuditPanel
      client={auditClientOver(service)}
      onSave={(f) => saved.push(f)}
      subscribe={(l) => {
        notify = l;
        return () => (notify = undefined);
      }}
    />,
  );
  return { log, saved, notify: () => notify?.() };
}

/** The log's own rows (each call's parameters are a table of their own inside it). */
function entryRows(): HTMLTableRowElement[] {
  return [...screen.getByRole('table', { name: 'Audit entries' }).querySelectorAll<HTMLTableRowElement>(':scope > tbody > tr')];
}

function actions(): string[] {
  return entryRows().map((r) => r.cells[2]!.textContent!);
}

describe('AuditPanel', () => {
  it('lists calls newest first and narrows them by action, outcome, account and text', async () => {
    await setup();
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('3 calls'));
    expect(actions()).toEqual(['AcceptVpcPeeringConnection', 'CreateRoute', 'CreateVpcPeeringConnection']);
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'error' } });
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('1 of 3 calls'));
    expect(screen.getByRole('table', { name: 'Audit entries' }).textContent).toContain('RouteAlreadyExists');
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    fireEvent.change(screen.getByLabelText('Account'), { target: { value: '222222222222' } });
    await waitFor(() => expect(actions()).toEqual(['AcceptVpcPeeringConnection']));
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    fireEvent.change(screen.getByLabelText('Search'), { target: { value: 'peeringconnection' } });
    await waitFor(() => expect(actions()).toEqual(['AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection']));
  });

  it('refreshes when a call is appended, and exports the filtered calls', async () => {
    const { log, saved, notify } = await setup();
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('3 calls'));
    await log.append({ time: '2026-11-23T10:00:00.000Z', profile: 'ops', region: 'eu-west-1', action: 'DeleteRoute', parameters: {}, outcome: 'ok' });
    notify();
    await waitFor(() => expect(actions()[0]).toBe('DeleteRoute'));
    fireEvent.change(screen.getByLabelText('Action'), { target: { value: 'CreateRoute' } });
    await waitFor(() => expect(actions()).toEqual(['CreateRoute']));
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.filename).toBe('peerscape-audit-2026-11-24T00-00-00-000Z.csv');
    expect(saved[0]!.count).toBe(1);
  });

  it('shows a call a crash left unanswered as interrupted until its resume says what AWS found, and filters and exports it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'peerscape-audit-ui-'));
    const log = createAuditLog({ dataDir });
    const base = { profile: 'ops', accountId: '111111111111', region: 'eu-west-1', runId: 'run-1' };
    await log.append({ ...base, time: '2026-11-20T10:00:00.000Z', action: 'CreateRoute', parameters: { RouteTableId: 'rtb-1' }, outcome: 'intent', callId: 'c1', stepId: 'r1' });
    await log.append({ ...base, time: '2026-11-20T10:00:01.000Z', action: 'CreateRoute', parameters: { RouteTableId: 'rtb-2' }, outcome: 'intent', callId: 'c2', stepId: 'r2' });
    // The app restarts: opening the log marks both calls interrupted.
    const service = createActionsService({ env: {}, homeDir: dataDir, dataDir, loadTopology: async () => undefined, planProgressed: () => undefined, auditAppended: () => undefined, now: () => new Date('2026-11-21T00:00:00.000Z') });
    const saved: AuditExport[] = [];
    let notify: (() => void) | undefined;
    render(<AuditPanel client={auditClientOver(service)} onSave={(f) => saved.push(f)} subscribe={(l) => ((notify = l), () => (notify = undefined))} />);
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('2 calls; 2 interrupted, outcome unknown until resumed'));
    const rows = entryRows;
    expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['interrupted', 'interrupted']);
    expect(rows()[0]!.textContent).toContain('interrupted: outcome unknown');

    // A resume found the first one in AWS.
    const [c1] = await log.unresolved('run-1');
    await createCallJournal(log, () => new Date('2026-11-21T01:00:00.000Z')).resolve(c1!, 'went-through', { message: 'Found in AWS: it went through. rtb-1 routes 10.0.0.0/16 to pcx-1.' });
    notify?.();
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('3 calls; 1 interrupted, outcome unknown until resumed'));
    expect(rows().map((r) => r.getAttribute('data-outcome'))).toEqual(['went-through', 'interrupted', 'interrupted']);
    expect(rows()[0]!.textContent).toContain('found in AWS: went through');
    expect(rows()[2]!.textContent).toContain('interrupted: found later: went through');
    expect(rows()[1]!.textContent).toContain('interrupted: outcome unknown');

    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'interrupted' } });
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(rows()[1]!.textContent).toContain('found later: went through');
    fireEvent.click(screen.getByRole('button', { name: 'Export JSON lines' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.content.trim().split('\n').map((l) => JSON.parse(l).callId)).toEqual(['c1', 'c2']);
  });
  it('shows a plan\'s checks as checks that changed nothing, never as errors, older DryRun lines included', async () => {
    const { log, notify } = await setup();
    const base = { profile: 'ops', accountId: '222222222222', region: 'us-east-1', action: 'AcceptVpcPeeringConnection' };
    await log.append({ ...base, time: '2026-11-23T10:00:00.000Z', parameters: { VpcPeeringConnectionId: '{{peeringId}}', DryRun: true }, outcome: 'dry-run', check: 'checked-later', message: 'Checked with DryRun before the peering exists.' });
    // An older version recorded the same check as an error with a placeholder id.
    await log.append({ ...base, time: '2026-11-23T10:00:01.000Z', parameters: { VpcPeeringConnectionId: 'pcx-00000000000000000', DryRun: true }, outcome: 'error', errorCode: 'InvalidVpcPeeringConnectionID.NotFound' });
    notify();
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('5 calls'));
    // The entries' own rows (each call's parameters are a table of their own inside its row).
    const rows = [...screen.getByRole('table', { name: 'Audit entries' }).querySelectorAll('tr.audit-row')].slice(0, 2);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.getAttribute('data-outcome')).toBe('dry-run');
      expect(row.querySelectorAll('td')[1]!.textContent).toBe('check: checked when it runs');
      expect(row.textContent).not.toContain('NotFound');
    }
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'error' } });
    await waitFor(() => expect(actions()).toEqual(['CreateRoute']));
  });
});
