/** Transit gateway problems the model alone shows (no packet is traced): attachments that route
 * nowhere, VPC blocks a route table leaves out because they overlap, routes to attachments that
 * are gone, Availability Zones whose subnets cannot reach the gateway, auto-accept on a shared
 * gateway, and gateways whose routing the snapshot does not know.
 *
 * Every pass reads each gateway, attachment, route table and route once, through maps built
 * once per topology (`indexTransitGateways`, `tgw-index.ts`): linear in the estate. A gateway whose routing is
 * unread is judged only by what its attachments' own accounts see (zones, auto-accept, VPC
 * routes); its associations, propagations and routes are never guessed.
 */
import type { AccountId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { RegionCoverage, Snapshot, UnreadKind } from '../model/snapshot';
import type { Subnet, Topology, TransitGateway, TransitGatewayAttachment } from '../model/topology';
import type { TransitGatewayIndex } from './tgw-index';
import { GONE_GATEWAY_STATES, indexTransitGateways, isRead, pushTo } from './tgw-index';
import type { StaleTransitRoute, UnpropagatedBlock } from './tgw-route-findings';
import { findStaleGatewayRoutes, findStaleVpcRoutes, findUnpropagated } from './tgw-route-findings';
import type { TopologyIndex } from './topology-index';
import { indexTopology, servingTablesOf } from './topology-index';

export type { TransitGatewayIndex } from './tgw-index';
export { indexTransitGateways } from './tgw-index';
export type { StaleGatewayRoute, StaleTransitRoute, StaleVpcRoute, UnpropagatedBlock } from './tgw-route-findings';

/** 1. An available attachment of a gateway whose routing was read, associated with no route table. */
export interface UnassociatedAttachment {
  readonly gateway: TransitGateway;
  readonly attachment: TransitGatewayAttachment;
}

/** 4. An Availability Zone of an attached VPC whose subnets route to the gateway, with no attachment subnet there. */
export interface ZoneGap {
  readonly gateway: TransitGateway;
  readonly attachment: TransitGatewayAttachment;
  readonly vpcId: VpcId;
  readonly zone: string;
  /** The zone's subnets whose route table sends something to the gateway, sorted. */
  readonly subnetIds: readonly SubnetId[];
  /** Their route tables, sorted. */
  readonly routeTableIds: readonly RouteTableId[];
  /** The zones the attachment has a subnet in, sorted. */
  readonly attachedZones: readonly string[];
}

/** 5. A shared gateway that accepts attachments from the accounts it is shared with on its own. */
export interface AutoAcceptShared {
  readonly gateway: TransitGateway;
  /** Accounts other than the owner it is shared with or attached from, sorted. */
  readonly accounts: readonly AccountId[];
}

/** 6. A gateway whose routing the snapshot does not know, and the coverage that says why. */
export interface UnreadRouting {
  readonly gateway: TransitGateway & { readonly routing: { readonly state: 'unread' } };
  /** The owner's failed cell in the gateway's region, when the snapshot has one. */
  readonly failedCell?: { readonly profile: string; readonly errorCode?: string; readonly message?: string };
  /** The owner's cell's record of the unread route tables, when it has one. */
  readonly unread?: UnreadKind & { readonly profile: string };
  /** A profile of the owner's account the snapshot knows, if any. */
  readonly ownerProfile?: string;
}

/** Everything the transit gateway passes found, each list in topology order. */
export interface TransitGatewayProblems {
  readonly unreadRouting: readonly UnreadRouting[];
  readonly unassociated: readonly UnassociatedAttachment[];
  readonly unpropagated: readonly UnpropagatedBlock[];
  readonly staleRoutes: readonly StaleTransitRoute[];
  readonly zoneGaps: readonly ZoneGap[];
  readonly autoAccept: readonly AutoAcceptShared[];
}

/** Run every transit gateway pass over a snapshot. */
export function findTransitGatewayProblems(snapshot: Snapshot): TransitGatewayProblems {
  const t = snapshot.topology;
  if (t.transitGateways.length === 0 && t.transitGatewayAttachments.length === 0) {
    return { unreadRouting: [], unassociated: [], unpropagated: [], staleRoutes: [], zoneGaps: [], autoAccept: [] };
  }
  const index = indexTopology(t);
  const tgw = indexTransitGateways(t);
  return {
    unreadRouting: findUnreadRouting(snapshot, index),
    unassociated: findUnassociated(t, tgw),
    unpropagated: findUnpropagated(t, index, tgw),
    staleRoutes: [...findStaleGatewayRoutes(t, tgw), ...findStaleVpcRoutes(snapshot, index, tgw)],
    zoneGaps: findZoneGaps(t, index, tgw),
    autoAccept: findAutoAccept(t, tgw),
  };
}

function findUnreadRouting(snapshot: Snapshot, index: TopologyIndex): UnreadRouting[] {
  const out: UnreadRouting[] = [];
  // Cells by account × region (`*` for a profile that failed before any region); a cell whose
  // identity never resolved is known by its profile.
  const accountOfProfile = new Map<string, AccountId>();
  for (const a of snapshot.topology.accounts) for (const p of a.profiles) accountOfProfile.set(p, a.id);
  const cellsByPlace = new Map<string, RegionCoverage[]>();
  for (const c of snapshot.coverage) {
    const accountId = c.accountId ?? accountOfProfile.get(c.profile);
    if (accountId) pushTo(cellsByPlace, `${accountId}|${c.region}`, c);
  }
  for (const g of snapshot.topology.transitGateways) {
    if (g.routing.state !== 'unread') continue;
    const cells = [...(cellsByPlace.get(`${g.accountId}|${g.region}`) ?? []), ...(cellsByPlace.get(`${g.accountId}|*`) ?? [])];
    const failed = cells.find((c) => c.state !== 'complete');
    const unreadCell = cells.find((c) => c.unread?.some((u) => u.kind === 'transitGatewayRouteTables'));
    const unread = unreadCell?.unread?.find((u) => u.kind === 'transitGatewayRouteTables');
    const ownerProfile = index.accountById.get(g.accountId)?.profiles[0];
    out.push({
      gateway: g as UnreadRouting['gateway'],
      ...(failed ? { failedCell: { profile: failed.profile, ...(failed.errorCode ? { errorCode: failed.errorCode } : {}), ...(failed.message ? { message: failed.message } : {}) } } : {}),
      ...(unread && unreadCell ? { unread: { ...unread, profile: unreadCell.profile } } : {}),
      ...(ownerProfile ? { ownerProfile } : {}),
    });
  }
  return out;
}

function findUnassociated(t: Topology, tgw: TransitGatewayIndex): UnassociatedAttachment[] {
  // The owner's route tables list associations too: an attachment one of them names is associated.
  const associated = new Set<string>();
  for (const rt of t.transitGatewayRouteTables) {
    for (const link of rt.associations) if (link.state !== 'disassociated') associated.add(`${rt.transitGatewayId}|${link.attachmentId}`);
  }
  const out: UnassociatedAttachment[] = [];
  for (const a of t.transitGatewayAttachments) {
    const gateway = tgw.gatewayById.get(a.transitGatewayId);
    if (!isRead(gateway) || a.state !== 'available') continue;
    if (a.association && a.association.state !== 'disassociated') continue;
    if (associated.has(`${a.transitGatewayId}|${a.id}`)) continue;
    out.push({ gateway, attachment: a });
  }
  return out;
}

/** The zone of an attachment subnet: as recorded, else the subnet's own; undefined when neither is known. */
function zoneOf(index: TopologyIndex, s: { readonly subnetId: SubnetId; readonly availabilityZone?: string }): string | undefined {
  return s.availabilityZone ?? index.subnetById.get(s.subnetId)?.availabilityZone;
}

function findZoneGaps(t: Topology, index: TopologyIndex, tgw: TransitGatewayIndex): ZoneGap[] {
  const out: ZoneGap[] = [];
  for (const [vpcId, attachments] of tgw.vpcAttachmentsByVpc) {
    const subnets = index.subnetsByVpc.get(vpcId) ?? [];
    if (subnets.length === 0) continue;
    const { tables, subnetIds } = servingTablesOf(index.routeTablesByVpc.get(vpcId) ?? [], subnets);
    // Per serving table, the gateways its active routes send to.
    const routedBy = new Map<SubnetId, { readonly tableId: RouteTableId; readonly gateways: ReadonlySet<string> }>();
    tables.forEach((table, i) => {
      const gateways = new Set<string>();
      for (const r of table.routes) if (r.state === 'active' && r.target.kind === 'other' && r.target.id.startsWith('tgw-')) gateways.add(r.target.id);
      if (gateways.size > 0) for (const id of subnetIds[i]!) routedBy.set(id, { tableId: table.id, gateways });
    });
    if (routedBy.size === 0) continue;
    for (const attachment of attachments) {
      const gateway = tgw.gatewayById.get(attachment.transitGatewayId);
      if (!gateway || attachment.state !== 'available' || !attachment.vpc) continue;
      const zones = attachment.vpc.subnets.map((s) => zoneOf(index, s));
      // An attachment subnet of unknown zone may serve any zone: the attachment is not judged.
      if (zones.some((z) => z === undefined)) continue;
      const attached = new Set(zones as string[]);
      const byZone = new Map<string, { subnets: Subnet[]; tables: Set<RouteTableId> }>();
      for (const s of subnets) {
        if (attached.has(s.availabilityZone)) continue;
        const via = routedBy.get(s.id);
        if (!via?.gateways.has(attachment.transitGatewayId)) continue;
        let z = byZone.get(s.availabilityZone);
        if (!z) byZone.set(s.availabilityZone, (z = { subnets: [], tables: new Set() }));
        z.subnets.push(s);
        z.tables.add(via.tableId);
      }
      for (const zone of [...byZone.keys()].sort()) {
        const z = byZone.get(zone)!;
        out.push({
          gateway,
          attachment,
          vpcId,
          zone,
          subnetIds: z.subnets.map((s) => s.id).sort(),
          routeTableIds: [...z.tables].sort(),
          attachedZones: [...attached].sort(),
        });
      }
    }
  }
  return out;
}

function findAutoAccept(t: Topology, tgw: TransitGatewayIndex): AutoAcceptShared[] {
  const out: AutoAcceptShared[] = [];
  for (const g of t.transitGateways) {
    if (g.options.autoAcceptSharedAttachments !== true || GONE_GATEWAY_STATES.has(g.state)) continue;
    const accounts = new Set<AccountId>(g.sharedWith);
    // Attachments from other accounts show the gateway is shared even when no such account was scanned.
    for (const a of tgw.attachmentsByGateway.get(g.id) ?? []) if (a.resourceType === 'vpc' && a.resourceOwnerId !== g.accountId) accounts.add(a.resourceOwnerId);
    accounts.delete(g.accountId);
    if (accounts.size > 0) out.push({ gateway: g, accounts: [...accounts].sort() });
  }
  return out;
}
