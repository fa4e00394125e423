/** A plan's steps: each with its profile, account and region and a checkbox; Copy as AWS CLI, Dry
 * run, Run; live progress; on a stop, what was done and what was not, and Resume. Run and Resume
 * first list the exact calls they will make (`CallsConfirm`), and make them only once confirmed.
 *
 * Props-driven: the parent (PlanActions, or any panel) owns the plan and the run.
 */
import { useState } from 'react';

import type { ApiError } from '../../../shared/core/result';
import type { Handoff } from '../../../shared/planning/handoff';
import type { ConflictDecision, DryRunVerdict, PlanRun, StepRun, StepRunStatus } from '../../../shared/planning/plan-run';
import { isRunUnfinished, summariseRun } from '../../../shared/planning/plan-run';
import type { PeeringPlan, PlanStep } from '../../../shared/planning/plan-types';
import './plan.css';
import { CallsConfirm } from './CallsConfirm';
import { ErrorBox } from './ErrorBox';

/** Props of `PlanSteps`. */
export interface PlanStepsProps {
  readonly plan: PeeringPlan;
  readonly run?: PlanRun;
  /** Ids of unticked steps. */
  readonly disabled: readonly string[];
  readonly decisions?: Readonly<Record<string, ConflictDecision>>;
  /** An action in flight (buttons wait for it). */
  readonly busy?: 'dry-run' | 'run' | 'resume' | 'cancel' | 'cli';
  /** The last failure of a request (not of a step), with its fix. */
  readonly error?: ApiError;
  /** What the outcome line says while an action just started and `run` is still the previous one's. */
  readonly startingText?: string;
  onToggle(stepId: string, enabled: boolean): void;
  onDecide?(stepId: string, decision: ConflictDecision): void;
  onCopyCli?(): void;
  onDryRun?(): void;
  onRun?(): void;
  onResume?(): void;
  onCancel?(): void;
  /** Copy a handoff command or the handoff's steps. */
  onCopyText?(text: string): void;
}

const STATUS_LABEL: Record<StepRunStatus, string> = {
  pending: 'To do',
  running: 'Running…',
  done: 'Done',
  'already-done': 'Already in place',
  'done-by-other-side': 'Done by the other side',
  disabled: 'Unticked',
  skipped: 'Skipped',
  'other-side': 'Other side',
  conflict: 'Needs a decision',
  failed: 'Failed',
  interrupted: 'Interrupted: outcome unknown',
  'not-run': 'Not run',
};

const DRY_RUN_LABEL: Record<DryRunVerdict, string> = {
  'would-succeed': 'DryRun: would succeed',
  'other-side': 'DryRun: other side',
  'checked-later': 'DryRun: checked once the peering exists',
  'already-done': 'DryRun: already in place',
  refused: 'DryRun: refused',
};

function outcomeText(run: PlanRun): string {
  if (run.phase === 'dry-run') return 'Checking every step with DryRun…';
  if (run.phase === 'checking') return 'Checking profiles…';
  if (run.phase === 'running') return 'Running…';
  if (run.phase === 'waiting-for-accepter') return 'Waiting for the other account to accept…';
  switch (run.outcome) {
    case 'completed':
      return 'Done: every step is in place.';
    case 'completed-with-handoff':
      return 'Done on this side; the other account has steps left (below).';
    case 'dry-run-passed':
      return 'DryRun passed: nothing was changed.';
    case 'dry-run-failed':
      return 'DryRun refused a step: nothing was changed.';
    case 'failed':
      return 'Stopped at a failure.';
    case 'conflict':
      return 'Stopped: a route needs your decision.';
    case 'waiting-for-accepter':
      return 'Waiting for the other account to accept; resume once they have.';
    case 'cancelled':
      return 'Cancelled.';
    case 'interrupted':
      return 'Interrupted: Peerscape stopped during this run. Resume asks AWS what went through, then goes on.';
    default:
      return '';
  }
}

