/** The inspector section of a VPC attachment: its facts, its checklist (accepted → associated → propagating → VPC routes → return path), each failing step with its AWS CLI fix, and Delete. */
import type { TgwStepState } from '../../../../shared/analysis/tgw-attachment-checklist';
import { tgwAttachmentChecklist } from '../../../../shared/analysis/tgw-attachment-checklist';
import { tgwAttachmentDetail } from '../../../../shared/diagram/kinds/tgw-attachment/scene';
import type { VpcId } from '../../../../shared/model/ids';
import { AttachmentActions } from '../../../panels/AttachmentActions';
import { useAppStore } from '../../../store/store-context';
import { VpcLink } from '../inspector-parts';
import type { InspectorSectionProps } from '../inspector-parts';

const STEP_LOOK: Readonly<Record<TgwStepState, { readonly icon: string; readonly className: string; readonly words: string }>> = {
  ok: { icon: '✓', className: 'check-pass', words: 'passes' },
  failing: { icon: '✗', className: 'check-fail', words: 'fails' },
  waiting: { icon: '…', className: 'check-unknown', words: 'waiting for AWS' },
  unknown: { icon: '?', className: 'check-unknown', words: 'unknown' },
  'not-applicable': { icon: '–', className: 'check-skipped', words: 'not yet' },
};

/** Details of one selected VPC attachment. */
export function TgwAttachmentInspector({ topology, id }: InspectorSectionProps) {
  const selectItem = useAppStore((s) => s.selectItem);
  const a = topology.transitGatewayAttachments.find((x) => x.id === id && x.resourceType === 'vpc');
  const checklist = a && tgwAttachmentChecklist(topology, a.transitGatewayId, a.id);
  if (!a || !checklist) return <p className="muted">This attachment is no longer in the snapshot.</p>;
  const g = checklist.gateway;
  return (
    <section aria-label="Transit gateway attachment details" data-testid="inspector-tgw-attachment" data-routing={checklist.routing}>
      <h3 className="inspector-title">{a.name ?? a.id}</h3>
      <div className="mono muted small">{a.id}</div>
      <div className="row">
        <span className={`status-pill tgw-state-${a.state}`}>{tgwAttachmentDetail(a.state, checklist.routing)}</span>
      </div>
      <dl className="facts">
        <dt>VPC</dt>
        <dd>
          <VpcLink topology={topology} id={a.resourceId as VpcId} /> · <span className="mono">{a.resourceOwnerId}</span>
        </dd>
        <dt>Gateway</dt>
        <dd>
          <button type="button" className="link" onClick={() => selectItem({ kind: 'tgw', id: a.transitGatewayId })}>
            {g?.name ?? a.transitGatewayId}
          </button>{' '}
          · <span className="mono">{a.transitGatewayOwnerId}</span> · <span className="mono">{a.region}</span>
        </dd>
        <dt>Subnets</dt>
        <dd className="small mono">{a.vpc?.subnets.map((s) => `${s.subnetId}${s.availabilityZone ? ` (${s.availabilityZone})` : ''}`).join(', ') || 'not read'}</dd>
        {a.association && (
          <>
            <dt>Associated</dt>
            <dd className="small mono">
              {a.association.routeTableId} · {a.association.state}
            </dd>
          </>
        )}
      </dl>
      <h4>Checklist</h4>
      <ol className="checks-list" aria-label="Attachment checklist">
        {checklist.steps.map((step) => {
          const look = STEP_LOOK[step.state];
          return (
            <li key={step.id} className={`check ${look.className}`} data-step={step.id} data-state={step.state}>
              <span className="check-icon" aria-label={look.words}>
                {look.icon}
              </span>
              <div>
                <strong>{step.title}</strong>
                {step.details.map((d, i) => (
                  <div key={i} className="check-detail small">
                    {d}
                  </div>
                ))}
                {step.fixes.map((f, i) => (
                  <pre key={i} className="command small">
                    {f}
                  </pre>
                ))}
              </div>
            </li>
          );
        })}
      </ol>
      <AttachmentActions key={a.id} topology={topology} attachment={a} />
    </section>
  );
}
