/** Why a drop was refused: every reason validatePeering gives, with its fix. Nothing was created. */
import { useMemo } from 'react';

import type { Topology } from '../../shared/model/topology';
import { validatorOf } from '../graph/derive';
import type { PeeringPair } from '../store/app-store';

/** The refusal card over the canvas. */
export function RefusalPanel({ topology, pair, onClose }: { topology: Topology; pair: PeeringPair; onClose: () => void }) {
  const verdict = useMemo(() => validatorOf(topology)(pair.requesterVpcId, pair.accepterVpcId), [topology, pair]);
  const name = (id: string) => topology.vpcs.find((v) => v.id === id)?.name ?? id;
  if (verdict.ok) return null;
  return (
    <section className="refusal-panel floating-panel" role="alert" aria-label="Peering refused" data-testid="refusal-panel">
      <header className="floating-head">
        <h2>
          Cannot peer {name(pair.requesterVpcId)} with {name(pair.accepterVpcId)}
        </h2>
        <button type="button" className="ghost icon" onClick={onClose} aria-label="Dismiss">
          ×
        </button>
      </header>
      <ul className="refusal-reasons">
        {verdict.reasons.map((r) => (
          <li key={`${r.code}:${r.message}`} data-code={r.code}>
            <p className="refusal-message">{r.message}</p>
            <p className="refusal-fix">{r.fix}</p>
          </li>
        ))}
      </ul>
      <p className="muted small">Nothing was created.</p>
    </section>
  );
}
