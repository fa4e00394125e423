// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { buildHandoff } from '../../../shared/planning/handoff';
import { planPeering } from '../../../shared/planning/plan-peering';
import type { ApiError } from '../../../shared/core/result';
import type { PlanRun, StepRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan } from '../../../shared/planning/plan-types';
import { PlanSteps } from '../../../renderer/panels/plan/PlanSteps';
import { unpeeredPair } from '../../shared/planning/planning-fixtures';
import { installJsdomShims } from '../jsdom-shims';

installJsdomShims();

afterEach(cleanup);

function makePlan(profiles?: Readonly<Record<string, readonly string[]>>): PeeringPlan {
  const r = planPeering(unpeeredPair({ profiles }).topology, { requesterVpcId: 'vpc-r', accepterVpcId: 'vpc-x', routeTables: ['rtb-r1', 'rtb-x1'], cidrs: ['10.1.0.0/16', '10.0.0.0/16'] });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function runOf(plan: PeeringPlan, statuses: StepRun['status'][], extra: Partial<PlanRun> = {}): PlanRun {
  return {
    runId: 'run-1',
    planId: plan.id,
    phase: 'finished',
    startedAt: '2026-11-23T12:00:00.000Z',
    peeringId: 'pcx-0abc',
    steps: plan.steps.map((s, i) => ({ stepId: s.id, status: statuses[i] ?? 'pending' })),
    ...extra,
  };
}

const noop = () => undefined;

function patchStep(run: PlanRun, index: number, patch: Partial<StepRun>): PlanRun {
  return { ...run, steps: run.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}

describe('PlanSteps', () => {
  it('lists every step with its checkbox, profile, account and region, and reports unticking', () => {
    const plan = makePlan();
    const onToggle = vi.fn();
    render(<PlanSteps plan={plan} disabled={['route:rtb-x1:10.0.0.0/16']} onToggle={onToggle} />);
    const items = within(screen.getByRole('list', { name: 'Steps' })).getAllByRole('listitem');
    expect(items).toHaveLength(4);
    const create = screen.getByTestId('step-create');
    expect(within(create).getByTitle('Profile').textContent).toBe('profile-111111111111');
    expect(within(create).getByTitle('Region').textContent).toBe('eu-west-1');
    expect((within(screen.getByTestId('step-route:rtb-x1:10.0.0.0/16')).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    fireEvent.click(within(screen.getByTestId('step-accept')).getByRole('checkbox'));
    expect(onToggle).toHaveBeenCalledWith('accept', false);
  });

  it('after a failure shows what failed, where and what to do, what was done and what not, and offers Resume', () => {
    const plan = makePlan();
    const error: ApiError = { code: 'aws:AuthFailure', message: 'Route 10.0.0.0/16 …: CreateRoute failed in account 222222222222, eu-west-1 with profile "b" (AuthFailure).', fix: 'Check the keys. The steps before this one are done; resume the run once fixed.' };
    const run = patchStep(runOf(plan, ['done', 'done', 'done', 'failed'], { outcome: 'failed', error }), 3, { error });
    const onResume = vi.fn();
    render(<PlanSteps plan={plan} run={run} disabled={[]} onToggle={noop} onRun={noop} onResume={onResume} />);
    expect(screen.getByTestId('plan-outcome').textContent).toContain('Stopped at a failure.');
    expect(screen.getByTestId('error-route:rtb-x1:10.0.0.0/16').textContent).toContain('account 222222222222, eu-west-1');
    expect(screen.getByTestId('plan-summary').textContent).toBe('3 changed0 already in place1 not done');
    expect((within(screen.getByTestId('step-create')).getByRole('checkbox') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    // Resume first lists the calls it will still make: only the failed route, with the peering's id.
    expect(onResume).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: /^Confirm: Resume/ });
    const calls = within(within(confirm).getByRole('list', { name: 'Calls to AWS' })).getAllByRole('listitem');
    expect(calls.map((c) => c.getAttribute('data-testid'))).toEqual(['call-route:rtb-x1:10.0.0.0/16']);
    expect(calls[0]!.textContent).toContain('CreateRoute');
    expect(calls[0]!.textContent).toContain('pcx-0abc');
    expect(calls[0]!.textContent).toContain('222222222222');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Confirm and resume' }));
    expect(onResume).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Run' })).toBeNull();
  });

  it('lists the exact calls of a run before it runs: the ticked steps only, with profile, account, region and key parameters', () => {
    const plan = makePlan();
    const onRun = vi.fn();
    render(<PlanSteps plan={plan} disabled={['route:rtb-x1:10.0.0.0/16']} onToggle={noop} onRun={onRun} />);
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    expect(onRun).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: /^Confirm: Run/ });
    const calls = within(within(confirm).getByRole('list', { name: 'Calls to AWS' })).getAllByRole('listitem');
    expect(calls.map((c) => c.querySelector('strong')?.textContent)).toEqual(['CreateVpcPeeringConnection', 'CreateRoute', 'AcceptVpcPeeringConnection']);
    expect(calls[0]!.textContent).toContain('profile-111111111111');
    expect(calls[0]!.textContent).toContain('PeerVpcIdvpc-x');
    expect(calls[1]!.textContent).toContain('RouteTableIdrtb-r1');
    expect(calls[1]!.textContent).toContain('VpcPeeringConnectionIdthe new peering');
    expect(within(confirm).getByTestId('calls-summary').textContent).toContain('exactly these 3 calls');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: /^Confirm/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and run' }));
    expect(onRun).toHaveBeenCalledTimes(1);
  });

  it('asks for a decision on a conflicting route before Resume', () => {
    const plan = makePlan();
    const run = patchStep(runOf(plan, ['done', 'conflict'], { outcome: 'conflict' }), 1, { conflict: { routeTableId: 'rtb-r1', destination: '10.1.0.0/16', currentTarget: 'tgw-1' } });
    const onDecide = vi.fn();
    const { rerender } = render(<PlanSteps plan={plan} run={run} disabled={[]} onToggle={noop} onDecide={onDecide} onResume={noop} />);
    expect((screen.getByRole('button', { name: 'Resume' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Keep it (skip)' }));
    expect(onDecide).toHaveBeenCalledWith('route:rtb-r1:10.1.0.0/16', 'skip');
    rerender(<PlanSteps plan={plan} run={run} disabled={[]} decisions={{ 'route:rtb-r1:10.1.0.0/16': 'skip' }} onToggle={noop} onDecide={onDecide} onResume={noop} />);
    expect((screen.getByRole('button', { name: 'Resume' }) as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByRole('button', { name: 'Keep it (skip)' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('shows the other side what to do, with the ids filled in, and copies it', () => {
    const plan = makePlan({ '222222222222': [] });
    const handoff = buildHandoff(plan, 'pcx-0abc')!;
    const run = runOf(plan, ['done', 'done', 'other-side', 'other-side'], { phase: 'waiting-for-accepter', handoff });
    const onCopyText = vi.fn();
    render(<PlanSteps plan={plan} run={run} disabled={[]} onToggle={noop} onCancel={noop} onCopyText={onCopyText} />);
    const box = screen.getByTestId('plan-handoff');
    expect(box.textContent).toContain('What account 222222222222 must do in eu-west-1');
    expect(box.textContent).toContain('aws ec2 accept-vpc-peering-connection --vpc-peering-connection-id pcx-0abc --region eu-west-1');
    expect(screen.getByTestId('status-accept').textContent).toBe('Other side');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    fireEvent.click(within(box).getByRole('button', { name: 'Copy instructions' }));
    expect(onCopyText.mock.calls[0]?.[0]).toMatch(/^1\. Sign in to account 222222222222/);
  });

  it('shows DryRun verdicts and a refusal with nothing changed', () => {
    const plan = makePlan();
    const error: ApiError = { code: 'aws:UnauthorizedOperation', message: 'Accept … refused', fix: 'Grant it. Nothing was changed: the DryRun stopped the run before any step ran.' };
    const run = patchStep(patchStep(runOf(plan, ['pending', 'pending', 'pending', 'pending'], { outcome: 'dry-run-failed', error }), 0, { dryRun: 'would-succeed' }), 2, { dryRun: 'refused', error });
    render(<PlanSteps plan={plan} run={run} disabled={[]} onToggle={noop} onRun={noop} onDryRun={noop} />);
    expect(screen.getByTestId('plan-outcome').textContent).toContain('DryRun refused a step: nothing was changed.');
    expect(within(screen.getByTestId('step-create')).getByText('DryRun: would succeed')).toBeTruthy();
    expect(within(screen.getByTestId('step-accept')).getByText('DryRun: refused')).toBeTruthy();
    expect(screen.getByTestId('plan-run-error').textContent).toContain('Nothing was changed');
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
