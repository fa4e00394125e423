/** Details of the selection: a VPC, a peering, or two VPCs and whether traffic can flow between them. */
import { useMemo } from 'react';

import { explainReachability } from '../../shared/analysis/explain-reachability';
import type { CheckStatus } from '../../shared/analysis/explain-reachability';
import { describeRouteCheck, describeTarget, suggestRouteFix } from '../../shared/analysis/route-words';
import type { SideRouteCompleteness } from '../../shared/analysis/route-completeness';
import { findServingTables } from '../../shared/analysis/topology-index';
import { hasOverlap } from '../../shared/cidr/overlap';
import { collectVpcBlocks } from '../../shared/cidr/vpc-blocks';
import type { PeeringId, VpcId } from '../../shared/model/ids';
import type { Peering, SecurityGroupRule, Topology } from '../../shared/model/topology';
import { isLivePeeringStatus } from '../../shared/model/topology';
import { peeringChecklist } from '../../shared/planning/peering-checklist';
import { conflictsOf, indexOf, neighbourhoodOf, otherSide, routesOf, validatorOf } from '../graph/derive';
import { STATUS_WORDS } from '../graph/edges/peering-words';
import { viewStateOf } from '../graph/view-state';
import { useAppStore } from '../store/store-context';
import { nextStepWithChecklist } from './next-step';
import { PeeringActions } from './PeeringActions';

function vpcName(topology: Topology, id: VpcId): string {
  return indexOf(topology).vpcById.get(id)?.name ?? id;
}

function StatusPill({ status }: { status: Peering['status'] }) {
  return <span className={`status-pill status-${status}`}>{STATUS_WORDS[status]}</span>;
}

function VpcLink({ topology, id }: { topology: Topology; id: VpcId }) {
  const selectVpc = useAppStore((s) => s.selectVpc);
  return (
    <button type="button" className="link" onClick={() => selectVpc(id)} title={id}>
      {vpcName(topology, id)}
    </button>
  );
}

function PeeringLink({ id, label }: { id: PeeringId; label?: string }) {
  const selectPeering = useAppStore((s) => s.selectPeering);
  return (
    <button type="button" className="link mono" onClick={() => selectPeering(id)}>
      {label ?? id}
    </button>
  );
}

function describeRule(rule: SecurityGroupRule): string {
  const protocol = rule.protocol === '-1' ? 'all traffic' : rule.protocol;
  if (rule.protocol === '-1' || rule.fromPort === undefined) return protocol;
  return rule.fromPort === rule.toPort ? `${protocol} ${rule.fromPort}` : `${protocol} ${rule.fromPort}-${rule.toPort}`;
}

function describePeer(rule: SecurityGroupRule): string {
  switch (rule.peer.kind) {
    case 'cidr':
      return rule.peer.cidr;
    case 'group':
      return `${rule.peer.accountId ? `${rule.peer.accountId}/` : ''}${rule.peer.groupId}`;
    case 'prefix-list':
      return rule.peer.prefixListId;
  }
}

/** Security-group rules of `vpcId` whose peer is a block or a group of one of its peered VPCs. */
function rulesReferencingPeers(topology: Topology, vpcId: VpcId, peers: ReadonlySet<VpcId>) {
  const index = indexOf(topology);
  const blocks = collectVpcBlocks(topology).byVpc;
  const found: { groupId: string; groupName: string; direction: 'in' | 'out'; rule: SecurityGroupRule; peerVpcId: VpcId }[] = [];
  for (const group of index.securityGroupsByVpc.get(vpcId) ?? []) {
    for (const [direction, rules] of [
      ['in', group.ingress],
      ['out', group.egress],
    ] as const) {
      for (const rule of rules) {
        let peerVpcId: VpcId | undefined;
        if (rule.peer.kind === 'cidr') {
          const range = index.rangeOf(rule.peer.cidr);
          // 0.0.0.0/0 overlaps everything; only rules aimed at a peer count as referencing it.
          if (range && range.prefixLength > 0) {
            for (const peer of peers) {
              if ((blocks.get(peer) ?? []).some((b) => hasOverlap(b, range))) peerVpcId = peer;
            }
          }
        } else if (rule.peer.kind === 'group') {
          const owner = index.securityGroupById.get(rule.peer.groupId)?.vpcId;
          if (owner && peers.has(owner)) peerVpcId = owner;
        }
        if (peerVpcId) found.push({ groupId: group.id, groupName: group.name, direction, rule, peerVpcId });
      }
    }
  }
  return found;
}

