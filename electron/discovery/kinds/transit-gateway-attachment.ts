/** Transit gateway attachments and peerings in discovery: DescribeTransitGatewayAttachments (every
 * type, with its association), DescribeTransitGatewayVpcAttachments (a VPC attachment's subnets
 * and options) and DescribeTransitGatewayPeeringAttachments (which gateway requested a peering
 * and which accepted it). An attachment listed by more than one scanned account is one record. */
import {
  DescribeTransitGatewayAttachmentsCommand,
  DescribeTransitGatewayPeeringAttachmentsCommand,
  DescribeTransitGatewayVpcAttachmentsCommand,
  type PeeringTgwInfo,
  type TransitGatewayAttachment as AwsTransitGatewayAttachment,
  type TransitGatewayPeeringAttachment as AwsTransitGatewayPeeringAttachment,
  type TransitGatewayVpcAttachment as AwsTransitGatewayVpcAttachment,
} from '@aws-sdk/client-ec2';

import type { AccountId, Region, SubnetId, VpcId } from '../../../shared/model/ids';
import type {
  TransitGatewayAttachment,
  TransitGatewayAttachmentId,
  TransitGatewayId,
  TransitGatewayPeering,
  TransitGatewayPeeringSide,
  TransitGatewayRouteTableId,
} from '../../../shared/model/topology';
import { nameOf, toTags } from './aws-fields';
import { discoveryKind, type ScanPlace } from './kind';
import { SUBNET_DISCOVERY } from './subnet';
import { switchOf } from './transit-gateway';

/** An attachment as DescribeTransitGatewayAttachments gives it, with its VPC attachment's details and its subnets' zones. */
export interface RawTransitGatewayAttachment {
  readonly attachment: AwsTransitGatewayAttachment;
  readonly vpc?: AwsTransitGatewayVpcAttachment;
  /** The zone of each of its subnets the same scan listed. */
  readonly zones: Readonly<Record<string, string>>;
}

/** Translate one attachment as `seen`'s scan listed it (`listedBy` that account). */
export function toTransitGatewayAttachment(raw: RawTransitGatewayAttachment, seen: ScanPlace): TransitGatewayAttachment | undefined {
  const a = raw.attachment;
  if (!a.TransitGatewayAttachmentId?.startsWith('tgw-attach-') || !a.TransitGatewayId?.startsWith('tgw-')) return undefined;
  const v = raw.vpc;
  const table = a.Association?.TransitGatewayRouteTableId;
  return {
    id: a.TransitGatewayAttachmentId as TransitGatewayAttachmentId,
    transitGatewayId: a.TransitGatewayId as TransitGatewayId,
    transitGatewayOwnerId: a.TransitGatewayOwnerId ?? seen.accountId,
    region: seen.region,
    ...nameOf(toTags(a.Tags)),
    resourceType: a.ResourceType ?? '',
    resourceId: a.ResourceId ?? '',
    resourceOwnerId: a.ResourceOwnerId ?? seen.accountId,
    state: a.State ?? '',
    ...(table?.startsWith('tgw-rtb-') ? { association: { routeTableId: table as TransitGatewayRouteTableId, state: a.Association?.State ?? '' } } : {}),
    ...(v?.VpcId?.startsWith('vpc-')
      ? {
          vpc: {
            vpcId: v.VpcId as VpcId,
            subnets: (v.SubnetIds ?? []).map((id) => ({ subnetId: id as SubnetId, ...(raw.zones[id] ? { availabilityZone: raw.zones[id] } : {}) })),
            options: Object.fromEntries(
              Object.entries({
                dnsSupport: switchOf(v.Options?.DnsSupport),
                ipv6Support: switchOf(v.Options?.Ipv6Support),
                applianceModeSupport: switchOf(v.Options?.ApplianceModeSupport),
                securityGroupReferencingSupport: switchOf(v.Options?.SecurityGroupReferencingSupport),
              }).filter(([, x]) => x !== undefined),
            ),
          },
        }
      : {}),
    listedBy: [seen.accountId],
  };
}

/**
 * Every view of one gateway's attachment as one: the gateway owner's view first (it sees the
 * association the gateway routes by), each subnet's zone from whichever view knows it (the VPC
 * owner's scan lists the subnets), `listedBy` every account that listed it.
 */
