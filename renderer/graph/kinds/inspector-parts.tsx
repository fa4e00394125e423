/** Pieces every inspector section uses: a VPC's name, links that select a VPC or a peering, a status pill. */
import type { PeeringId, VpcId } from '../../../shared/model/ids';
import type { Peering, Topology } from '../../../shared/model/topology';
import { useAppStore } from '../../store/store-context';
import { indexOf } from '../derive';
import { STATUS_WORDS } from './peering/peering-words';

/** What the inspector passes the section of the selected kind. */
export interface InspectorSectionProps {
  readonly topology: Topology;
  /** The selected item's id (a VPC id, a peering id …). */
  readonly id: string;
}

/** The Name tag of a VPC, else its id. */
export function vpcName(topology: Topology, id: VpcId): string {
  return indexOf(topology).vpcById.get(id)?.name ?? id;
}


/** A peering's status as a coloured pill. */
export function StatusPill({ status }: { status: Peering['status'] }) {
  return <span className={`status-pill status-${status}`}>{STATUS_WORDS[status]}</span>;
}


/** A VPC's name; selects it. */
export function VpcLink({ topology, id }: { topology: Topology; id: VpcId }) {
  const selectVpc = useAppStore((s) => s.selectVpc);
  return (
    <button type="button" className="link" onClick={() => selectVpc(id)} title={id}>
      {vpcName(topology, id)}
    </button>
  );
}


/** A peering's name or id; selects it. */
export function PeeringLink({ id, label }: { id: PeeringId; label?: string }) {
  const selectPeering = useAppStore((s) => s.selectPeering);
  return (
    <button type="button" className="link mono" onClick={() => selectPeering(id)}>
      {label ?? id}
    </button>
  );
}

