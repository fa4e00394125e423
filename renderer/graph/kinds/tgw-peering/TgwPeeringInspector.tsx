/** The inspector section of a TGW peering: its state and both sides. */
import { useAppStore } from '../../../store/store-context';
import type { InspectorSectionProps } from '../inspector-parts';

/** Details of one selected TGW peering. */
export function TgwPeeringInspector({ topology, id }: InspectorSectionProps) {
  const selectItem = useAppStore((s) => s.selectItem);
  const p = topology.transitGatewayPeerings.find((x) => x.id === id);
  if (!p) return <p className="muted">This TGW peering is no longer in the snapshot.</p>;
  return (
    <section aria-label="Transit gateway peering details" data-testid="inspector-tgw-peering">
      <h3 className="inspector-title">{p.name ?? p.id}</h3>
      <div className="mono muted small">{p.id}</div>
      <div className="row">
        <span className="status-pill">{p.state === 'pendingAcceptance' ? 'pending acceptance' : p.state}</span>
        {p.statusMessage && <span className="muted small">{p.statusMessage}</span>}
      </div>
      <dl className="facts">
        {(['requester', 'accepter'] as const).map((role) => [
          <dt key={`${role}-t`}>{role === 'requester' ? 'Requester' : 'Accepter'}</dt>,
          <dd key={`${role}-d`}>
            <button type="button" className="link mono" onClick={() => selectItem({ kind: 'tgw', id: p[role].transitGatewayId })}>
              {p[role].transitGatewayId}
            </button>{' '}
            · <span className="mono">{p[role].accountId}</span> · <span className="mono">{p[role].region}</span>
          </dd>,
        ])}
        <dt>Routing</dt>
        <dd className="small">Static routes only on each side{p.dynamicRouting ? ` (dynamic routing ${p.dynamicRouting})` : ''}: see each gateway's route tables.</dd>
      </dl>
    </section>
  );
}