function StepRow({
  step,
  state,
  enabled,
  locked,
  decision,
  onToggle,
  onDecide,
}: {
  step: PlanStep;
  state?: StepRun;
  enabled: boolean;
  locked: boolean;
  decision?: ConflictDecision;
  onToggle: PlanStepsProps['onToggle'];
  onDecide?: PlanStepsProps['onDecide'];
}) {
  const status = state?.status ?? (enabled ? 'pending' : 'disabled');
  return (
    <li className={`plan-step status-${status}${enabled ? '' : ' is-off'}`} data-testid={`step-${step.id}`}>
      <label className="plan-step-head">
        <input type="checkbox" checked={enabled} disabled={locked} onChange={(e) => onToggle(step.id, e.currentTarget.checked)} aria-label={`Include: ${step.title}`} />
        <span className="plan-step-title">{step.title}</span>
      </label>
      <div className="plan-step-meta">
        <span className={`chip ${step.profile ? 'chip-profile' : 'chip-other'}`} title="Profile">
          {step.profile ?? 'no local profile: the other side'}
        </span>
        <span className="chip mono" title="Account">
          {step.accountId}
        </span>
        <span className="chip mono" title="Region">
          {step.region}
        </span>
        <span className="chip mono muted" title="EC2 action">
          {step.action}
        </span>
        <span className={`step-status status-${status}`} data-testid={`status-${step.id}`}>
          {STATUS_LABEL[status]}
        </span>
        {state?.dryRun && (
          <span className={`step-dry dry-${state.dryRun}`}>
            {state.dryRun === 'checked-later' && 'TransitGatewayAttachmentId' in step.params ? 'DryRun: checked once the attachment exists' : DRY_RUN_LABEL[state.dryRun]}
          </span>
        )}
      </div>
      {step.warning && !state?.message && <p className="plan-step-warning">{step.warning}</p>}
      {state?.message && <p className="plan-step-message">{state.message}</p>}
      {state?.error && <ErrorBox error={state.error} testId={`error-${step.id}`} />}
      {status === 'conflict' && state?.conflict && onDecide && (
        <div className="plan-conflict" role="group" aria-label={`Decide about ${state.conflict.destination} in ${state.conflict.routeTableId}`}>
          <span>
            {state.conflict.routeTableId} sends {state.conflict.destination} to <span className="mono">{state.conflict.currentTarget}</span>.
          </span>
          <button type="button" aria-pressed={decision === 'replace'} onClick={() => onDecide(step.id, 'replace')}>
            {'TransitGatewayId' in step.params ? 'Replace with the transit gateway' : 'Replace with the peering'}
          </button>
          <button type="button" aria-pressed={decision === 'skip'} onClick={() => onDecide(step.id, 'skip')}>
            Keep it (skip)
          </button>
        </div>
      )}
    </li>
  );
}

