/** A transit gateway hub: a rounder card than a VPC's with its whole border in the owner's colour, a hub glyph, name, id, and badges (routing not read; VPN / Direct Connect / Connect attachments counted). */
import { Handle, Position } from '@xyflow/react';
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';

import { tgwEndpointWords } from '../../../../shared/diagram/kinds/tgw/scene';
import type { TgwFlowNode } from '../../flow-types';
import { HANDLE_TGW_IN, HANDLE_TGW_OUT } from '../../flow-types';
import { useAppStore } from '../../../store/store-context';

function TgwNodeView({ id, data }: NodeProps<TgwFlowNode>) {
  const selected = useAppStore((s) => s.selection.item?.kind === 'tgw' && s.selection.item.id === id);
  const g = data.gateway;
  const unread = g.routing.state === 'unread';
  const endpoints = tgwEndpointWords(data.endpoints);
  const title = `Transit gateway ${g.name ?? g.id}${g.name ? ` (${g.id})` : ''} · ${data.accountLabel} · ${g.region}${g.sharedWith.length > 0 ? ` · shared with ${g.sharedWith.join(', ')}` : ''}${unread ? ' · routing not read' : ''}\nClick for its route tables.`;
  return (
    <div className={`tgw-hub hue-${data.hue}${unread ? ' is-unread' : ''}${selected ? ' is-selected' : ''}`} data-testid={`tgw-hub-${g.id}`} data-tgw-id={g.id} title={title}>
      <Handle type="target" id={HANDLE_TGW_IN} position={Position.Top} isConnectable={false} className="tgw-handle" />
      <Handle type="source" id={HANDLE_TGW_OUT} position={Position.Bottom} isConnectable={false} className="tgw-handle" />
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
