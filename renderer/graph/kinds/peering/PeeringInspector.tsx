/** The inspector section of a peering: status and next step, actions, both sides, their routes and rules. */
import { hasEnded } from '../../../../shared/analysis/peering-leftovers';
import { describeRouteCheck, describeRouteSummary, suggestRouteFix } from '../../../../shared/analysis/route-words';
import type { SideRouteCompleteness } from '../../../../shared/analysis/route-completeness';
import { accountAwsNames } from '../../../../shared/diagram/names';
import type { PeeringId, VpcId } from '../../../../shared/model/ids';
import type { Topology } from '../../../../shared/model/topology';
import { peeringChecklist } from '../../../../shared/planning/peering-checklist';
import { statusMessageBeyond } from '../../../../shared/words/peering-status-words';
import { nextStepWithChecklist } from '../../../panels/next-step';
import { PeeringActions } from '../../../panels/PeeringActions';
import { StaleLeftovers } from '../../../panels/StaleLeftovers';
import { UpdatingNote, usePendingUpdate } from '../../../panels/UpdatingNote';
import { useNow } from '../../../util/use-now';
import { indexOf, routesOf } from '../../derive';
import { StatusPill, VpcLink, vpcName } from '../inspector-parts';
import type { InspectorSectionProps } from '../inspector-parts';
import { describePeer, describeRule, rulesReferencingPeers } from '../peer-rules';

function SideRoutes({ topology, side, peeringId }: { topology: Topology; side: SideRouteCompleteness; peeringId: PeeringId }) {
  return (
    <div className="side-routes">
      <div className="row">
        <strong>{side.role === 'requester' ? 'Requester' : 'Accepter'}</strong> <VpcLink topology={topology} id={side.vpcId} />
        <span className={`badge route-${side.summary}`}>routes {describeRouteSummary(side.summary)}</span>
      </div>
      {side.note && <div className="muted small">{side.note}</div>}
      <ul className="plain">
        {side.tables.map((t) => (
          <li key={t.routeTableId} className="small">
            <span className="mono">{t.routeTableId}</span>
            {t.main ? ' (main)' : ''}
            <ul className="plain checks">
              {t.checks.map((c) => {
                const fix = suggestRouteFix(c, t.routeTableId, peeringId);
                return (
                  <li key={c.peerCidr} className={`check-${c.state}`}>
                    {describeRouteCheck(c, peeringId)}
                    {fix && <pre className="command small">{fix}</pre>}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Details of one selected peering. */
export function PeeringInspector({ topology, id }: InspectorSectionProps) {
  const peeringId = id as PeeringId;
  const now = useNow(30_000);
  const index = indexOf(topology);
  const p = index.peeringById.get(peeringId);
  const routes = routesOf(topology).byPeering.get(peeringId);
  const update = usePendingUpdate({ peeringId });
  if (!p) return <p className="muted">This peering is no longer in the snapshot.</p>;
  const checklist = peeringChecklist(topology, p.id, undefined, { now });
  // AWS's message only where it says more than the status ("by 111122223333", why it failed).
  const statusExtra = statusMessageBeyond(p.status, p.statusMessage);
  const step = nextStepWithChecklist(p, topology.accounts, routes, checklist, (id) => vpcName(topology, id as VpcId));
  const requesterPeers = new Set([p.accepter.vpcId]);
  const accepterPeers = new Set([p.requester.vpcId]);
  const rules = [...rulesReferencingPeers(topology, p.requester.vpcId, requesterPeers), ...rulesReferencingPeers(topology, p.accepter.vpcId, accepterPeers)];
  return (
    <section aria-label="Peering details" data-testid="inspector-peering">
      <h3 className="inspector-title">{p.name ?? p.id}</h3>
      <div className="mono muted small">{p.id}</div>
      <div className="row">
        <StatusPill status={p.status} />
        {update && <span className={`badge ${update.state === 'failed' ? 'bad' : 'updating'}`}>{update.state === 'failed' ? 'not confirmed' : 'updating'}</span>}
        {statusExtra && p.status !== 'failed' && <span className="muted small">{statusExtra}</span>}
      </div>
      <div className={`next-step-box tone-${step.tone}`} data-testid="next-step">
        <div>{step.meaning}</div>
        <div>
          <strong>Next:</strong> {step.action}
        </div>
        {step.command && <pre className="command">{step.command}</pre>}
      </div>
      {update && <UpdatingNote update={update} />}
      {/* Nothing that changes AWS acts on a state AWS has not confirmed yet. */}
      <fieldset className="action-lock" disabled={!!update} aria-label={update ? 'Peering actions (wait for the rescan)' : undefined}>
        <PeeringActions key={p.id} topology={topology} peering={p} checklist={checklist} />
        {hasEnded(p) && <StaleLeftovers key={`stale-${p.id}`} topology={topology} scope={{ peeringId: p.id }} ask />}
      </fieldset>
      <dl className="facts">
        {(['requester', 'accepter'] as const).map((role) => {
          const side = p[role];
          return [
            <dt key={`${role}-t`}>{role === 'requester' ? 'Requester' : 'Accepter'}</dt>,
            <dd key={`${role}-d`}>
              <VpcLink topology={topology} id={side.vpcId} /> · {accountAwsNames(index.accountById.get(side.accountId)).map((n) => `${n} `)}
              <span className="mono">{side.accountId}</span> · <span className="mono">{side.region}</span>
              <div className="small mono muted">{[...side.cidrBlocks, ...side.ipv6CidrBlocks].join(', ')}</div>
            </dd>,
          ];
        })}
      </dl>
      {routes ? (
        <>
          <h4>Routes</h4>
          <SideRoutes topology={topology} side={routes.detail.requester} peeringId={p.id} />
          <SideRoutes topology={topology} side={routes.detail.accepter} peeringId={p.id} />
        </>
      ) : (
        p.status !== 'active' && <p className="muted small">Routes matter once the peering is active.</p>
      )}
      <h4>Security-group rules that reference the other side</h4>
      {rules.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="plain">
          {rules.map((r, i) => (
            <li key={`${r.groupId}:${i}`} className="small">
              <span className="mono">{r.groupId}</span> {r.direction === 'in' ? 'in from' : 'out to'} <span className="mono">{describePeer(r.rule)}</span> ({describeRule(r.rule)})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
