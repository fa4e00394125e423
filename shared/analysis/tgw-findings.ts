/** Transit gateway problems the model alone shows (no packet is traced): attachments that route
 * nowhere, VPC blocks a route table leaves out because they overlap, routes to attachments that
 * are gone, Availability Zones whose subnets cannot reach the gateway, auto-accept on a shared
 * gateway, and gateways whose routing the snapshot does not know.
 *
 * Every pass reads each gateway, attachment, route table and route once, through maps built
 * once per topology (`indexTransitGateways`): linear in the estate. A gateway whose routing is
 * unread is judged only by what its attachments' own accounts see (zones, auto-accept, VPC
 * routes); its associations, propagations and routes are never guessed.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import { ADDRESS_BITS } from '../cidr/parse-cidr';
import { isHeldBlockState } from '../cidr/vpc-blocks';
import type { AccountId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { Snapshot, UnreadKind } from '../model/snapshot';
import type {
  Route,
  Subnet,
  Topology,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayAttachmentId,
  TransitGatewayId,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
} from '../model/topology';
import type { TopologyIndex } from './topology-index';
import { indexTopology, servingTablesOf } from './topology-index';

/** Attachment states after which the attachment carries nothing (AWS's `State`). */
const GONE_ATTACHMENT_STATES: ReadonlySet<string> = new Set(['deleting', 'deleted', 'failing', 'failed', 'rejecting', 'rejected']);
/** Gateway states after which it carries nothing. */
const GONE_GATEWAY_STATES: ReadonlySet<string> = new Set(['deleting', 'deleted']);

/** True when an attachment in `state` is gone or going (deleted, failed, rejected). */
export function isGoneAttachmentState(state: string): boolean {
  return GONE_ATTACHMENT_STATES.has(state);
}

