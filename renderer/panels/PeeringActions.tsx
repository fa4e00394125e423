/** What the inspector offers for one peering: its checklist, computed from the latest snapshot,
 * with each item's action wired to the API, and reject or delete (with the routes and rules
 * that point to it).
 *
 * Every button that changes AWS first makes its plan on the Node side and shows the exact calls
 * that plan makes (`CallsConfirm`); only Confirm runs that same plan (DryRun first). The Node side
 * rescans when a run changed AWS; the new snapshot then redraws the checklist, so nothing here
 * keeps its own copy of AWS state.
 */
import { useEffect, useRef, useState } from 'react';

import type { ApiError, Result } from '../../shared/core/result';
import type { VpcId } from '../../shared/model/ids';
import type { Peering, Topology } from '../../shared/model/topology';
import type { ChecklistAction, ChecklistItem, PeeringChecklist as Checklist } from '../../shared/planning/peering-checklist';
import type { PlanRun } from '../../shared/planning/plan-run';
import type { PeeringPlan } from '../../shared/planning/plan-types';
import { profilesFromTopology } from '../../shared/planning/plan-types';
import { useAppStore } from '../store/store-context';
import { CallsConfirm } from './plan/CallsConfirm';
import { PeeringChecklist } from './plan/PeeringChecklist';
import { NEW_RULE, RuleEditor, ruleRequestOf, type RuleDraft } from './plan/RuleEditor';

/** A line under the actions: how the last one went, and what to do about it. */
export type Notice = { tone: 'ok' | 'bad' | 'info'; text: string; fix?: string };
type BusyId = ChecklistItem['id'] | 'delete' | 'reject';

/** A plan waiting for the user's confirmation, with how to word it. */
interface Intent {
  readonly id: BusyId;
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
  /** After it completed, the peering is gone: the selection clears. */
  readonly clearsSelection?: boolean;
}

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