export function mergeAttachmentViews(views: readonly TransitGatewayAttachment[]): TransitGatewayAttachment {
  const sorted = [...views].sort((a, b) => a.listedBy.join().localeCompare(b.listedBy.join()));
  const base = sorted.find((v) => v.listedBy.includes(v.transitGatewayOwnerId)) ?? sorted[0];
  if (!base) throw new Error('mergeAttachmentViews needs at least one view');
  const zones = new Map<string, string>();
  for (const v of sorted) for (const s of v.vpc?.subnets ?? []) if (s.availabilityZone && !zones.has(s.subnetId)) zones.set(s.subnetId, s.availabilityZone);
  const vpc = base.vpc ?? sorted.find((v) => v.vpc)?.vpc;
  return {
    ...base,
    ...(vpc
      ? { vpc: { ...vpc, subnets: vpc.subnets.map((s) => ({ subnetId: s.subnetId, ...(zones.has(s.subnetId) ? { availabilityZone: zones.get(s.subnetId)! } : {}) })) } }
      : {}),
    listedBy: [...new Set(sorted.flatMap((v) => v.listedBy))].sort(),
  };
}

/** The transit gateway attachment kind of discovery. */
export const TRANSIT_GATEWAY_ATTACHMENT_DISCOVERY = discoveryKind({
  actions: { DescribeTransitGatewayAttachments: 1000, DescribeTransitGatewayVpcAttachments: 1000 },
  optional: true,
  scan: async (ec2, fetch, scanned) => {
    const attachments = await fetch(
      'DescribeTransitGatewayAttachments',
      (page, abortSignal) => ec2.send(new DescribeTransitGatewayAttachmentsCommand(page), { abortSignal }),
      (o) => o.TransitGatewayAttachments,
    );
    // The VPC attachments' details only where there are VPC attachments: most regions have none.
    if (!attachments.some((a) => a.ResourceType === 'vpc')) return attachments.map((attachment): RawTransitGatewayAttachment => ({ attachment, zones: {} }));
    const [vpcAttachments, subnets] = await Promise.all([
      fetch(
        'DescribeTransitGatewayVpcAttachments',
        (page, abortSignal) => ec2.send(new DescribeTransitGatewayVpcAttachmentsCommand(page), { abortSignal }),
        (o) => o.TransitGatewayVpcAttachments,
      ),
      scanned(SUBNET_DISCOVERY),
    ]);
    const zoneOf = new Map(subnets.flatMap((s) => (s.SubnetId && s.AvailabilityZone ? [[s.SubnetId, s.AvailabilityZone] as const] : [])));
    const vpcOf = new Map(vpcAttachments.map((v) => [`${v.TransitGatewayId}/${v.TransitGatewayAttachmentId}`, v]));
    return attachments.map((attachment): RawTransitGatewayAttachment => {
      const vpc = vpcOf.get(`${attachment.TransitGatewayId}/${attachment.TransitGatewayAttachmentId}`);
      const zones = Object.fromEntries((vpc?.SubnetIds ?? []).flatMap((id) => (zoneOf.has(id) ? [[id, zoneOf.get(id)!]] : [])));
      return { attachment, ...(vpc ? { vpc } : {}), zones };
    });
  },
  translate: (raw: RawTransitGatewayAttachment, seen) => toTransitGatewayAttachment(raw, seen),
  merge: (views: readonly TransitGatewayAttachment[]): readonly TransitGatewayAttachment[] => {
    const byKey = new Map<string, TransitGatewayAttachment[]>();
    for (const v of views) {
      const key = `${v.transitGatewayId}/${v.id}`;
      byKey.set(key, [...(byKey.get(key) ?? []), v]);
    }
    return [...byKey.values()]
      .map(mergeAttachmentViews)
      .sort((a, b) => a.region.localeCompare(b.region) || a.transitGatewayId.localeCompare(b.transitGatewayId) || a.id.localeCompare(b.id));
  },
  // Each account that listed it vouches for it while its slice is kept.
  carry: (a, keep) => a.listedBy.filter((accountId) => keep({ accountId, region: a.region })).map((accountId) => ({ ...a, listedBy: [accountId] })),
});

/** One side's view of a peering, before merging. */
export interface TransitGatewayPeeringView {
  /** The account whose scan listed it, and the region. */
  readonly observer: AccountId;
  readonly region: Region;
  readonly peering: TransitGatewayPeering;
}

function toSide(info: PeeringTgwInfo | undefined): TransitGatewayPeeringSide | undefined {
  if (!info?.TransitGatewayId?.startsWith('tgw-') || !info.OwnerId || !info.Region) return undefined;
  return { transitGatewayId: info.TransitGatewayId as TransitGatewayId, accountId: info.OwnerId, region: info.Region };
}

