/** Can a VPC be attached to a transit gateway? Every reason it cannot, in words a user acts on.
 *
 * One verdict serves the graph's drag validation (a VPC dragged over many hubs: use
 * `createAttachmentValidator`, whose per-table route lookups are built once per topology) and the
 * plan builder. The rules: the VPC and the
 * gateway are in one region; the gateway is `available`; the VPC has no live attachment to it
 * (AWS allows one per VPC per gateway); the gateway is the VPC's account's own or shared with it;
 * and the VPC's IPv4 blocks overlap no route (propagated or static) of the tables the attachment
 * would be associated with and propagate to. When the gateway's routing was not read, the overlap
 * is unknown, and the verdict says so instead of calling it possible.
 */
import { ADDRESS_BITS, type CidrRange } from '../cidr/parse-cidr';
import { isHeldBlockState } from '../cidr/vpc-blocks';
import type { AccountId, VpcId } from '../model/ids';
import type { Topology, TransitGateway, TransitGatewayAttachment, TransitGatewayId, TransitGatewayRouteTable, TransitGatewayRouteTableId, Vpc } from '../model/topology';
import { indexTopology, type TopologyIndex } from './topology-index';
import { indexTransitGateways, isGoneAttachmentState, pushTo, type TransitGatewayIndex } from './tgw-index';

/** Why a VPC cannot be attached to a gateway. */
export type AttachmentRefusalCode =
  | 'unknown-vpc'
  | 'unknown-gateway'
  | 'other-region'
  | 'gateway-not-available'
  | 'already-attached'
  | 'not-shared'
  | 'cidr-overlap'
  | 'unknown-route-table';

/** One reason, with what to do about it. */
export interface AttachmentReason {
  readonly code: AttachmentRefusalCode | 'routing-unknown';
  readonly message: string;
  readonly fix: string;
}

/** The route tables the attachment would use: association and propagation, when known. */
export interface AttachmentTables {
  /** The table it would be associated with (the gateway's default association table, or the one asked for). */
  readonly associationTableId?: TransitGatewayRouteTableId;
  /** The table it would propagate to (the default propagation table, or the one asked for). */
  readonly propagationTableId?: TransitGatewayRouteTableId;
}

/**
 * The verdict: `possible` (nothing refuses it, overlaps checked), `unknown` (nothing refuses it,
 * but the gateway's routing is unread so overlaps could not be checked: `unknown` says why), or
 * `refused` (`reasons`, first the one to fix first).
 */
export interface AttachmentVerdict {
  readonly status: 'possible' | 'unknown' | 'refused';
  readonly reasons: readonly AttachmentReason[];
  /** Set when `status` is `unknown`. */
  readonly unknown?: AttachmentReason;
  readonly tables: AttachmentTables;
  /** One line for the hub while dragging. */
  readonly summary: string;
}

/** Tables to check instead of the gateway's defaults (the plan's explicit choices). */
export interface AttachmentTableChoice {
  readonly associationTableId?: TransitGatewayRouteTableId;
  readonly propagationTableId?: TransitGatewayRouteTableId;
}

/** A validator over one topology: cheap per call (O(blocks × prefix length) per table). */
export type AttachmentValidator = (vpcId: VpcId, transitGatewayId: TransitGatewayId, choice?: AttachmentTableChoice) => AttachmentVerdict;

/** A route's range with the attachment(s) it sends to, for overlap lookups. */
interface RouteRange {
  readonly range: CidrRange;
  readonly destination: string;
  readonly type: 'static' | 'propagated';
  readonly attachmentIds: readonly string[];
}

/** One table's IPv4 and IPv6 routes: by exact prefix, and sorted by start. */
interface TableRanges {
  readonly exact: ReadonlyMap<string, readonly RouteRange[]>;
  readonly sorted: readonly RouteRange[];
}

const rangeKey = (family: string, start: bigint, prefixLength: number) => `${family}:${start}/${prefixLength}`;

