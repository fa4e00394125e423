// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Topology } from '../../../shared/model/topology';
import { peeringChecklist, type PeeringChecklist as Checklist } from '../../../shared/planning/peering-checklist';
import { PeeringChecklist } from '../../../renderer/panels/plan/PeeringChecklist';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

afterEach(cleanup);

function checklistOf(t: Topology, profiles?: Readonly<Record<string, readonly string[]>>): Checklist {
  const r = peeringChecklist(t, 'pcx-ab', profiles);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const pending = (): Topology => ({ ...buildPeeredPair(), peerings: buildPeeredPair().peerings.map((p) => ({ ...p, status: 'pending-acceptance' as const })) });

describe('PeeringChecklist', () => {
  it('shows the six items in order with their states', () => {
    render(<PeeringChecklist checklist={checklistOf(buildPeeredPair())} />);
    const items = within(screen.getByTestId('peering-checklist')).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.checklist-label')?.textContent)).toEqual([
      'Requested (done)',
      'Accepted (done)',
      'Requester routes (vpc-a) (done)',
      'Accepter routes (vpc-b) (done)',
      'Security groups (done)',
      'DNS resolution (optional)',
    ]);
    expect(screen.getByTestId('checklist-next').textContent).toContain('Active.');
  });

  it('offers the action that finishes an item', () => {
    const onAction = vi.fn();
    render(<PeeringChecklist checklist={checklistOf(pending())} onAction={onAction} />);
    fireEvent.click(within(screen.getByTestId('checklist-accepted')).getByRole('button', { name: 'Accept with profile profile-222222222222 in eu-west-1' }));
    expect(onAction.mock.calls[0]?.[0]).toEqual({ kind: 'accept', label: 'Accept with profile profile-222222222222 in eu-west-1', profile: 'profile-222222222222' });
    expect(onAction.mock.calls[0]?.[1].id).toBe('accepted');
  });

  it('shows the other side its instructions and copies them', () => {
    const onCopyText = vi.fn();
    render(<PeeringChecklist checklist={checklistOf(pending(), { '111111111111': ['a'] })} onAction={vi.fn()} onCopyText={onCopyText} />);
    const accepted = screen.getByTestId('checklist-accepted');
    expect(accepted.textContent).toContain('Ask the owner of account 222222222222 to accept');
    fireEvent.click(within(accepted).getByRole('button', { name: 'Copy' }));
    expect(onCopyText.mock.calls[0]?.[0]).toContain('aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id pcx-ab --region eu-west-1');
  });

  it('marks the item whose action is running', () => {
    const t = buildPeeredPair();
    const noRoutes = { ...t, routeTables: t.routeTables.map((rt) => (rt.vpcId === 'vpc-b' ? { ...rt, routes: rt.routes.filter((r) => r.target.kind !== 'peering') } : rt)) };
    render(<PeeringChecklist checklist={checklistOf(noRoutes)} onAction={vi.fn()} busyItem="accepter-routes" />);
    const button = within(screen.getByTestId('checklist-accepter-routes')).getByRole('button') as HTMLButtonElement;
    expect([button.textContent, button.disabled]).toEqual(['Working…', true]);
  });
});
