/** The transit gateway findings about routes (`tgw-findings.ts` runs them): VPC blocks a route
 * table leaves out because they overlap a block already propagated there, and routes (in
 * transit gateway tables and in VPC tables) to attachments or gateways that are gone. */
import type { CidrRange } from '../cidr/parse-cidr';
import { ADDRESS_BITS } from '../cidr/parse-cidr';
import { isHeldBlockState } from '../cidr/vpc-blocks';
import type { AccountId, RouteTableId, VpcId } from '../model/ids';
import type { Snapshot } from '../model/snapshot';
import type { Route, Topology, TransitGateway, TransitGatewayAttachment, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRoute, TransitGatewayRouteTable } from '../model/topology';
import type { TransitGatewayIndex } from './tgw-index';
import { GONE_GATEWAY_STATES, isGoneAttachmentState, isRead, pushTo } from './tgw-index';
import type { TopologyIndex } from './topology-index';

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

/** The VPC blocks each read, complete route table leaves out because a propagated block overlaps them. */
export function findUnpropagated(t: Topology, index: TopologyIndex, tgw: TransitGatewayIndex): UnpropagatedBlock[] {
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

/** Routes of read gateways' tables whose target attachment is gone (a blackhole AWS left, or a listed deleted attachment). */
export function findStaleGatewayRoutes(t: Topology, tgw: TransitGatewayIndex): StaleGatewayRoute[] {
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

/** VPC routes to a listed gateway that is gone, or that the VPC's attachment to is gone. */
export function findStaleVpcRoutes(snapshot: Snapshot, index: TopologyIndex, tgw: TransitGatewayIndex): StaleVpcRoute[] {
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