function HandoffBox({ handoff, onCopyText }: { handoff: Handoff; onCopyText?: (text: string) => void }) {
  const cli = handoff.cliCommands.map((c) => `${c.comment}\n${c.command}`).join('\n\n');
  return (
    <section className="plan-handoff" aria-label={`What account ${handoff.accountId} must do`} data-testid="plan-handoff">
      <h3>
        What account <span className="mono">{handoff.accountId}</span> must do in {handoff.region}
      </h3>
      <ol>
        {handoff.consoleSteps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      <p className="muted small">Or with the AWS CLI, ids filled in:</p>
      <pre className="command" tabIndex={0}>
        {cli}
      </pre>
      {onCopyText && (
        <button type="button" onClick={() => onCopyText([...handoff.consoleSteps.map((s, i) => `${i + 1}. ${s}`), '', cli].join('\n'))}>
          Copy instructions
        </button>
      )}
    </section>
  );
}

/** The plan's steps, buttons and live run. */
export function PlanSteps(props: PlanStepsProps) {
  const { plan, run, disabled, decisions = {}, busy, error } = props;
  const off = new Set(disabled);
  const byId = new Map(run?.steps.map((s) => [s.stepId, s]));
  const running = run !== undefined && run.phase !== 'finished';
  const stopped = run?.phase === 'finished' && isRunUnfinished(run);
  const realRun = run !== undefined && run.outcome !== 'dry-run-passed' && run.outcome !== 'dry-run-failed';
  const pendingDecision = run?.outcome === 'conflict' && run.steps.some((s) => s.status === 'conflict' && !decisions[s.stepId]);
  const summary = run && realRun && run.phase === 'finished' ? summariseRun(plan, run) : undefined;
  const [confirming, setConfirming] = useState<'run' | 'resume' | undefined>();
  const go = (what: 'run' | 'resume') => {
    setConfirming(undefined);
    if (what === 'run') props.onRun?.();
    else props.onResume?.();
  };
  return (
    <div className="plan-steps" data-testid="plan-steps">
      <div className="plan-toolbar" role="toolbar" aria-label="Plan actions">
        {props.onCopyCli && (
          <button type="button" onClick={props.onCopyCli} disabled={busy === 'cli'}>
            Copy as AWS CLI
          </button>
        )}
        {props.onDryRun && (
          <button type="button" onClick={props.onDryRun} disabled={!!busy || running}>
            {busy === 'dry-run' ? 'Checking…' : 'Dry run'}
          </button>
        )}
        {stopped && props.onResume ? (
          <button type="button" className="primary" onClick={() => setConfirming('resume')} disabled={!!busy || pendingDecision || !!confirming} title={pendingDecision ? 'Decide about the conflicting route first' : undefined}>
            {busy === 'resume' ? 'Resuming…' : 'Resume'}
          </button>
        ) : (
          props.onRun && (
            <button type="button" className="primary" onClick={() => setConfirming('run')} disabled={!!busy || running || !!confirming || (realRun && run?.outcome === 'completed')}>
              {busy === 'run' ? 'Running…' : 'Run'}
            </button>
          )
        )}
        {running && props.onCancel && (
          <button type="button" className="danger" onClick={props.onCancel} disabled={busy === 'cancel'}>
            Cancel
          </button>
        )}
      </div>
      {confirming && (
        <CallsConfirm
          plan={plan}
          disabled={disabled}
          decisions={decisions}
          {...(confirming === 'resume' && run ? { run } : {})}
          title={`${confirming === 'run' ? 'Run' : 'Resume'}: ${plan.title}?`}
          confirmLabel={confirming === 'run' ? 'Confirm and run' : 'Confirm and resume'}
          busy={!!busy}
          onConfirm={() => go(confirming)}
          onCancel={() => setConfirming(undefined)}
        />
      )}
      {props.startingText ? (
        <p className="plan-outcome outcome-starting" role="status" data-testid="plan-outcome">
          {props.startingText}
        </p>
      ) : run && (
        <p className={`plan-outcome outcome-${run.outcome ?? run.phase}`} role="status" data-testid="plan-outcome">
          {outcomeText(run)}
          {run.peeringId && (
            <>
              {' '}
              <span className="mono">{run.peeringId}</span>
              {run.peeringStatus ? ` (${run.peeringStatus})` : ''}
            </>
          )}
          {run.attachmentId && (
            <>
              {' '}
              <span className="mono">{run.attachmentId}</span>
              {run.attachmentState ? ` (${run.attachmentState})` : ''}
            </>
          )}
        </p>
      )}
      {error && <ErrorBox error={error} testId="plan-request-error" />}
      {!props.startingText && run?.error && run.outcome !== 'conflict' && <ErrorBox error={run.error} testId="plan-run-error" />}
      {plan.notes.length > 0 && (
        <ul className="plan-notes" aria-label="Notes">
          {plan.notes.map((n) => (
            <li key={n.message} className={`note-${n.level}`}>
              {n.message}
              {n.fix ? ` ${n.fix}` : ''}
            </li>
          ))}
        </ul>
      )}
      <ol className="plan-step-list" aria-label="Steps">
        {plan.steps.map((step) => {
          const state = byId.get(step.id);
          const finished = state !== undefined && ['done', 'already-done', 'done-by-other-side'].includes(state.status);
          return (
            <StepRow
              key={step.id}
              step={step}
              {...(state ? { state } : {})}
              enabled={!off.has(step.id)}
              locked={running || !!busy || finished}
              {...(decisions[step.id] ? { decision: decisions[step.id] } : {})}
              onToggle={props.onToggle}
              {...(props.onDecide ? { onDecide: props.onDecide } : {})}
            />
          );
        })}
      </ol>
      {summary && (summary.changed.length > 0 || summary.notDone.length > 0 || summary.otherSide.length > 0) && (
        <div className="plan-summary" data-testid="plan-summary">
          <span>{summary.changed.length} changed</span>
          <span>{summary.alreadyInPlace.length} already in place</span>
          <span>{summary.notDone.length} not done</span>
          {summary.otherSide.length > 0 && <span>{summary.otherSide.length} for the other side</span>}
        </div>
      )}
      {run?.handoff && <HandoffBox handoff={run.handoff} {...(props.onCopyText ? { onCopyText: props.onCopyText } : {})} />}
    </div>
  );
}
