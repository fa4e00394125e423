// @vitest-environment jsdom
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { createActionsService } from '../../../electron/actions/actions-service';
import { createAuditLog } from '../../../electron/audit/audit-log';
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

function actions(): string[] {
  return within(screen.getByRole('table', { name: 'Audit entries' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.querySelectorAll('td')[2]!.textContent!);
}

describe('AuditPanel', () => {
  it('lists calls newest first and narrows them by action, outcome, account and text', async () => {
    await setup();
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('3 calls'));
    expect(actions()).toEqual(['AcceptVpcPeeringConnection', 'CreateRoute', 'CreateVpcPeeringConnection']);
    fireEvent.change(screen.getByLabelText('Outcome'), { target: { value: 'error' } });
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('1 of 3 calls'));
    expect(screen.getByRole('table').textContent).toContain('RouteAlreadyExists');
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
});