function label(vpc: Pick<Vpc, 'id' | 'name'>): string {
  return vpc.name ? `${vpc.name} (${vpc.id})` : vpc.id;
}

function gatewayLabel(g: TransitGateway): string {
  return g.name ? `${g.name} (${g.id})` : g.id;
}

/** Attachments of a VPC to a gateway that still hold the VPC's place (AWS allows one per VPC per gateway). */
export function liveAttachmentOf(tgw: TransitGatewayIndex, vpcId: VpcId, transitGatewayId: TransitGatewayId): TransitGatewayAttachment | undefined {
  return (tgw.vpcAttachmentsByVpc.get(vpcId) ?? []).find((a) => a.transitGatewayId === transitGatewayId && !isGoneAttachmentState(a.state));
}

/** The IPv4 blocks a new attachment propagates (it is made without IPv6 support). */
export function propagatedBlocks(index: TopologyIndex, vpc: Vpc): CidrRange[] {
  const out: CidrRange[] = [];
  for (const b of vpc.cidrBlocks) {
    if (!isHeldBlockState(b.state) || b.family !== 'ipv4') continue;
    const r = index.rangeOf(b.cidr);
    if (r) out.push(r);
  }
  return out;
}

function buildTableRanges(index: TopologyIndex, table: TransitGatewayRouteTable): TableRanges {
  const exact = new Map<string, RouteRange[]>();
  const sorted: RouteRange[] = [];
  for (const route of table.routes) {
    if (route.destination.kind !== 'cidr') continue;
    const range = index.rangeOf(route.destination.cidr);
    if (!range) continue;
    const r: RouteRange = { range, destination: route.destination.cidr, type: route.type, attachmentIds: route.targets.map((t) => t.attachmentId) };
    pushTo(exact, rangeKey(range.family, range.start, range.prefixLength), r);
    sorted.push(r);
  }
  sorted.sort((a, b) => (a.range.family !== b.range.family ? (a.range.family === 'ipv4' ? -1 : 1) : a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : a.range.prefixLength - b.range.prefixLength));
  return { exact, sorted };
}

/** The routes of a table overlapping `block`: those holding it (one lookup per shorter prefix), then those inside it (a binary search). */
function overlapping(block: CidrRange, t: TableRanges): RouteRange[] {
  const out: RouteRange[] = [];
  const bits = ADDRESS_BITS[block.family];
  for (let p = 0; p < block.prefixLength; p++) {
    const shift = BigInt(bits - p);
    const hit = t.exact.get(rangeKey(block.family, (block.start >> shift) << shift, p));
    if (hit) out.push(...hit);
  }
  let lo = 0;
  let hi = t.sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = t.sorted[mid]!.range;
    const before = r.family !== block.family ? r.family === 'ipv4' : r.start < block.start;
    if (before) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < t.sorted.length; i++) {
    const r = t.sorted[i]!.range;
    if (r.family !== block.family || r.start > block.end) break;
    out.push(t.sorted[i]!);
  }
  return out;
}

/** The tables a new attachment would use: the asked ones, else the gateway's defaults where on. */
export function attachmentTables(g: TransitGateway, choice: AttachmentTableChoice = {}): AttachmentTables {
  const assoc = choice.associationTableId ?? (g.options.defaultRouteTableAssociation ? g.options.associationDefaultRouteTableId : undefined);
  const prop = choice.propagationTableId ?? (g.options.defaultRouteTablePropagation ? g.options.propagationDefaultRouteTableId : undefined);
  return { ...(assoc ? { associationTableId: assoc } : {}), ...(prop ? { propagationTableId: prop } : {}) };
}

/** True when `accountId` may attach to `g`: its own, or shared with it. */
function mayUse(g: TransitGateway, accountId: AccountId): boolean {
  return g.accountId === accountId || g.sharedWith.includes(accountId);
}

