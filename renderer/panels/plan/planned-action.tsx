/** The flow every inspector button that changes AWS goes through: make the plan on the Node side,
 * show the exact calls it makes (`CallsConfirm`, with the plan's notes), and run that same plan
 * (DryRun first) only on Confirm. The Node side rescans what a run changed; the new snapshot
 * redraws the inspector, so nothing here keeps its own copy of AWS state.
 */
import { useState } from 'react';

import type { ApiError, Result } from '../../../shared/core/result';
import type { PlanRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan } from '../../../shared/planning/plan-types';
import { useAppStore } from '../../store/store-context';
import { CallsConfirm } from './CallsConfirm';

/** A line under the actions: how the last one went, and what to do about it. */
export type Notice = { tone: 'ok' | 'bad' | 'info'; text: string; fix?: string };

/** A plan waiting for the user's confirmation, with how to word it. */
export interface Intent<Id extends string> {
  readonly id: Id;
  /** The action in notices ("Accept", "Delete"). */
  readonly what: string;
  readonly title: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly plan: PeeringPlan;
  /** Unticked steps, sent with the run as they are listed. */
  readonly disabled: readonly string[];
  /** Cleanup steps can be ticked and unticked in the list (deletion). */
  readonly toggles?: boolean;
  /** After it completed, the item is gone: the selection clears. */
  readonly clearsSelection?: boolean;
}

/** How an intent is worded, before its plan is made. */
export type IntentWords<Id extends string> = Omit<Intent<Id>, 'id' | 'plan' | 'disabled'>;

/** Words for how a run ended. */
export function describeRun(run: PlanRun, what: string): Notice {
  switch (run.outcome) {
    case 'completed':
      return { tone: 'ok', text: `${what}: done. Rescanning to show it.` };
    case 'completed-with-handoff':
      return { tone: 'info', text: `${what}: done on this side; the other account's owner has steps left (see the checklist).` };
    case 'waiting-for-accepter':
      return { tone: 'info', text: `${what}: waiting for the other account to accept.` };
    case 'conflict':
      return { tone: 'bad', text: `${what}: a route points elsewhere.`, fix: 'Open the peering plan to decide whether to replace it.' };
    default:
      return run.error ? { tone: 'bad', text: run.error.message, fix: run.error.fix } : { tone: 'info', text: `${what}: ${run.outcome ?? run.phase}.` };
  }
}

/** An API error as a notice. */
export function fromError(error: ApiError): Notice {
  return { tone: 'bad', text: error.message, fix: error.fix };
}

/** The state of one inspector's planned actions: which is busy, the last notice, the plan waiting for confirmation. */
export function usePlannedAction<Id extends string>() {
  const client = useAppStore((s) => s.client);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const [busy, setBusy] = useState<Id | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [intent, setIntent] = useState<Intent<Id> | undefined>();

  /** Make the plan of an action and show its calls; nothing changes until the user confirms. */
  async function ask(id: Id, makePlan: () => Promise<Result<PeeringPlan>>, words: IntentWords<Id>): Promise<void> {
    setBusy(id);
    setNotice(undefined);
    setIntent(undefined);
    try {
      const plan = await makePlan();
      if (!plan.ok) return setNotice(fromError(plan.error));
      setIntent({ ...words, id, plan: plan.value, disabled: plan.value.steps.filter((s) => !s.enabled).map((s) => s.id) });
    } finally {
      setBusy(undefined);
    }
  }

  /** Run the confirmed plan, with the steps unticked exactly as listed. */
  async function confirm(confirmed: Intent<Id>): Promise<void> {
    setBusy(confirmed.id);
    try {
      const r = await client.runPlan({ planId: confirmed.plan.id, disabledStepIds: [...confirmed.disabled] });
      setIntent(undefined);
      if (!r.ok) return setNotice(fromError(r.error));
      setNotice(describeRun(r.value, confirmed.what));
      if (confirmed.clearsSelection && (r.value.outcome === 'completed' || r.value.outcome === 'completed-with-handoff')) clearSelection();
    } finally {
      setBusy(undefined);
    }
  }

  return { busy, notice, intent, setNotice, setIntent, ask, confirm };
}

/** The waiting intent's calls with Confirm and Cancel, its cleanup steps tickable when it says so, and the plan's notes. */
export function IntentConfirm<Id extends string>({ intent, busy, onChange, onConfirm, onCancel }: { intent: Intent<Id>; busy: boolean; onChange: (intent: Intent<Id>) => void; onConfirm: () => void; onCancel: () => void }) {
  return (
    <CallsConfirm
      key={intent.plan.id}
      plan={intent.plan}
      disabled={intent.disabled}
      title={intent.title}
      confirmLabel={intent.confirmLabel}
      {...(intent.danger ? { danger: true } : {})}
      busy={busy}
      {...(intent.toggles ? { onToggle: (stepId: string, on: boolean) => onChange({ ...intent, disabled: on ? intent.disabled.filter((id) => id !== stepId) : [...intent.disabled, stepId] }) } : {})}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {intent.plan.notes.length > 0 && (
        <ul className="plan-notes">
          {intent.plan.notes.map((n) => (
            <li key={n.message} className={`note-${n.level}`}>
              {n.message}
              {n.fix ? ` ${n.fix}` : ''}
            </li>
          ))}
        </ul>
      )}
    </CallsConfirm>
  );
}
