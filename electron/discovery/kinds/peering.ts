/** VPC peering connections in discovery: DescribeVpcPeeringConnections, each account's view of
 * a peering, and the merge of every view of one peering into one edge.
 *
 * A peering seen from both of its accounts or regions appears once; each side comes from the
 * view of the account that owns that side when that view exists, since only the owner sees its
 * own side's options and tags.
 */
import {
  DescribeVpcPeeringConnectionsCommand,
  type VpcPeeringConnection,
  type VpcPeeringConnectionVpcInfo,
} from '@aws-sdk/client-ec2';

import type { AccountId, PeeringId, Region, VpcId } from '../../../shared/model/ids';
import { PEERING_STATUSES, type Peering, type PeeringSide, type PeeringStatus } from '../../../shared/model/topology';
import { nameOf, normaliseCidr, toTags } from './aws-fields';
import { discoveryKind, type ScanPlace } from './kind';

function toPeeringStatus(code: string | undefined): PeeringStatus | undefined {
  return (PEERING_STATUSES as readonly string[]).includes(code ?? '') ? (code as PeeringStatus) : undefined;
}

function toPeeringSide(info: VpcPeeringConnectionVpcInfo | undefined, fallbackRegion: Region): PeeringSide | undefined {
  if (!info?.VpcId?.startsWith('vpc-') || !info.OwnerId) return undefined;
  const v4 = (info.CidrBlockSet ?? []).flatMap((c) => (c.CidrBlock ? [normaliseCidr(c.CidrBlock)] : []));
  if (v4.length === 0 && info.CidrBlock) v4.push(normaliseCidr(info.CidrBlock));
  const dns = info.PeeringOptions?.AllowDnsResolutionFromRemoteVpc;
  return {
    accountId: info.OwnerId,
    vpcId: info.VpcId as VpcId,
    region: info.Region ?? fallbackRegion,
    cidrBlocks: v4,
    ipv6CidrBlocks: (info.Ipv6CidrBlockSet ?? []).flatMap((c) => (c.Ipv6CidrBlock ? [normaliseCidr(c.Ipv6CidrBlock)] : [])),
    ...(dns !== undefined ? { allowDnsResolutionFromRemoteVpc: dns } : {}),
  };
}

/** One account's view of a peering, before merging. */
export interface PeeringView {
  /** The account whose scan saw it. */
  readonly observer: AccountId;
  readonly region: Region;
  readonly peering: Peering;
}

/** Translate one peering as seen from `observer` scanning `region`. */
export function toPeering(p: VpcPeeringConnection, region: Region): Peering | undefined {
  const status = toPeeringStatus(p.Status?.Code);
  if (!p.VpcPeeringConnectionId?.startsWith('pcx-') || !status) return undefined;
  const requester = toPeeringSide(p.RequesterVpcInfo, region);
  const accepter = toPeeringSide(p.AccepterVpcInfo, region);
  if (!requester || !accepter) return undefined;
  const tags = toTags(p.Tags);
  return {
    id: p.VpcPeeringConnectionId as PeeringId,
    status,
    ...(p.Status?.Message ? { statusMessage: p.Status.Message } : {}),
    requester,
    accepter,
    ...(p.ExpirationTime ? { expirationTime: new Date(p.ExpirationTime).toISOString() } : {}),
    ...nameOf(tags),
    tags,
  };
}

/** Merge every account's view of one peering into one edge with both sides' details. */
export function mergePeeringViews(views: readonly PeeringView[]): Peering {
  const first = views[0];
  if (!first) throw new Error('mergePeeringViews needs at least one view');
  const ownView = (side: 'requester' | 'accepter') =>
    views.find((v) => v.observer === v.peering[side].accountId && v.region === v.peering[side].region) ??
    views.find((v) => v.observer === v.peering[side].accountId);
  const req = ownView('requester');
  const acc = ownView('accepter');
  // Status: the accepter's own view moves first on accept/reject, the requester's on delete;
  // when they disagree take the one further along AWS's lifecycle (final states last).
  const statusSource = [acc, req, first]
    .filter((v): v is PeeringView => v !== undefined)
    .sort((a, b) => lifecycleRank(b.peering.status) - lifecycleRank(a.peering.status))[0]!;
  const tags: Record<string, string> = {};
  for (const v of views) Object.assign(tags, v.peering.tags);
  for (const v of [req, acc]) if (v) Object.assign(tags, v.peering.tags);
  const expiration = views.find((v) => v.peering.expirationTime)?.peering.expirationTime;
  return {
    id: first.peering.id,
    status: statusSource.peering.status,
    ...(statusSource.peering.statusMessage ? { statusMessage: statusSource.peering.statusMessage } : {}),
    requester: (req ?? first).peering.requester,
    accepter: (acc ?? first).peering.accepter,
    ...(expiration && statusSource.peering.status === 'pending-acceptance' ? { expirationTime: expiration } : {}),
    ...nameOf(tags),
    tags,
  };
}

/**
 * A merged peering back as views, for a merge with a rescan of some slices: untouched (both
 * sides' slices kept) it is one view; otherwise only the kept sides whose slice its snapshot
 * scanned vouch for it, each as that side's account's view, so the rescanned side's own view
 * decides that side and, further along the lifecycle, the status.
 */
export function carryPeering(peering: Peering, keep: (place: ScanPlace) => boolean, seen: (place: ScanPlace) => boolean): readonly PeeringView[] {
  const sides = [peering.requester, peering.accepter];
  const view = (side: PeeringSide): PeeringView => ({ observer: side.accountId, region: side.region, peering });
  if (sides.every(keep)) return [view(peering.requester)];
  const vouching = sides.filter((side) => keep(side) && seen(side));
  // Both sides in one account and region are one slice: one view is enough.
  return vouching.filter((side, i) => i === 0 || side.accountId !== vouching[0]!.accountId || side.region !== vouching[0]!.region).map(view);
}

const LIFECYCLE_ORDER: readonly PeeringStatus[] = [
  'initiating-request',
  'pending-acceptance',
  'provisioning',
  'active',
  'deleting',
  'failed',
  'expired',
  'rejected',
  'deleted',
];

function lifecycleRank(s: PeeringStatus): number {
  return LIFECYCLE_ORDER.indexOf(s);
}

/** The peering kind of discovery: one view per account that sees a peering, merged into one edge per pcx id. */
export const PEERING_DISCOVERY = discoveryKind({
  actions: { DescribeVpcPeeringConnections: 1000 },
  scan: (ec2, fetch) =>
    fetch(
      'DescribeVpcPeeringConnections',
      (page, abortSignal) => ec2.send(new DescribeVpcPeeringConnectionsCommand(page), { abortSignal }),
      (o) => o.VpcPeeringConnections,
    ),
  translate: (p: VpcPeeringConnection, seen): PeeringView | undefined => {
    const peering = toPeering(p, seen.region);
    return peering ? { observer: seen.accountId, region: seen.region, peering } : undefined;
  },
  merge: (views: readonly PeeringView[]): readonly Peering[] => {
    const byId = new Map<string, PeeringView[]>();
    for (const v of views) {
      const list = byId.get(v.peering.id) ?? [];
      list.push(v);
      byId.set(v.peering.id, list);
    }
    return [...byId.values()].map(mergePeeringViews).sort((a, b) => a.id.localeCompare(b.id));
  },
  carry: carryPeering,
});
