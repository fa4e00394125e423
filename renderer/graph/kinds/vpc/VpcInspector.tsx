/** The inspector section of a VPC: its facts, blocks, overlaps, peerings, routes to peers, rules and indirect neighbours. */
import { useMemo } from 'react';

import { dhcpWords } from '../../../../shared/analysis/dhcp-words';
import { mayHaveStaleLeftovers } from '../../../../shared/analysis/peering-leftovers';
import { trafficWords } from '../../../../shared/analysis/estate-reach';
import { describeTarget } from '../../../../shared/analysis/route-words';
import { findServingTables } from '../../../../shared/analysis/topology-index';
import { accountAwsNames, ouPathLabel } from '../../../../shared/diagram/names';
import type { VpcId } from '../../../../shared/model/ids';
import { isLivePeeringStatus } from '../../../../shared/model/topology';
import { peeringChecklist } from '../../../../shared/planning/peering-checklist';
import { nextStepWithChecklist } from '../../../panels/next-step';
import { StaleLeftovers } from '../../../panels/StaleLeftovers';
import { UpdatingNote, usePendingUpdate } from '../../../panels/UpdatingNote';
import { useAppStore } from '../../../store/store-context';
import { conflictsOf, indexOf, routesOf, validatorOf } from '../../derive';
import { neighbourhoodOf, otherSide } from './neighbourhood';
import { VpcReaches } from './VpcReaches';
import { PeeringLink, StatusPill, VpcLink, vpcName } from '../inspector-parts';
import type { InspectorSectionProps } from '../inspector-parts';
import { describePeer, describeRule, rulesReferencingPeers } from '../peer-rules';

