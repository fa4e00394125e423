/** Transit gateways in discovery: DescribeTransitGateways, each scanned account's view of a
 * gateway (its owner's, and those of accounts it is shared with), merged into one gateway that
 * says whether its routing was read. */
import { DescribeTransitGatewaysCommand, type TransitGateway as AwsTransitGateway } from '@aws-sdk/client-ec2';

import type { AccountId } from '../../../shared/model/ids';
import type { TransitGateway, TransitGatewayId, TransitGatewayRouteTableId, TransitGatewayRouting } from '../../../shared/model/topology';
import { nameOf, normaliseCidr, toTags } from './aws-fields';
import { discoveryKind, type ScanPlace } from './kind';
import { TRANSIT_GATEWAY_ROUTE_TABLE_DISCOVERY } from './transit-gateway-route-table';

/** A gateway as DescribeTransitGateways gives it, and whether the same scan read its account's route tables. */
export interface RawTransitGateway {
  readonly gateway: AwsTransitGateway;
  readonly routeTablesRead: boolean;
}

/** One scanned account's view of a gateway, before merging. */
export interface TransitGatewayView {
  /** The account whose scan listed it. */
  readonly observer: AccountId;
  /** True when that scan read its own account's route tables (which hold the gateway's when the observer owns it). */
  readonly routeTablesRead: boolean;
  readonly gateway: Omit<TransitGateway, 'sharedWith' | 'routing'>;
}

/** AWS's `enable`/`disable` as a boolean; anything else unset. */
export function switchOf(v: string | undefined): boolean | undefined {
  return v === 'enable' ? true : v === 'disable' ? false : undefined;
}

/** The fields whose value is defined, so unset options stay out of the record. */
function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/** Translate one gateway as `seen`'s scan listed it. */
export function toTransitGatewayView(raw: RawTransitGateway, seen: ScanPlace): TransitGatewayView | undefined {
  const g = raw.gateway;
  if (!g.TransitGatewayId?.startsWith('tgw-')) return undefined;
  const o = g.Options ?? {};
  const tags = toTags(g.Tags);
  const table = (id: string | undefined) => (id?.startsWith('tgw-rtb-') ? (id as TransitGatewayRouteTableId) : undefined);
  return {
    observer: seen.accountId,
    routeTablesRead: raw.routeTablesRead,
    gateway: {
      id: g.TransitGatewayId as TransitGatewayId,
      accountId: g.OwnerId ?? seen.accountId,
      region: seen.region,
      ...nameOf(tags),
      ...(g.Description ? { description: g.Description } : {}),
      tags,
      state: g.State ?? '',
      options: {
        ...defined({
          amazonSideAsn: o.AmazonSideAsn,
          autoAcceptSharedAttachments: switchOf(o.AutoAcceptSharedAttachments),
          defaultRouteTableAssociation: switchOf(o.DefaultRouteTableAssociation),
          associationDefaultRouteTableId: table(o.AssociationDefaultRouteTableId),
          defaultRouteTablePropagation: switchOf(o.DefaultRouteTablePropagation),
          propagationDefaultRouteTableId: table(o.PropagationDefaultRouteTableId),
          dnsSupport: switchOf(o.DnsSupport),
          vpnEcmpSupport: switchOf(o.VpnEcmpSupport),
          securityGroupReferencingSupport: switchOf(o.SecurityGroupReferencingSupport),
          multicastSupport: switchOf(o.MulticastSupport),
        }),
        transitGatewayCidrBlocks: (o.TransitGatewayCidrBlocks ?? []).map(normaliseCidr),
      },
    },
  };
}

/**
 * Every view of one gateway as one: the owner's view when its scan listed the gateway (only it
 * reads the route tables), else the lowest account's; `sharedWith` the other observers;
 * `routing` read only when the owner's scan read its route tables.
 */
export function mergeTransitGatewayViews(views: readonly TransitGatewayView[]): TransitGateway {
  const sorted = [...views].sort((a, b) => a.observer.localeCompare(b.observer));
  const first = sorted[0];
  if (!first) throw new Error('mergeTransitGatewayViews needs at least one view');
  const own = sorted.find((v) => v.observer === v.gateway.accountId);
  const base = (own ?? first).gateway;
  const routing: TransitGatewayRouting = !own
    ? { state: 'unread', reason: 'owner-not-scanned' }
    : own.routeTablesRead
      ? { state: 'read' }
      : { state: 'unread', reason: 'route-tables-unread' };
  return { ...base, sharedWith: [...new Set(sorted.map((v) => v.observer).filter((a) => a !== base.accountId))], routing };
}

/**
 * A merged gateway back as views, for a merge with a rescan of some slices: the owner's (when it
 * listed the gateway) and each sharing account's, each only while `keep` keeps its slice.
 */
export function carryTransitGateway(g: TransitGateway, keep: (place: ScanPlace) => boolean): readonly TransitGatewayView[] {
  const { sharedWith, routing, ...gateway } = g;
  const ownerListed = routing.state === 'read' || routing.reason === 'route-tables-unread';
  const observers = [...(ownerListed ? [g.accountId] : []), ...sharedWith];
  return observers
    .filter((observer) => keep({ accountId: observer, region: g.region }))
    .map((observer) => ({ observer, routeTablesRead: observer === g.accountId && routing.state === 'read', gateway }));
}

/** The transit gateway kind of discovery. */
export const TRANSIT_GATEWAY_DISCOVERY = discoveryKind({
  actions: { DescribeTransitGateways: 1000 },
  optional: true,
  scan: async (ec2, fetch, scanned) => {
    const [gateways, routeTablesRead] = await Promise.all([
      fetch('DescribeTransitGateways', (page, abortSignal) => ec2.send(new DescribeTransitGatewaysCommand(page), { abortSignal }), (o) => o.TransitGateways),
      // The route table kind fails on its own (its coverage names it); here it only decides `routing`.
      scanned(TRANSIT_GATEWAY_ROUTE_TABLE_DISCOVERY).then(
        () => true,
        () => false,
      ),
    ]);
    return gateways.map((gateway): RawTransitGateway => ({ gateway, routeTablesRead }));
  },
  translate: (raw: RawTransitGateway, seen) => toTransitGatewayView(raw, seen),
  merge: (views: readonly TransitGatewayView[]): readonly TransitGateway[] => {
    const byKey = new Map<string, TransitGatewayView[]>();
    for (const v of views) {
      const key = `${v.gateway.region}/${v.gateway.id}`;
      byKey.set(key, [...(byKey.get(key) ?? []), v]);
    }
    return [...byKey.values()]
      .map(mergeTransitGatewayViews)
      .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.region.localeCompare(b.region) || a.id.localeCompare(b.id));
  },
  carry: (g, keep) => carryTransitGateway(g, keep),
});
