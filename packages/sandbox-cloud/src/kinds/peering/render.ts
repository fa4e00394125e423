/** A peering's sides (kept up to date with their VPCs while these exist) and its wire form. */
import type { VpcPeeringConnection, VpcPeeringConnectionVpcInfo } from '@aws-sdk/client-ec2';

import { tagList } from '../../ec2/common';
import type { World } from '../../state/world';
import { vpcIpv4Blocks, vpcIpv6Blocks, type VpcRec } from '../vpc/records';
import type { PeeringRec, PeeringSideRec } from './records';

/** A side as it is now: the VPC's owner, region and blocks. */
export function sideOf(v: VpcRec): PeeringSideRec {
  return {
    ownerId: v.ownerId,
    vpcId: v.id,
    region: v.region,
    cidrBlock: v.cidrBlock,
    cidrBlocks: vpcIpv4Blocks(v),
    ipv6CidrBlocks: vpcIpv6Blocks(v),
    allowDnsResolutionFromRemoteVpc: false,
  };
}

/** The side's VPC while it still exists (same id, owner and region). */
export function liveVpc(world: World, side: PeeringSideRec): VpcRec | undefined {
  const r = world.byId.get(side.vpcId);
  return r?.kind === 'vpc' && r.rec.ownerId === side.ownerId && r.rec.region === side.region ? r.rec : undefined;
}

/** Brings a side's CIDRs up to date with its VPC, while the VPC exists. */
export function refreshSide(world: World, side: PeeringSideRec): void {
  const v = liveVpc(world, side);
  if (!v) return;
  side.cidrBlock = v.cidrBlock;
  side.cidrBlocks = vpcIpv4Blocks(v);
  side.ipv6CidrBlocks = vpcIpv6Blocks(v);
}

function renderSide(side: PeeringSideRec, withCidrs: boolean, withOptions: boolean): VpcPeeringConnectionVpcInfo {
  return {
    ...(withCidrs && side.cidrBlock ? { CidrBlock: side.cidrBlock } : {}),
    ...(withCidrs && side.ipv6CidrBlocks.length > 0 ? { Ipv6CidrBlockSet: side.ipv6CidrBlocks.map((b) => ({ Ipv6CidrBlock: b })) } : {}),
    ...(withCidrs && side.cidrBlocks.length > 0 ? { CidrBlockSet: side.cidrBlocks.map((b) => ({ CidrBlock: b })) } : {}),
    OwnerId: side.ownerId,
    ...(withOptions
      ? {
          PeeringOptions: {
            AllowDnsResolutionFromRemoteVpc: side.allowDnsResolutionFromRemoteVpc,
            AllowEgressFromLocalClassicLinkToRemoteVpc: false,
            AllowEgressFromLocalVpcToRemoteClassicLink: false,
          },
        }
      : {}),
    VpcId: side.vpcId,
    Region: side.region,
  };
}

/** The wire form of a peering as `viewer` sees it (tags are per account). */
export function renderPeering(world: World, p: PeeringRec, viewer: string): VpcPeeringConnection {
  refreshSide(world, p.requester);
  refreshSide(world, p.accepter);
  const accepterKnown = p.status !== 'initiating-request' && !(p.status === 'failed' && !liveVpc(world, p.accepter));
  const withOptions = p.status === 'active' || p.status === 'provisioning';
  return {
    AccepterVpcInfo: renderSide(p.accepter, accepterKnown, withOptions),
    ...(p.expirationTime !== undefined ? { ExpirationTime: new Date(p.expirationTime) } : {}),
    RequesterVpcInfo: renderSide(p.requester, true, withOptions),
    Status: { Code: p.status, Message: p.message },
    Tags: tagList(p.tags[viewer]),
    VpcPeeringConnectionId: p.id,
  };
}
