/** The VPC inspector's "Reaches" section: every VPC the selected one is joined to (a peering, or
 * transit gateways both are attached to), grouped by direction, with the path the routes take and
 * the route deciding each hop (`reachWordsOf`, computed for this VPC only); where the other VPC's
 * blocks go different ways, each block's path (`blockPathsOf`). */
import type { ReachGroup, ReachWords } from '../../../../shared/analysis/vpc-reach-words';
import type { VpcId } from '../../../../shared/model/ids';
import type { Topology } from '../../../../shared/model/topology';
import { reachWordsOf } from '../../../../shared/analysis/vpc-reach-words';
import { VpcLink } from '../inspector-parts';
import type { BlockPath } from './reach-blocks';
import { blockPathsOf } from './reach-blocks';

const GROUPS: readonly { readonly group: ReachGroup; readonly title: string }[] = [
  { group: 'both', title: 'Both ways' },
  { group: 'there', title: 'Only there (no route back)' },
  { group: 'back', title: 'Only back (no route there)' },
  { group: 'neither', title: 'Joined, routed neither way' },
];

const STATUS_WORDS = { yes: '', some: ' (some subnets)', no: '', unknown: ' (undetermined)' } as const;

function Direction({ label, d, blocks }: { label: string; d: ReachWords['there']; blocks: readonly BlockPath[] | undefined }) {
  return (
    <div className="reach-direction small">
      <span className="muted">{label}</span>{' '}
      {d.via ? <span className="mono">{d.via}</span> : <span className="muted">not routed</span>}
      {STATUS_WORDS[d.status]}
      {blocks ? (
        <ul className="plain reach-blocks" aria-label={`${label.replace(':', '')}, by block`}>
          {blocks.map((b) => (
            <li key={`${b.block}|${b.from ?? ''}`} className="reach-block" data-block={b.block}>
              <span className="mono">{b.block}</span>
              {b.from && <span className="muted"> from {b.from}</span>}
              {' → '}
              {b.delivered ? <span className="mono">{b.via}</span> : <span className="muted">not delivered{b.failure ? `: ${b.failure}` : ''}</span>}
              {b.routes && <div className="mono muted reach-routes">{b.routes}</div>}
            </li>
          ))}
        </ul>
      ) : (
        d.routes && <div className="mono muted reach-routes">{d.routes}</div>
      )}
      {d.failure && d.status !== 'no' && <div className="muted">{d.failure}</div>}
    </div>
  );
}

/** The section; nothing when the VPC is joined to no other. */
export function VpcReaches({ topology, vpcId }: { topology: Topology; vpcId: VpcId }) {
  const words = reachWordsOf(topology, vpcId);
  if (words.length === 0) return null;
  return (
    <>
      <h4>Reaches</h4>
      <p className="muted small">Every VPC a peering or a transit gateway joins this one to, and whether its routes carry traffic each way.</p>
      <div data-testid="vpc-reaches">
        {GROUPS.map(({ group, title }) => {
          const inGroup = words.filter((w) => w.group === group);
          if (inGroup.length === 0) return null;
          return (
            <div key={group} className="reach-group" data-testid={`reaches-${group}`}>
              <h5 className={group === 'both' ? 'ok-text' : group === 'neither' ? 'muted' : 'warn-text'}>
                {title} · {inGroup.length}
              </h5>
              <ul className="plain">
                {inGroup.map((w) => (
                  <li key={w.vpcId} className="reach-item" data-vpc-id={w.vpcId}>
                    <div className="row">
                      <VpcLink topology={topology} id={w.vpcId} /> <span className="badge">{w.joinedBy}</span>
                    </div>
                    {w.choice && <div className="small reach-choice">{w.choice}</div>}
                    <Direction label="there:" d={w.there} blocks={blockPathsOf(topology, vpcId, w.vpcId)} />
                    <Direction label="back:" d={w.back} blocks={blockPathsOf(topology, w.vpcId, vpcId)} />
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </div>
    </>
  );
}
