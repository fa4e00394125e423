/** The route hop of a reachability question when a transit gateway carries it (or should): verdicts on traces through gateways.
 *
 * A table's route hop passes when the walk of each destination block from the first subnet it
 * serves (`shared/forwarding/trace.ts`) is delivered in the other VPC, through the gateway or
 * over the peering its routes choose; it fails at the first hop that stops it (the VPC route,
 * the attachment, its zone, its association, the gateway table's route, a gateway peering), with
 * the fix for that hop (`tgw-words.ts`), and is `unknown` where a gateway's routing was not read.
 */
import { isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import { singleFate } from '../forwarding/forward';
import type { Trace, TraceHop } from '../forwarding/trace';
import { tgwRouteDestination } from '../forwarding/tgw-table';
import type { SubnetId, VpcId } from '../model/ids';
import type { RouteTable, Topology, TransitGatewayAttachment, TransitGatewayAttachmentId, TransitGatewayId } from '../model/topology';
import { decisionWords, tgwDecisionWords } from '../words/trace-words';
import type { ReachabilityCheck } from './reachability-types';
import type { GatewayFailure, GatewayFailureReason } from './tgw-words';
import { gatewayFailureWords, gatewayFixWords } from './tgw-words';
import type { TgwLookup } from './tgw-lookup';
import { tgwLookupOf } from './tgw-lookup';
import type { TopologyIndex } from './topology-index';
import { cliPlaceOf, labelRouteTable } from './topology-index';
import { gatewaysJoining } from './vpc-reach';

/** Lifecycle states of a VPC attachment on its way to carrying traffic (not `available` yet, not gone). */
const WAITING_STATES = new Set(['pendingAcceptance', 'pending', 'initiating', 'initiatingRequest', 'modifying']);

/**
 * `from`'s attachments that would join it to `to` through transit gateways once available: to a
 * gateway whose set of peered gateways `to` has an available attachment in, and still waiting
 * (pending acceptance, pending, modifying). Empty when an available attachment already joins them.
 */
export function waitingAttachments(topology: Topology, from: VpcId, to: VpcId): TransitGatewayAttachment[] {
  const tgw = tgwLookupOf(topology);
  const theirs = tgw.vpcClusters.get(to);
  if (!theirs) return [];
  const joins = (a: TransitGatewayAttachment) => theirs.has(tgw.cluster.get(a.transitGatewayId) ?? -1);
  const mine = (tgw.vpcAttachmentsByVpc.get(from) ?? []).filter(joins);
  if (mine.some((a) => a.state === 'available')) return [];
  return mine.filter((a) => WAITING_STATES.has(a.state));
}

/** True when a trace's first table sends it to a transit gateway the snapshot holds (it then walks through the gateway). */
export function viaGateway(trace: Trace): boolean {
  return trace.hops.some((h) => h.kind === 'tgw-attachment') || (trace.end.kind === 'dropped' && trace.end.reason === 'no-attachment');
}

/** What one table's gateway route hop is about. */
export interface GatewayHopInput {
  readonly topology: Topology;
  readonly index: TopologyIndex;
  readonly kind: 'source-route' | 'return-route';
  readonly table: RouteTable;
  readonly subnets: readonly SubnetId[];
  readonly traces: readonly Trace[];
  /** The other side's blocks, one fix routes a whole block. */
  readonly towardsBlocks: readonly CidrRange[];
  readonly fromVpcId: VpcId;
  readonly toVpcId: VpcId;
}

function direction(kind: GatewayHopInput['kind']): string {
  return kind === 'source-route' ? 'to the destination' : 'back to the source';
}

type Judged = 'ok' | 'unknown' | 'fail';

function judge(trace: Trace, toVpcId: VpcId): Judged {
  if (trace.end.kind === 'delivered' && trace.end.vpcId === toVpcId) return trace.uncertain ? 'unknown' : 'ok';
  return trace.end.kind === 'unknown' ? 'unknown' : 'fail';
}

/** The route hop of one table, judged on its traces through gateways (or towards the gateway that should carry them). */
export function gatewayRouteCheck(input: GatewayHopInput): ReachabilityCheck {
  const { table, subnets, traces, kind } = input;
  const judged = traces.map((t) => judge(t, input.toVpcId));
  const status = judged.includes('fail') ? 'fail' : judged.includes('unknown') ? 'unknown' : 'pass';
  const where = `${labelRouteTable(table)}${table.main ? ' (main)' : ''}, serving ${subnets.length === 1 ? subnets[0] : `${subnets.length} subnets`}`;
  const gateways = [...new Set(traces.flatMap((t) => t.hops.flatMap((h) => (h.kind === 'tgw-table' ? [h.transitGatewayId] : []))))];
  const resourceIds = [table.id, ...gateways];
  if (status === 'pass') {
    return { kind, status, resourceIds, message: `${where}, routes ${direction(kind)} ${waysWords(traces)}: ${summary(traces[0]!)}.`, traces };
  }
  const at = judged.indexOf(status === 'fail' ? 'fail' : 'unknown');
  const trace = traces[at]!;
  const failure = failureOf(input, trace);
  const fix = gatewayFixWords(failure);
  return {
    kind,
    status,
    resourceIds: [...resourceIds, ...subnets, ...(failure.attachmentId ? [failure.attachmentId] : []), ...(failure.tgwRouteTableId ? [failure.tgwRouteTableId] : [])],
    message: `${where}, ${status === 'fail' ? 'does not route' : 'may route'} ${direction(kind)} through ${failure.transitGatewayId}: ${gatewayFailureWords(failure)}.`,
    ...(fix ? { fix } : {}),
    ...(status === 'fail'
      ? {
          blockedBy: {
            kind: 'transit-gateway' as const,
            reason: failure.reason,
            transitGatewayId: failure.transitGatewayId,
            routeTableId: failure.tgwRouteTableId ?? table.id,
            ...(failure.attachmentId ? { attachmentId: failure.attachmentId } : {}),
            destination: trace.destination,
          },
        }
      : {}),
    traces,
  };
}

/** `through tgw-1`, `over the peering`, or both when the tables split. */
function waysWords(traces: readonly Trace[]): string {
  const gateways = [...new Set(traces.flatMap((t) => t.hops.flatMap((h) => (h.kind === 'tgw-table' ? [h.transitGatewayId] : []))))];
  const peerings = [...new Set(traces.flatMap((t) => t.hops.flatMap((h) => (h.kind === 'peering' ? [h.peeringId] : []))))];
  return [...(gateways.length > 0 ? [`through ${gateways.join(' and ')}`] : []), ...(peerings.length > 0 ? [`over ${peerings.join(' and ')}`] : [])].join(' and ');
}

/** The deciding route at each table of a trace: `10.0.0.0/8 → tgw-1 (transit gateway); tgw-rtb-1: 10.2.0.0/16 → tgw-attach-c (propagated)`. */
function summary(trace: Trace): string {
  const parts: string[] = [];
  let firstVpc = true;
  for (const hop of trace.hops) {
    if (hop.kind === 'decision' && firstVpc) {
      parts.push(decisionWords(hop.forwarding));
      firstVpc = false;
    } else if (hop.kind === 'tgw-decision') {
      parts.push(`${hop.routeTableId}: ${tgwDecisionWords(hop.forwarding)}`);
    }
  }
  return parts.join('; ');
}

function lastHop<K extends TraceHop['kind']>(trace: Trace, kind: K): Extract<TraceHop, { kind: K }> | undefined {
  for (let i = trace.hops.length - 1; i >= 0; i--) {
    const hop = trace.hops[i]!;
    if (hop.kind === kind) return hop as Extract<TraceHop, { kind: K }>;
  }
  return undefined;
}

/** The gateway hop that stops a trace, as data. */
function failureOf(input: GatewayHopInput, trace: Trace): GatewayFailure {
  const { topology, table, fromVpcId, toVpcId } = input;
  const tgw = tgwLookupOf(topology);
  const entered = trace.hops.some((h) => h.kind === 'tgw-attachment');
  const first = trace.hops.find((h) => h.kind === 'decision');
  const fate = first?.kind === 'decision' ? singleFate(first.forwarding) : undefined;
  const routedTo = fate?.target.kind === 'transit-gateway' ? (fate.target.id as TransitGatewayId) : undefined;
  const decision = lastHop(trace, 'tgw-decision');
  const attachment = lastHop(trace, 'tgw-attachment');
  const peering = lastHop(trace, 'tgw-peering');
  const gatewayId: TransitGatewayId = decision?.transitGatewayId ?? attachment?.transitGatewayId ?? routedTo ?? gatewaysJoining(topology, fromVpcId, toVpcId)[0] ?? waitingAttachments(topology, fromVpcId, toVpcId)[0]?.transitGatewayId ?? waitingAttachments(topology, toVpcId, fromVpcId)[0]?.transitGatewayId ?? ('tgw-unknown' as TransitGatewayId);
  const gateway = tgw.gatewayById.get(gatewayId);
  const range = input.towardsBlocks.find((b) => isWithinText(input, trace.destination, b));
  const block = range?.cidr ?? trace.destination;
  const end = trace.end;
  let reason: GatewayFailureReason;
  if (end.kind === 'dropped') reason = entered || end.reason === 'no-attachment' ? end.reason : 'not-to-gateway';
  else if (end.kind === 'exits') reason = entered ? 'exits' : 'not-to-gateway';
  else if (end.kind === 'delivered') reason = entered ? 'wrong-vpc' : 'not-to-gateway';
  else if (end.kind === 'split') reason = 'split';
  else reason = end.missing === 'tgw-routing' ? 'routing-unknown' : 'not-in-snapshot';
  const atPeering = reason === 'tgw-peering-not-available' && peering;
  const failure: GatewayFailure = {
    reason,
    transitGatewayId: gatewayId,
    region: gateway?.region ?? '',
    ownerAccountId: gateway?.accountId ?? '',
    vpcRouteTableId: table.id,
    vpcId: fromVpcId,
    block,
    ...(atPeering ? { attachmentId: peering.attachmentId, attachmentState: peering.state } : attachment ? { attachmentId: attachment.attachmentId, attachmentState: attachment.state } : {}),
    ...(decision ? { tgwRouteTableId: decision.routeTableId } : {}),
    ...(decision?.forwarding.parts[0] ? { routeDestination: tgwRouteDestination(decision.forwarding.parts[0].route) } : {}),
    ...(end.kind === 'unknown' && end.missing === 'tgw-routing' && end.reason ? { routingUnknown: end.reason } : {}),
  };
  const towards = towardsOf(tgw, gatewayId, toVpcId);
  const associateWith = gateway?.options.associationDefaultRouteTableId ?? topology.transitGatewayRouteTables.find((t) => t.transitGatewayId === gatewayId)?.id;
  const firstHop = trace.hops[0];
  const sourceSubnet = firstHop?.kind === 'subnet' ? firstHop.subnetId : undefined;
  const subnetIds = reason === 'no-attachment' ? onePerZone(input.index, fromVpcId) : sourceSubnet ? [sourceSubnet] : [];
  const places = fixPlaces(input.index, topology, failure, table);
  return { ...failure, places, ...(towards ? { towards } : {}), ...(associateWith ? { associateWith } : {}), ...(subnetIds.length > 0 ? { subnetIds } : {}) };
}

/** Where the failure's fixes run: the gateway owner's profile, the VPC table's account, and a gateway peering's accepter. */
export function fixPlaces(index: TopologyIndex, topology: Topology, f: GatewayFailure, table?: Pick<RouteTable, 'accountId' | 'region'>): NonNullable<GatewayFailure['places']> {
  const vpc = index.vpcById.get(f.vpcId);
  const vpcAccount = table?.accountId ?? vpc?.accountId ?? '';
  const vpcRegion = table?.region ?? vpc?.region ?? f.region;
  const peering = f.reason === 'tgw-peering-not-available' && f.attachmentId ? topology.transitGatewayPeerings.find((p) => p.id === f.attachmentId) : undefined;
  return {
    owner: cliPlaceOf(index, f.ownerAccountId, f.region),
    vpc: cliPlaceOf(index, vpcAccount, vpcRegion),
    ...(peering ? { accepter: cliPlaceOf(index, peering.accepter.accountId, peering.accepter.region) } : {}),
  };
}

function isWithinText(input: GatewayHopInput, cidr: string, block: CidrRange): boolean {
  const range = input.index.rangeOf(cidr);
  return range !== null && isWithin(range, block);
}

/** The attachment a route of `gatewayId` should name to reach `vpcId`: its VPC attachment there, else a peering attachment towards a gateway it is attached to. */
function towardsOf(tgw: TgwLookup, gatewayId: TransitGatewayId, vpcId: VpcId): { attachmentId: TransitGatewayAttachmentId; resourceType: string } | undefined {
  const own = tgw.vpcAttachment(gatewayId, vpcId);
  if (own) return { attachmentId: own.id, resourceType: 'vpc' };
  const theirs = new Set((tgw.vpcAttachmentsByVpc.get(vpcId) ?? []).map((a) => a.transitGatewayId));
  const peerings = (tgw.attachmentsByGateway.get(gatewayId) ?? []).filter((a) => a.resourceType === 'peering' || a.resourceType === 'tgw-peering');
  const towards = peerings.find((a) => theirs.has(a.resourceId as TransitGatewayId)) ?? peerings[0];
  return towards ? { attachmentId: towards.id, resourceType: towards.resourceType } : undefined;
}

/** One subnet of the VPC per Availability Zone, for a new attachment. */
function onePerZone(index: TopologyIndex, vpcId: VpcId): SubnetId[] {
  const byZone = new Map<string, SubnetId>();
  for (const s of index.subnetsByVpc.get(vpcId) ?? []) if (!byZone.has(s.availabilityZone)) byZone.set(s.availabilityZone, s.id);
  return [...byZone.values()];
}