/** Lookups over a topology's transit gateways, built once. */
export interface TransitGatewayIndex {
  readonly gatewayById: ReadonlyMap<TransitGatewayId, TransitGateway>;
  /** Each gateway's view of an attachment, by `gateway|attachment`. */
  readonly attachment: (gatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId) => TransitGatewayAttachment | undefined;
  readonly attachmentsByGateway: ReadonlyMap<TransitGatewayId, readonly TransitGatewayAttachment[]>;
  /** VPC attachments by the VPC they attach. */
  readonly vpcAttachmentsByVpc: ReadonlyMap<VpcId, readonly TransitGatewayAttachment[]>;
  readonly routeTablesByGateway: ReadonlyMap<TransitGatewayId, readonly TransitGatewayRouteTable[]>;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Index the transit gateways of `t`. */
export function indexTransitGateways(t: Topology): TransitGatewayIndex {
  const gatewayById = new Map<TransitGatewayId, TransitGateway>();
  for (const g of t.transitGateways) gatewayById.set(g.id, g);
  const byKey = new Map<string, TransitGatewayAttachment>();
  const attachmentsByGateway = new Map<TransitGatewayId, TransitGatewayAttachment[]>();
  const vpcAttachmentsByVpc = new Map<VpcId, TransitGatewayAttachment[]>();
  for (const a of t.transitGatewayAttachments) {
    byKey.set(`${a.transitGatewayId}|${a.id}`, a);
    pushTo(attachmentsByGateway, a.transitGatewayId, a);
    if (a.vpc) pushTo(vpcAttachmentsByVpc, a.vpc.vpcId, a);
  }
  const routeTablesByGateway = new Map<TransitGatewayId, TransitGatewayRouteTable[]>();
  for (const rt of t.transitGatewayRouteTables) pushTo(routeTablesByGateway, rt.transitGatewayId, rt);
  return {
    gatewayById,
    attachment: (gatewayId, attachmentId) => byKey.get(`${gatewayId}|${attachmentId}`),
    attachmentsByGateway,
    vpcAttachmentsByVpc,
    routeTablesByGateway,
  };
}

/** 1. An available attachment of a gateway whose routing was read, associated with no route table. */
export interface UnassociatedAttachment {
  readonly gateway: TransitGateway;
  readonly attachment: TransitGatewayAttachment;
}

/** 2. A VPC block a route table leaves out because a block propagated there already overlaps it. */
export interface UnpropagatedBlock {
  readonly gateway: TransitGateway;
  readonly table: TransitGatewayRouteTable;
  readonly attachment: TransitGatewayAttachment;
  readonly vpcId: VpcId;
  readonly block: string;
  /** The propagated routes that hold the overlapping addresses, with the attachment and VPC each names. */
  readonly overlaps: readonly { readonly destination: string; readonly attachmentId: TransitGatewayAttachmentId; readonly vpcId?: VpcId }[];
}

/** 3a. A transit gateway route whose target attachment is gone. */
export interface StaleGatewayRoute {
  readonly where: 'transit-gateway';
  readonly gateway: TransitGateway;
  readonly table: TransitGatewayRouteTable;
  readonly route: TransitGatewayRoute;
  readonly destination: string;
  /** The gone targets: the attachment id, and its last state when the snapshot still lists it. */
  readonly gone: readonly { readonly attachmentId: TransitGatewayAttachmentId; readonly state?: string }[];
}

/** 3b. A VPC route to a gateway that is gone, or that the VPC's attachment to is gone. */
export interface StaleVpcRoute {
  readonly where: 'vpc';
  readonly gatewayId: TransitGatewayId;
  readonly gateway: TransitGateway;
  readonly routeTableId: RouteTableId;
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: string;
  readonly route: Route;
  /** The gone attachments of the VPC to the gateway (none when the gateway itself is gone or the VPC has none left listed). */
  readonly goneAttachments: readonly { readonly attachmentId: TransitGatewayAttachmentId; readonly state: string }[];
  /** True when the table serves subnets; else the route is dormant. */
  readonly isServing: boolean;
}

/** 3. A route to an attachment (or gateway) that is gone. */
export type StaleTransitRoute = StaleGatewayRoute | StaleVpcRoute;

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

function isRead(g: TransitGateway | undefined): g is TransitGateway {
  return g !== undefined && g.routing.state === 'read';
}

function findUnreadRouting(snapshot: Snapshot, index: TopologyIndex): UnreadRouting[] {
  const out: UnreadRouting[] = [];
  for (const g of snapshot.topology.transitGateways) {
    if (g.routing.state !== 'unread') continue;
    const cells = snapshot.coverage.filter((c) => c.accountId === g.accountId && (c.region === g.region || c.region === '*'));
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

/** A propagated route's range, with the attachment it sends to. */
interface PropagatedRange {
  readonly range: CidrRange;
  readonly destination: string;
  readonly attachmentId: TransitGatewayAttachmentId;
}

const rangeKey = (family: string, start: bigint, prefixLength: number) => `${family}:${start}/${prefixLength}`;

/** Each VPC's held blocks, parsed: IPv4 always, IPv6 only where `withIpv6`. */
function heldBlocks(index: TopologyIndex, vpcId: VpcId, withIpv6: boolean): CidrRange[] {
  const vpc = index.vpcById.get(vpcId);
  if (!vpc) return [];
  const out: CidrRange[] = [];
  for (const b of vpc.cidrBlocks) {
    if (!isHeldBlockState(b.state) || (b.family === 'ipv6' && !withIpv6)) continue;
    const r = index.rangeOf(b.cidr);
    if (r) out.push(r);
  }
  return out;
}

function findUnpropagated(t: Topology, index: TopologyIndex, tgw: TransitGatewayIndex): UnpropagatedBlock[] {
  const out: UnpropagatedBlock[] = [];
  for (const table of t.transitGatewayRouteTables) {
    const gateway = tgw.gatewayById.get(table.transitGatewayId);
    // A table cut short may hold the block's route in the part not read: it is not judged.
    if (!isRead(gateway) || !table.routesComplete || table.propagations.length === 0) continue;
    const exact = new Map<string, PropagatedRange[]>();
    const sorted: PropagatedRange[] = [];
    for (const route of table.routes) {
      if (route.type !== 'propagated' || route.destination.kind !== 'cidr') continue;
      const range = index.rangeOf(route.destination.cidr);
      if (!range) continue;
      for (const target of route.targets) {
        const p = { range, destination: route.destination.cidr, attachmentId: target.attachmentId };
        pushTo(exact, rangeKey(range.family, range.start, range.prefixLength), p);
        sorted.push(p);
      }
    }
    if (sorted.length === 0) continue;
    sorted.sort((a, b) => (a.range.family !== b.range.family ? (a.range.family === 'ipv4' ? -1 : 1) : a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : a.range.prefixLength - b.range.prefixLength));
    for (const link of table.propagations) {
      if (link.state !== 'enabled') continue;
      const attachment = tgw.attachment(table.transitGatewayId, link.attachmentId);
      if (!attachment?.vpc || attachment.state !== 'available') continue;
      for (const block of heldBlocks(index, attachment.vpc.vpcId, attachment.vpc.options.ipv6Support === true)) {
        const own = exact.get(rangeKey(block.family, block.start, block.prefixLength));
        if (own?.some((p) => p.attachmentId === attachment.id)) continue;
        const overlaps = overlapping(block, exact, sorted).filter((p) => p.attachmentId !== attachment.id);
        if (overlaps.length === 0) continue;
        out.push({
          gateway,
          table,
          attachment,
          vpcId: attachment.vpc.vpcId,
          block: block.cidr,
          overlaps: overlaps.map((p) => {
            const vpcId = tgw.attachment(table.transitGatewayId, p.attachmentId)?.vpc?.vpcId;
            return { destination: p.destination, attachmentId: p.attachmentId, ...(vpcId ? { vpcId } : {}) };
          }),
        });
      }
    }
  }
  return out;
}

/** The propagated ranges overlapping `block`: those holding it (one lookup per shorter prefix), then those inside it (a binary search). */
function overlapping(block: CidrRange, exact: ReadonlyMap<string, readonly PropagatedRange[]>, sorted: readonly PropagatedRange[]): PropagatedRange[] {
  const out: PropagatedRange[] = [];
  const bits = ADDRESS_BITS[block.family];
  for (let p = 0; p <= block.prefixLength; p++) {
    const shift = BigInt(bits - p);
    const hit = exact.get(rangeKey(block.family, (block.start >> shift) << shift, p));
    if (hit) out.push(...hit);
  }
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = sorted[mid]!.range;
    const before = r.family !== block.family ? r.family === 'ipv4' : r.start < block.start || (r.start === block.start && r.prefixLength <= block.prefixLength);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length; i++) {
    const r = sorted[i]!.range;
    if (r.family !== block.family || r.start > block.end) break;
    out.push(sorted[i]!);
  }
  return out;
}

function destinationText(route: TransitGatewayRoute): string {
  return route.destination.kind === 'cidr' ? route.destination.cidr : route.destination.prefixListId;
}

function findStaleGatewayRoutes(t: Topology, tgw: TransitGatewayIndex): StaleGatewayRoute[] {
  const out: StaleGatewayRoute[] = [];
  for (const table of t.transitGatewayRouteTables) {
    const gateway = tgw.gatewayById.get(table.transitGatewayId);
    if (!isRead(gateway)) continue;
    for (const route of table.routes) {
      // A blackhole route with no target is one made on purpose (`--blackhole`): it drops by design.
      if (route.targets.length === 0) continue;
      const gone: { attachmentId: TransitGatewayAttachmentId; state?: string }[] = [];
      for (const target of route.targets) {
        const a = tgw.attachment(table.transitGatewayId, target.attachmentId);
        if (a ? isGoneAttachmentState(a.state) : route.state === 'blackhole') gone.push({ attachmentId: target.attachmentId, ...(a ? { state: a.state } : {}) });
      }
      if (gone.length > 0) out.push({ where: 'transit-gateway', gateway, table, route, destination: destinationText(route), gone });
    }
  }
  return out;
}

function findStaleVpcRoutes(snapshot: Snapshot, index: TopologyIndex, tgw: TransitGatewayIndex): StaleVpcRoute[] {
  const t = snapshot.topology;
  // Cells that listed gateways but not their attachments: their VPCs' attachments are unknown.
  const attachmentsUnread = new Set<string>();
  for (const c of snapshot.coverage) if (c.unread?.some((u) => u.kind === 'transitGatewayAttachments')) attachmentsUnread.add(`${c.accountId}|${c.region}`);
  const out: StaleVpcRoute[] = [];
  for (const table of t.routeTables) {
    let isServing: boolean | undefined;
    for (const route of table.routes) {
      if (route.target.kind !== 'other' || !route.target.id.startsWith('tgw-') || route.target.id.startsWith('tgw-attach-')) continue;
      const gatewayId = route.target.id as TransitGatewayId;
      // A gateway the snapshot does not list may be in an account or region not scanned: not judged.
      const gateway = tgw.gatewayById.get(gatewayId);
      if (!gateway) continue;
      let goneAttachments: { attachmentId: TransitGatewayAttachmentId; state: string }[] = [];
      if (!GONE_GATEWAY_STATES.has(gateway.state)) {
        if (attachmentsUnread.has(`${table.accountId}|${table.region}`)) continue;
        const mine = (tgw.vpcAttachmentsByVpc.get(table.vpcId) ?? []).filter((a) => a.transitGatewayId === gatewayId);
        if (mine.some((a) => !isGoneAttachmentState(a.state))) continue;
        goneAttachments = mine.map((a) => ({ attachmentId: a.id, state: a.state }));
        // With no attachment listed at all, only AWS's own verdict (a blackhole) says it is gone.
        if (goneAttachments.length === 0 && route.state !== 'blackhole') continue;
      }
      isServing ??= table.subnetIds.length > 0 || (table.main && (index.subnetsByVpc.get(table.vpcId)?.length ?? 0) > 0);
      out.push({ where: 'vpc', gatewayId, gateway, routeTableId: table.id, vpcId: table.vpcId, accountId: table.accountId, region: table.region, route, goneAttachments, isServing });
    }
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