/** Build a validator over `topology` (lookups built once; route ranges per table on first use). */
export function createAttachmentValidator(topology: Topology): AttachmentValidator {
  const index = indexTopology(topology);
  const tgw = indexTransitGateways(topology);
  const tableById = new Map<TransitGatewayRouteTableId, TransitGatewayRouteTable>();
  for (const t of topology.transitGatewayRouteTables) tableById.set(t.id, t);
  const rangesByTable = new Map<TransitGatewayRouteTableId, TableRanges>();
  const rangesOf = (t: TransitGatewayRouteTable): TableRanges => {
    let r = rangesByTable.get(t.id);
    if (!r) rangesByTable.set(t.id, (r = buildTableRanges(index, t)));
    return r;
  };

  return (vpcId, transitGatewayId, choice = {}) => {
    const vpc = index.vpcById.get(vpcId);
    const g = tgw.gatewayById.get(transitGatewayId);
    const refused = (reasons: AttachmentReason[], tables: AttachmentTables = {}): AttachmentVerdict => ({
      status: 'refused',
      reasons,
      tables,
      summary: reasons.length === 1 ? reasons[0]!.message : `${reasons.length} problems: ${reasons.map((r) => r.message).join(' ')}`,
    });
    if (!vpc) return refused([{ code: 'unknown-vpc', message: `VPC ${vpcId} is not in the scanned topology.`, fix: 'Rescan, or pick a VPC from the diagram.' }]);
    if (!g) return refused([{ code: 'unknown-gateway', message: `Transit gateway ${transitGatewayId} is not in the scanned topology.`, fix: 'Rescan, or pick a transit gateway from the diagram.' }]);
    const reasons: AttachmentReason[] = [];
    if (vpc.region !== g.region) {
      reasons.push({
        code: 'other-region',
        message: `${label(vpc)} is in ${vpc.region} and ${gatewayLabel(g)} in ${g.region}: a VPC attaches only to a transit gateway of its own region.`,
        fix: `Attach it to a transit gateway in ${vpc.region} (peer that gateway with ${g.id} to reach ${g.region}), or peer the VPCs directly.`,
      });
    }
    if (g.state !== 'available') {
      reasons.push({
        code: 'gateway-not-available',
        message: `${gatewayLabel(g)} is ${g.state}: AWS attaches VPCs only to an available transit gateway.`,
        fix: g.state === 'pending' || g.state === 'modifying' ? 'Wait for it to become available, rescan, then try again.' : `Pick another transit gateway: ${g.id} is going away.`,
      });
    }
    const existing = liveAttachmentOf(tgw, vpc.id, g.id);
    if (existing) {
      reasons.push({
        code: 'already-attached',
        message: `${label(vpc)} is already attached to ${gatewayLabel(g)} by ${existing.id} (${existing.state}); AWS allows one attachment per VPC per transit gateway.`,
        fix:
          existing.state === 'pendingAcceptance'
            ? `Have account ${g.accountId} accept ${existing.id} instead of attaching again.`
            : `Use ${existing.id}: change its subnets, association or propagation instead of attaching again.`,
      });
    }
    if (!mayUse(g, vpc.accountId)) {
      reasons.push({
        code: 'not-shared',
        message: `${gatewayLabel(g)} belongs to account ${g.accountId} and is not shared with account ${vpc.accountId}, which owns ${label(vpc)}.`,
        fix: `Ask account ${g.accountId} to share ${g.id} with ${vpc.accountId} through AWS RAM (and accept the invitation), then rescan.`,
      });
    }
    const tables = attachmentTables(g, choice);
    for (const [which, id] of [
      ['association', choice.associationTableId],
      ['propagation', choice.propagationTableId],
    ] as const) {
      if (!id) continue;
      const t = tableById.get(id);
      if (!t || t.transitGatewayId !== g.id) {
        reasons.push({
          code: 'unknown-route-table',
          message: `${id}, chosen for the ${which}, is not a route table of ${gatewayLabel(g)} in the scan.`,
          fix: `Pick one of ${(tgw.routeTablesByGateway.get(g.id) ?? []).map((x) => x.id).join(', ') || 'its route tables (rescan with its owner\'s profile to list them)'}.`,
        });
      }
    }
    if (reasons.length > 0) return refused(reasons, tables);

    // The overlap: the tables the attachment would use, when the snapshot read them.
    if (g.routing.state !== 'read') {
      const unknown: AttachmentReason = {
        code: 'routing-unknown',
        message: `${gatewayLabel(g)}'s route tables were not read (${g.routing.reason === 'owner-not-scanned' ? `account ${g.accountId}, its owner, was not scanned in ${g.region}` : 'reading them failed'}), so whether ${label(vpc)}'s blocks overlap a route there is unknown.`,
        fix: `Scan account ${g.accountId} in ${g.region} with a profile of that account to check; AWS leaves out a propagated block that overlaps one already there.`,
      };
      return { status: 'unknown', reasons: [], unknown, tables, summary: `Attaching is allowed; overlaps unknown: ${unknown.message}` };
    }
    const blocks = propagatedBlocks(index, vpc);
    const checked = new Set<TransitGatewayRouteTableId>();
    for (const [which, id] of [
      ['associated with', tables.associationTableId],
      ['propagating to', tables.propagationTableId],
    ] as const) {
      if (!id || checked.has(id)) continue;
      checked.add(id);
      const t = tableById.get(id);
      if (!t) continue;
      const ranges = rangesOf(t);
      for (const block of blocks) {
        const hits = overlapping(block, ranges);
        if (hits.length === 0) continue;
        const words = hits
          .slice(0, 3)
          .map((h) => {
            const other = h.attachmentIds.map((a) => tgw.attachment(g.id, a as TransitGatewayAttachment['id'])?.vpc?.vpcId ?? a).join(', ');
            return `${h.destination} (${h.type}${other ? ` to ${other}` : ', blackhole'})`;
          })
          .join(', ');
        reasons.push({
          code: 'cidr-overlap',
          message: `${block.cidr} of ${label(vpc)} overlaps ${words} in ${t.id}, the table it would be ${which}${hits.length > 3 ? ` (and ${hits.length - 3} more)` : ''}.`,
          fix: `Renumber the VPC, or associate and propagate it with another route table of ${g.id} that does not route ${block.cidr}.`,
        });
      }
    }
    if (reasons.length > 0) return refused(reasons, tables);
    if (!tablesComplete(tables, tableById)) {
      const unknown: AttachmentReason = {
        code: 'routing-unknown',
        message: `Some routes of ${[tables.associationTableId, tables.propagationTableId].filter(Boolean).join(' / ')} were not read (AWS cut the search short), so an overlap there is unknown.`,
        fix: `Rescan account ${g.accountId} in ${g.region}; or check the table's routes in the console.`,
      };
      return { status: 'unknown', reasons: [], unknown, tables, summary: `Attaching is allowed; overlaps unknown: ${unknown.message}` };
    }
    return { status: 'possible', reasons: [], tables, summary: `${label(vpc)} can attach to ${gatewayLabel(g)}.` };
  };
}

function tablesComplete(tables: AttachmentTables, byId: ReadonlyMap<TransitGatewayRouteTableId, TransitGatewayRouteTable>): boolean {
  return [tables.associationTableId, tables.propagationTableId].every((id) => !id || byId.get(id)?.routesComplete !== false);
}

const validators = new WeakMap<Topology, AttachmentValidator>();

/** One verdict (the validator is cached per topology object). */
export function validateAttachment(topology: Topology, vpcId: VpcId, transitGatewayId: TransitGatewayId, choice?: AttachmentTableChoice): AttachmentVerdict {
  let v = validators.get(topology);
  if (!v) validators.set(topology, (v = createAttachmentValidator(topology)));
  return v(vpcId, transitGatewayId, choice);
}