/** Checklist (computed by the inspector from the latest snapshot), reject and delete for `peering`. */
export function PeeringActions({ topology, peering, checklist }: { topology: Topology; peering: Peering; checklist: Result<Checklist> }) {
  const client = useAppStore((s) => s.client);
  const openPlan = useAppStore((s) => s.openPlan);
  const refresh = useAppStore((s) => s.refresh);
  const clearSelection = useAppStore((s) => s.clearSelection);
  const [busy, setBusy] = useState<BusyId | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [intent, setIntent] = useState<Intent | undefined>();
  /** The rule being written after "add rules" was clicked. */
  const [rule, setRule] = useState<RuleDraft | undefined>();
  const profiles = profilesFromTopology(topology.accounts);
  const accepterProfiles = profiles[peering.accepter.accountId] ?? [];
  const requesterProfiles = profiles[peering.requester.accountId] ?? [];
  const pending = peering.status === 'pending-acceptance';
  const deletable = peering.status === 'active' || pending || peering.status === 'provisioning';
  const label = peering.name ? `"${peering.name}" (${peering.id})` : peering.id;

  /** Make the plan of an action and show its calls; nothing changes until the user confirms. */
  async function ask(id: BusyId, makePlan: () => Promise<Result<PeeringPlan>>, words: Omit<Intent, 'id' | 'plan' | 'disabled'>): Promise<void> {
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
  async function confirm(confirmed: Intent): Promise<void> {
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

  /** Plan what the peering lacks (only the asked part) and show its calls. */
  function complete(input: Parameters<typeof client.planCompletion>[0], id: BusyId, words: Omit<Intent, 'id' | 'plan' | 'disabled'>): void {
    void ask(id, () => client.planCompletion(input), words);
  }

  function onAction(action: ChecklistAction, item: ChecklistItem): void {
    switch (action.kind) {
      case 'accept':
        complete({ peeringId: peering.id, accept: true, withoutRoutes: true, accepterProfile: action.profile }, item.id, {
          what: 'Accept',
          title: `Accept ${label} as account ${peering.accepter.accountId}? Routes are not added: they are their own checklist steps.`,
          confirmLabel: 'Accept',
        });
        return;
      case 'add-routes':
        complete({ peeringId: peering.id, sides: [...action.sides] }, item.id, { what: 'Routes', title: `${action.label}?`, confirmLabel: 'Add the routes' });
        return;
      case 'enable-dns':
        complete({ peeringId: peering.id, sides: [], withoutRoutes: true, dns: Object.fromEntries(action.sides.map((s) => [s, true])) }, item.id, {
          what: 'DNS resolution',
          title: `Allow DNS resolution across ${label}?`,
          confirmLabel: 'Allow DNS resolution',
        });
        return;
      case 'remove-stale-routes':
        void ask(item.id, () => client.planDeletion({ peeringId: peering.id, staleRoutesOnly: true }), {
          what: 'Stale routes',
          title: `Remove the routes that still point at ${label} (${peering.status})?`,
          confirmLabel: action.label,
          danger: true,
        });
        return;
      case 'recreate':
        openPlan({ requesterVpcId: peering.requester.vpcId as VpcId, accepterVpcId: peering.accepter.vpcId as VpcId });
        return;
      case 'rescan':
        void refresh();
        return;
      case 'add-rules':
        setNotice(undefined);
        setIntent(undefined);
        setRule(NEW_RULE);
        return;
      default:
        return;
    }
  }

  const held = !!busy || !!intent;
  return (
    <section className="peering-actions" aria-label="Peering actions">
      <h4>Checklist</h4>
      {checklist.ok ? (
        <PeeringChecklist
          checklist={checklist.value}
          // The inspector's next-step box above already says where the peering stands.
          showSummary={false}
          onAction={onAction}
          onCopyText={(text) => void navigator.clipboard?.writeText(text)}
          {...(busy && busy !== 'delete' && busy !== 'reject' ? { busyItem: busy } : {})}
        />
      ) : (
        <p className="muted small">{checklist.error.message}</p>
      )}
      {rule && (
        <RuleForm
          topology={topology}
          peering={peering}
          rule={rule}
          onChange={setRule}
          busy={held}
          onCancel={() => setRule(undefined)}
          onSubmit={(request) => {
            setRule(undefined);
            complete({ peeringId: peering.id, sides: [], withoutRoutes: true, securityGroupRules: [request] }, 'security-groups', {
              what: 'Security-group rule',
              title: `Add this rule for ${label}?`,
              confirmLabel: 'Add the rule',
            });
          }}
        />
      )}
      {notice && (
        <div className={`action-notice tone-${notice.tone}`} role={notice.tone === 'bad' ? 'alert' : 'status'} data-testid="peering-action-notice">
          <strong>{notice.text}</strong> {notice.fix}
        </div>
      )}
      <div className="row peering-danger">
        {pending && accepterProfiles.length > 0 && (
          <button
            type="button"
            className="danger ghost"
            disabled={held}
            onClick={() =>
              void ask('reject', () => client.planRejection({ peeringId: peering.id }), {
                what: 'Reject',
                title: `Reject ${label}? The requester cannot accept it again; a new request is needed.`,
                confirmLabel: 'Reject',
                danger: true,
              })
            }
          >
            {busy === 'reject' ? 'Planning…' : 'Reject request…'}
          </button>
        )}
        {deletable && (requesterProfiles.length > 0 || accepterProfiles.length > 0) && (
          <button
            type="button"
            className="danger ghost"
            disabled={held}
            onClick={() =>
              void ask('delete', () => client.planDeletion({ peeringId: peering.id }), {
                what: 'Delete',
                title: `Delete ${label}? Traffic between the two VPCs stops at once.`,
                confirmLabel: 'Delete',
                danger: true,
                toggles: true,
                clearsSelection: true,
              })
            }
          >
            {busy === 'delete' && !intent ? 'Planning…' : 'Delete peering…'}
          </button>
        )}
      </div>
      {intent && (
        <CallsConfirm
          key={intent.plan.id}
          plan={intent.plan}
          disabled={intent.disabled}
          title={intent.title}
          confirmLabel={intent.confirmLabel}
          {...(intent.danger ? { danger: true } : {})}
          busy={!!busy}
          {...(intent.toggles
            ? { onToggle: (stepId: string, on: boolean) => setIntent({ ...intent, disabled: on ? intent.disabled.filter((id) => id !== stepId) : [...intent.disabled, stepId] }) }
            : {})}
          onConfirm={() => void confirm(intent)}
          onCancel={() => setIntent(undefined)}
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
      )}
    </section>
  );
}

/** A rule for a peering that exists: allow the other VPC into groups of either side. */
function RuleForm(props: {
  topology: Topology;
  peering: Peering;
  rule: RuleDraft;
  onChange: (rule: RuleDraft) => void;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (request: NonNullable<ReturnType<typeof ruleRequestOf>>) => void;
}) {
  const { topology, peering, rule } = props;
  const sideVpc = (side: Peering['requester']) => {
    const vpc = topology.vpcs.find((v) => v.id === side.vpcId);
    return { id: side.vpcId, region: side.region, ...(vpc?.name ? { name: vpc.name } : {}) };
  };
  const groups = topology.securityGroups.filter((g) => g.vpcId === peering.requester.vpcId || g.vpcId === peering.accepter.vpcId);
  const request = ruleRequestOf(rule);
  const form = useRef<HTMLFormElement>(null);
  // It opens below the checklist: bring it into view, the groups first, as nothing works without one.
  useEffect(() => {
    form.current?.scrollIntoView({ block: 'nearest' });
    form.current?.querySelector<HTMLSelectElement>('select[multiple]')?.focus();
  }, []);
  return (
    <form
      ref={form}
      className="plan-option plan-rule"
      aria-label="Security-group rule"
      onSubmit={(e) => {
        e.preventDefault();
        if (request) props.onSubmit(request);
      }}
    >
      <RuleEditor rule={rule} onChange={props.onChange} requester={sideVpc(peering.requester)} accepter={sideVpc(peering.accepter)} groups={groups} />
      <button type="submit" className="primary" disabled={!request || props.busy} title={request ? undefined : 'Pick at least one security group, and the ports'}>
        Add rule
      </button>
      <button type="button" className="ghost" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}