/** Translate one peering attachment; undefined without both gateways (a Cloud WAN peering, for one). */
export function toTransitGatewayPeering(p: AwsTransitGatewayPeeringAttachment): TransitGatewayPeering | undefined {
  const requester = toSide(p.RequesterTgwInfo);
  const accepter = toSide(p.AccepterTgwInfo);
  if (!p.TransitGatewayAttachmentId?.startsWith('tgw-attach-') || !requester || !accepter) return undefined;
  return {
    id: p.TransitGatewayAttachmentId as TransitGatewayAttachmentId,
    ...nameOf(toTags(p.Tags)),
    requester,
    accepter,
    state: p.State ?? p.Status?.Code ?? '',
    ...(p.Status?.Message ? { statusMessage: p.Status.Message } : {}),
    ...(p.Options?.DynamicRouting ? { dynamicRouting: p.Options.DynamicRouting } : {}),
  };
}

/** AWS's attachment states in the order a peering goes through them: when two sides disagree, the one further along is the newer. */
const PEERING_LIFECYCLE = [
  'initiating',
  'initiatingRequest',
  'pendingAcceptance',
  'pending',
  'available',
  'modifying',
  'rollingBack',
  'rejecting',
  'rejected',
  'failing',
  'failed',
  'deleting',
  'deleted',
];

/** Every side's view of one peering as one: the state of the view furthest along (the accepter's on a tie), its other fields too. */
export function mergePeeringViews(views: readonly TransitGatewayPeeringView[]): TransitGatewayPeering {
  const rank = (v: TransitGatewayPeeringView) => PEERING_LIFECYCLE.indexOf(v.peering.state);
  const accepterView = (v: TransitGatewayPeeringView) => Number(v.observer === v.peering.accepter.accountId && v.region === v.peering.accepter.region);
  const best = [...views].sort((a, b) => rank(b) - rank(a) || accepterView(b) - accepterView(a) || a.observer.localeCompare(b.observer) || a.region.localeCompare(b.region))[0];
  if (!best) throw new Error('mergePeeringViews needs at least one view');
  return best.peering;
}

/** Attachment types DescribeTransitGatewayAttachments gives a gateway peering. */
const PEERING_TYPES: ReadonlySet<string> = new Set(['peering', 'tgw-peering']);

/**
 * The transit gateway peering kind of discovery (each side's account lists it in its own region).
 * DescribeTransitGatewayAttachments lists peerings too, so the peering call is made only where it
 * listed one, or where it failed.
 */
export const TRANSIT_GATEWAY_PEERING_DISCOVERY = discoveryKind({
  actions: { DescribeTransitGatewayPeeringAttachments: 1000 },
  optional: true,
  scan: async (ec2, fetch, scanned) => {
    const anyPeering = await scanned(TRANSIT_GATEWAY_ATTACHMENT_DISCOVERY).then(
      (attachments) => attachments.some((a) => PEERING_TYPES.has(a.attachment.ResourceType ?? '')),
      () => true,
    );
    if (!anyPeering) return [];
    return fetch(
      'DescribeTransitGatewayPeeringAttachments',
      (page, abortSignal) => ec2.send(new DescribeTransitGatewayPeeringAttachmentsCommand(page), { abortSignal }),
      (o) => o.TransitGatewayPeeringAttachments,
    );
  },
  translate: (p: AwsTransitGatewayPeeringAttachment, seen): TransitGatewayPeeringView | undefined => {
    const peering = toTransitGatewayPeering(p);
    return peering ? { observer: seen.accountId, region: seen.region, peering } : undefined;
  },
  merge: (views: readonly TransitGatewayPeeringView[]): readonly TransitGatewayPeering[] => {
    const byId = new Map<string, TransitGatewayPeeringView[]>();
    for (const v of views) byId.set(v.peering.id, [...(byId.get(v.peering.id) ?? []), v]);
    return [...byId.values()].map(mergePeeringViews).sort((a, b) => a.id.localeCompare(b.id));
  },
  // Untouched (both sides' slices kept) it is one view; otherwise each kept side its own snapshot scanned vouches for it.
  carry: (p, keep, seen): readonly TransitGatewayPeeringView[] => {
    const sides = [p.requester, p.accepter];
    const view = (s: TransitGatewayPeeringSide): TransitGatewayPeeringView => ({ observer: s.accountId, region: s.region, peering: p });
    if (sides.every(keep)) return [view(p.requester)];
    return sides.filter((s) => keep(s) && seen(s)).map(view);
  },
});
