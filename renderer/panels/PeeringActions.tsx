/** What the inspector offers for one peering: its checklist, computed from the latest snapshot,
 * with each item's action wired to the API, and reject or delete (with the routes and rules
 * that point to it, after confirmation).
 *
 * Every action runs a plan on the Node side (DryRun first), which rescans when it changed AWS;
 * the new snapshot then redraws the checklist, so nothing here keeps its own copy of AWS state.
 */
import { useEffect, useRef, useState } from 'react';

import type { ApiError, Result } from '../../shared/core/result';
import type { VpcId } from '../../shared/model/ids';
import type { Peering, Topology } from '../../shared/model/topology';
import type { ChecklistAction, ChecklistItem, PeeringChecklist as Checklist } from '../../shared/planning/peering-checklist';
import type { PlanAndRun, PlanRun } from '../../shared/planning/plan-run';
import { profilesFromTopology } from '../../shared/planning/plan-types';
import { useAppStore } from '../store/store-context';
import { PeeringChecklist } from './plan/PeeringChecklist';
import { NEW_RULE, RuleEditor, ruleRequestOf, type RuleDraft } from './plan/RuleEditor';

type Notice = { tone: 'ok' | 'bad' | 'info'; text: string; fix?: string };

/** Words for how a run ended. */
function describeRun(run: PlanRun, what: string): Notice {
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

function fromError(error: ApiError): Notice {
  return { tone: 'bad', text: error.message, fix: error.fix };
}

/** Checklist (computed by the inspector from the latest snapshot), reject and delete for `peering`. */
export function PeeringActions({ topology, peering, checklist }: { topology: Topology; peering: Peering; checklist: Result<Checklist> }) {
  const client = useAppStore((s) => s.client);
  const openPlan = useAppStore((s) => s.openPlan);
  const refresh = useAppStore((s) => s.refresh);
  const [busy, setBusy] = useState<ChecklistItem['id'] | 'delete' | 'reject' | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [cleanup, setCleanup] = useState(true);
  /** The rule being written after "add rules" was clicked. */
  const [rule, setRule] = useState<RuleDraft | undefined>();
  const profiles = profilesFromTopology(topology.accounts);
  const accepterProfiles = profiles[peering.accepter.accountId] ?? [];
  const requesterProfiles = profiles[peering.requester.accountId] ?? [];
  const pending = peering.status === 'pending-acceptance';
  const deletable = peering.status === 'active' || pending || peering.status === 'provisioning';

  async function perform(id: NonNullable<typeof busy>, what: string, call: () => Promise<Result<PlanRun | PlanAndRun>>): Promise<void> {
    setBusy(id);
    setNotice(undefined);
    try {
      const r = await call();
      if (!r.ok) return setNotice(fromError(r.error));
      setNotice(describeRun('run' in r.value ? r.value.run : r.value, what));
    } finally {
      setBusy(undefined);
    }
  }

  /** Plan what the peering lacks (only the asked part) and run it. */
  async function complete(input: Parameters<typeof client.planCompletion>[0], what: string, id: ChecklistItem['id']): Promise<void> {
    await perform(id, what, async () => {
      const plan = await client.planCompletion(input);
      return plan.ok ? client.runPlan({ planId: plan.value.id }) : plan;
    });
  }

  function onAction(action: ChecklistAction, item: ChecklistItem): void {
    switch (action.kind) {
      case 'accept':
        void perform(item.id, 'Accept', () => client.acceptPeering({ peeringId: peering.id, profile: action.profile }));
        return;
      case 'add-routes':
        void complete({ peeringId: peering.id, sides: [...action.sides] }, 'Routes', item.id);
        return;
      case 'enable-dns':
        void complete(
          { peeringId: peering.id, sides: [], withoutRoutes: true, dns: Object.fromEntries(action.sides.map((s) => [s, true])) },
          'DNS resolution',
          item.id,
        );
        return;
      case 'recreate':
        openPlan({ requesterVpcId: peering.requester.vpcId as VpcId, accepterVpcId: peering.accepter.vpcId as VpcId });
        return;
      case 'rescan':
        void refresh();
        return;
      case 'add-rules':
        setNotice(undefined);
        setRule(NEW_RULE);
        return;
      default:
        return;
    }
  }

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
          busy={!!busy}
          onCancel={() => setRule(undefined)}
          onSubmit={(request) => {
            setRule(undefined);
            void complete({ peeringId: peering.id, sides: [], withoutRoutes: true, securityGroupRules: [request] }, 'Security-group rule', 'security-groups');
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
          <button type="button" className="danger ghost" disabled={!!busy} onClick={() => void perform('reject', 'Reject', () => client.rejectPeering({ peeringId: peering.id }))}>
            {busy === 'reject' ? 'Rejecting…' : 'Reject request'}
          </button>
        )}
        {deletable && (requesterProfiles.length > 0 || accepterProfiles.length > 0) && !confirmDelete && (
          <button type="button" className="danger ghost" disabled={!!busy} onClick={() => setConfirmDelete(true)}>
            Delete peering…
          </button>
        )}
      </div>
      {confirmDelete && (
        <div className="confirm-box" role="group" aria-label="Confirm deletion">
          <p className="small">
            Delete <span className="mono">{peering.id}</span>? Traffic between the two VPCs stops at once.
          </p>
          <label className="small">
            <input type="checkbox" checked={cleanup} onChange={(e) => setCleanup(e.currentTarget.checked)} /> Also remove the routes in both VPCs that point to it, and the rules added for it
          </label>
          <div className="row">
            <button
              type="button"
              className="danger"
              disabled={!!busy}
              onClick={() =>
                void perform('delete', 'Delete', () => client.deletePeering({ peeringId: peering.id, cleanup })).then(() => setConfirmDelete(false))
              }
            >
              {busy === 'delete' ? 'Deleting…' : 'Delete'}
            </button>
            <button type="button" className="ghost" disabled={!!busy} onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </div>
        </div>
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