function VpcInspector({ topology, vpcId }: { topology: Topology; vpcId: VpcId }) {
  const index = indexOf(topology);
  const vpc = index.vpcById.get(vpcId);
  const openPlan = useAppStore((s) => s.openPlan);
  const near = useMemo(() => neighbourhoodOf(topology, vpcId), [topology, vpcId]);
  const conflicts = conflictsOf(topology).byVpc.get(vpcId) ?? [];
  const peerings = (index.peeringsByVpc.get(vpcId) ?? []).filter((p) => p.status !== 'deleted');
  const routes = routesOf(topology);
  const serving = vpc ? findServingTables(index, vpcId) : [];
  const peerSet = useMemo(() => new Set(peerings.filter((p) => isLivePeeringStatus(p.status)).map((p) => otherSide(p, vpcId))), [peerings, vpcId]);
  const rules = useMemo(() => rulesReferencingPeers(topology, vpcId, peerSet), [topology, vpcId, peerSet]);
  const account = vpc ? index.accountById.get(vpc.accountId) : undefined;
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
      <dl className="facts">
        <dt>Account</dt>
        <dd>
          {account?.alias ? `${account.alias} · ` : ''}
          <span className="mono">{vpc.accountId}</span>
          {account && account.profiles.length > 0 && <span className="muted"> (profile {account.profiles.join(', ')})</span>}
        </dd>
        <dt>Region</dt>
        <dd className="mono">{vpc.region}</dd>
        <dt>State</dt>
        <dd>
          {vpc.state}
          {vpc.isDefault ? ' · default VPC' : ''}
          {vpc.enableDnsHostnames === false || vpc.enableDnsSupport === false ? ' · DNS off' : ''}
        </dd>
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
        <p className="muted small">None. Drag from this VPC's knob onto another VPC to plan one.</p>
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

function SideRoutes({ topology, side, peeringId }: { topology: Topology; side: SideRouteCompleteness; peeringId: PeeringId }) {
  return (
    <div className="side-routes">
      <div className="row">
        <strong>{side.role === 'requester' ? 'Requester' : 'Accepter'}</strong> <VpcLink topology={topology} id={side.vpcId} />
        <span className={`badge route-${side.summary}`}>routes {side.summary}</span>
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

function PeeringInspector({ topology, peeringId }: { topology: Topology; peeringId: PeeringId }) {
  const index = indexOf(topology);
  const p = index.peeringById.get(peeringId);
  const routes = routesOf(topology).byPeering.get(peeringId);
  if (!p) return <p className="muted">This peering is no longer in the snapshot.</p>;
  const checklist = peeringChecklist(topology, p.id);
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
        {p.statusMessage && p.statusMessage.toLowerCase() !== STATUS_WORDS[p.status] && <span className="muted small">{p.statusMessage}</span>}
      </div>
      <div className={`next-step-box tone-${step.tone}`} data-testid="next-step">
        <div>{step.meaning}</div>
        <div>
          <strong>Next:</strong> {step.action}
        </div>
        {step.command && <pre className="command">{step.command}</pre>}
      </div>
      <PeeringActions key={p.id} topology={topology} peering={p} checklist={checklist} />
      <dl className="facts">
        {(['requester', 'accepter'] as const).map((role) => {
          const side = p[role];
          return [
            <dt key={`${role}-t`}>{role === 'requester' ? 'Requester' : 'Accepter'}</dt>,
            <dd key={`${role}-d`}>
              <VpcLink topology={topology} id={side.vpcId} /> · <span className="mono">{side.accountId}</span> · <span className="mono">{side.region}</span>
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

const CHECK_ICON: Record<CheckStatus, string> = { pass: '✓', fail: '✕', unknown: '?', skipped: '–' };

function PairInspector({ topology, a, b }: { topology: Topology; a: VpcId; b: VpcId }) {
  const pair = useAppStore((s) => viewStateOf(s).pair);
  const openPlan = useAppStore((s) => s.openPlan);
  const reach = useMemo(() => explainReachability(topology, a, b), [topology, a, b]);
  return (
    <section aria-label="Reachability" data-testid="inspector-pair">
      <h3 className="inspector-title">
        {vpcName(topology, a)} → {vpcName(topology, b)}
      </h3>
      <div className={`verdict verdict-${reach.verdict}`} data-testid="reachability-verdict">
        {reach.verdict === 'reachable' ? 'Traffic can flow' : reach.verdict === 'unreachable' ? 'Traffic cannot flow' : 'Cannot tell offline'}
      </div>
      {pair && pair.status !== 'direct' && (
        <div className="pair-path small" data-testid="pair-path">
          {pair.path.length > 2 && (
            <p className="path-line">
              {pair.path.map((id, i) => (
                <span key={id}>
                  {i > 0 && <span className="path-arrow"> → </span>}
                  <strong>{vpcName(topology, id)}</strong>
                </span>
              ))}
            </p>
          )}
          <p>
            {pair.status === 'indirect'
              ? `${vpcName(topology, a)} reaches ${vpcName(topology, b)} only through ${pair.path
                  .slice(1, -1)
                  .map((id) => vpcName(topology, id))
                  .join(' and ')}: VPC peering is not transitive, so no traffic flows. A direct peering is needed.`
              : pair.status === 'unconnected'
                ? `No chain of active peerings joins ${vpcName(topology, a)} and ${vpcName(topology, b)}.`
                : pair.message}
          </p>
          {'fix' in pair && <p>{pair.fix}</p>}
          {'proposal' in pair &&
            (pair.proposal.verdict.ok ? (
              <button type="button" className="primary small-button" onClick={() => openPlan({ requesterVpcId: a, accepterVpcId: b })}>
                Plan a direct peering
              </button>
            ) : (
              <p className="bad-text">{pair.proposal.verdict.summary}</p>
            ))}
        </div>
      )}
      <ol className="checks-list">
        {reach.checks.map((c, i) => (
          <li key={`${c.kind}:${i}`} className={`check check-${c.status}`}>
            <span className="check-icon" aria-label={c.status}>
              {CHECK_ICON[c.status]}
            </span>
            <div>
              <div>{c.message}</div>
              {c.fix && <div className="check-fix">{c.fix}</div>}
            </div>
          </li>
        ))}
      </ol>
      {reach.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
    </section>
  );
}

/** The inspector tab. */
export function InspectorPanel() {
  const topology = useAppStore((s) => s.snapshot?.topology);
  const selection = useAppStore((s) => s.selection);
  if (!topology) return <p className="muted">Nothing to inspect yet: open the sandbox, scan, or import a snapshot.</p>;
  const [a, b] = selection.vpcIds;
  if (a && b) return <PairInspector topology={topology} a={a} b={b} />;
  if (a) return <VpcInspector topology={topology} vpcId={a} />;
  if (selection.peeringId) return <PeeringInspector topology={topology} peeringId={selection.peeringId} />;
  return (
    <div className="inspector-empty muted">
      <p>Click a VPC to see its blocks, peerings, routes and rules; click a peering line for its status and next step.</p>
      <p>Shift-click a second VPC to ask whether traffic can flow between the two.</p>
    </div>
  );
}
