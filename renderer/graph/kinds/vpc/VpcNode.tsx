/** A VPC card: name, id, every CIDR block, account and region, badges, the peering knob and the grip.
 *
 * The card itself is React Flow's source handle, so a drag from anywhere on it plans a peering
 * (the knob on its right edge only shows where). Moving the card takes its grip: the node's
 * drag handle, outside the card because React Flow never starts a node drag inside a handle.
 *
 * The whole card is also a drop target for drag-to-peer: a card-sized target handle that takes
 * pointer events only while a connection is being dragged (React Flow gives handles the
 * `connectionindicator` class then), so a drop anywhere on the card counts, not only within
 * `connectionRadius` of a small handle (docs/toolchain.md).
 */
import { Handle, Position, useConnection } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';

import { cidrLineCount, VPC_CARD_MAX_CIDR_LINES } from '../../../../shared/diagram/geometry';
import type { PeeringRefusal } from '../../../../shared/analysis/validate-peering';
import { conflictsOf, routesOf, validatorOf } from '../../derive';
import type { VpcFlowNode } from '../../flow-types';
import { HANDLE_PEER_IN, HANDLE_PEER_OUT } from '../../flow-types';
import { VPC_GRIP_CLASS } from './to-flow';
import { vpcClassOf } from '../../view-state';
import { useAppStore } from '../../../store/store-context';

/** A word or two per refusal, for the chip on each card while dragging (the full reason is in the pointer tag). */
const REFUSAL_CHIP: Record<PeeringRefusal['code'], string> = {
  'same-vpc': 'same VPC',
  'unknown-vpc': 'not scanned',
  'cidr-overlap': 'CIDR overlap',
  'already-peered': 'already peered',
  'active-quota': 'quota full',
  'outstanding-quota': 'too many pending',
};

function VpcNodeView({ id, data }: NodeProps<VpcFlowNode>) {
  const viewClass = useAppStore((s) => vpcClassOf(s, data.vpcId));
  const topology = useAppStore((s) => s.snapshot?.topology);
  const dragFrom = useAppStore((s) => s.peeringDragFrom);
  const isDropHover = useConnection((c) => c.inProgress && c.toNode?.id === id);

  const badges = useMemo(() => {
    if (!topology) return { conflicts: 0, incomplete: 0 };
    return {
      conflicts: conflictsOf(topology).byVpc.get(data.vpcId)?.length ?? 0,
      incomplete: routesOf(topology).incompleteByVpc.get(data.vpcId)?.length ?? 0,
    };
  }, [topology, data.vpcId]);

  const verdict = useMemo(
    () => (dragFrom && topology && dragFrom !== data.vpcId ? validatorOf(topology)(dragFrom, data.vpcId) : undefined),
    [dragFrom, topology, data.vpcId],
  );

  const external = data.vpc === undefined;
  const lines = cidrLineCount(data.cidrs.length);
  const shown = data.cidrs.length > VPC_CARD_MAX_CIDR_LINES ? data.cidrs.slice(0, VPC_CARD_MAX_CIDR_LINES) : data.cidrs;
  const hidden = data.cidrs.length - shown.length;
  const dropClass = dragFrom ? (dragFrom === data.vpcId ? 'drag-source' : verdict?.ok ? 'drop-ok' : 'drop-bad') : '';
  const title = verdict
    ? verdict.summary
    : `${data.label}${data.vpc?.name ? ` (${data.vpcId})` : ''} · ${data.accountLabel} · ${data.region}${external ? ' · not scanned: known only from a peering' : ''}\nDrag onto another VPC to plan a peering; the grip at the top right moves the card.`;

  return (
    <>
      <Handle
        type="source"
        id={HANDLE_PEER_OUT}
        position={Position.Right}
        className={`vpc-card hue-${data.hue} ${viewClass} ${dropClass}${external ? ' is-external' : ''}${isDropHover ? ' is-drop-hover' : ''}`}
        data-testid={`vpc-card-${data.vpcId}`}
        data-vpc-id={data.vpcId}
        data-drop={dropClass || undefined}
        title={title}
      >
        <div className="vpc-head">
          <span className="vpc-name">{data.label}</span>
          <span className="vpc-badges">
            {badges.conflicts > 0 && (
              <span className="vpc-badge bad" title={`CIDR overlaps ${badges.conflicts} other VPC${badges.conflicts > 1 ? 's' : ''}`} data-testid="badge-conflict">
                overlap
              </span>
            )}
            {badges.incomplete > 0 && (
              <span className="vpc-badge warn" title={`${badges.incomplete} active peering${badges.incomplete > 1 ? 's have' : ' has'} no complete routes here`} data-testid="badge-routes">
                route gap
              </span>
            )}
            {data.vpc?.isDefault && <span className="vpc-badge">default</span>}
            {external && <span className="vpc-badge muted" title="Its account was not scanned">not scanned</span>}
          </span>
        </div>
        <div className="vpc-id">{data.vpc?.name ? data.vpcId : external ? `account ${data.accountId}` : 'no Name tag'}</div>
        <ul className="vpc-cidrs" aria-label="CIDR blocks" data-lines={lines}>
          {shown.map((cidr, i) => (
            <li key={cidr} className={i === 0 && !external ? 'cidr primary' : 'cidr'}>
              {cidr}
            </li>
          ))}
          {hidden > 0 && <li className="cidr more">+{hidden} more</li>}
        </ul>
        <div className="vpc-foot">
          <span className="vpc-account" title={data.accountId}>
            {data.accountLabel}
          </span>
          <span className="vpc-region">{data.region}</span>
        </div>
        {verdict && (
          <span className={`drop-chip ${verdict.ok ? 'ok' : 'bad'}`} aria-hidden="true">
            {verdict.ok ? 'can peer' : REFUSAL_CHIP[verdict.reasons[0]?.code ?? 'unknown-vpc']}
          </span>
        )}
        <Handle
          type="target"
          id={HANDLE_PEER_IN}
          position={Position.Left}
          isConnectableStart={false}
          isConnectableEnd={dragFrom !== data.vpcId}
          className="peer-drop"
          aria-label={`Drop here to peer with ${data.label}`}
        />
        <span className="peer-knob" title="Drag from anywhere on the card onto another VPC to plan a peering" aria-hidden="true" />
      </Handle>
      <div className={VPC_GRIP_CLASS} title="Move this card: drag the grip (the card stays inside its region frame; Ctrl+Z puts it back)" role="img" aria-label={`Move ${data.label}`}>
        <svg viewBox="0 0 10 16" width="10" height="16" aria-hidden="true">
          {[3, 8, 13].map((cy) => [2.5, 7.5].map((cx) => <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r="1.4" />))}
        </svg>
      </div>
    </>
  );
}

/** The card component; memoised so a change elsewhere on the canvas does not redraw it. */
export const VpcNode = memo(VpcNodeView);