/** Details of one selected VPC. */
export function VpcInspector({ topology, id }: InspectorSectionProps) {
  const vpcId = id as VpcId;
  const index = indexOf(topology);
  const vpc = index.vpcById.get(vpcId);
  const openPlan = useAppStore((s) => s.openPlan);
  const openReach = useAppStore((s) => s.openReach);
  const reach = useAppStore((s) => s.reach);
  const near = useMemo(() => neighbourhoodOf(topology, vpcId), [topology, vpcId]);
  const conflicts = conflictsOf(topology).byVpc.get(vpcId) ?? [];
  const peerings = (index.peeringsByVpc.get(vpcId) ?? []).filter((p) => p.status !== 'deleted');
  const routes = routesOf(topology);
  const serving = vpc ? findServingTables(index, vpcId) : [];
  const peerSet = useMemo(() => new Set(peerings.filter((p) => isLivePeeringStatus(p.status)).map((p) => otherSide(p, vpcId))), [peerings, vpcId]);
  const rules = useMemo(() => rulesReferencingPeers(topology, vpcId, peerSet), [topology, vpcId, peerSet]);
  const account = vpc ? index.accountById.get(vpc.accountId) : undefined;
  const update = usePendingUpdate({ vpcId });
  const dhcp = vpc ? dhcpWords(topology.dhcpOptions, vpc) : undefined;
  if (!vpc) {
    const p = peerings[0];
    const side = p ? (p.requester.vpcId === vpcId ? p.requester : p.accepter) : undefined;
    return (
      <section aria-label="VPC details" data-testid="inspector-vpc">
        <h3 className="inspector-title">{vpcId}</h3>
        <p className="muted">Not scanned: known only from its peering{side ? ` (account ${side.accountId}, ${side.region}, ${side.cidrBlocks.join(', ')})` : ''}. Add a profile for its account to see its routes.</p>
      </section>
    );
  }
  return (
    <section aria-label="VPC details" data-testid="inspector-vpc">
      <h3 className="inspector-title">{vpc.name ?? vpc.id}</h3>
      <div className="mono muted small">{vpc.id}</div>
      {update && <UpdatingNote update={update} />}
      <div className="inspector-actions">
        <button
          type="button"
          onClick={() => openReach({ view: 'row', source: { kind: 'vpc', vpcId }, traffic: reach?.traffic ?? { protocol: 'tcp', port: 443 } })}
          title="Every VPC this one can reach on a port, and why the others connected to it cannot"
        >
          Reach on port {reach?.traffic.port ?? (reach ? trafficWords(reach.traffic) : 443)}…
        </button>
      </div>
      <dl className="facts">
        <dt>Account</dt>
        <dd>
          {accountAwsNames(account).map((n) => `${n} · `)}
          <span className="mono">{vpc.accountId}</span>
          {account && account.profiles.length > 0 && <span className="muted"> (profile {account.profiles.join(', ')})</span>}
        </dd>
        {account?.ouPath !== undefined && (
          <>
            <dt>OU</dt>
            <dd data-testid="inspector-ou">{ouPathLabel(account.ouPath)}</dd>
          </>
        )}
        <dt>Region</dt>
        <dd className="mono">{vpc.region}</dd>
        <dt>State</dt>
        <dd>
          {vpc.state}
          {vpc.isDefault ? ' · default VPC' : ''}
          {vpc.enableDnsHostnames === false || vpc.enableDnsSupport === false ? ' · DNS off' : ''}
        </dd>
        {dhcp && (
          <>
            <dt>DHCP</dt>
            <dd data-testid="vpc-dhcp">
              {dhcp}
              {vpc.dhcpOptionsId && vpc.dhcpOptionsId !== 'default' && !dhcp.startsWith(vpc.dhcpOptionsId) && <span className="mono muted small"> {vpc.dhcpOptionsId}</span>}
            </dd>
          </>
        )}
      </dl>

      <h4>CIDR blocks</h4>
      <ul className="plain">
        {vpc.cidrBlocks.map((b) => (
          <li key={b.cidr}>
            <span className="cidr-chip">{b.cidr}</span> <span className="muted small">{b.family === 'ipv6' ? 'IPv6' : b.primary ? 'primary' : 'secondary'}{b.state !== 'associated' ? ` · ${b.state}` : ''}</span>
          </li>
        ))}
      </ul>

      {conflicts.length > 0 && (
        <>
          <h4 className="bad-text">Overlaps</h4>
          <ul className="plain findings-list">
            {conflicts.map((c) => (
              <li key={`${c.vpcA}|${c.vpcB}`} className="finding bad">
                {c.message}
              </li>
            ))}
          </ul>
        </>
      )}

      <h4>Peerings</h4>
      {peerings.length === 0 ? (
        <p className="muted small">None. Drag from this VPC's card onto another VPC to plan one.</p>
      ) : (
        <ul className="plain peering-list">
          {peerings.map((p) => {
            const step = nextStepWithChecklist(p, topology.accounts, routes.byPeering.get(p.id), peeringChecklist(topology, p.id), (id) => vpcName(topology, id as VpcId));
            return (
              <li key={p.id}>
                <div className="row">
                  <VpcLink topology={topology} id={otherSide(p, vpcId)} /> <StatusPill status={p.status} /> <PeeringLink id={p.id} label={p.name} />
                </div>
                <div className={`next-step tone-${step.tone} small`}>{step.action}</div>
              </li>
            );
          })}
        </ul>
      )}

      <VpcReaches topology={topology} vpcId={vpcId} />

      <h4>Route tables and their routes to peers</h4>
      {serving.length === 0 ? (
        <p className="muted small">No route table serves a subnet of this VPC.</p>
      ) : (
        <ul className="plain">
          {serving.map(({ table, subnetIds }) => {
            const toPeers = table.routes.filter((r) => r.target.kind === 'peering');
            return (
              <li key={table.id} className="route-table">
                <div className="row">
                  <span className="mono">{table.id}</span>
                  {table.main && <span className="badge">main</span>}
                  <span className="muted small">
                    {subnetIds.length} subnet{subnetIds.length === 1 ? '' : 's'}
                  </span>
                </div>
                {toPeers.length === 0 ? (
                  <div className="muted small">no routes to peerings</div>
                ) : (
                  <ul className="plain routes">
                    {toPeers.map((r) => {
                      const pcx = r.target.kind === 'peering' ? r.target.peeringId : undefined;
                      const p = pcx ? index.peeringById.get(pcx) : undefined;
                      return (
                        <li key={r.destination} className={r.state === 'blackhole' ? 'blackhole' : ''}>
                          <span className="mono">{r.destination}</span> → <span className="mono">{describeTarget(r.target)}</span>
                          {p && <span className="muted small"> ({vpcName(topology, otherSide(p, vpcId))})</span>}
                          {r.state === 'blackhole' && <span className="badge bad"> blackhole</span>}
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}

      <h4>Security-group rules that reference peers</h4>
      {rules.length === 0 ? (
        <p className="muted small">None.</p>
      ) : (
        <ul className="plain">
          {rules.map((r, i) => (
            <li key={`${r.groupId}:${i}`} className="small">
              <span className="mono">{r.groupId}</span> {r.direction === 'in' ? 'in from' : 'out to'} <span className="mono">{describePeer(r.rule)}</span> ({describeRule(r.rule)}) ·{' '}
              <VpcLink topology={topology} id={r.peerVpcId} />
            </li>
          ))}
        </ul>
      )}

      {/* Nothing that changes AWS acts on a state AWS has not confirmed yet. */}
      <fieldset className="action-lock" disabled={!!update}>
        <StaleLeftovers key={vpc.id} topology={topology} scope={{ vpcId: vpc.id }} ask={mayHaveStaleLeftovers(index, vpc.id)} />
      </fieldset>

      {near.indirect.length > 0 && (
        <>
          <h4 className="warn-text">Reachable only through others</h4>
          <p className="muted small">Peering is not transitive: these VPCs are connected to this one only through another VPC, so no traffic flows between them.</p>
          <ul className="plain" data-testid="indirect-list">
            {near.indirect.map((why) => {
              const verdict = validatorOf(topology)(vpcId, why.b);
              return (
                <li key={why.b} className="small">
                  <VpcLink topology={topology} id={why.b} /> via {why.path.slice(1, -1).map((id) => vpcName(topology, id)).join(' → ')}{' '}
                  {verdict.ok ? (
                    <button type="button" className="link" onClick={() => openPlan({ requesterVpcId: vpcId, accepterVpcId: why.b })}>
                      plan a direct peering
                    </button>
                  ) : (
                    <span className="bad-text" title={verdict.summary}>
                      direct peering impossible
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
