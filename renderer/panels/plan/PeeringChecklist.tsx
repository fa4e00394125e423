/** A peering's checklist for the inspector: requested → accepted → requester routes → accepter
 * routes → security groups → DNS, each with its state and the action that finishes it.
 *
 * Props-driven: the inspector passes the checklist (from `getPeeringChecklist`, or computed with
 * `peeringChecklist` from the latest discovery) and handles the actions.
 */
import type { ChecklistAction, ChecklistItem, ChecklistState, PeeringChecklist as Checklist } from '../../../shared/planning/peering-checklist';
import './plan.css';

/** Props of `PeeringChecklist`. */
export interface PeeringChecklistProps {
  readonly checklist: Checklist;
  /** Run the action that finishes an item (accept, add routes, enable DNS, open rules, recreate, rescan). */
  onAction?(action: ChecklistAction, item: ChecklistItem): void;
  /** Copy the other side's instructions. */
  onCopyText?(text: string): void;
  /** The item whose action is running. */
  readonly busyItem?: ChecklistItem['id'];
  /** Show the status summary above the items (default); off where the host already says it. */
  readonly showSummary?: boolean;
}

const ICON: Record<ChecklistState, string> = {
  done: '✓',
  waiting: '…',
  todo: '○',
  optional: '◌',
  blocked: '–',
  failed: '✕',
  closed: '·',
  unknown: '?',
};

const STATE_WORDS: Record<ChecklistState, string> = {
  done: 'done',
  waiting: 'waiting',
  todo: 'to do',
  optional: 'optional',
  blocked: 'not yet possible',
  failed: 'failed',
  closed: 'no longer applies',
  unknown: 'unknown',
};

function ActionView({ item, action, onAction, onCopyText, busy }: { item: ChecklistItem; action: ChecklistAction; onAction?: PeeringChecklistProps['onAction']; onCopyText?: PeeringChecklistProps['onCopyText']; busy: boolean }) {
  if (action.kind === 'ask-other-side') {
    return (
      <div className="checklist-other-side">
        <p className="small">{action.label}:</p>
        <pre className="command" tabIndex={0}>
          {action.instructions.join('\n')}
        </pre>
        {onCopyText && (
          <button type="button" onClick={() => onCopyText(action.instructions.join('\n'))}>
            Copy
          </button>
        )}
      </div>
    );
  }
  if (action.kind === 'wait') return <p className="muted small">{action.label}</p>;
  if (!onAction) return <p className="muted small">{action.label}</p>;
  return (
    <button type="button" className={action.kind === 'accept' || action.kind === 'add-routes' ? 'primary' : ''} disabled={busy} onClick={() => onAction(action, item)}>
      {busy ? 'Working…' : action.label}
    </button>
  );
}

/** The checklist as an ordered list. */
export function PeeringChecklist({ checklist, onAction, onCopyText, busyItem, showSummary = true }: PeeringChecklistProps) {
  return (
    <section className="peering-checklist" aria-label={`Checklist of ${checklist.peeringId}`} data-testid="peering-checklist">
      {showSummary && (
        <p className={`checklist-next ${checklist.complete ? 'is-complete' : ''}`} data-testid="checklist-next">
          <strong>{checklist.next.label}.</strong> {checklist.next.meaning} {checklist.complete ? '' : checklist.next.action}
        </p>
      )}
      <ol className="checklist-items">
        {checklist.items.map((item) => (
          <li key={item.id} className={`checklist-item state-${item.state}`} data-testid={`checklist-${item.id}`}>
            <span className="checklist-icon" aria-hidden="true">
              {ICON[item.state]}
            </span>
            <div className="checklist-body">
              <div className="checklist-label">
                {item.label} <span className="checklist-state">({STATE_WORDS[item.state]})</span>
              </div>
              <p className="small muted">{item.detail}</p>
              {item.action && item.state !== 'done' && (
                <ActionView item={item} action={item.action} {...(onAction ? { onAction } : {})} {...(onCopyText ? { onCopyText } : {})} busy={busyItem === item.id} />
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
