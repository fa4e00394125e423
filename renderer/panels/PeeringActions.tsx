/** What the inspector offers for one peering: its checklist, computed from the latest snapshot,
 * with each item's action wired to the API, and reject or delete (with the routes and rules
 * that point to it).
 *
 * Every button that changes AWS goes through the planned-action flow (plan/planned-action.tsx):
 * its plan's exact calls are shown, and only Confirm runs that same plan (DryRun first).
 */
import { useEffect, useRef, useState } from 'react';

import type { Result } from '../../shared/core/result';
import type { VpcId } from '../../shared/model/ids';
import type { Peering, Topology } from '../../shared/model/topology';
import type { ChecklistAction, ChecklistItem, PeeringChecklist as Checklist } from '../../shared/planning/peering-checklist';
import { profilesFromTopology } from '../../shared/planning/plan-types';
import { useAppStore } from '../store/store-context';
import { IntentConfirm, usePlannedAction, type IntentWords } from './plan/planned-action';
import { PeeringChecklist } from './plan/PeeringChecklist';
import { NEW_RULE, RuleEditor, ruleRequestOf, type RuleDraft } from './plan/RuleEditor';

export { describeRun, fromError, type Notice } from './plan/planned-action';
type BusyId = ChecklistItem['id'] | 'delete' | 'reject';

/** Checklist (computed by the inspector from the latest snapshot), reject and delete for `peering`. */
export function PeeringActions({ topology, peering, checklist }: { topology: Topology; peering: Peering; checklist: Result<Checklist> }) {
  const client = useAppStore((s) => s.client);
  const openPlan = useAppStore((s) => s.openPlan);
  const refresh = useAppStore((s) => s.refresh);
  const { busy, notice, intent, setNotice, setIntent, ask, confirm } = usePlannedAction<BusyId>();
  /** The rule being written after "add rules" was clicked. */
  const [rule, setRule] = useState<RuleDraft | undefined>();
  const profiles = profilesFromTopology(topology.accounts);
  const accepterProfiles = profiles[peering.accepter.accountId] ?? [];
  const requesterProfiles = profiles[peering.requester.accountId] ?? [];
  const pending = peering.status === 'pending-acceptance';
  const deletable = peering.status === 'active' || pending || peering.status === 'provisioning';
  const label = peering.name ? `"${peering.name}" (${peering.id})` : peering.id;

  /** Plan what the peering lacks (only the asked part) and show its calls. */
  function complete(input: Parameters<typeof client.planCompletion>[0], id: BusyId, words: IntentWords<BusyId>): void {
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
      {intent && <IntentConfirm intent={intent} busy={!!busy} onChange={setIntent} onConfirm={() => void confirm(intent)} onCancel={() => setIntent(undefined)} />}
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
