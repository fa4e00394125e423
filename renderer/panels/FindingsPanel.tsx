/** Every finding of the snapshot: CIDR conflicts, routing ambiguities, non-transitive pairs, routes, coverage. */
import type { VpcId } from '../../shared/model/ids';
import type { Topology } from '../../shared/model/topology';
import { missingCoverage } from '../../shared/model/snapshot';
import { conflictsOf, indexOf, nonTransitiveOf, routesOf } from '../graph/derive';
import { useAppStore } from '../store/store-context';

/** How many lines of one kind the panel lists before summing up the rest. */
const LIST_LIMIT = 200;

function name(topology: Topology, id: VpcId): string {
  return indexOf(topology).vpcById.get(id)?.name ?? id;
}

/** The findings tab. */
export function FindingsPanel() {
  const snapshot = useAppStore((s) => s.snapshot);
  const mode = useAppStore((s) => s.mode);
  const toggleConflicts = useAppStore((s) => s.toggleConflicts);
  const selectVpc = useAppStore((s) => s.selectVpc);
  const selectPeering = useAppStore((s) => s.selectPeering);
  if (!snapshot) return <p className="muted">No snapshot yet.</p>;
  const topology = snapshot.topology;
  const conflicts = conflictsOf(topology).report;
  const nonTransitive = nonTransitiveOf(topology);
  const routes = routesOf(topology);
  const incomplete = [...routes.byPeering.values()].filter((r) => r.overall !== 'both');
  const gaps = missingCoverage(snapshot);
  const selectPair = (a: VpcId, b: VpcId) => {
    selectVpc(a);
    selectVpc(b, true);
  };
  return (
    <div className="findings" data-testid="findings-panel">
      <section aria-labelledby="conflicts-heading">
        <div className="section-head">
          <h2 id="conflicts-heading">CIDR conflicts ({conflicts.conflicts.length})</h2>
          <button type="button" className={mode === 'conflicts' ? 'primary small-button' : 'small-button'} onClick={toggleConflicts} aria-pressed={mode === 'conflicts'}>
            {mode === 'conflicts' ? 'Painting conflicts' : 'Paint on canvas'}
          </button>
        </div>
        {conflicts.conflicts.length === 0 ? (
          <p className="muted small">No two VPCs overlap.</p>
        ) : (
          <ul className="plain findings-list" aria-label="CIDR conflicts">
            {conflicts.conflicts.slice(0, LIST_LIMIT).map((c) => (
              <li key={`${c.vpcA}|${c.vpcB}`} className="finding bad">
                <button type="button" className="finding-button" onClick={() => selectPair(c.vpcA, c.vpcB)}>
                  <strong>
                    {name(topology, c.vpcA)} ↔ {name(topology, c.vpcB)}
                  </strong>
                  <span className="mono small">{c.overlaps.map((o) => `${o.blockA} ∩ ${o.blockB}`).join('; ')}</span>
                  <span className="small muted">
                    {c.sameAccount ? 'same account' : 'different accounts'} · {c.sameRegion ? 'same region' : 'different regions'}
                  </span>
                </button>
              </li>
            ))}
            {conflicts.conflicts.length > LIST_LIMIT && <li className="muted small">and {conflicts.conflicts.length - LIST_LIMIT} more</li>}
          </ul>
        )}
        {conflicts.truncated && <p className="muted small">{conflicts.totalBlockOverlaps} overlapping block pairs in all; the largest clusters share {conflicts.clusters[0]?.rootBlock}.</p>}
        {conflicts.ambiguities.length > 0 && (
          <>
            <h3>Routing ambiguities ({conflicts.ambiguities.length})</h3>
            <ul className="plain findings-list">
              {conflicts.ambiguities.slice(0, LIST_LIMIT).map((a) => (
                <li key={`${a.hubVpcId}:${a.peers[0].vpcId}:${a.peers[1].vpcId}:${a.shared}`} className="finding warn">
                  <button type="button" className="finding-button" onClick={() => selectVpc(a.hubVpcId)}>
                    <span className="small">{a.message}</span>
                    <span className="small muted">{a.fix}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="transitive-heading">
        <h2 id="transitive-heading">Reachable only through others ({nonTransitive.totalDistanceTwoPairs})</h2>
        <p className="muted small">Peering is not transitive: A–B and B–C peered does not let A reach C.</p>
        {nonTransitive.pairs.length > 0 && (
          <ul className="plain findings-list" aria-label="Non-transitive pairs">
            {nonTransitive.pairs.slice(0, LIST_LIMIT).map((p) => (
              <li key={`${p.a}|${p.b}`} className="finding warn">
                <button type="button" className="finding-button" onClick={() => selectPair(p.a, p.b)}>
                  <strong>
                    {name(topology, p.a)} ↔ {name(topology, p.b)}
                  </strong>
                  <span className="small muted">
                    only via {name(topology, p.path[1])}
                    {p.viaCount > 1 ? ` (and ${p.viaCount - 1} other${p.viaCount > 2 ? 's' : ''})` : ''}
                    {p.directPeering ? ` · direct peering ${p.directPeering.status}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="routes-heading">
        <h2 id="routes-heading">Active peerings without full routes ({incomplete.length})</h2>
        {incomplete.length > 0 && (
          <ul className="plain findings-list">
            {incomplete.slice(0, LIST_LIMIT).map((r) => (
              <li key={r.detail.peeringId} className="finding warn">
                <button type="button" className="finding-button" onClick={() => selectPeering(r.detail.peeringId)}>
                  <strong>
                    {name(topology, r.detail.requester.vpcId)} ↔ {name(topology, r.detail.accepter.vpcId)}
                  </strong>
                  <span className="small muted">
                    {r.detail.peeringId} · requester {r.detail.requester.summary}, accepter {r.detail.accepter.summary}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      {gaps.length > 0 && (
        <section aria-labelledby="coverage-heading">
          <h2 id="coverage-heading">Not scanned ({gaps.length})</h2>
          <ul className="plain findings-list">
            {gaps.map((g) => (
              <li key={`${g.profile}/${g.region}`} className="finding bad small">
                <strong>
                  {g.profile} · {g.region}
                </strong>{' '}
                {g.state}
                {g.errorCode ? ` (${g.errorCode})` : ''}: {g.message ?? 'no details'}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
