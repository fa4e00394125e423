/** The inspector for two selected VPCs: can traffic flow between them, and if not, why and what to do. */
import { useEffect, useMemo, useRef } from 'react';

import { trafficWords, type ReachTraffic } from '../../shared/analysis/estate-reach';
import { explainReachability } from '../../shared/analysis/explain-reachability';
import { indexTopology, labelVpc } from '../../shared/analysis/topology-index';
import type { CheckStatus, ReachabilityCheckKind } from '../../shared/analysis/explain-reachability';
import type { VpcId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';
import { vpcName } from '../graph/kinds/inspector-parts';
import { viewStateOf } from '../graph/view-state';
import { useAppStore } from '../store/store-context';
import { TrafficFields } from './TrafficFields';

const ANY_TRAFFIC: ReachTraffic = { protocol: '-1' };
const CHECK_ICON: Record<CheckStatus, string> = { pass: '✓', fail: '✕', unknown: '?', skipped: '–' };
/** Each hop's name, in the order a packet meets them. */
const CHECK_TITLE: Record<ReachabilityCheckKind, string> = {
  source: 'Source',
  destination: 'Destination',
  peering: 'Peering',
  'source-route': 'Route to the destination',
  'return-route': 'Route back',
  'source-egress': 'Source security groups, out',
  'destination-ingress': 'Destination security groups, in',
  'source-acl-outbound': 'Source network ACL, out',
  'destination-acl-inbound': 'Destination network ACL, in',
  'destination-acl-return': 'Destination network ACL, reply out',
  'source-acl-return': 'Source network ACL, reply in',
};
/** Reachability from `a` to `b` for the traffic asked (all traffic unless the user or the Reach tab says otherwise). */
export function PairInspector({ topology, a, b }: { topology: Topology; a: VpcId; b: VpcId }) {
  const pair = useAppStore((s) => viewStateOf(s).pair);
  const openPlan = useAppStore((s) => s.openPlan);
  const openPathFix = useAppStore((s) => s.openPathFix);
  const fixing = useAppStore((s) => s.pathFix);
  const coverage = useAppStore((s) => s.snapshot?.coverage);
  const traffic = useAppStore((s) => s.pairTraffic) ?? ANY_TRAFFIC;
  const setPairTraffic = useAppStore((s) => s.setPairTraffic);
  const reach = useMemo(
    () => explainReachability(topology, a, b, { protocol: traffic.protocol, ...(traffic.port !== undefined ? { port: traffic.port } : {}), ...(coverage ? { coverage } : {}) }),
    [topology, a, b, coverage, traffic],
  );
  // A new pair starts at the top of the tab, whatever the tab was scrolled to before (the Reach tab's list).
  const top = useRef<HTMLElement>(null);
  useEffect(() => {
    top.current?.closest('.tab-body')?.scrollTo?.({ top: 0 });
  }, [a, b]);
  const onTraffic = traffic.protocol !== '-1' ? ` on ${trafficWords(traffic)}` : '';
  const fixingThis = fixing?.from === a && fixing.to === b && trafficWords(fixing.traffic ?? ANY_TRAFFIC) === trafficWords(traffic);
  // Sentences name each VPC as people know it, with the id AWS knows it by: "web-prod (vpc-0abc…)".
  const label = (id: VpcId) => labelVpc(indexTopology(topology), id);
  return (
    <section ref={top} aria-label="Reachability" data-testid="inspector-pair">
      <h3 className="inspector-title">
        {vpcName(topology, a)} → {vpcName(topology, b)}
      </h3>
      <TrafficFields traffic={traffic} onChange={setPairTraffic} />
      <div className={`verdict verdict-${reach.verdict}`} data-testid="reachability-verdict">
        {reach.verdict === 'reachable' ? `Traffic can flow${onTraffic}` : reach.verdict === 'unreachable' ? `Traffic cannot flow${onTraffic}` : 'Cannot tell offline'}
      </div>
      {reach.verdict === 'unreachable' && (
        <button
          type="button"
          className="primary small-button"
          data-testid="fix-path"
          aria-pressed={fixingThis}
          onClick={() => openPathFix(traffic.protocol === '-1' ? { from: a, to: b } : { from: a, to: b, traffic })}
        >
          Fix this path
        </button>
      )}
      {pair && pair.status !== 'direct' && (
        <div className="pair-path small" data-testid="pair-path">
          {pair.path.length > 2 && (
            <p className="path-line">
              {pair.path.map((id, i) => (
                <span key={id}>
                  {i > 0 && <span className="path-arrow"> → </span>}
                  <strong>{vpcName(topology, id)}</strong>
                  {vpcName(topology, id) !== id && <span className="mono muted"> ({id})</span>}
                </span>
              ))}
            </p>
          )}
          <p>
            {pair.status === 'indirect'
              ? `${label(a)} reaches ${label(b)} only through ${pair.path
                  .slice(1, -1)
                  .map(label)
                  .join(' and ')}: VPC peering is not transitive, so no traffic flows. A direct peering is needed.`
              : pair.status === 'unconnected'
                ? `No chain of active peerings joins ${label(a)} and ${label(b)}.`
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
              <div className="check-title small muted" data-testid="check-title">
                {CHECK_TITLE[c.kind]}
              </div>
              <div>{c.message}</div>
              {c.fix && <div className="check-fix">{c.fix}</div>}
            </div>
          </li>
        ))}
      </ol>
      {reach.notes.map((n) => (
        <p key={n} className="muted small" data-testid="reachability-note">
          {n}
        </p>
      ))}
    </section>
  );
}
