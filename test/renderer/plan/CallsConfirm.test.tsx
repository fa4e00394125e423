// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { planDeletion } from '../../../shared/planning/plan-deletion';
import type { PeeringPlan } from '../../../shared/planning/plan-types';
import { CallsConfirm } from '../../../renderer/panels/plan/CallsConfirm';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';
import { installJsdomShims } from '../jsdom-shims';

installJsdomShims();
afterEach(cleanup);

function deletion(): PeeringPlan {
  const r = planDeletion(buildPeeredPair(), 'pcx-ab');
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The confirmation as the inspector holds it: the unticked steps in state, sent as they are listed. */
function Host({ plan, onConfirm }: { plan: PeeringPlan; onConfirm: (disabled: readonly string[]) => void }) {
  const [disabled, setDisabled] = useState<readonly string[]>(plan.steps.filter((s) => !s.enabled).map((s) => s.id));
  return (
    <CallsConfirm
      plan={plan}
      disabled={disabled}
      title="Delete pcx-ab?"
      confirmLabel="Delete"
      danger
      onToggle={(id, on) => setDisabled((d) => (on ? d.filter((x) => x !== id) : [...d, id]))}
      onConfirm={() => onConfirm(disabled)}
      onCancel={() => undefined}
    />
  );
}

const listed = () => within(screen.getByRole('list', { name: 'Calls to AWS' })).getAllByRole('listitem').map((li) => li.getAttribute('data-testid'));

describe('CallsConfirm', () => {
  it('lists the delete, then each route with its table and destination; unticking a cleanup step takes it off the list, and Confirm sends what is listed', () => {
    const plan = deletion();
    const onConfirm = vi.fn();
    render(<Host plan={plan} onConfirm={onConfirm} />);
    const routes = plan.steps.filter((s) => s.kind === 'delete-route');
    expect(listed()).toEqual(['call-delete', ...routes.map((s) => `call-${s.id}`)]);
    const first = screen.getByTestId(`call-${routes[0]!.id}`);
    expect(first.textContent).toContain('DeleteRoute');
    expect(first.textContent).toContain('RouteTableIdrtb-a1');
    expect(first.textContent).toContain('DestinationCidrBlock10.1.0.0/16');
    // Rules that only may have served the peering are offered, not sent.
    const notSent = within(screen.getByRole('list', { name: 'Not sent' })).getAllByRole('listitem');
    expect(notSent.length).toBe(plan.steps.filter((s) => !s.enabled).length);
    expect(screen.getByTestId('calls-summary').textContent).toContain(`these ${routes.length + 1} calls`);

    fireEvent.click(within(first).getByRole('checkbox'));
    expect(listed()).not.toContain(`call-${routes[0]!.id}`);
    expect(screen.getByTestId(`left-out-${routes[0]!.id}`)).toBeTruthy();
    expect(screen.getByTestId('calls-summary').textContent).toContain(`these ${routes.length} calls`);
    // The delete itself cannot be unticked here: it is what the button does.
    expect(within(screen.getByTestId('call-delete')).queryByRole('checkbox')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onConfirm).toHaveBeenCalledWith(expect.arrayContaining([routes[0]!.id]));
    expect(document.activeElement).toBe(screen.getByRole('group', { name: 'Confirm: Delete pcx-ab?' }));
  });
});
