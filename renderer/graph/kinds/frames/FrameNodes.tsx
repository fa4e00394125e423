/** Account and region frames: parent nodes that group VPC cards. */
import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';

import { accountName, ouPathLabel } from '../../../../shared/diagram/names';
import { regionLocation } from '../../../discovery/aws-regions';
import type { AccountFlowNode, RegionFlowNode } from '../../flow-types';

function AccountFrameView({ data }: NodeProps<AccountFlowNode>) {
  return (
    <div className={`account-frame hue-${data.hue}${data.scanned ? '' : ' is-external'}`} data-testid={`account-frame-${data.accountId}`}>
      <div className="frame-title">
        <span className="frame-kind">Account</span>
        <span className="frame-name">{accountName(data) ?? data.accountId}</span>
        {accountName(data) && <span className="frame-id">{data.accountId}</span>}
        {data.name && data.alias && data.alias !== data.name && (
          <span className="frame-alias" title="The account's IAM alias">
            {data.alias}
          </span>
        )}
        {data.ouPath !== undefined && (
          <span className="frame-ou" title="The organisational unit the account sits in">
            {ouPathLabel(data.ouPath)}
          </span>
        )}
        <span className="frame-spacer" />
        {data.profiles.length > (data.name || data.alias ? 0 : 1) ? (
          data.profiles.slice(data.name || data.alias ? 0 : 1, 4).map((p) => (
            <span key={p} className="frame-chip" title="A local profile that acts in this account">
              {p}
            </span>
          ))
        ) : (
          data.profiles.length === 0 && (
            <span className="frame-chip muted" title={data.scanned ? 'No local profile acts in this account' : 'Seen only through a peering: not scanned'}>
              {data.scanned ? 'no profile' : 'not scanned'}
            </span>
          )
        )}
      </div>
    </div>
  );
}

function RegionFrameView({ data }: NodeProps<RegionFlowNode>) {
  const location = regionLocation(data.region);
  return (
    <div className="region-frame" data-testid={`region-frame-${data.accountId}-${data.region}`}>
      <div className="frame-title">
        <span className="region-name">{data.region}</span>
        {location && <span className="frame-id">{location}</span>}
        <span className="frame-spacer" />
        <span className="frame-count">
          {data.vpcCount} VPC{data.vpcCount === 1 ? '' : 's'}
        </span>
      </div>
    </div>
  );
}

/** An account frame. */
export const AccountFrame = memo(AccountFrameView);
/** A region frame. */
export const RegionFrame = memo(RegionFrameView);
