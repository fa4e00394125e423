/** The confirmation every button that changes AWS opens first: the exact calls it will make, each
 * with its profile, account, region and key parameters, then Confirm or Cancel.
 *
 * The list is `planCalls` of the plan the run will use, with the same unticked steps and
 * decisions the run is sent, and the executor refuses any call that is not on it, so what is
 * confirmed is what runs. Steps the other account's owner must do are listed apart: Peerscape
 * never sends them.
 */
import { useEffect, useRef, type ReactNode } from 'react';

import type { ConflictDecision, PlanRun } from '../../../shared/planning/plan-run';
import { isStepFinished } from '../../../shared/planning/plan-run';
import { planCalls, type CallKey, type OtherSideCall, type PlannedCall } from '../../../shared/planning/plan-calls';
import type { PeeringPlan, PlanStep } from '../../../shared/planning/plan-types';
import './plan.css';

/** What the list is computed from: the plan and the edits the run will be sent with. */
export interface CallListProps {
  readonly plan: PeeringPlan;
  /** The unticked steps, exactly as sent with the run (`disabledStepIds`). */
  readonly disabled: readonly string[];
  readonly decisions?: Readonly<Record<string, ConflictDecision>>;
  /** A run being resumed: its finished steps send nothing more. */
  readonly run?: PlanRun;
  /** When given, cleanup steps (those a deletion asks to confirm) can be ticked and unticked here. */
  onToggle?(stepId: string, enabled: boolean): void;
}

function Keys({ keys }: { keys: readonly CallKey[] }) {
  return (
    <dl className="call-keys">
      {keys.map((k) => (
        <div key={k.name} className="call-key">
          <dt>{k.name}</dt>
          <dd className="mono">{k.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function CallRow({ n, call, step, onToggle }: { n: number; call: PlannedCall | OtherSideCall; step?: PlanStep; onToggle?: CallListProps['onToggle'] }) {
  const toggle = onToggle && step?.needsConfirmation;
  return (
    <li className="call" data-testid={`call-${call.stepId}`}>
      <div className="call-head">
        <span className="call-n">{n}.</span>
        {toggle && <input type="checkbox" checked onChange={() => onToggle(call.stepId, false)} aria-label={`Include: ${call.title}`} title="Untick to leave it out" />}
        <strong className="mono">{call.action}</strong>
        {'profile' in call && <span className="chip chip-profile">{call.profile}</span>}
        <span className="chip mono">{call.accountId}</span>
        <span className="chip mono">{call.region}</span>
      </div>
      <Keys keys={call.keys} />
    </li>
  );
}

/** The calls a confirmation lists, the optional cleanup left out, and the other side's part. */
export function CallList({ plan, disabled, decisions, run, onToggle }: CallListProps) {
  const { calls, otherSide } = planCalls(plan, { disabled, ...(decisions ? { decisions } : {}), ...(run ? { run } : {}) });
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const finished = new Set((run?.steps ?? []).filter((s) => isStepFinished(s.status)).map((s) => s.stepId));
  const off = new Set(disabled);
  const leftOut = onToggle ? plan.steps.filter((s) => s.needsConfirmation && s.profile && off.has(s.id) && !finished.has(s.id)) : [];
  return (
    <div className="call-list">
      <ol className="calls" aria-label="Calls to AWS">
        {calls.map((c, i) => (
          <CallRow key={c.stepId} n={i + 1} call={c} {...(byId.get(c.stepId) ? { step: byId.get(c.stepId)! } : {})} {...(onToggle ? { onToggle } : {})} />
        ))}
      </ol>
      {leftOut.length > 0 && (
        <ul className="calls calls-left-out" aria-label="Not sent">
          {leftOut.map((s) => (
            <li key={s.id} className="call is-off" data-testid={`left-out-${s.id}`}>
              <label className="call-head">
                <input type="checkbox" checked={false} onChange={() => onToggle!(s.id, true)} aria-label={`Include: ${s.title}`} />
                <span>Not sent: {s.title}</span>
              </label>
              {s.warning && <p className="small muted">{s.warning}</p>}
            </li>
          ))}
        </ul>
      )}
      {otherSide.length > 0 && (
        <>
          <p className="small muted">Left to the other account's owner (Peerscape does not send these; it shows them how):</p>
          <ol className="calls calls-other-side" aria-label="Calls the other side makes">
            {otherSide.map((c, i) => (
              <CallRow key={c.stepId} n={i + 1} call={c} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

/** Props of `CallsConfirm`. */
export interface CallsConfirmProps extends CallListProps {
  /** The question, in words ("Delete pcx-1?"). */
  readonly title: string;
  /** Label of the button that makes the calls ("Accept", "Delete", "Run"). */
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly busy?: boolean;
  /** Anything the user should know before confirming (what stops, what is left alone). */
  readonly children?: ReactNode;
  onConfirm(): void;
  onCancel(): void;
}

/** The list of calls, with Confirm and Cancel; it scrolls itself into view and takes the focus when it opens. */
export function CallsConfirm(props: CallsConfirmProps) {
  const { title, confirmLabel, danger, busy, children, onConfirm, onCancel, ...list } = props;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
    box.current?.focus({ preventScroll: true });
  }, []);
  const { calls } = planCalls(list.plan, { disabled: list.disabled, ...(list.decisions ? { decisions: list.decisions } : {}), ...(list.run ? { run: list.run } : {}) });
  const n = calls.length;
  return (
    <div ref={box} className={`calls-confirm${danger ? ' is-danger' : ''}`} role="group" aria-label={`Confirm: ${title}`} tabIndex={-1} data-testid="calls-confirm">
      <p className="calls-confirm-title">
        <strong>{title}</strong>
      </p>
      {children}
      <p className="small" data-testid="calls-summary">
        {n === 0
          ? 'Nothing for Peerscape to send: every step is unticked, done or the other side\'s.'
          : n === 1
            ? 'Peerscape will make exactly this call to AWS, and no other. It is first checked with DryRun, which changes nothing.'
            : `Peerscape will make exactly these ${n} calls to AWS, in this order, and no other. Each is first checked with DryRun, which changes nothing.`}
      </p>
      <CallList {...list} />
      <div className="row">
        <button type="button" className={danger ? 'danger' : 'primary'} disabled={busy || n === 0} onClick={onConfirm}>
          {busy ? 'Working…' : confirmLabel}
        </button>
        <button type="button" className="ghost" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
