/** What the inspector offers for one VPC attachment: delete it, with the attached VPC's routes to
 * its gateway first (each can be left out), through the planned-action flow (the exact calls,
 * DryRun first, then the rescan of what changed).
 */
import { isGoneAttachmentState } from '../../shared/analysis/tgw-index';
import type { TransitGatewayAttachment, Topology } from '../../shared/model/topology';
import { profilesFromTopology } from '../../shared/planning/plan-types';
import { useAppStore } from '../store/store-context';
import { IntentConfirm, usePlannedAction } from './plan/planned-action';

/** Delete for `attachment`, when it is not already going and a profile acts in its VPC's or its gateway's account. */
export function AttachmentActions({ topology, attachment }: { topology: Topology; attachment: TransitGatewayAttachment }) {
  const client = useAppStore((s) => s.client);
  const { busy, notice, intent, setIntent, ask, confirm } = usePlannedAction<'delete'>();
  const profiles = profilesFromTopology(topology.accounts);
  const canAct = (profiles[attachment.resourceOwnerId]?.length ?? 0) > 0 || (profiles[attachment.transitGatewayOwnerId]?.length ?? 0) > 0;
  const gone = isGoneAttachmentState(attachment.state);
  const label = attachment.name ? `"${attachment.name}" (${attachment.id})` : attachment.id;
  const vpcId = attachment.vpc?.vpcId ?? attachment.resourceId;
  if (gone && !notice) return null;
  return (
    <section className="peering-actions" aria-label="Attachment actions">
      {notice && (
        <div className={`action-notice tone-${notice.tone}`} role={notice.tone === 'bad' ? 'alert' : 'status'} data-testid="attachment-action-notice">
          <strong>{notice.text}</strong> {notice.fix}
        </div>
      )}
      {!gone && (
        <div className="row peering-danger">
          <button
            type="button"
            className="danger ghost"
            disabled={!!busy || !!intent || !canAct}
            title={canAct ? undefined : `No profile acts in account ${attachment.resourceOwnerId} or ${attachment.transitGatewayOwnerId}: add one and rescan to delete it here.`}
            onClick={() =>
              void ask('delete', () => client.planAttachmentDeletion({ attachmentId: attachment.id }), {
                what: 'Delete',
                title: `Delete ${label}? Traffic between ${vpcId} and ${attachment.transitGatewayId} stops at once; its routes to the gateway go first.`,
                confirmLabel: 'Delete',
                danger: true,
                toggles: true,
                clearsSelection: true,
              })
            }
          >
            {busy === 'delete' && !intent ? 'Planning…' : 'Delete attachment…'}
          </button>
        </div>
      )}
      {intent && <IntentConfirm intent={intent} busy={!!busy} onChange={setIntent} onConfirm={() => void confirm(intent)} onCancel={() => setIntent(undefined)} />}
    </section>
  );
}
