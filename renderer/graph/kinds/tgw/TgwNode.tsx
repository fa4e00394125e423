/** A transit gateway hub: a rounder card than a VPC's with its whole border in the owner's colour, a hub glyph, name, id, and badges (routing not read; VPN / Direct Connect / Connect attachments counted).
 * While a VPC is dragged, the hub says whether it may attach there (validate-attachment's verdict), and the whole hub is the drop target that plans the attachment. */
import { Handle, Position, useConnection } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';

import type { AttachmentRefusalCode } from '../../../../shared/analysis/validate-attachment';
import { attachValidatorOf } from '../../derive';

import { tgwEndpointWords } from '../../../../shared/diagram/kinds/tgw/scene';
import type { TgwFlowNode } from '../../flow-types';
import { HANDLE_TGW_DROP, HANDLE_TGW_IN, HANDLE_TGW_OUT } from '../../flow-types';
import { useAppStore } from '../../../store/store-context';

/** The hub's chip while a VPC is dragged over the canvas: the first reason, in two or three words. */
const REFUSAL_CHIP: Readonly<Record<AttachmentRefusalCode, string>> = {
  'unknown-vpc': 'not scanned',
  'unknown-gateway': 'not scanned',
  'other-region': 'other region',
  'gateway-not-available': 'not available',
  'already-attached': 'already attached',
  'not-shared': 'not shared',
  'cidr-overlap': 'CIDR overlap',
  'unknown-route-table': 'no such table',
};

function TgwNodeView({ id, data }: NodeProps<TgwFlowNode>) {
  const selected = useAppStore((s) => s.selection.item?.kind === 'tgw' && s.selection.item.id === id);
  const topology = useAppStore((s) => s.snapshot?.topology);
  const dragFrom = useAppStore((s) => s.peeringDragFrom);
  const isDropHover = useConnection((c) => c.inProgress && c.toNode?.id === id);
  const g = data.gateway;
  // While a VPC is dragged: whether it may attach here, for the hub's look and chip.
  const verdict = useMemo(() => (dragFrom && topology ? attachValidatorOf(topology)(dragFrom, g.id) : undefined), [dragFrom, topology, g.id]);
  const dropClass = verdict ? (verdict.status === 'refused' ? ' drop-bad' : ' drop-ok') : '';
  const unread = g.routing.state === 'unread';
  const endpoints = tgwEndpointWords(data.endpoints);
  const idle = `Transit gateway ${g.name ?? g.id}${g.name ? ` (${g.id})` : ''} · ${data.accountLabel} · ${g.region}${g.sharedWith.length > 0 ? ` · shared with ${g.sharedWith.join(', ')}` : ''}${unread ? ' · routing not read' : ''}\nClick for its route tables; drop a VPC on it to plan an attachment.`;
  const title = verdict ? verdict.summary : idle;
  return (
    <div
      className={`tgw-hub hue-${data.hue}${unread ? ' is-unread' : ''}${selected ? ' is-selected' : ''}${dropClass}${isDropHover ? ' is-drop-hover' : ''}`}
      data-testid={`tgw-hub-${g.id}`}
      data-tgw-id={g.id}
      data-drop={dropClass.trim() || undefined}
      title={title}
    >
      <Handle type="target" id={HANDLE_TGW_IN} position={Position.Top} isConnectable={false} className="tgw-handle" />
      <Handle type="source" id={HANDLE_TGW_OUT} position={Position.Bottom} isConnectable={false} className="tgw-handle" />
      <Handle
        type="target"
        id={HANDLE_TGW_DROP}
        position={Position.Left}
        isConnectableStart={false}
        isConnectableEnd={!!dragFrom}
        className="tgw-drop"
        aria-label={`Drop a VPC here to attach it to ${g.name ?? g.id}`}
      />
      {verdict && (
        <span className={`drop-chip ${verdict.status === 'refused' ? 'bad' : 'ok'}`} aria-hidden="true">
          {verdict.status === 'possible' ? 'can attach' : verdict.status === 'unknown' ? 'can attach · overlaps unknown' : REFUSAL_CHIP[verdict.reasons[0]!.code as AttachmentRefusalCode]}
        </span>
      )}
      <svg className="tgw-glyph" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
        <circle cx="16" cy="16" r="8" fill="none" />
        <circle cx="16" cy="16" r="3" className="tgw-glyph-core" />
        <path d="M2 16 H8 M24 16 H30 M16 2 V8 M16 24 V30" />
      </svg>
      <div className="tgw-text">
        <span className="tgw-name">{g.name ?? g.id}</span>
        <span className="tgw-id">{g.name ? g.id : `${data.accountLabel} · ${g.region}`}</span>
        <span className="tgw-badges">
          {unread && (
            <span className="vpc-badge accent" title={g.routing.state === 'unread' && g.routing.reason === 'owner-not-scanned' ? 'Its owner was not scanned: its route tables are unknown' : 'Its route tables could not be read'}>
              routing not read
            </span>
          )}
          {endpoints && (
            <span className="vpc-badge" title="Attachments drawn as a count, not as boxes">
              {endpoints}
            </span>
          )}
          {g.sharedWith.length > 0 && !unread && !endpoints && <span className="vpc-badge muted">shared</span>}
        </span>
      </div>
    </div>
  );
}

/** The hub component. */
export const TgwNode = memo(TgwNodeView);
