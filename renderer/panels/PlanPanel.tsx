/** The peering plan a valid drop opens: who requests, who must accept and with which profile.
 *
 * The steps and the Run button come from the peering-actions feature through `actions` (or a
 * `PlanActionsProvider`); until then the panel shows what the peering takes and the AWS CLI
 * command that requests it.
 */
import { useReactFlow } from '@xyflow/react';
import { useCallback, useMemo, useRef } from 'react';

import { accountAwsNames } from '../../shared/diagram/names';
import type { PeeringId, VpcId } from '../../shared/model/ids';
import type { Account, Topology, Vpc } from '../../shared/model/topology';
import { awsCommandText, ec2Command } from '../../shared/words/aws-cli';
import { validatorOf } from '../graph/derive';
import { SUMMARY_BELOW_ZOOM } from '../graph/overview/zoom-levels';
import { useAppStoreApi } from '../store/store-context';
import type { PeeringPair } from '../store/app-store';
import type { PlanActionsRenderer } from './plan-slot';
import { usePlanActions } from './plan-slot';

/** Props of `PlanPanel`. */
export interface PlanPanelProps {
  readonly topology: Topology;
  readonly pair: PeeringPair;
  readonly onClose: () => void;
  /** Steps and Run button; defaults to the provider's renderer. */
  readonly actions?: PlanActionsRenderer;
}

function VpcSummary({ role, vpc, account, profiles }: { role: string; vpc: Vpc; account: Account | undefined; profiles: readonly string[] }) {
  return (
    <div className="plan-vpc">
      <div className="plan-role">{role}</div>
      <div className="plan-vpc-name">{vpc.name ?? vpc.id}</div>
      <div className="mono muted small">{vpc.id}</div>
      <div className="plan-cidrs">
        {vpc.cidrBlocks.map((b) => (
          <span key={b.cidr} className="cidr-chip">
            {b.cidr}
          </span>
        ))}
      </div>
      <dl className="plan-facts">
        <dt>Account</dt>
        <dd>
          {accountAwsNames(account).map((n) => `${n} `)}
          <span className="mono">{vpc.accountId}</span>
        </dd>
        <dt>Region</dt>
        <dd className="mono">{vpc.region}</dd>
        <dt>Profiles</dt>
        <dd>{profiles.length > 0 ? profiles.join(', ') : <span className="muted">none local</span>}</dd>
      </dl>
    </div>
  );
}

/** The plan panel, floating over the canvas's right side. */
export function PlanPanel({ topology, pair, onClose, actions }: PlanPanelProps) {
  const provided = usePlanActions();
  const render = actions ?? provided;
  const store = useAppStoreApi();
  const { fitView } = useReactFlow();
  const panel = useRef<HTMLElement>(null);
  // The new peering, selected, with both its VPCs in view beside this panel (which floats over the
  // canvas's right side), and never so far out that region summaries replace their cards.
  const showPeering = useCallback(
    (peeringId: string) => {
      store.getState().selectPeering(peeringId as PeeringId);
      const covered = panel.current?.getBoundingClientRect().width ?? 0;
      void fitView({ nodes: [{ id: pair.requesterVpcId }, { id: pair.accepterVpcId }], padding: { top: '64px', bottom: '96px', left: '48px', right: `${Math.round(covered + 48)}px` }, minZoom: SUMMARY_BELOW_ZOOM, maxZoom: 1, duration: 300 });
    },
    [store, fitView, pair],
  );
  const verdict = useMemo(() => validatorOf(topology)(pair.requesterVpcId, pair.accepterVpcId), [topology, pair]);
  const vpcs = useMemo(() => new Map(topology.vpcs.map((v) => [v.id, v])), [topology]);
  const accounts = useMemo(() => new Map(topology.accounts.map((a) => [a.id, a])), [topology]);
  const requester = vpcs.get(pair.requesterVpcId as VpcId);
  const accepter = vpcs.get(pair.accepterVpcId as VpcId);
  const kind = verdict.kind;
  if (!requester || !accepter || !kind) return null;
  const requesterProfile = kind.requesterProfiles[0];
  const create = ec2Command('CreateVpcPeeringConnection', {
    VpcId: requester.id,
    PeerVpcId: accepter.id,
    ...(kind.sameAccount ? {} : { PeerOwnerId: accepter.accountId }),
    ...(kind.sameRegion ? {} : { PeerRegion: accepter.region }),
    TagSpecifications: [{ ResourceType: 'vpc-peering-connection', Tags: [{ Key: 'Name', Value: `${requester.name ?? requester.id}-to-${accepter.name ?? accepter.id}` }] }],
  });
  const command = awsCommandText(create, { region: requester.region, ...(requesterProfile ? { profile: requesterProfile } : {}) }, ['region', 'profile']);
  const who =
    kind.needsAcceptanceBy === 'auto-possible'
      ? `Account ${requester.accountId} owns both VPCs: the requester's profile${requesterProfile ? ` (${requesterProfile})` : ''} can accept it too${kind.sameRegion ? '' : `, in ${accepter.region}`}.`
      : kind.accepterProfiles.length > 0
        ? `Account ${accepter.accountId} must accept it in ${accepter.region}, with profile ${kind.accepterProfiles.join(' or ')}.`
        : `Account ${accepter.accountId} must accept it in ${accepter.region}; no local profile can, so its owner must, within 7 days.`;
  return (
    <section ref={panel} className="plan-panel floating-panel" role="dialog" aria-label="Peering plan" data-testid="plan-panel">
      <header className="floating-head">
        <h2>Peering plan</h2>
        <button type="button" className="ghost icon" onClick={onClose} aria-label="Close the plan">
          ×
        </button>
      </header>
      <div className="plan-pair">
        <VpcSummary role="Requester" vpc={requester} account={accounts.get(requester.accountId)} profiles={kind.requesterProfiles} />
        <div className="plan-arrow" aria-hidden="true">
          ⇄
        </div>
        <VpcSummary role="Accepter" vpc={accepter} account={accounts.get(accepter.accountId)} profiles={kind.accepterProfiles} />
      </div>
      <ul className="plan-kind" aria-label="What this peering takes">
        <li className={kind.sameAccount ? 'same' : 'cross'} data-testid="plan-account">
          {kind.sameAccount ? `Same account (${requester.accountId})` : `Cross-account: ${requester.accountId} → ${accepter.accountId}`}
        </li>
        <li className={kind.sameRegion ? 'same' : 'cross'} data-testid="plan-region">
          {kind.sameRegion ? `Same region (${requester.region})` : `Cross-region: ${requester.region} → ${accepter.region}`}
        </li>
        <li className="who" data-testid="plan-acceptance">
          {who}
        </li>
      </ul>
      {verdict.warnings.length > 0 && (
        <ul className="plan-warnings" aria-label="Warnings">
          {verdict.warnings.map((w) => (
            <li key={`${w.code}:${w.message}`}>
              <strong>{w.message}</strong> {w.fix}
            </li>
          ))}
        </ul>
      )}
      <div className="plan-actions" data-testid="plan-actions">
        {render ? (
          render({ requester, accepter, verdict, topology, close: onClose, showPeering })
        ) : (
          <>
            <p className="muted small">The request, as the AWS CLI would send it:</p>
            <pre className="command" tabIndex={0}>
              {command}
            </pre>
            <p className="muted small">Then accept it, and add routes on both sides to each other's blocks.</p>
          </>
        )}
      </div>
    </section>
  );
}
